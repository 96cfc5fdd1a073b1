/* Plenary — progressive enhancement for the generated pages. Plain JavaScript, no
 * framework, no build step. Without it every page still works: footnote marks are
 * links to the notes, ¶ links are links, the index table is sorted by symbol.
 *  - footnote popovers: hover, keyboard (Enter opens, Escape closes), tap;
 *  - ¶ permalinks copy the paragraph's URL;
 *  - the paragraph a link lands on is highlighted (also for Akoma Ntoso eIds);
 *  - sortable table columns on the index. */
(function () {
  "use strict";

  var doc = document;

  /* ---------- footnote popovers ---------- */
  var pop = null;        // the single popover element
  var popMark = null;    // the mark it belongs to
  var hideTimer = null;

  function popover() {
    if (pop) return pop;
    pop = doc.createElement("div");
    pop.className = "fn-popover";
    pop.setAttribute("role", "dialog");
    pop.hidden = true;
    pop.tabIndex = -1;
    pop.addEventListener("pointerenter", cancelHide);
    pop.addEventListener("pointerleave", function (e) { if (e.pointerType === "mouse") scheduleHide(); });
    pop.addEventListener("keydown", function (e) {
      if (e.key === "Escape") { e.preventDefault(); hide(true); }
    });
    pop.addEventListener("focusout", function (e) {
      if (!pop.contains(e.relatedTarget) && e.relatedTarget !== popMark) hide(false);
    });
    doc.body.appendChild(pop);
    return pop;
  }

  function cancelHide() { if (hideTimer) { clearTimeout(hideTimer); hideTimer = null; } }
  function scheduleHide() { cancelHide(); hideTimer = setTimeout(function () { hide(false); }, 250); }

  function show(mark) {
    cancelHide();
    var source = mark.parentNode.querySelector(".fn-pop");
    if (!source) return;
    var p = popover();
    var n = mark.textContent;
    p.innerHTML = "";
    var num = doc.createElement("span");
    num.className = "fn-pop-num";
    num.textContent = n;
    p.appendChild(num);
    for (var c = source.firstChild; c; c = c.nextSibling) p.appendChild(c.cloneNode(true));
    p.setAttribute("aria-label", "Note " + n);
    p.hidden = false;
    popMark = mark;
    mark.setAttribute("aria-expanded", "true");
    place(mark, p);
  }

  function hide(returnFocus) {
    cancelHide();
    if (!pop || pop.hidden) return;
    pop.hidden = true;
    if (popMark) {
      popMark.setAttribute("aria-expanded", "false");
      if (returnFocus) popMark.focus();
    }
    popMark = null;
  }

  /* Below the mark, or above when there is no room; always inside the viewport. */
  function place(mark, p) {
    var margin = 8;
    var r = mark.getBoundingClientRect();
    var vw = doc.documentElement.clientWidth;
    var vh = doc.documentElement.clientHeight;
    p.style.left = "0px";
    p.style.top = "0px";
    p.style.maxWidth = Math.min(448, vw - 2 * margin) + "px";
    var w = p.offsetWidth, h = p.offsetHeight;
    var left = r.left + r.width / 2 - w / 2;
    left = Math.max(margin, Math.min(left, vw - w - margin));
    var top = r.bottom + 6;
    if (top + h > vh - margin && r.top - h - 6 >= margin) top = r.top - h - 6;
    p.style.left = (left + window.pageXOffset) + "px";
    p.style.top = (top + window.pageYOffset) + "px";
  }

  function initFootnotes() {
    var marks = doc.querySelectorAll("a.fn-mark");
    var hover = window.matchMedia && window.matchMedia("(hover: hover)").matches;
    Array.prototype.forEach.call(marks, function (mark) {
      mark.setAttribute("aria-haspopup", "dialog");
      mark.setAttribute("aria-expanded", "false");
      // Mouse hover shows the note; touch is handled by the click (tap) below.
      mark.addEventListener("pointerenter", function (e) { if (e.pointerType === "mouse") show(mark); });
      mark.addEventListener("pointerleave", function (e) { if (e.pointerType === "mouse") scheduleHide(); });
      mark.addEventListener("focus", function () { if (mark.matches(":focus-visible")) show(mark); });
      mark.addEventListener("blur", function (e) {
        if (!pop || !pop.contains(e.relatedTarget)) scheduleHide();
      });
      mark.addEventListener("keydown", function (e) {
        if (e.key === "Enter") {
          e.preventDefault();
          show(mark);
          if (pop) pop.focus();
        } else if (e.key === "Escape") {
          hide(true);
        }
      });
      mark.addEventListener("click", function (e) {
        // Touch and pen: a tap toggles the popover; a mouse click follows the link.
        var touch = e.pointerType ? e.pointerType !== "mouse" : !hover;
        if (!touch) return;
        e.preventDefault();
        if (popMark === mark && pop && !pop.hidden) hide(false); else show(mark);
      });
    });
    doc.addEventListener("click", function (e) {
      if (pop && !pop.hidden && !pop.contains(e.target) && !(e.target.closest && e.target.closest(".fn-mark"))) hide(false);
    });
    doc.addEventListener("keydown", function (e) { if (e.key === "Escape" && pop && !pop.hidden) hide(true); });
    window.addEventListener("resize", function () { if (popMark && pop && !pop.hidden) place(popMark, pop); });
  }

  /* ---------- permalinks ---------- */
  var status = null;
  function announce(text) {
    status = status || doc.querySelector(".copy-status");
    if (!status) return;
    status.textContent = text;
    setTimeout(function () { status.textContent = ""; }, 1800);
  }

  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
    return new Promise(function (resolve, reject) {
      var t = doc.createElement("textarea");
      t.value = text;
      t.setAttribute("readonly", "");
      t.style.position = "fixed";
      t.style.opacity = "0";
      doc.body.appendChild(t);
      t.select();
      var ok = false;
      try { ok = doc.execCommand("copy"); } catch (err) { ok = false; }
      doc.body.removeChild(t);
      if (ok) resolve(); else reject(new Error("copy failed"));
    });
  }

  function initPermalinks() {
    doc.addEventListener("click", function (e) {
      var a = e.target.closest && e.target.closest("a.permalink");
      if (!a || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) return;
      e.preventDefault();
      var url = a.href;
      if (history.replaceState) history.replaceState(null, "", a.getAttribute("href"));
      markTarget();
      copy(url).then(function () { announce("Link copied: " + url); }, function () { announce("Link: " + url); });
    });
  }

  /* ---------- highlight the paragraph a link landed on ---------- */
  function markTarget() {
    var old = doc.querySelectorAll(".is-target");
    Array.prototype.forEach.call(old, function (el) { el.classList.remove("is-target"); });
    var id = decodeURIComponent(location.hash.slice(1));
    if (!id) return;
    var el = doc.getElementById(id);
    if (!el) return;
    if (el.classList.contains("eid")) el = el.parentNode;
    el.classList.add("is-target");
  }

  /* ---------- sortable tables ---------- */
  function initTables() {
    var tables = doc.querySelectorAll("table.sortable");
    Array.prototype.forEach.call(tables, function (table) {
      var heads = table.tHead ? table.tHead.rows[0].cells : [];
      Array.prototype.forEach.call(heads, function (th, col) {
        var b = doc.createElement("button");
        b.type = "button";
        b.className = "sort-button";
        while (th.firstChild) b.appendChild(th.firstChild);
        th.appendChild(b);
        b.addEventListener("click", function () {
          var dir = th.getAttribute("aria-sort") === "ascending" ? "descending" : "ascending";
          Array.prototype.forEach.call(heads, function (h) { h.removeAttribute("aria-sort"); });
          th.setAttribute("aria-sort", dir);
          sortBy(table, col, dir === "ascending" ? 1 : -1);
        });
      });
    });
  }

  function cellValue(row, col) {
    var cell = row.cells[col];
    if (!cell) return "";
    return cell.hasAttribute("data-value") ? cell.getAttribute("data-value") : cell.textContent.trim().toLowerCase();
  }

  function sortBy(table, col, sign) {
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.forEach(function (r, i) { r._index = i; });
    rows.sort(function (a, b) {
      var x = cellValue(a, col), y = cellValue(b, col);
      if (x === y) return a._index - b._index;
      if (x === "") return 1;
      if (y === "") return -1;
      return (x < y ? -1 : 1) * sign;
    });
    rows.forEach(function (r) { body.appendChild(r); });
  }

  function init() {
    initFootnotes();
    initPermalinks();
    initTables();
    markTarget();
    window.addEventListener("hashchange", markTarget);
  }

  if (doc.readyState === "loading") doc.addEventListener("DOMContentLoaded", init); else init();
})();
