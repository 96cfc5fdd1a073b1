// Injected by `plenary serve` into the pages it serves (never into built files):
// reloads the page when the site is rebuilt, keeping the scroll position.
(function () {
  "use strict";
  // The version of this page as served; a page of the site listens for changes of
  // its own file, any other page (404, error) for every build.
  var served = Number(document.currentScript.getAttribute("data-generation"));
  var page = document.currentScript.getAttribute("data-page");
  var key = "plenary-serve-scroll:" + location.pathname;
  var saved = sessionStorage.getItem(key);
  if (saved !== null) {
    sessionStorage.removeItem(key);
    window.addEventListener("load", function () { window.scrollTo(0, Number(saved)); });
  }
  var events = new EventSource("/__plenary/events" + (page ? "?page=" + encodeURIComponent(page) : ""));
  events.addEventListener("build", function (e) {
    if (Number(e.data) !== served) {
      sessionStorage.setItem(key, String(window.scrollY));
      events.close();
      location.reload();
    }
  });
})();
