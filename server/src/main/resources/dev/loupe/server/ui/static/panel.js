// The panel of a trace or an observation (server-rendered, escaped markup): a Pretty / Markdown /
// JSON view per input and output (the choice is remembered), copy buttons for each message and
// for the JSON, and long blocks folded with "show all". Markdown goes through LoupeMarkdown, which
// builds DOM nodes from text; the JSON view shows the API's JSON of the observation as text.
(function () {
  "use strict";
  const MODES = ["pretty", "markdown", "json"];
  const LABEL = { pretty: "Pretty", markdown: "Markdown", json: "JSON" };
  const FOLD = 360; // px: taller blocks are folded
  const original = new WeakMap(); // element -> its text before markdown

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function mode() {
    try {
      const m = localStorage.getItem("loupe.ioView");
      return MODES.includes(m) ? m : "markdown";
    } catch (e) {
      return "markdown";
    }
  }

  function remember(m) {
    try {
      localStorage.setItem("loupe.ioView", m);
    } catch (e) {
      // not remembered
    }
  }

  /** The observation's (or trace's) API JSON, fetched once per panel. */
  function raw(article) {
    if (!article._raw) {
      article._raw = fetch(article.dataset.raw, { credentials: "same-origin" }).then((r) => {
        if (!r.ok) throw new Error("HTTP " + r.status);
        return r.json();
      });
    }
    return article._raw;
  }

  function jsonText(v) {
    return v === undefined ? "" : JSON.stringify(v, null, 2);
  }

  /** The texts markdown applies to: message text, reasoning, tool results, plain output. */
  function textBlocks(section) {
    return section.querySelectorAll(".part.text, .part .text, .tool-result > .text, pre.text");
  }

  function applyMarkdown(section, on) {
    for (const block of textBlocks(section)) {
      if (!original.has(block)) original.set(block, block.textContent);
      const text = original.get(block);
      if (on && window.LoupeMarkdown) {
        block.replaceChildren(window.LoupeMarkdown.render(text));
        block.classList.add("md");
      } else if (block.classList.contains("md")) {
        block.textContent = text;
        block.classList.remove("md");
      }
    }
  }

  function setMode(article, section, m) {
    const body = section.querySelector(":scope > .io-body");
    let json = section.querySelector(":scope > .io-json");
    for (const b of section.querySelectorAll(".io-tools [data-mode]"))
      b.setAttribute("aria-pressed", String(b.dataset.mode === m));
    section.dataset.mode = m;
    if (m === "json") {
      body.hidden = true;
      if (!json) {
        json = el("pre", "json io-json", "loading…");
        section.appendChild(json);
        raw(article)
          .then((data) => {
            json.textContent = jsonText(data[section.dataset.io]);
            fold(json);
          })
          .catch(() => (json.textContent = "The JSON could not be loaded."));
      }
      json.hidden = false;
      return;
    }
    body.hidden = false;
    if (json) json.hidden = true;
    applyMarkdown(body, m === "markdown");
    refold(body);
  }

  function copyText(button, text) {
    const done = () => {
      const was = button.textContent;
      button.textContent = "copied";
      setTimeout(() => (button.textContent = was), 1200);
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, () => fallbackCopy(text) && done());
    } else if (fallbackCopy(text)) done();
  }

  function fallbackCopy(text) {
    const area = el("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.className = "offscreen";
    document.body.appendChild(area);
    area.select();
    let ok = false;
    try {
      ok = document.execCommand("copy");
    } catch (e) {
      ok = false;
    }
    area.remove();
    return ok;
  }

  /** A message as text: its role, then each part's text (markdown source, pretty JSON). */
  function messageText(m) {
    const out = [];
    const role = m.querySelector(".role");
    if (role) out.push(role.textContent.trim() + ":");
    for (const p of m.children) {
      if (p.classList.contains("chat-head")) continue;
      const blocks = p.matches(".part.text, pre") ? [p] : p.querySelectorAll(".text, pre, .tool-call-name");
      for (const b of blocks) out.push(original.has(b) ? original.get(b) : b.textContent.trim());
    }
    return out.join("\n");
  }

  function fold(block) {
    if (block.dataset.folded || block.scrollHeight <= FOLD + 40) return;
    block.dataset.folded = "1";
    block.classList.add("folded");
    const lines = (block.textContent.match(/\n/g) || []).length + 1;
    const more = el("button", "show-all", "show all (" + lines + " lines)");
    more.type = "button";
    more.addEventListener("click", () => {
      const open = block.classList.toggle("folded");
      more.textContent = open ? "show all (" + lines + " lines)" : "show less";
    });
    block.after(more);
  }

  function refold(root) {
    for (const b of root.querySelectorAll(".chat-message, pre.text, :scope > pre.json, .io-rest"))
      fold(b);
  }

  function enhanceSection(article, section) {
    if (section.querySelector(":scope > .io-tools")) return;
    const heading = section.querySelector(":scope > h3");
    const body = el("div", "io-body");
    for (const n of Array.from(section.childNodes)) if (n !== heading) body.appendChild(n);
    section.appendChild(body);
    const tools = el("span", "io-tools");
    tools.setAttribute("role", "group");
    tools.setAttribute("aria-label", (heading ? heading.textContent : "") + " view");
    for (const m of MODES) {
      const b = el("button", "mode", LABEL[m]);
      b.type = "button";
      b.dataset.mode = m;
      tools.appendChild(b);
    }
    const copy = el("button", "copy copy-json", "copy JSON");
    copy.type = "button";
    copy.title = "Copy the stored JSON";
    tools.appendChild(copy);
    (heading || section).appendChild(tools);
    tools.addEventListener("click", (e) => {
      const b = e.target.closest("button");
      if (!b) return;
      if (b.dataset.mode) {
        remember(b.dataset.mode);
        setMode(article, section, b.dataset.mode);
      } else if (b === copy) {
        raw(article).then((data) => copyText(copy, jsonText(data[section.dataset.io])));
      }
    });
    for (const m of body.querySelectorAll(".chat-message")) {
      const head = m.querySelector(".chat-head");
      const b = el("button", "copy copy-message", "copy");
      b.type = "button";
      b.title = "Copy this message";
      b.addEventListener("click", () => copyText(b, messageText(m)));
      (head || m).appendChild(b);
    }
    setMode(article, section, mode());
  }

  /** Adds the views, copy buttons and folds to a panel just put in the page. */
  function enhance(root) {
    const article = root.querySelector("article[data-raw]") || root;
    for (const section of article.querySelectorAll("section[data-io]")) enhanceSection(article, section);
    for (const pre of article.querySelectorAll(":scope > pre.json, details pre.json")) fold(pre);
  }

  document.addEventListener("click", (e) => {
    const b = e.target instanceof Element ? e.target.closest("button.copy[data-copy]") : null;
    if (b) copyText(b, b.dataset.copy);
  });

  window.LoupePanel = { enhance, copyText };
})();
