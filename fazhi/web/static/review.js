/* The review page: clicking a finding, a required content, a score item or a figure marks
   its span in the text and scrolls to it. The text's markup is built on the server, with
   every piece escaped; this script only adds and removes classes on existing elements
   (it never writes markup), so a report's text can never become code here. */
(function () {
  "use strict";
  var text = document.getElementById("text");
  if (!text) { return; }

  function clear() {
    var on = text.querySelectorAll(".active");
    for (var i = 0; i < on.length; i++) {
      on[i].classList.remove("active", "active-f", "active-g", "active-c", "active-e");
    }
    var sel = document.querySelectorAll(".selected");
    for (var j = 0; j < sel.length; j++) { sel[j].classList.remove("selected"); }
  }

  function activate(kind, key, item) {
    clear();
    if (!/^[fgce]$/.test(kind)) { return 0; }
    var els = text.querySelectorAll("[data-" + kind + "~=\"" + CSS.escape(key) + "\"]");
    for (var i = 0; i < els.length; i++) { els[i].classList.add("active", "active-" + kind); }
    if (item) { item.classList.add("selected"); }
    if (els.length) { els[0].scrollIntoView({block: "center"}); }
    return els.length;
  }

  document.addEventListener("click", function (ev) {
    var t = ev.target.closest ? ev.target.closest(".goto") : null;
    if (!t || t.disabled) { return; }
    ev.preventDefault();
    var item = t.closest("li");
    activate(t.getAttribute("data-kind"), t.getAttribute("data-key"), item);
    if (t.getAttribute("data-kind") === "f" && window.history.replaceState) {
      window.history.replaceState(null, "", "#finding-" + t.getAttribute("data-key"));
    }
  });

  // A link or a reload with #finding-N (after a decision) marks that finding again.
  var m = /^#finding-(\d+)$/.exec(window.location.hash);
  if (m) {
    var li = document.getElementById("finding-" + m[1]);
    activate("f", m[1], li);
    if (li) { li.scrollIntoView({block: "nearest"}); }
  }
})();
