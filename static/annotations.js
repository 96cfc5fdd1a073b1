/* Plenary — annotations, progressive enhancement. Without this script a marker is a
 * link to its note, which :target opens. With it, on narrow screens a marker opens
 * and closes its note in place (aria-expanded tells its state), and a link to a
 * note (#ann-op7a) opens it. On wide screens the notes are always in the margin and
 * the markers are plain links. */
(function () {
  "use strict";

  var doc = document;
  doc.documentElement.classList.add("ann-js");
  var wide = window.matchMedia ? window.matchMedia("(min-width: 76rem)") : { matches: false };

  function markersOf(note) {
    return doc.querySelectorAll('.ann-marker[aria-controls="' + note.id + '"]');
  }

  function setOpen(note, open) {
    note.classList.toggle("is-open", open);
    var markers = markersOf(note);
    for (var i = 0; i < markers.length; i++) markers[i].setAttribute("aria-expanded", open ? "true" : "false");
  }

  function openFromHash() {
    var id = decodeURIComponent(location.hash.slice(1));
    if (id.indexOf("ann-") !== 0) return;
    var note = doc.getElementById(id);
    if (note && note.classList.contains("ann-note")) setOpen(note, true);
  }

  function init() {
    var markers = doc.querySelectorAll(".ann-marker");
    for (var i = 0; i < markers.length; i++) markers[i].setAttribute("aria-expanded", "false");
    openFromHash();
  }

  doc.addEventListener("click", function (e) {
    var marker = e.target.closest ? e.target.closest(".ann-marker") : null;
    if (!marker || wide.matches) return;
    var note = doc.getElementById(marker.getAttribute("aria-controls"));
    if (!note) return;
    e.preventDefault();
    var open = !note.classList.contains("is-open");
    setOpen(note, open);
    if (open) note.focus({ preventScroll: true });
  });

  window.addEventListener("hashchange", openFromHash);
  if (doc.readyState === "loading") doc.addEventListener("DOMContentLoaded", init);
  else init();
})();
