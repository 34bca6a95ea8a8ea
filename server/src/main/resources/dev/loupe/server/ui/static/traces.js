// Traces list: the rows poll /ui/traces-rows twice a second (htmx attributes on tbody#trace-rows,
// set only on page 1 sorted newest first), so a new trace shows within a second of ingest. This
// script skips the poll while the tab is hidden, refreshes at once when it shows again, and leaves
// the rows alone (selection, hover, element references) when the answer has the fingerprint of the
// rows shown: the server writes it on tbody (data-rows) and in the fragment's X-Loupe-Rows header.
(function () {
  "use strict";
  let last = null;
  document.addEventListener("DOMContentLoaded", function () {
    const rows = document.getElementById("trace-rows");
    if (rows) last = rows.dataset.rows || null;
  });
  function isRows(el) {
    return el && el.id === "trace-rows";
  }
  document.addEventListener("htmx:beforeRequest", function (event) {
    if (isRows(event.detail && event.detail.elt) && document.hidden) event.preventDefault();
  });
  document.addEventListener("htmx:beforeSwap", function (event) {
    const d = event.detail;
    if (!d || !isRows(d.target)) return;
    const fingerprint = d.xhr ? d.xhr.getResponseHeader("X-Loupe-Rows") : null;
    if (fingerprint !== null && fingerprint === last) d.shouldSwap = false;
    else last = fingerprint;
  });
  document.addEventListener("visibilitychange", function () {
    const rows = document.getElementById("trace-rows");
    if (!document.hidden && rows && rows.hasAttribute("hx-get") && window.htmx) {
      window.htmx.trigger(rows, "loupe:refresh");
    }
  });
})();
