// Traces list, live on page 1 sorted newest first (tbody#trace-rows carries data-check then).
// Twice a second it asks the cheap "anything new?" (data-check: the fingerprint of the rows the
// server would send now, with the count line and page count, a few dozen bytes) and fetches the
// rows (htmx, hx-get on tbody, event loupe:refresh) only when that fingerprint differs from the
// rows shown. It skips the check while the tab is hidden and checks at once when it shows again.
// A new answer also brings the count line and the page count (X-Loupe-Count, X-Loupe-Pages), and
// rows that were not there before are marked new for a moment. A session that ended answers 401:
// the page goes to sign-in whole.
(function () {
  "use strict";
  let last = null; // the fingerprint of the rows shown
  let seen = null; // the row ids before a swap, to mark the new ones
  let busy = false; // a check or a rows request is under way
  let busySince = 0;
  function rowsEl() {
    return document.getElementById("trace-rows");
  }
  function isRows(el) {
    return el && el.id === "trace-rows";
  }
  function check() {
    const rows = rowsEl();
    if (!rows || !rows.dataset.check || document.hidden) return;
    if (busy && Date.now() - busySince < 10000) return; // a lost answer frees the check in 10 s
    busy = true;
    busySince = Date.now();
    fetch(rows.dataset.check, {
      headers: { "HX-Request": "true" },
      credentials: "same-origin",
      cache: "no-store",
    })
      .then(function (r) {
        if (r.status === 401) {
          window.location.assign(r.headers.get("HX-Redirect") || "/ui/login");
          return null;
        }
        return r.ok ? r.text() : null; // the body is the fingerprint
      })
      .then(function (fingerprint) {
        if (fingerprint && fingerprint !== last && window.htmx) {
          window.htmx.trigger(rows, "loupe:refresh"); // busy until the rows are in
          return;
        }
        busy = false;
      })
      .catch(function () {
        busy = false;
      });
  }
  document.addEventListener("DOMContentLoaded", function () {
    const rows = rowsEl();
    if (!rows) return;
    last = rows.dataset.rows || null;
    if (rows.dataset.check) window.setInterval(check, 500);
  });
  document.addEventListener("htmx:afterRequest", function (event) {
    if (isRows(event.detail && event.detail.elt)) busy = false;
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
    if (!document.hidden) check();
  });
})();
