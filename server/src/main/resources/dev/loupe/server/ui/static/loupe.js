// Shared by every page. Marks the page ready for people and for the browser tests:
// <html data-loupe-ready="1"> once the page's content is drawn. A page whose own script
// draws after load has an element with data-deferred-ready and calls Loupe.ready() itself.
(function () {
  "use strict";
  const Loupe = (window.Loupe = window.Loupe || {});
  Loupe.ready = function () {
    document.documentElement.dataset.loupeReady = "1";
  };
  document.addEventListener("DOMContentLoaded", function () {
    if (!document.querySelector("[data-deferred-ready]")) Loupe.ready();
  });
})();
