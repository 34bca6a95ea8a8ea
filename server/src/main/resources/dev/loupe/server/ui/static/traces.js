// Traces list: the rows poll /ui/traces-rows twice a second (htmx attributes on tbody#trace-rows,
// set only on page 1 sorted newest first), so a new trace shows within a second of ingest. This
// script skips the poll while the tab is hidden, refreshes at once when it shows again, and leaves
// the rows alone (selection, hover, element references) when the answer has the fingerprint of the
// rows shown: the server writes it on tbody (data-rows) and in the fragment's X-Loupe-Rows header.
// A new answer also brings the count line and the page count (X-Loupe-Count, X-Loupe-Pages), and
// rows that were not there before are marked new for a moment.
(function () {
  "use strict";
  let last = null;
  let seen = null; // the row ids before a swap, to mark the new ones
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
    if (fingerprint !== null && fingerprint === last) {
      d.shouldSwap = false;
      return;
    }
    last = fingerprint;
    seen = new Set([...d.target.querySelectorAll("tr[data-trace-id]")].map((r) => r.dataset.traceId));
    const count = d.xhr.getResponseHeader("X-Loupe-Count");
    const pages = d.xhr.getResponseHeader("X-Loupe-Pages");
    const countEl = document.getElementById("trace-count");
    const pageEl = document.getElementById("page-of");
    if (count && countEl) countEl.textContent = count;
    if (pages && pageEl) pageEl.textContent = "page 1 of " + pages;
  });
  document.addEventListener("htmx:afterSwap", function (event) {
    const d = event.detail;
    if (!d || !isRows(d.target) || !seen) return;
    for (const row of d.target.querySelectorAll("tr[data-trace-id]"))
      if (!seen.has(row.dataset.traceId)) row.classList.add("new-row");
    seen = null;
  });
  document.addEventListener("visibilitychange", function () {
    const rows = document.getElementById("trace-rows");
    if (!document.hidden && rows && rows.hasAttribute("hx-get") && window.htmx) {
      window.htmx.trigger(rows, "loupe:refresh");
    }
  });
})();
