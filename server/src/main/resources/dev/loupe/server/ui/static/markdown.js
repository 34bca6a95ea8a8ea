// A small markdown renderer for message text: headings, paragraphs, emphasis, inline and fenced
// code, lists, block quotes, rules, tables and links. It builds DOM nodes and sets only
// textContent, so no text from a trace is ever parsed as HTML; links are http(s) or mailto only and
// open in a new tab; images are shown as links (the page loads nothing from elsewhere).
(function () {
  "use strict";

  function el(tag, text) {
    const e = document.createElement(tag);
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function safeUrl(url) {
    return /^(https?:\/\/|mailto:)/i.test(url) ? url : null;
  }

  function link(text, url) {
    const safe = safeUrl(url);
    if (!safe) return document.createTextNode(text + " (" + url + ")");
    const a = el("a");
    a.href = safe;
    a.target = "_blank";
    a.rel = "noopener noreferrer";
    inline(text, a);
    return a;
  }

  // Inline spans, earliest match first: code, image, link, autolink, bold, strike, italic.
  const INLINE = [
    [/`([^`\n]+)`/, (m) => el("code", m[1])],
    [/!\[([^\]\n]*)\]\(([^)\s]+)\)/, (m) => link("image: " + (m[1] || m[2]), m[2])],
    [/\[([^\]\n]+)\]\(([^)\s]+)\)/, (m) => link(m[1], m[2])],
    [/https?:\/\/[^\s<>()]+[^\s<>().,;:!?'"]/, (m) => link(m[0], m[0])],
    [/\*\*(?=\S)([^\n]*?\S)\*\*|(?<![\w])__(?=\S)([^\n]*?\S)__(?![\w])/, (m) => wrap("strong", m[1] || m[2])],
    [/~~(?=\S)([^\n]*?\S)~~/, (m) => wrap("del", m[1])],
    [/(?<![\w*])\*(?=[^\s*])([^*\n]*?[^\s*])\*(?![\w*])|(?<![\w])_(?=\S)([^_\n]*?\S)_(?![\w])/, (m) => wrap("em", m[1] || m[2])],
  ];

  function wrap(tag, text) {
    const e = el(tag);
    inline(text, e);
    return e;
  }

  function inline(text, into) {
    while (text) {
      let best = null;
      for (const [re, make] of INLINE) {
        const m = re.exec(text);
        if (m && (!best || m.index < best.m.index)) best = { m, make };
      }
      if (!best) {
        into.appendChild(document.createTextNode(text));
        return;
      }
      if (best.m.index > 0) into.appendChild(document.createTextNode(text.slice(0, best.m.index)));
      into.appendChild(best.make(best.m));
      text = text.slice(best.m.index + best.m[0].length);
    }
  }

  function lines(into, text) {
    const parts = text.split("\n");
    parts.forEach((line, i) => {
      if (i > 0) into.appendChild(el("br"));
      inline(line, into);
    });
  }

  const FENCE = /^\s{0,3}(```+|~~~+)\s*([\w+-]*)\s*$/;
  const HEADING = /^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/;
  const RULE = /^\s{0,3}([-*_])(\s*\1){2,}\s*$/;
  const ITEM = /^(\s*)([-*+]|\d{1,9}[.)])\s+(.*)$/;
  const QUOTE = /^\s{0,3}>\s?(.*)$/;
  const TABLE_SEP = /^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$/;

  function cells(row) {
    return row.trim().replace(/^\|/, "").replace(/\|$/, "").split("|").map((c) => c.trim());
  }

  function blocks(src, into) {
    const all = src.replace(/\r\n?/g, "\n").split("\n");
    let i = 0;
    while (i < all.length) {
      const line = all[i];
      if (!line.trim()) {
        i++;
        continue;
      }
      let m;
      if ((m = FENCE.exec(line))) {
        const end = m[1];
        const code = [];
        i++;
        while (i < all.length && !all[i].trim().startsWith(end)) code.push(all[i++]);
        i++;
        const pre = el("pre");
        pre.className = "md-code";
        const c = el("code", code.join("\n"));
        if (m[2]) c.dataset.lang = m[2];
        pre.appendChild(c);
        into.appendChild(pre);
      } else if ((m = HEADING.exec(line))) {
        into.appendChild(wrap("h" + Math.min(6, m[1].length + 2), m[2]));
        i++;
      } else if (RULE.test(line)) {
        into.appendChild(el("hr"));
        i++;
      } else if (QUOTE.test(line)) {
        const quoted = [];
        while (i < all.length && (m = QUOTE.exec(all[i]))) {
          quoted.push(m[1]);
          i++;
        }
        const q = el("blockquote");
        blocks(quoted.join("\n"), q);
        into.appendChild(q);
      } else if (ITEM.test(line)) {
        const ordered = /\d/.test(ITEM.exec(line)[2]);
        const list = el(ordered ? "ol" : "ul");
        const indent = ITEM.exec(line)[1].length;
        while (i < all.length && (m = ITEM.exec(all[i])) && m[1].length <= indent + 1) {
          const item = el("li");
          const body = [m[3]];
          i++;
          while (i < all.length && all[i].trim() && !ITEM.test(all[i]) && /^\s+/.test(all[i]))
            body.push(all[i++].trim());
          // nested items
          const nested = [];
          while (i < all.length && (m = ITEM.exec(all[i])) && m[1].length > indent + 1)
            nested.push(all[i++]);
          lines(item, body.join("\n"));
          if (nested.length) blocks(nested.join("\n"), item);
          list.appendChild(item);
        }
        into.appendChild(list);
      } else if (line.includes("|") && i + 1 < all.length && TABLE_SEP.test(all[i + 1])) {
        const table = el("table");
        table.className = "md-table";
        const head = el("tr");
        cells(line).forEach((c) => head.appendChild(wrap("th", c)));
        table.appendChild(el("thead")).appendChild(head);
        const body = table.appendChild(el("tbody"));
        i += 2;
        while (i < all.length && all[i].includes("|") && all[i].trim()) {
          const tr = el("tr");
          cells(all[i++]).forEach((c) => tr.appendChild(wrap("td", c)));
          body.appendChild(tr);
        }
        into.appendChild(table);
      } else {
        const para = [];
        while (
          i < all.length &&
          all[i].trim() &&
          !FENCE.test(all[i]) &&
          !HEADING.test(all[i]) &&
          !QUOTE.test(all[i]) &&
          !(ITEM.test(all[i]) && para.length === 0)
        )
          para.push(all[i++]);
        if (!para.length) para.push(all[i++]);
        const p = el("p");
        lines(p, para.join("\n"));
        into.appendChild(p);
      }
    }
  }

  /** The markdown text as a fragment of safe DOM nodes. */
  function render(text) {
    const frag = document.createDocumentFragment();
    blocks(String(text), frag);
    return frag;
  }

  window.LoupeMarkdown = { render };
})();
