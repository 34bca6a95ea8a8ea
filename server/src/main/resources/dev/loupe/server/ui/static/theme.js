// Runs before the stylesheet applies: the colour theme chosen with the header toggle (light or
// dark; none follows the system's prefers-color-scheme), so that a page never flashes the other.
(function () {
  "use strict";
  try {
    const theme = localStorage.getItem("loupe.theme");
    if (theme === "light" || theme === "dark") document.documentElement.dataset.theme = theme;
  } catch (e) {
    // storage blocked: follow the system
  }
  document.documentElement.classList.add("js");
})();
