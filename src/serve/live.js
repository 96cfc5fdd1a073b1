// Injected by `plenary serve` into the pages it serves (never into built files):
// reloads the page when the site is rebuilt, keeping the scroll position.
(function () {
  "use strict";
  var served = Number(document.currentScript.getAttribute("data-generation"));
  var key = "plenary-serve-scroll:" + location.pathname;
  var saved = sessionStorage.getItem(key);
  if (saved !== null) {
    sessionStorage.removeItem(key);
    window.addEventListener("load", function () { window.scrollTo(0, Number(saved)); });
  }
  var events = new EventSource("/__plenary/events");
  events.addEventListener("build", function (e) {
    if (Number(e.data) !== served) {
      sessionStorage.setItem(key, String(window.scrollY));
      events.close();
      location.reload();
    }
  });
})();
