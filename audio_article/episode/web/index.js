// The show index: a button that copies the feed URL (the field stays selectable without script).
(function () {
  "use strict";
  var field = document.getElementById("feed-url"), button = document.getElementById("copy");
  var status = document.getElementById("copied");
  if (!field || !button) return;
  button.hidden = false;
  button.addEventListener("click", function () {
    var settled = false;
    var report = function (text) { if (!settled) { settled = true; status.textContent = text; } };
    var done = function () { report("Copied the feed URL"); };
    // A clipboard that never answers (a permission prompt nobody sees) still gets a word.
    setTimeout(function () { report("Press Ctrl+C to copy"); }, 1500);
    field.select();
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(field.value).then(done, function () { report("Press Ctrl+C to copy"); });
    } else {
      try { document.execCommand("copy"); done(); } catch (e) { report("Press Ctrl+C to copy"); }
    }
  });
})();
