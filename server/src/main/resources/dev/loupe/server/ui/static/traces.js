// Traces list: the rows poll /ui/traces-rows twice a second (htmx attributes on tbody#trace-rows,
// set only on page 1 sorted newest first), so a new trace shows within a second of ingest. This
// script skips the poll while the tab is hidden, refreshes at once when it shows again, and leaves
// the rows alone (selection, hover) when the answer did not change.
(function () {
  "use strict";
  let last = null;
  function isRows(el) {
    return el && el.id === "trace-rows";
  }
  document.addEventListener("htmx:beforeRequest", function (event) {
    if (isRows(event.detail && event.detail.elt) && document.hidden) event.preventDefault();
  });
  document.addEventListener("htmx:beforeSwap", function (event) {
    const d = event.detail;
    if (!d || !isRows(d.target)) return;
    if (d.serverResponse === last) d.shouldSwap = false;
    last = d.serverResponse;
  });
  document.addEventListener("visibilitychange", function () {
    const rows = document.getElementById("trace-rows");
    if (!document.hidden && rows && rows.hasAttribute("hx-get") && window.htmx) {
      window.htmx.trigger(rows, "loupe:refresh");
    }
  });
})();
