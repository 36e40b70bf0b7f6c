// The show index: a button that copies the feed URL (the field stays selectable without script).
(function () {
  "use strict";
  var field = document.getElementById("feed-url"), button = document.getElementById("copy");
  var status = document.getElementById("copied");
  if (!field || !button) return;
  button.hidden = false;
  button.addEventListener("click", function () {
    var done = function () { status.textContent = "Copied the feed URL"; };
    field.select();
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(field.value).then(done, function () { status.textContent = "Press Ctrl+C to copy"; });
    } else {
      try { document.execCommand("copy"); done(); } catch (e) { status.textContent = "Press Ctrl+C to copy"; }
    }
  });
})();
