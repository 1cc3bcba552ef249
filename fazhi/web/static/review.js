/* The review page.
   - Clicking a finding, a required content, a score item or a figure marks its span in the
     text and scrolls to it; clicking a marked passage in the text opens its finding.
   - Keyboard: j / k next / previous finding, c confirm, d dismiss, u undo the decision; the
     decision is sent with fetch to the API and the page updates in place (no reload).
   - Selecting text fills the 批注 form with the selection's offsets in the record's text.
   The text's markup is built on the server, with every piece escaped; this script only adds
   and removes classes and sets textContent (it never writes markup), so a report's text can
   never become code here. */
(function () {
  "use strict";
  var text = document.getElementById("text");
  if (!text) { return; }
  var meta = document.querySelector("meta[name=csrf-token]");
  var csrf = meta ? meta.getAttribute("content") : "";
  var bar = document.getElementById("review-state");
  var sha = bar ? bar.getAttribute("data-sha") : "";
  var items = Array.prototype.slice.call(document.querySelectorAll("li.finding"));
  var DECISION_ZH = {confirmed: "确认", dismissed: "排除"};

  function clear() {
    var on = text.querySelectorAll(".active");
    for (var i = 0; i < on.length; i++) {
      on[i].classList.remove("active", "active-f", "active-g", "active-c", "active-e");
    }
    var sel = document.querySelectorAll(".selected");
    for (var j = 0; j < sel.length; j++) { sel[j].classList.remove("selected"); }
  }

  function activate(kind, key, item, scrollText) {
    clear();
    if (!/^[fgce]$/.test(kind)) { return 0; }
    var els = text.querySelectorAll("[data-" + kind + "~=\"" + CSS.escape(key) + "\"]");
    for (var i = 0; i < els.length; i++) { els[i].classList.add("active", "active-" + kind); }
    if (item) { item.classList.add("selected"); }
    if (els.length && scrollText !== false) { els[0].scrollIntoView({block: "center"}); }
    return els.length;
  }

  function selectFinding(li, scrollText) {
    if (!li) { return; }
    var key = li.getAttribute("data-idx");
    activate("f", key, li, scrollText);
    li.scrollIntoView({block: "nearest"});
    li.focus({preventScroll: true});
    if (window.history.replaceState) { window.history.replaceState(null, "", "#finding-" + key); }
  }

  document.addEventListener("click", function (ev) {
    var t = ev.target.closest ? ev.target.closest(".goto") : null;
    if (!t || t.disabled) { return; }
    ev.preventDefault();
    var item = t.closest("li");
    if (t.getAttribute("data-kind") === "f") { selectFinding(item); return; }
    activate(t.getAttribute("data-kind"), t.getAttribute("data-key"), item);
  });

  // A click on a marked passage opens its finding (unless the reviewer is selecting text).
  text.addEventListener("click", function (ev) {
    var s = window.getSelection();
    if (s && !s.isCollapsed) { return; }
    var m = ev.target.closest ? ev.target.closest("[data-f]") : null;
    if (!m) { return; }
    var keys = m.getAttribute("data-f").split(" ");
    var cur = document.querySelector("li.finding.selected");
    var at = cur ? keys.indexOf(cur.getAttribute("data-idx")) : -1;
    var li = document.getElementById("finding-" + keys[(at + 1) % keys.length]);
    selectFinding(li, false);
  });

  // -- decisions without reloading -------------------------------------------------------
  function cnTime(iso) {
    if (!iso) { return ""; }
    var d = new Date(iso.replace(" ", "T") + (/[zZ]|[+-]\d\d:?\d\d$/.test(iso) ? "" : "Z"));
    if (isNaN(d.getTime())) { return ""; }
    d = new Date(d.getTime() + 8 * 3600 * 1000);  // China Standard Time, as the server writes it
    var mm = d.getUTCMinutes();
    return d.getUTCFullYear() + "年" + (d.getUTCMonth() + 1) + "月" + d.getUTCDate() + "日 " +
      ("0" + d.getUTCHours()).slice(-2) + ":" + ("0" + mm).slice(-2);
  }

  function status(li, message) {
    var p = li.querySelector(".js-error");
    if (!p) {
      p = document.createElement("p");
      p.className = "alert js-error";
      li.appendChild(p);
    }
    p.textContent = message;
    p.hidden = !message;
  }

  function showReview(rv) {
    if (!rv) { return; }
    var prog = document.getElementById("progress");
    if (prog) { prog.textContent = rv.handled + "/" + rv.total; }
    var label = document.getElementById("state-label");
    if (label && rv.state_zh) {
      label.textContent = rv.state_zh;
      label.className = "rstate rstate-" + rv.state;
    }
  }

  function showDecision(li, f) {
    li.classList.remove("decided-confirmed", "decided-dismissed");
    var p = li.querySelector("p.decision");
    var reopen = li.querySelector("button.reopen");
    var d = f.decision;
    if (d) {
      li.classList.add("decided-" + d.decision);
      p.textContent = "已" + DECISION_ZH[d.decision] + "（" + (d.user || "") + "，" + cnTime(d.decided_at) + "）" +
        (d.comment ? "：" + d.comment : "");
    } else {
      p.textContent = "";
    }
    p.hidden = !d;
    if (reopen) { reopen.hidden = !d; }
  }

  function send(li, action) {
    var form = li.querySelector("form.decide");
    if (!form || !form.querySelector("input[name=check]") || !sha) { return; }
    var field = function (n) { return form.querySelector("[name=" + n + "]").value; };
    var num = function (v) { return v === "" ? null : parseInt(v, 10); };
    var body = {check: field("check"), start: num(field("start")), end: num(field("end")), message: field("message")};
    var url = "/api/reports/" + sha + "/reopen";
    if (action !== "reopen") {
      body.decision = action;
      body.comment = field("comment");
      url = "/api/reports/" + sha + "/decisions";
    }
    li.classList.add("busy");
    fetch(url, {method: "POST", credentials: "same-origin",
                headers: {"content-type": "application/json", "x-csrf-token": csrf, "accept": "application/json"},
                body: JSON.stringify(body)})
      .then(function (r) { return r.json().then(function (j) { return {ok: r.ok, j: j}; }); })
      .then(function (res) {
        li.classList.remove("busy");
        if (!res.ok) { status(li, res.j.detail || "保存失败，请刷新页面后重试"); return; }
        status(li, "");
        showDecision(li, res.j);
        showReview(res.j.review);
      })
      .catch(function () {
        li.classList.remove("busy");
        status(li, "无法连接服务器，结论未保存；请检查网络后重试");
      });
  }

  // The buttons of each finding use the same requests; without script the forms post as usual.
  document.addEventListener("submit", function (ev) {
    var form = ev.target;
    if (!form.classList || !form.classList.contains("decide") || !form.querySelector("input[name=check]")) { return; }
    var btn = ev.submitter;
    if (!btn) { return; }
    ev.preventDefault();
    send(form.closest("li.finding"), btn.classList.contains("reopen") ? "reopen" : btn.value);
  });

  document.addEventListener("keydown", function (ev) {
    if (ev.ctrlKey || ev.metaKey || ev.altKey || !items.length) { return; }
    var t = ev.target;
    if (t && (/^(TEXTAREA|INPUT|SELECT|BUTTON)$/.test(t.tagName) || t.isContentEditable)) {
      if (!(t.tagName === "BUTTON" && /^[jkcdu]$/.test(ev.key))) { return; }
    }
    var cur = document.querySelector("li.finding.selected");
    var i = cur ? items.indexOf(cur) : -1;
    if (ev.key === "j") { selectFinding(items[Math.min(i + 1, items.length - 1)]); }
    else if (ev.key === "k") { selectFinding(items[Math.max(i - 1, 0)]); }
    else if (cur && ev.key === "c") { send(cur, "confirmed"); }
    else if (cur && ev.key === "d") { send(cur, "dismissed"); }
    else if (cur && ev.key === "u") { send(cur, "reopen"); }
    else { return; }
    ev.preventDefault();
  });

  // -- on a phone, each finding goes below the paragraph it is about ---------------------
  // The elements are moved, not rebuilt; text offsets skip them (see textNodes).
  function textNodes() {
    return document.createTreeWalker(text, NodeFilter.SHOW_TEXT, {acceptNode: function (n) {
      return n.parentNode.closest(".inline-findings") ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT;
    }});
  }
  if (window.matchMedia && window.matchMedia("(max-width: 760px)").matches) {
    var boxes = {};
    items.forEach(function (li) {
      var line = parseInt(li.getAttribute("data-line"), 10);
      if (!line) { return; }
      var box = boxes[line];
      if (!box) {
        box = document.createElement("ol");
        box.className = "findings inline-findings";
        var next = text.querySelector(".ln[data-n=\"" + (line + 1) + "\"]");
        text.insertBefore(box, next);
        boxes[line] = box;
      }
      box.appendChild(li);
    });
    // j / k now follow the findings in reading order, as they stand in the page
    items = Array.prototype.slice.call(document.querySelectorAll("li.finding"));
  }

  // -- 批注: a selection in the text fills the note form with its offsets -------------------
  var noteForm = document.getElementById("note-form");
  function offsetOf(container, offset) {
    // characters of the report's text before (container, offset), skipping moved findings
    var probe = document.createRange();
    probe.setStart(container, offset);
    var walker = textNodes(), n = 0, node;
    while ((node = walker.nextNode())) {
      if (node === container) { return n + offset; }
      var r = document.createRange();
      r.selectNodeContents(node);
      if (r.compareBoundaryPoints(Range.START_TO_START, probe) >= 0) { return n; }
      n += node.data.length;
    }
    return n;
  }
  function lineAt(offset) {
    var walker = textNodes();
    var n = 0, lines = 1, node;
    while ((node = walker.nextNode())) {
      var s = node.data;
      var take = Math.min(s.length, offset - n);
      for (var k = 0; k < take; k++) { if (s.charCodeAt(k) === 10) { lines++; } }
      n += s.length;
      if (n >= offset) { break; }
    }
    return lines;
  }
  if (noteForm) {
    document.addEventListener("selectionchange", function () {
      var s = window.getSelection();
      if (!s || s.isCollapsed || !s.rangeCount) { return; }
      var r = s.getRangeAt(0);
      if (!text.contains(r.startContainer) || !text.contains(r.endContainer)) { return; }
      var start = offsetOf(r.startContainer, r.startOffset);
      var end = offsetOf(r.endContainer, r.endOffset);
      var quote = r.toString();
      if (text.querySelector(".inline-findings")) {  // the selection's own words, without moved findings
        quote = "";
        var w = textNodes(), node2, pos = 0;
        while ((node2 = w.nextNode())) {
          var a = Math.max(start, pos), b = Math.min(end, pos + node2.data.length);
          if (b > a) { quote += node2.data.slice(a - pos, b - pos); }
          pos += node2.data.length;
        }
      }
      if (!quote.trim()) { return; }
      noteForm.querySelector("[name=start]").value = start;
      noteForm.querySelector("[name=end]").value = end;
      var shown = quote.length > 60 ? quote.slice(0, 60) + "……" : quote;
      document.getElementById("note-quote").textContent = "第" + lineAt(start) + "行：“" + shown + "”";
      noteForm.classList.add("ready");
    });
  }

  // A link or a reload with #finding-N (after a decision) marks that finding again.
  var m = /^#finding-(\d+)$/.exec(window.location.hash);
  if (m) {
    var li = document.getElementById("finding-" + m[1]);
    activate("f", m[1], li);
    if (li) { li.scrollIntoView({block: "nearest"}); }
  }
})();
