// Shared by every page. Marks the page ready for people and for the browser tests:
// <html data-loupe-ready="1"> once the page's content is drawn. A page whose own script
// draws after load has an element with data-deferred-ready and calls Loupe.ready() itself.
// Also: the colour theme toggle (system, dark, light; remembered) and the menu button that opens
// the navigation on a narrow screen.
(function () {
  "use strict";
  const Loupe = (window.Loupe = window.Loupe || {});
  Loupe.ready = function () {
    document.documentElement.dataset.loupeReady = "1";
  };
  const THEMES = ["system", "dark", "light"];
  const TITLES = {
    system: "Colour theme: follows the system",
    dark: "Colour theme: dark",
    light: "Colour theme: light",
  };
  function theme() {
    return document.documentElement.dataset.theme || "system";
  }
  document.addEventListener("DOMContentLoaded", function () {
    const toggle = document.getElementById("theme-toggle");
    if (toggle) {
      toggle.title = TITLES[theme()];
      toggle.addEventListener("click", function () {
        const next = THEMES[(THEMES.indexOf(theme()) + 1) % THEMES.length];
        if (next === "system") delete document.documentElement.dataset.theme;
        else document.documentElement.dataset.theme = next;
        try {
          if (next === "system") localStorage.removeItem("loupe.theme");
          else localStorage.setItem("loupe.theme", next);
        } catch (e) {
          // not remembered
        }
        toggle.title = TITLES[next];
        document.dispatchEvent(new CustomEvent("loupe:theme"));
      });
    }
    const menu = document.getElementById("nav-toggle");
    const top = document.getElementById("top");
    if (menu && top) {
      menu.addEventListener("click", function () {
        const open = top.classList.toggle("open");
        menu.setAttribute("aria-expanded", String(open));
      });
    }
    if (!document.querySelector("[data-deferred-ready]")) Loupe.ready();
  });
})();
