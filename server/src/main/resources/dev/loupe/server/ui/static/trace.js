// Trace page: draws the observation tree beside its timeline from #tree's data-tree ({rows,
// strings}: one array per observation, depth-first, columns as in TraceTree.Row; type, level and
// model are indexes into strings), only the rows in view so that a 10,000-observation trace stays
// quick, and loads a node's panel (an HTML fragment) into #panel. The first row is the trace
// itself, selected at first: its panel is the one the page came with.
//
// The tree is an ARIA tree with one tab stop: arrows or j/k move, Right/Left open and close (or go
// to the first child / the parent), Home/End, Enter or Space select, "/" searches, Esc clears the
// search, e / Shift+E jump to the next / previous error. Focus stays on the tree while panels load.
// All data goes in through textContent; the panel is markup the server rendered and escaped.
(function () {
  "use strict";
  const ROW = 30; // px, the height of .node in loupe.css
  const OVERSCAN = 20; // rows drawn above and below the view
  const DRAW_ALL = 400; // a tree with at most this many visible rows is drawn whole
  const INDENT = 14; // px per level for the first DEEP levels
  const DEEP = 10; // below this depth each level adds only DEEP_STEP px
  const DEEP_STEP = 3;
  const NARROW = 300; // px: a tree narrower than this drops the cost column and indents less
  const TRACE = -1; // the row of the trace itself
  // columns of a row (TraceTree.Row)
  const ID = 0, PARENT = 1, DEPTH = 2, END = 3, TYPE = 4, NAME = 5, LEVEL = 6, START = 7,
    DUR = 8, TTFT = 9, MODEL = 10, IN = 11, OUT = 12, COST = 13, FLAGS = 14, EXACT = 15;
  const F_ERROR = 1, F_ERROR_BELOW = 2, F_UNPRICED = 4, F_MISSING_PARENT = 8;

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
    const a = Math.abs(us);
    if (a < 1000) return Math.round(us) + " µs";
    if (a < 1e6) return +(us / 1000).toFixed(3) + " ms";
    return +(us / 1e6).toFixed(3) + " s";
  }

  /** A 1-2-5 step giving about {@code ticks} ticks over the span. */
  function tickStep(span, ticks) {
    const raw = span / ticks;
    const pow = Math.pow(10, Math.floor(Math.log10(raw)));
    for (const m of [1, 2, 5, 10]) if (m * pow >= raw) return Math.max(1, m * pow);
    return Math.max(1, 10 * pow);
  }

  function store(key, value) {
    try {
      if (value === null) localStorage.removeItem(key);
      else localStorage.setItem(key, String(value));
    } catch (e) {
      // not remembered
    }
  }

  function stored(key) {
    try {
      return localStorage.getItem(key);
    } catch (e) {
      return null;
    }
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
    const traceName = tree.dataset.traceName || traceId;
    const index = new Map();
    rows.forEach((r, i) => index.set(r[ID], i));
    const collapsed = new Uint8Array(rows.length);
    const errors = [];
    rows.forEach((r, i) => {
      if (r[FLAGS] & F_ERROR) errors.push(i);
    });
    const body = el("div", "tree-rows");
    tree.appendChild(body);
    const axis = document.getElementById("axis");
    const status = document.getElementById("tree-status");
    const tracePanel = panel ? Array.from(panel.childNodes) : [];

    let visible = []; // row indexes in display order; TRACE for the trace row
    let selected = TRACE; // row whose panel is shown
    let active = TRACE; // the row with the tab stop
    let request = 0;
    let view = { from: 0, to: span }; // the timeline's window, µs
    let filter = null; // null, or a Uint8Array: 2 = matches, 1 = an ancestor of a match

    // ---- layout and drawing -------------------------------------------------------------------

    function layout() {
      visible = [TRACE];
      if (filter) {
        for (let i = 0; i < rows.length; i++) if (filter[i]) visible.push(i);
      } else {
        for (let i = 0; i < rows.length; ) {
          visible.push(i);
          i = collapsed[i] ? rows[i][END] : i + 1;
        }
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
      const hadFocus = tree.contains(document.activeElement);
      const frag = document.createDocumentFragment();
      const k = visible.indexOf(active);
      if (k >= 0 && (k < from || k >= to)) frag.appendChild(node(active, k)); // keeps the tab stop
      for (let p = from; p < to; p++) frag.appendChild(node(visible[p], p));
      body.replaceChildren(frag);
      if (hadFocus) focusActive();
    }

    let indentCap = 48; // px, set with the tree's width (setTreeWidth), not read per row

    function indent(depth) {
      const px = Math.min(depth, DEEP) * INDENT + Math.max(0, depth - DEEP) * DEEP_STEP;
      return Math.min(px, indentCap);
    }

    function traceNode(position) {
      const n = el("div", "node trace-node");
      n.dataset.row = String(TRACE);
      n.setAttribute("role", "treeitem");
      n.setAttribute("aria-level", "1");
      n.setAttribute("aria-label", traceName);
      n.setAttribute("aria-expanded", "true");
      n.setAttribute("aria-selected", String(selected === TRACE));
      n.tabIndex = active === TRACE ? 0 : -1;
      if (selected === TRACE) n.classList.add("selected");
      n.style.top = position * ROW + "px";
      const main = el("span", "node-main");
      const cell = el("span", "node-cell");
      cell.appendChild(el("span", "toggle-space"));
      const icon = el("span", "type-icon");
      icon.dataset.type = "TRACE";
      cell.appendChild(icon);
      const name = el("span", "node-name", traceName);
      name.title = traceName;
      cell.appendChild(name);
      main.appendChild(cell);
      main.appendChild(el("span", "node-model"));
      main.appendChild(el("span", "node-tokens num"));
      main.appendChild(el("span", "node-cost num"));
      main.appendChild(el("span", "node-latency num", latency(span)));
      n.appendChild(main);
      const lane = el("span", "timeline-cell");
      const bar = el("span", "bar trace-bar");
      place(bar, 0, span);
      lane.appendChild(bar);
      n.appendChild(lane);
      return n;
    }

    function node(i, position) {
      if (i === TRACE) return traceNode(position);
      const r = rows[i];
      const flags = r[FLAGS];
      const type = str(r[TYPE]);
      const levelName = str(r[LEVEL]);
      const modelName = str(r[MODEL]);
      const label = r[NAME] || r[ID];
      const hasChildren = r[END] > i + 1;
      const n = el("div", "node");
      if (flags & F_ERROR) n.classList.add("node-error");
      if (levelName === "WARNING") n.classList.add("node-warning");
      if (i === selected) n.classList.add("selected");
      if (filter && filter[i] === 1) n.classList.add("context");
      n.dataset.observationId = r[ID];
      n.dataset.parentId = r[PARENT] < 0 ? "" : rows[r[PARENT]][ID];
      n.dataset.row = String(i);
      n.setAttribute("role", "treeitem");
      n.setAttribute("aria-level", String(r[DEPTH] + 2));
      n.setAttribute("aria-label", label);
      n.setAttribute("aria-selected", String(i === selected));
      if (hasChildren && !filter) n.setAttribute("aria-expanded", String(!collapsed[i]));
      n.tabIndex = i === active ? 0 : -1;
      n.title = label + (type ? " · " + type : "") + (levelName !== "DEFAULT" ? " · " + levelName : "");
      n.style.top = position * ROW + "px";

      const main = el("span", "node-main");
      const cell = el("span", "node-cell");
      cell.style.paddingLeft = indent(r[DEPTH]) + 4 + "px";
      if (r[DEPTH] > DEEP) {
        const depth = el("span", "depth", String(r[DEPTH] + 1));
        depth.title = "nesting level " + (r[DEPTH] + 1);
        cell.appendChild(depth);
      }
      if (hasChildren && !filter) {
        const open = !collapsed[i];
        const toggle = el("span", "toggle", open ? "▾" : "▸");
        toggle.setAttribute("aria-hidden", "true");
        cell.appendChild(toggle);
      } else {
        cell.appendChild(el("span", "toggle-space"));
      }
      const icon = el("span", "type-icon");
      icon.dataset.type = type;
      icon.title = type;
      cell.appendChild(icon);
      cell.appendChild(el("span", "node-type", type)); // the icon says it; kept for reading aloud
      cell.appendChild(el("span", r[NAME] ? "node-name" : "node-name unnamed", label));
      if (levelName !== "DEFAULT") {
        const level = el("span", "node-level", levelName === "WARNING" ? "WARN" : levelName);
        level.dataset.level = levelName;
        level.title = levelName;
        cell.appendChild(level);
      }
      if (flags & F_ERROR_BELOW) {
        const mark = el("span", "error-below", "!");
        mark.title = "an error below";
        cell.appendChild(mark);
      }
      if (flags & F_MISSING_PARENT) {
        const mark = el("span", "missing-parent", "parent missing");
        mark.title = "its parent observation is not in this trace (yet)";
        cell.appendChild(mark);
      }
      main.appendChild(cell);
      const model = el("span", "node-model", modelName);
      model.title = modelName;
      main.appendChild(model);
      main.appendChild(el("span", "node-tokens num", r[IN] < 0 ? "" : r[IN] + " / " + r[OUT]));
      const cost = el("span", "node-cost num", r[COST]);
      if (r[COST] === "no price") cost.classList.add("no-price");
      else if (flags & F_UNPRICED) cost.classList.add("unpriced-below");
      cost.title =
        (r[EXACT] || r[COST]) +
        (hasChildren && r[COST] ? " (this subtree)" : "") +
        (flags & F_UNPRICED && r[COST] !== "no price" ? "; some observations below have no price" : "");
      main.appendChild(cost);
      main.appendChild(el("span", "node-latency num", latency(r[DUR])));
      n.appendChild(main);

      const lane = el("span", "timeline-cell");
      const bar = el("span", "bar");
      bar.dataset.observationId = r[ID];
      bar.dataset.type = type;
      if (flags & F_ERROR) bar.classList.add("bar-error");
      const start = r[START];
      const dur = r[DUR] < 0 ? span - start : r[DUR];
      if (r[DUR] < 0) bar.classList.add("bar-open");
      place(bar, start, dur);
      bar.title =
        label + ": +" + latency(start) + (r[DUR] < 0 ? ", no end" : ", " + latency(r[DUR])) +
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

    /** Positions a bar for the timeline's current window. */
    function place(bar, start, dur) {
      const w = view.to - view.from;
      bar.style.left = (100 * (start - view.from)) / w + "%";
      bar.style.width = (100 * dur) / w + "%";
    }

    function drawAxis() {
      if (!axis) return;
      const w = view.to - view.from;
      // about one label per 70 px, so that a phone's narrow timeline stays legible
      const step = tickStep(w, Math.max(1, Math.min(6, Math.floor((axis.clientWidth || 420) / 70))));
      const frag = document.createDocumentFragment();
      for (let t = Math.ceil(view.from / step) * step; t <= view.to; t += step) {
        const at = (t - view.from) / w;
        const tick = el("span", "tick", at <= 0.9 ? axisLabel(t) : "");
        tick.style.left = 100 * at + "%";
        frag.appendChild(tick);
      }
      axis.replaceChildren(frag);
      axis.title = w < span ? "showing " + axisLabel(view.from) + " – " + axisLabel(view.to) + " (drag to pan)" : "";
    }

    // ---- the split between tree and timeline, and between tree pane and panel --------------

    function setTreeWidth(px, remember) {
      const total = tree.clientWidth;
      if (!total) return;
      const w = Math.round(Math.max(Math.min(200, total - 40), Math.min(px, total - 60)));
      tree.style.setProperty("--tree-w", w + "px");
      tree.classList.toggle("compact", w < 560);
      tree.classList.toggle("narrow", w < NARROW);
      // the cap leaves a narrow tree (a phone) room for the name beside the depth badge
      indentCap = Math.min(200, w < NARROW ? Math.max(28, w * 0.13) : Math.max(48, w * 0.22));
      if (remember) store("loupe.treeShare", (w / total).toFixed(3));
    }

    function fitTreeWidth() {
      const share = parseFloat(stored("loupe.treeShare"));
      const total = tree.clientWidth;
      const fallback = total < 520 ? 0.76 : 0.58;
      setTreeWidth(total * (share > 0.2 && share < 0.95 ? share : fallback), false);
    }

    function drag(handle, onMove, onEnd) {
      handle.addEventListener("pointerdown", (e) => {
        e.preventDefault();
        handle.setPointerCapture(e.pointerId);
        document.body.classList.add("dragging");
        const move = (ev) => onMove(ev);
        const up = () => {
          handle.removeEventListener("pointermove", move);
          handle.removeEventListener("pointerup", up);
          document.body.classList.remove("dragging");
          if (onEnd) onEnd();
        };
        handle.addEventListener("pointermove", move);
        handle.addEventListener("pointerup", up);
      });
    }

    const splitTree = document.getElementById("split-tree");
    if (splitTree)
      drag(splitTree, (e) => {
        setTreeWidth(e.clientX - tree.getBoundingClientRect().left, true);
        drawAxis();
        draw();
      });

    const viewEl = document.getElementById("trace-view");
    const splitPanel = document.getElementById("split-panel");
    function setPanelWidth(px, remember) {
      if (!viewEl) return;
      const w = Math.round(Math.max(280, Math.min(px, viewEl.clientWidth - 360)));
      viewEl.style.setProperty("--panel-w", w + "px");
      if (remember) store("loupe.panelWidth", w);
    }
    if (splitPanel && viewEl) {
      const saved = parseFloat(stored("loupe.panelWidth"));
      if (saved > 0) setPanelWidth(saved, false);
      drag(
        splitPanel,
        (e) => setPanelWidth(viewEl.getBoundingClientRect().right - e.clientX, true),
        () => {
          fitTreeWidth();
          drawAxis();
          draw();
        },
      );
      splitPanel.addEventListener("keydown", (e) => {
        const now = panel ? panel.getBoundingClientRect().width : 400;
        if (e.key === "ArrowLeft") setPanelWidth(now + 40, true);
        else if (e.key === "ArrowRight") setPanelWidth(now - 40, true);
        else return;
        e.preventDefault();
        fitTreeWidth();
        draw();
      });
    }

    // ---- expanding, selecting, focus ----------------------------------------------------------

    function toggle(i) {
      if (i === TRACE || rows[i][END] <= i + 1 || filter) return;
      collapsed[i] = collapsed[i] ? 0 : 1;
      layout();
      draw();
    }

    function focusActive() {
      const n = body.querySelector('.node[data-row="' + active + '"]');
      if (n && document.activeElement !== n) n.focus({ preventScroll: true });
    }

    /** Moves the tab stop to row i, scrolls it into view and focuses it. */
    function activate(i) {
      active = i;
      const k = visible.indexOf(i);
      if (k >= 0) {
        const top = body.offsetTop + k * ROW;
        const head = tree.querySelector(".tree-head");
        const headH = head ? head.offsetHeight : 0;
        if (top - headH < tree.scrollTop) tree.scrollTop = Math.max(0, top - headH);
        else if (top + ROW > tree.scrollTop + tree.clientHeight)
          tree.scrollTop = top + ROW - tree.clientHeight;
      }
      draw();
      focusActive();
    }

    function select(i, scroll) {
      selected = i;
      for (const n of body.querySelectorAll(".node.selected")) {
        n.classList.remove("selected");
        n.setAttribute("aria-selected", "false");
      }
      const shown = body.querySelector('.node[data-row="' + i + '"]');
      if (shown) {
        shown.classList.add("selected");
        shown.setAttribute("aria-selected", "true");
      }
      if (scroll) reveal(i);
      if (history.replaceState)
        history.replaceState(null, "", i === TRACE ? location.pathname + location.search : "#" + encodeURIComponent(rows[i][ID]));
      if (i === TRACE) showTracePanel();
      else loadPanel(rows[i][ID]);
      if (window.LoupeGraph) window.LoupeGraph.highlight(i === TRACE ? null : i);
    }

    /** Expands the ancestors of row i and scrolls it into the middle of the view. */
    function reveal(i) {
      if (i !== TRACE) for (let p = rows[i][PARENT]; p >= 0; p = rows[p][PARENT]) collapsed[p] = 0;
      if (filter && i !== TRACE && !filter[i]) clearFilters();
      layout();
      const k = visible.indexOf(i);
      tree.scrollTop = Math.max(0, body.offsetTop + k * ROW - tree.clientHeight / 2);
      active = i;
      draw();
    }

    function showTracePanel() {
      if (!panel) return;
      request++;
      panel.removeAttribute("aria-busy");
      panel.replaceChildren(...tracePanel);
      delete panel.dataset.observationId;
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
          panel.scrollTop = 0;
          if (window.LoupePanel) window.LoupePanel.enhance(panel);
        })
        .catch(() => {
          if (mine !== request) return;
          panel.removeAttribute("aria-busy");
          panel.replaceChildren(el("p", "error", "This observation could not be loaded."));
        });
    }

    // ---- keyboard -----------------------------------------------------------------------------

    let follow = 0;
    /** Selection follows the keyboard after a short pause, so holding an arrow stays quick. */
    function moveTo(i) {
      activate(i);
      clearTimeout(follow);
      follow = setTimeout(() => {
        if (selected !== i) select(i, false);
      }, 180);
    }

    function parentOf(i) {
      return i === TRACE ? TRACE : rows[i][PARENT] < 0 ? TRACE : rows[i][PARENT];
    }

    tree.addEventListener("keydown", (e) => {
      if (!(e.target instanceof Element) || !e.target.closest(".node")) return;
      if (e.altKey || e.ctrlKey || e.metaKey) return;
      const k = visible.indexOf(active);
      const hasKids = active !== TRACE && rows[active][END] > active + 1;
      switch (e.key) {
        case "ArrowDown":
        case "j":
          if (k + 1 < visible.length) moveTo(visible[k + 1]);
          break;
        case "ArrowUp":
        case "k":
          if (k > 0) moveTo(visible[k - 1]);
          break;
        case "Home":
          moveTo(visible[0]);
          break;
        case "End":
          moveTo(visible[visible.length - 1]);
          break;
        case "ArrowRight":
        case "l":
          if (active === TRACE) {
            if (visible.length > 1) moveTo(visible[1]);
          } else if (hasKids && collapsed[active] && !filter) toggle(active);
          else if (hasKids) moveTo(active + 1);
          break;
        case "ArrowLeft":
        case "h":
          if (hasKids && !collapsed[active] && !filter) toggle(active);
          else moveTo(parentOf(active));
          break;
        case "Enter":
        case " ":
          clearTimeout(follow);
          select(active, false);
          break;
        case "*":
          if (!filter) expandTo(99);
          break;
        default:
          return;
      }
      e.preventDefault();
    });

    // ---- clicks: a row (anywhere on it, its bar too) selects; its arrow expands ---------------

    tree.addEventListener("click", (e) => {
      const target = e.target instanceof Element ? e.target : null;
      const n = target && target.closest(".node");
      if (!n) return;
      const i = Number(n.dataset.row);
      if (target.closest(".toggle")) {
        toggle(i);
        activate(i);
        return;
      }
      active = i;
      select(i, false);
      focusActive();
    });
    tree.addEventListener("dblclick", (e) => {
      const bar = e.target instanceof Element ? e.target.closest(".bar[data-observation-id]") : null;
      if (!bar) return;
      const r = rows[index.get(bar.dataset.observationId)];
      const dur = r[DUR] < 0 ? span - r[START] : Math.max(r[DUR], 1);
      zoomTo(r[START] - dur * 0.05, r[START] + dur * 1.05);
    });

    // ---- errors -------------------------------------------------------------------------------

    const prevError = document.getElementById("prev-error");
    const nextError = document.getElementById("next-error");
    const errorPos = document.getElementById("error-pos");
    function showErrorPos(at) {
      if (!errorPos) return;
      errorPos.textContent = errors.length === 0 ? "no errors" : (at >= 0 ? at + 1 + " of " : "") + errors.length + (errors.length === 1 ? " error" : " errors");
    }
    function jumpError(step) {
      if (!errors.length) return;
      const from = active === TRACE ? -1 : active;
      let at;
      if (step > 0) at = errors.findIndex((i) => i > from);
      else {
        at = -1;
        for (let e = errors.length - 1; e >= 0; e--)
          if (errors[e] < from || from < 0) {
            at = e;
            break;
          }
      }
      if (at < 0) at = step > 0 ? 0 : errors.length - 1;
      const i = errors[at];
      reveal(i);
      activate(i);
      select(i, false);
      showErrorPos(at);
    }
    if (prevError) prevError.addEventListener("click", () => jumpError(-1));
    if (nextError) nextError.addEventListener("click", () => jumpError(1));
    for (const b of [prevError, nextError]) if (b) b.disabled = errors.length === 0;
    showErrorPos(-1);

    // ---- search and filters -------------------------------------------------------------------

    const search = document.getElementById("tree-search");
    const typeSel = document.getElementById("tree-type");
    const levelSel = document.getElementById("tree-level");
    const depthSel = document.getElementById("tree-depth");
    if (typeSel) {
      const types = [...new Set(rows.map((r) => str(r[TYPE])))].sort();
      for (const t of types) typeSel.appendChild(new Option(t.toLowerCase(), t));
    }
    let textHits = new Set(); // ids the server found in inputs, outputs, metadata
    let findRequest = 0;
    let findTimer = 0;

    function matches(i, q) {
      const r = rows[i];
      if (typeSel && typeSel.value && str(r[TYPE]) !== typeSel.value) return false;
      if (levelSel && levelSel.value) {
        const level = str(r[LEVEL]);
        if (levelSel.value === "ERROR" ? level !== "ERROR" : level !== "ERROR" && level !== "WARNING")
          return false;
      }
      if (!q) return true;
      return (
        textHits.has(r[ID]) ||
        r[ID].toLowerCase() === q ||
        (r[NAME] || "").toLowerCase().includes(q) ||
        str(r[TYPE]).toLowerCase().includes(q) ||
        str(r[MODEL]).toLowerCase().includes(q)
      );
    }

    function applyFilters() {
      const q = search ? search.value.trim().toLowerCase() : "";
      const on = q || (typeSel && typeSel.value) || (levelSel && levelSel.value);
      if (!on) {
        filter = null;
        if (status) status.textContent = "";
      } else {
        filter = new Uint8Array(rows.length);
        let n = 0;
        for (let i = 0; i < rows.length; i++) {
          if (!matches(i, q)) continue;
          n++;
          filter[i] = 2;
          for (let p = rows[i][PARENT]; p >= 0 && !filter[p]; p = rows[p][PARENT]) filter[p] = 1;
        }
        if (status) status.textContent = n + (n === 1 ? " match" : " matches");
      }
      tree.classList.toggle("filtered", !!filter);
      layout();
      if (visible.indexOf(active) < 0) active = TRACE;
      tree.scrollTop = 0;
      draw();
    }

    function clearFilters() {
      if (search) search.value = "";
      if (typeSel) typeSel.value = "";
      if (levelSel) levelSel.value = "";
      textHits = new Set();
      filter = null;
      tree.classList.remove("filtered");
      if (status) status.textContent = "";
    }

    function findText(q) {
      const mine = ++findRequest;
      if (q.length < 2) {
        textHits = new Set();
        applyFilters();
        return;
      }
      fetch("/ui/traces/" + encodeURIComponent(traceId) + "/find?q=" + encodeURIComponent(q), {
        credentials: "same-origin",
      })
        .then((r) => (r.ok ? r.json() : { ids: [] }))
        .then((res) => {
          if (mine !== findRequest) return;
          textHits = new Set(Array.isArray(res.ids) ? res.ids : []);
          applyFilters();
        })
        .catch(() => {});
    }

    if (search) {
      search.addEventListener("input", () => {
        applyFilters(); // names, types and models at once
        clearTimeout(findTimer);
        const q = search.value.trim();
        findTimer = setTimeout(() => findText(q), 250); // then the texts, from the server
      });
      search.addEventListener("keydown", (e) => {
        if (e.key === "Escape") {
          search.value = "";
          textHits = new Set();
          applyFilters();
          activate(active);
        } else if (e.key === "Enter" || e.key === "ArrowDown") {
          e.preventDefault();
          if (visible.length > 1) moveTo(visible[1]);
        }
      });
    }
    for (const s of [typeSel, levelSel]) if (s) s.addEventListener("change", applyFilters);

    function expandTo(depth) {
      for (let i = 0; i < rows.length; i++)
        collapsed[i] = rows[i][END] > i + 1 && rows[i][DEPTH] >= depth ? 1 : 0;
      if (active !== TRACE && visible.indexOf(active) >= 0) {
        // keep the tab stop on a row that stays visible
        let a = active;
        while (a >= 0 && rows[a][DEPTH] > depth) a = rows[a][PARENT];
        active = a < 0 ? TRACE : a;
      }
      layout();
      draw();
    }
    if (depthSel)
      depthSel.addEventListener("change", () => {
        const v = depthSel.value;
        if (v === "") return;
        if (filter) clearFilters();
        expandTo(v === "all" ? Infinity : Number(v));
        depthSel.value = "";
      });

    document.addEventListener("keydown", (e) => {
      const t = e.target;
      const typing = t instanceof Element && t.closest("input, textarea, select");
      if (typing || e.altKey || e.ctrlKey || e.metaKey) return;
      if (e.key === "/" && search) {
        e.preventDefault();
        search.focus();
        search.select();
      } else if (e.key === "e" || e.key === "E") {
        e.preventDefault();
        jumpError(e.shiftKey ? -1 : 1);
      } else if (e.key === "Escape" && filter) {
        clearFilters();
        layout();
        draw();
      }
    });

    // ---- timeline zoom and pan ----------------------------------------------------------------

    function zoomTo(from, to) {
      const min = Math.max(1, span / 10000);
      let w = Math.max(min, Math.min(span, to - from));
      let f = Math.max(0, Math.min(span - w, from));
      view = { from: f, to: f + w };
      drawAxis();
      draw();
    }
    function zoom(factor, centerAt) {
      const w = view.to - view.from;
      const c = centerAt === undefined ? view.from + w / 2 : centerAt;
      const nw = w * factor;
      const share = (c - view.from) / w;
      zoomTo(c - nw * share, c - nw * share + nw);
    }
    const zin = document.getElementById("zoom-in");
    const zout = document.getElementById("zoom-out");
    const zfit = document.getElementById("zoom-fit");
    if (zin)
      zin.addEventListener("click", () => {
        const r = selected === TRACE ? null : rows[selected];
        zoom(0.5, r ? r[START] + Math.max(0, r[DUR]) / 2 : undefined);
      });
    if (zout) zout.addEventListener("click", () => zoom(2));
    if (zfit) zfit.addEventListener("click", () => zoomTo(0, span));
    function timeAt(clientX) {
      const rect = axis.getBoundingClientRect();
      return view.from + ((clientX - rect.left) / Math.max(1, rect.width)) * (view.to - view.from);
    }
    tree.addEventListener(
      "wheel",
      (e) => {
        const lane = e.target instanceof Element && e.target.closest(".timeline-cell, .axis");
        if (!lane || !axis) return;
        if (e.ctrlKey || e.metaKey) {
          e.preventDefault();
          zoom(e.deltaY > 0 ? 1.25 : 0.8, timeAt(e.clientX));
        } else if (e.shiftKey || Math.abs(e.deltaX) > Math.abs(e.deltaY)) {
          const d = e.deltaX || e.deltaY;
          if (view.to - view.from >= span) return;
          e.preventDefault();
          const shift = (d / Math.max(1, axis.clientWidth)) * (view.to - view.from);
          zoomTo(view.from + shift, view.to + shift);
        }
      },
      { passive: false },
    );
    if (axis)
      drag(axis, (e) => {
        const dx = e.movementX || 0;
        const shift = (-dx / Math.max(1, axis.clientWidth)) * (view.to - view.from);
        zoomTo(view.from + shift, view.to + shift);
      });

    // ---- views: tree or graph ------------------------------------------------------------------

    const graph = document.getElementById("graph");
    for (const b of document.querySelectorAll(".view-tabs [data-view]"))
      b.addEventListener("click", () => {
        const showGraph = b.dataset.view === "graph";
        for (const o of document.querySelectorAll(".view-tabs [data-view]"))
          o.setAttribute("aria-pressed", String(o === b));
        tree.hidden = showGraph;
        if (graph) graph.hidden = !showGraph;
        document.querySelector(".tree-pane").classList.toggle("showing-graph", showGraph);
        if (showGraph && window.LoupeGraph && graph)
          window.LoupeGraph.draw(graph, rows, str, (i) => {
            select(i, true);
          });
        if (!showGraph) {
          fitTreeWidth();
          draw();
        }
      });

    // ---- start --------------------------------------------------------------------------------

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
    let lastWidth = 0;
    window.addEventListener("resize", () => {
      if (tree.clientWidth !== lastWidth) {
        lastWidth = tree.clientWidth;
        fitTreeWidth();
        drawAxis();
      }
      redraw();
    });

    fitTreeWidth();
    lastWidth = tree.clientWidth;
    layout();
    drawAxis();
    draw();
    if (window.LoupePanel && panel) window.LoupePanel.enhance(panel);
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
