// The episode page's player: a keyboard control bar over the native <audio>, chapter and
// sentence seeking, the spoken sentence marked with aria-current, optional follow-along.
// Without this script the page still has the native controls, the text and the chapter links.
(function () {
  "use strict";
  var audio = document.getElementById("audio");
  var main = document.getElementById("main");
  if (!audio || !main) return;
  var key = "audio-article:" + (main.getAttribute("data-episode") || location.pathname);
  var $ = function (id) { return document.getElementById(id); };
  var play = $("play"), seek = $("seek"), speed = $("speed"), elapsed = $("elapsed");
  var follow = $("follow"), shortcuts = $("shortcuts"), bar = $("player"), text = $("transcript-text");
  var sentences = Array.prototype.slice.call(text.querySelectorAll("span[data-start]"));
  var chapters = Array.prototype.slice.call(document.querySelectorAll("a.chapter")).map(asButton);
  var starts = sentences.map(function (s) { return parseFloat(s.getAttribute("data-start")); });
  var chapterStarts = chapters.map(function (c) { return parseFloat(c.getAttribute("data-start")); });
  var current = null, currentChapter = null, lastSaved = 0, lastSecond = -1;
  var reduced = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;

  // A chapter link (a media fragment, for pages without script) becomes a real button in its
  // place: same label, same Tab stop; it seeks like a transcript sentence and keeps play or pause.
  function asButton(link) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = link.className;
    button.setAttribute("data-start", link.getAttribute("data-start"));
    while (link.firstChild) button.appendChild(link.firstChild);
    link.parentNode.replaceChild(button, link);
    return button;
  }
  function store(name, value) { try { localStorage.setItem(key + ":" + name, value); } catch (e) { /* private mode */ } }
  function stored(name) { try { return localStorage.getItem(key + ":" + name); } catch (e) { return null; } }

  function words(total) {
    total = Math.max(0, Math.round(total));
    var h = Math.floor(total / 3600), m = Math.floor(total % 3600 / 60), s = total % 60, out = [];
    [[h, "hour"], [m, "minute"], [s, "second"]].forEach(function (p) {
      if (p[0]) out.push(p[0] + " " + p[1] + (p[0] === 1 ? "" : "s"));
    });
    return out.join(" ") || "0 seconds";
  }
  function clock(total) {
    total = Math.max(0, Math.floor(total));
    var h = Math.floor(total / 3600), m = Math.floor(total % 3600 / 60), s = total % 60;
    var mm = h ? String(m).padStart(2, "0") : String(m);
    return (h ? h + ":" : "") + mm + ":" + String(s).padStart(2, "0");
  }
  function duration() { return isFinite(audio.duration) && audio.duration > 0 ? audio.duration : parseFloat(seek.max); }
  // The last start at or before t: binary search over ascending starts.
  function lastAtOrBefore(list, t) {
    var lo = 0, hi = list.length - 1, found = -1;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (list[mid] <= t + 0.0005) { found = mid; lo = mid + 1; } else { hi = mid - 1; }
    }
    return found;
  }
  function setCurrent(el, old, scroll) {
    if (old === el) return el;
    if (old) old.removeAttribute("aria-current");
    if (el) el.setAttribute("aria-current", "true");
    if (el && scroll) followTo(el);
    return el;
  }
  function followTo(el) {
    if (!follow.checked || text.contains(document.activeElement)) return; // never pull focus or the reader away
    var r = el.getBoundingClientRect(), top = bar.getBoundingClientRect().bottom;
    if (text.scrollHeight > text.clientHeight + 1) { // the embed's own scroll box: never scroll the host page
      var box = text.getBoundingClientRect();
      if (r.top < box.top || r.bottom > box.bottom) text.scrollTop += r.top - box.top - box.height / 3;
      return;
    }
    if (r.top < top || r.bottom > window.innerHeight) {
      el.scrollIntoView({ block: "center", behavior: reduced ? "auto" : "smooth" });
    }
  }
  function update() {
    var t = audio.currentTime, d = duration();
    var second = Math.floor(t);
    if (second !== lastSecond) {
      lastSecond = second;
      if (document.activeElement !== seek || audio.paused) seek.value = String(second);
      seek.max = String(Math.round(d));
      seek.setAttribute("aria-valuetext", words(t) + " of " + words(d));
      elapsed.textContent = clock(t);
    }
    var i = lastAtOrBefore(starts, t);
    current = setCurrent(i >= 0 ? sentences[i] : null, current, !audio.paused);
    var c = lastAtOrBefore(chapterStarts, t);
    currentChapter = setCurrent(c >= 0 ? chapters[c] : null, currentChapter, false);
    if (Math.abs(t - lastSaved) >= 5 || audio.paused) { store("position", t.toFixed(1)); lastSaved = t; }
  }
  function seekTo(t) {
    audio.currentTime = Math.min(Math.max(0, t), duration());
    lastSecond = -1;
    update();
  }
  function toggle() { if (audio.paused) { audio.play().catch(function () {}); } else { audio.pause(); } }
  function syncPlay() { play.textContent = audio.paused ? "Play" : "Pause"; }

  bar.classList.add("enhanced");
  audio.removeAttribute("controls");
  $("controls").hidden = false;
  $("transcript-hint").hidden = false;
  text.classList.add("interactive");

  play.addEventListener("click", toggle);
  Array.prototype.forEach.call(document.querySelectorAll("button[data-skip]"), function (b) {
    b.addEventListener("click", function () { seekTo(audio.currentTime + parseFloat(b.getAttribute("data-skip"))); });
  });
  seek.addEventListener("input", function () { seekTo(parseFloat(seek.value)); });
  // Arrows step 5 s, Page Up/Down 30 s, Home/End the ends: no dragging needed.
  seek.addEventListener("keydown", function (e) {
    var steps = { ArrowRight: 5, ArrowUp: 5, ArrowLeft: -5, ArrowDown: -5, PageUp: 30, PageDown: -30 };
    if (e.key in steps) seekTo(audio.currentTime + steps[e.key]);
    else if (e.key === "Home") seekTo(0);
    else if (e.key === "End") seekTo(duration());
    else return;
    seek.value = String(Math.floor(audio.currentTime));
    e.preventDefault();
  });
  speed.addEventListener("change", function () { audio.playbackRate = parseFloat(speed.value); store("speed", speed.value); });
  chapters.forEach(function (c, i) {
    c.addEventListener("click", function () { seekTo(chapterStarts[i]); });
  });
  // The transcript is one Tab stop; arrow keys move between sentences (a roving tabindex).
  sentences.forEach(function (s, i) {
    s.tabIndex = i === 0 ? 0 : -1;
    s.addEventListener("click", function () { seekTo(starts[i]); });
  });
  text.addEventListener("keydown", function (e) {
    var i = sentences.indexOf(document.activeElement);
    if (i < 0) return;
    var to = { ArrowDown: i + 1, ArrowRight: i + 1, ArrowUp: i - 1, ArrowLeft: i - 1, Home: 0, End: sentences.length - 1 }[e.key];
    if (e.key === "Enter" || e.key === " ") { seekTo(starts[i]); e.preventDefault(); return; }
    if (to === undefined) return;
    to = Math.min(Math.max(0, to), sentences.length - 1);
    sentences[i].tabIndex = -1;
    sentences[to].tabIndex = 0;
    sentences[to].focus();
    e.preventDefault();
  });
  // Single-key shortcuts, off with one checkbox (WCAG 2.1.4); never while typing or in a control.
  shortcuts.checked = stored("shortcuts") !== "off";
  shortcuts.addEventListener("change", function () { store("shortcuts", shortcuts.checked ? "on" : "off"); });
  follow.checked = stored("follow") !== "off";
  follow.addEventListener("change", function () { store("follow", follow.checked ? "on" : "off"); });
  document.addEventListener("keydown", function (e) {
    if (!shortcuts.checked || e.ctrlKey || e.metaKey || e.altKey) return;
    var tag = (e.target.tagName || "").toLowerCase();
    if (tag === "input" || tag === "select" || tag === "textarea") return;
    var k = e.key.toLowerCase();
    if (k === "k") toggle(); else if (k === "j") seekTo(audio.currentTime - 15); else if (k === "l") seekTo(audio.currentTime + 30); else return;
    e.preventDefault();
  });
  // Keep a focused element clear of the sticky player bar (WCAG 2.4.11).
  function barHeight() { document.documentElement.style.setProperty("--bar-height", (bar.offsetHeight + 8) + "px"); }
  document.addEventListener("focusin", function (e) {
    if (bar.contains(e.target)) return;
    var r = e.target.getBoundingClientRect(), top = bar.getBoundingClientRect().bottom;
    if (r.top < top) window.scrollBy(0, r.top - top - 8);
  });
  window.addEventListener("resize", barHeight);
  barHeight();

  audio.addEventListener("timeupdate", update);
  audio.addEventListener("seeked", update);
  audio.addEventListener("play", syncPlay);
  audio.addEventListener("pause", function () { syncPlay(); update(); });
  audio.addEventListener("ratechange", function () { speed.value = String(audio.playbackRate); });
  audio.addEventListener("loadedmetadata", function () {
    var saved = parseFloat(stored("position"));
    if (saved > 0 && saved < duration() - 5 && audio.currentTime === 0) seekTo(saved);
    var rate = stored("speed");
    if (rate) { audio.playbackRate = parseFloat(rate); speed.value = rate; }
    lastSecond = -1;
    update();
  });
  if (audio.readyState >= 1) audio.dispatchEvent(new Event("loadedmetadata"));
})();
