// Trace page: draws the observation tree beside its timeline from #tree's data-tree ({rows,
// strings}: one array per observation, depth-first, columns as in TraceTree.Row; type, level and
// model are indexes into strings), only the rows in view so that a 10,000-observation trace stays
// quick, and loads a node's panel (an HTML fragment) into #panel.
// All data goes in through textContent; the panel is markup the server rendered and escaped.
(function () {
  "use strict";
  const ROW = 30; // px, the height of .node in loupe.css
  const OVERSCAN = 20; // rows drawn above and below the view
  const DRAW_ALL = 400; // a tree with at most this many visible rows is drawn whole
  // columns of a row (TraceTree.Row)
  const ID = 0, PARENT = 1, DEPTH = 2, END = 3, TYPE = 4, NAME = 5, LEVEL = 6, START = 7,
    DUR = 8, TTFT = 9, MODEL = 10, IN = 11, OUT = 12, COST = 13, FLAGS = 14;
  const F_ERROR = 1, F_ERROR_BELOW = 2, F_UNPRICED = 4;

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== "") e.textContent = text;
    return e;
  }

  /** Same text as Formats.latency: whole ms under a second, else seconds with two decimals. */
  function latency(us) {
    if (us < 0) return "";
    if (us < 1e6) return Math.floor(us / 1000) + " ms";
    return (us / 1e6).toFixed(2) + " s";
  }

  /** An axis label: µs, ms or s, trimmed. */
  function axisLabel(us) {
    if (us === 0) return "0";
    if (us < 1000) return us + " µs";
    if (us < 1e6) return +(us / 1000).toFixed(3) + " ms";
    return +(us / 1e6).toFixed(3) + " s";
  }

  /** A 1-2-5 step giving about six ticks over the span. */
  function tickStep(span) {
    const raw = span / 6;
    const pow = Math.pow(10, Math.floor(Math.log10(raw)));
    for (const m of [1, 2, 5, 10]) if (m * pow >= raw) return Math.max(1, m * pow);
    return Math.max(1, 10 * pow);
  }

  function drawAxis(axis, span) {
    if (!axis) return;
    const step = tickStep(span);
    const frag = document.createDocumentFragment();
    for (let t = 0; t <= span; t += step) {
      // a label this close to the end would not fit
      const tick = el("span", "tick", t / span <= 0.92 ? axisLabel(t) : "");
      tick.style.left = (100 * t) / span + "%";
      frag.appendChild(tick);
    }
    axis.replaceChildren(frag);
  }

  function init() {
    const tree = document.getElementById("tree");
    const panel = document.getElementById("panel");
    if (!tree) return done();
    let data;
    try {
      data = JSON.parse(tree.dataset.tree || "{}");
    } catch (e) {
      data = {};
    }
    const rows = Array.isArray(data.rows) ? data.rows : [];
    const strings = Array.isArray(data.strings) ? data.strings : [];
    const str = (i) => (typeof strings[i] === "string" ? strings[i] : "");
    const span = Math.max(1, Number(tree.dataset.spanUs) || 1);
    const traceId = tree.dataset.traceId || "";
    const index = new Map();
    rows.forEach((r, i) => index.set(r[ID], i));
    const collapsed = new Uint8Array(rows.length);
    const body = el("div", "tree-rows");
    body.setAttribute("role", "group");
    tree.appendChild(body);
    drawAxis(document.getElementById("axis"), span);

    let visible = [];
    let selected = null;
    let request = 0;

    function layout() {
      visible = [];
      for (let i = 0; i < rows.length; ) {
        visible.push(i);
        i = collapsed[i] ? rows[i][END] : i + 1;
      }
      body.style.height = visible.length * ROW + "px";
    }

    function draw() {
      let from = 0, to = visible.length;
      if (visible.length > DRAW_ALL) {
        const top = Math.max(0, tree.scrollTop - body.offsetTop);
        const height = tree.clientHeight || window.innerHeight;
        from = Math.max(0, Math.floor(top / ROW) - OVERSCAN);
        to = Math.min(visible.length, Math.ceil((top + height) / ROW) + OVERSCAN);
      }
      const frag = document.createDocumentFragment();
      for (let k = from; k < to; k++) frag.appendChild(node(visible[k], k));
      body.replaceChildren(frag);
    }

    function node(i, position) {
      const r = rows[i];
      const flags = r[FLAGS];
      const type = str(r[TYPE]);
      const levelName = str(r[LEVEL]);
      const modelName = str(r[MODEL]);
      const hasChildren = r[END] > i + 1;
      const n = el("div", "node");
      if (flags & F_ERROR) n.classList.add("node-error");
      if (r[ID] === selected) n.classList.add("selected");
      n.dataset.observationId = r[ID];
      n.dataset.parentId = r[PARENT] < 0 ? "" : rows[r[PARENT]][ID];
      n.dataset.row = String(i);
      n.setAttribute("role", "treeitem");
      n.setAttribute("aria-level", String(r[DEPTH] + 1));
      n.style.top = position * ROW + "px";

      const cell = el("span", "node-cell");
      cell.style.paddingLeft = r[DEPTH] * 14 + 4 + "px";
      if (hasChildren) {
        const open = !collapsed[i];
        const toggle = el("button", "toggle", open ? "▾" : "▸");
        toggle.type = "button";
        toggle.setAttribute("aria-expanded", String(open));
        toggle.setAttribute("aria-label", (open ? "Collapse " : "Expand ") + (r[NAME] || r[ID]));
        n.setAttribute("aria-expanded", String(open));
        cell.appendChild(toggle);
      } else {
        cell.appendChild(el("span", "toggle-space"));
      }
      const icon = el("span", "type-icon");
      icon.dataset.type = type;
      cell.appendChild(icon);
      cell.appendChild(el("span", "node-type", type));
      const name = el("button", r[NAME] ? "node-name" : "node-name unnamed", r[NAME] || r[ID]);
      name.type = "button";
      name.title = r[NAME] || r[ID];
      cell.appendChild(name);
      if (levelName !== "DEFAULT") {
        const level = el("span", "node-level", levelName);
        level.dataset.level = levelName;
        cell.appendChild(level);
      }
      if (flags & F_ERROR_BELOW) {
        const mark = el("span", "error-below", "!");
        mark.title = "an error below";
        cell.appendChild(mark);
      }
      n.appendChild(cell);

      const model = el("span", "node-model", modelName);
      model.title = modelName;
      n.appendChild(model);
      n.appendChild(el("span", "node-tokens num", r[IN] < 0 ? "" : r[IN] + " / " + r[OUT]));
      const cost = el("span", "node-cost num", r[COST]);
      if (r[COST] === "no price") cost.classList.add("no-price");
      else if (flags & F_UNPRICED) {
        cost.classList.add("unpriced-below");
        cost.title = "some observations below have no price";
      }
      if (hasChildren && r[COST]) cost.title = cost.title || "subtree cost";
      n.appendChild(cost);
      n.appendChild(el("span", "node-latency num", latency(r[DUR])));

      const lane = el("span", "timeline-cell");
      const bar = el("span", "bar");
      bar.dataset.observationId = r[ID];
      bar.dataset.type = type;
      if (flags & F_ERROR) bar.classList.add("bar-error");
      const start = r[START];
      const dur = r[DUR] < 0 ? span - start : r[DUR];
      if (r[DUR] < 0) bar.classList.add("bar-open");
      bar.style.left = (100 * start) / span + "%";
      bar.style.width = (100 * dur) / span + "%";
      bar.title =
        (r[NAME] || r[ID]) + ": +" + latency(start) + (r[DUR] < 0 ? ", no end" : ", " + latency(r[DUR])) +
        (r[TTFT] >= 0 ? ", first token after " + latency(r[TTFT]) : "");
      if (r[TTFT] >= 0) {
        const mark = el("span", "ttft");
        mark.title = "time to first token " + latency(r[TTFT]);
        mark.style.left = dur > 0 ? Math.min(100, (100 * r[TTFT]) / dur) + "%" : "0";
        bar.appendChild(mark);
      }
      lane.appendChild(bar);
      n.appendChild(lane);
      return n;
    }

    function toggle(i) {
      collapsed[i] = collapsed[i] ? 0 : 1;
      layout();
      draw();
    }

    function select(i, scroll) {
      selected = rows[i][ID];
      for (const n of body.querySelectorAll(".node.selected")) n.classList.remove("selected");
      const shown = body.querySelector('.node[data-row="' + i + '"]');
      if (shown) shown.classList.add("selected");
      if (scroll) reveal(i);
      if (history.replaceState) history.replaceState(null, "", "#" + encodeURIComponent(selected));
      loadPanel(selected);
    }

    /** Expands the ancestors of row i and scrolls it into view. */
    function reveal(i) {
      for (let p = rows[i][PARENT]; p >= 0; p = rows[p][PARENT]) collapsed[p] = 0;
      layout();
      const k = visible.indexOf(i);
      tree.scrollTop = Math.max(0, body.offsetTop + k * ROW - tree.clientHeight / 2);
      draw();
    }

    function loadPanel(id) {
      if (!panel) return;
      const mine = ++request;
      panel.setAttribute("aria-busy", "true");
      const url =
        "/ui/traces/" + encodeURIComponent(traceId) + "/observations/" + encodeURIComponent(id);
      fetch(url, { credentials: "same-origin", headers: { "HX-Request": "true" } })
        .then((res) =>
          res.text().then((text) => ({
            ok: res.ok,
            signedOut: res.redirected || res.headers.has("HX-Redirect"),
            text,
          })),
        )
        .then((res) => {
          if (mine !== request) return;
          if (res.signedOut) {
            // the session ended (the server answers a script's request with HX-Redirect)
            window.location.assign("/ui/login");
            return;
          }
          panel.removeAttribute("aria-busy");
          if (!res.ok) {
            panel.replaceChildren(el("p", "error", "This observation could not be loaded."));
            return;
          }
          // the fragment is server-rendered, escaped markup; parsing it runs no script
          const doc = new DOMParser().parseFromString(res.text, "text/html");
          panel.replaceChildren(...Array.from(doc.body.childNodes));
          panel.dataset.observationId = id;
        })
        .catch(() => {
          if (mine !== request) return;
          panel.removeAttribute("aria-busy");
          panel.replaceChildren(el("p", "error", "This observation could not be loaded."));
        });
    }

    tree.addEventListener("click", (e) => {
      const target = e.target instanceof Element ? e.target : null;
      const n = target && target.closest(".node");
      if (!n) return;
      const i = Number(n.dataset.row);
      if (target.closest(".toggle")) toggle(i);
      else if (target.closest(".node-name")) select(i, false);
    });

    let pending = false;
    function redraw() {
      if (pending) return;
      pending = true;
      requestAnimationFrame(() => {
        pending = false;
        draw();
      });
    }
    tree.addEventListener("scroll", redraw, { passive: true });
    window.addEventListener("resize", redraw);

    layout();
    draw();
    let wanted = "";
    try {
      wanted = decodeURIComponent(location.hash.slice(1));
    } catch (e) {
      wanted = "";
    }
    if (index.has(wanted)) select(index.get(wanted), true);
    done();
  }

  function done() {
    if (window.Loupe && window.Loupe.ready) window.Loupe.ready();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
