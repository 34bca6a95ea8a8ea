// The agent graph of a trace: agents, tools and generations as nodes (one per type and name),
// calls as edges from the nearest agent-graph ancestor (or the trace) to the callee, with the
// number of calls on repeated edges, so a loop reads as "×12". Drawn as SVG with textContent only.
// Columns follow the first call's depth; clicking a node selects its first observation.
(function () {
  "use strict";
  const SVG = "http://www.w3.org/2000/svg";
  const KINDS = new Set(["AGENT", "TOOL", "GENERATION"]);
  const ID = 0, PARENT = 1, TYPE = 4, NAME = 5, FLAGS = 14;
  const W = 168, H = 40, GAP_X = 64, GAP_Y = 22, PAD = 16;
  let highlightRow = () => {};

  function svg(tag, attrs, text) {
    const e = document.createElementNS(SVG, tag);
    for (const k in attrs) e.setAttribute(k, attrs[k]);
    if (text !== undefined) e.textContent = text;
    return e;
  }

  /** Nodes and edges of the rows: {nodes: [{key, type, name, rows, errors, col}], edges}. */
  function build(rows, str) {
    const nodes = new Map();
    const key = new Array(rows.length);
    const root = { key: "trace", type: "TRACE", name: "trace", rows: [], errors: 0, col: 0, order: 0 };
    nodes.set("trace", root);
    const edges = new Map();
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i];
      const type = str(r[TYPE]);
      let from = "trace";
      let depth = 0;
      for (let p = r[PARENT]; p >= 0; p = rows[p][PARENT]) {
        if (key[p]) {
          from = key[p];
          break;
        }
      }
      if (!KINDS.has(type)) continue;
      const k = type + ":" + (r[NAME] || "(unnamed)");
      key[i] = k;
      depth = nodes.get(from).col + 1;
      let n = nodes.get(k);
      if (!n) {
        n = { key: k, type, name: r[NAME] || "(unnamed)", rows: [], errors: 0, col: depth, order: nodes.size };
        nodes.set(k, n);
      }
      n.rows.push(i);
      if (r[FLAGS] & 1) n.errors++;
      const ek = from + "→" + k;
      edges.set(ek, { from, to: k, count: (edges.has(ek) ? edges.get(ek).count : 0) + 1 });
    }
    return { nodes: [...nodes.values()], edges: [...edges.values()] };
  }

  function draw(container, rows, str, onSelect) {
    const g = build(rows, str);
    container.replaceChildren();
    if (g.nodes.length <= 1) {
      const p = document.createElement("p");
      p.className = "hint";
      p.textContent = "This trace has no agents, tools or generations to draw.";
      container.appendChild(p);
      return;
    }
    const columns = [];
    for (const n of g.nodes) (columns[n.col] = columns[n.col] || []).push(n);
    const pos = new Map();
    columns.forEach((col, c) =>
      col.forEach((n, k) => pos.set(n.key, { x: PAD + c * (W + GAP_X), y: PAD + k * (H + GAP_Y) })),
    );
    const width = PAD * 2 + columns.length * (W + GAP_X);
    const height = PAD * 2 + Math.max(...columns.map((c) => c.length)) * (H + GAP_Y) + 30;
    const root = svg("svg", {
      width,
      height,
      viewBox: "0 0 " + width + " " + height,
      role: "img",
      "aria-label": "Agent graph: " + (g.nodes.length - 1) + " agents, tools and generations",
    });
    const defs = svg("defs", {});
    const marker = svg("marker", { id: "arrow", viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: "auto-start-reverse" });
    marker.appendChild(svg("path", { d: "M 0 0 L 10 5 L 0 10 z", class: "edge-head" }));
    defs.appendChild(marker);
    root.appendChild(defs);
    for (const e of g.edges) {
      const a = pos.get(e.from), b = pos.get(e.to);
      const group = svg("g", { class: "edge" + (e.count > 1 ? " repeated" : "") });
      let d, lx, ly;
      if (e.from === e.to) {
        d = "M " + (a.x + W - 30) + " " + a.y + " C " + (a.x + W + 10) + " " + (a.y - 40) + " " + (a.x + W + 30) + " " + (a.y + 10) + " " + (a.x + W) + " " + (a.y + 14);
        lx = a.x + W + 16;
        ly = a.y - 16;
      } else if (b.x > a.x) {
        const x1 = a.x + W, y1 = a.y + H / 2, x2 = b.x, y2 = b.y + H / 2;
        d = "M " + x1 + " " + y1 + " C " + (x1 + GAP_X / 2) + " " + y1 + " " + (x2 - GAP_X / 2) + " " + y2 + " " + x2 + " " + y2;
        lx = (x1 + x2) / 2;
        ly = (y1 + y2) / 2 - 4;
      } else {
        // a call back to an earlier column: under the nodes
        const x1 = a.x + W / 2, y1 = a.y + H, x2 = b.x + W / 2, y2 = b.y + H;
        const low = Math.max(y1, y2) + 28;
        d = "M " + x1 + " " + y1 + " C " + x1 + " " + low + " " + x2 + " " + low + " " + x2 + " " + y2;
        lx = (x1 + x2) / 2;
        ly = low - 4;
      }
      group.appendChild(svg("path", { d, "marker-end": "url(#arrow)" }));
      if (e.count > 1) group.appendChild(svg("text", { x: lx, y: ly, class: "edge-count", "text-anchor": "middle" }, "×" + e.count));
      group.appendChild(svg("title", {}, e.from.replace(/^\w+:/, "") + " → " + e.to.replace(/^\w+:/, "") + ": " + e.count + (e.count === 1 ? " call" : " calls")));
      root.appendChild(group);
    }
    for (const n of g.nodes) {
      const p = pos.get(n.key);
      const group = svg("g", {
        class: "graph-node" + (n.errors ? " has-error" : ""),
        "data-type": n.type,
        "data-key": n.key,
        transform: "translate(" + p.x + " " + p.y + ")",
        tabindex: n.rows.length ? 0 : -1,
        role: n.rows.length ? "button" : "presentation",
      });
      group.appendChild(svg("rect", { width: W, height: H, rx: 6 }));
      const label = n.name.length > 22 ? n.name.slice(0, 21) + "…" : n.name;
      group.appendChild(svg("text", { x: 10, y: 17, class: "graph-name" }, label));
      group.appendChild(
        svg("text", { x: 10, y: 32, class: "graph-meta" }, n.type.toLowerCase() + (n.rows.length ? " · " + n.rows.length + (n.rows.length === 1 ? " call" : " calls") : "") + (n.errors ? " · " + n.errors + " failed" : "")),
      );
      group.appendChild(svg("title", {}, n.name + " (" + n.type.toLowerCase() + ")"));
      if (n.rows.length) {
        const go = () => onSelect(n.rows[0]);
        group.addEventListener("click", go);
        group.addEventListener("keydown", (ev) => {
          if (ev.key === "Enter" || ev.key === " ") {
            ev.preventDefault();
            go();
          }
        });
      }
      root.appendChild(group);
    }
    container.appendChild(root);
    highlightRow = (i) => {
      for (const n of root.querySelectorAll(".graph-node.selected")) n.classList.remove("selected");
      if (i === null) return;
      const k = g.nodes.find((n) => n.rows.includes(i));
      if (k) {
        const n = root.querySelector('.graph-node[data-key="' + CSS.escape(k.key) + '"]');
        if (n) n.classList.add("selected");
      }
    };
  }

  window.LoupeGraph = { draw, build, highlight: (i) => highlightRow(i) };
})();
