// Dashboard charts: each .chart[data-chart] holds its data in data-series
// ({"x": [epoch seconds], "series": [{"label", "values"}]}) and is drawn with uPlot.
// The tables are server-rendered; this only adds the charts, then marks the page ready.
(function () {
  "use strict";
  const COLORS = ["#2563eb", "#dc2626", "#16a34a", "#d97706", "#7c3aed", "#0891b2", "#db2777",
    "#65a30d", "#6b7280"];

  // A value for the legend: dollars with cents (or 3 significant digits under $1), whole tokens.
  function format(unit, v) {
    if (v == null) return "";
    if (unit === "$") return "$" + (Math.abs(v) >= 1 ? v.toFixed(2) : Number(v.toPrecision(3)));
    if (unit === "score") return String(Number(v.toPrecision(3)));
    return Math.round(v).toLocaleString("en");
  }

  // A value for the axis, short: $12.50, $0.0003, 1.2M, 950k.
  function short(unit, v) {
    if (v == null) return "";
    const prefix = unit === "$" ? "$" : "";
    const a = Math.abs(v);
    if (a >= 1e9) return prefix + Number((v / 1e9).toPrecision(3)) + "B";
    if (a >= 1e6) return prefix + Number((v / 1e6).toPrecision(3)) + "M";
    if (a >= 1e4) return prefix + Number((v / 1e3).toPrecision(3)) + "k";
    if (unit === "$" && a > 0 && a < 1) return prefix + Number(v.toPrecision(2));
    return prefix + Number(v.toPrecision(4));
  }

  function draw(el) {
    let data;
    try {
      data = JSON.parse(el.dataset.series);
    } catch (e) {
      return;
    }
    const unit = el.dataset.unit || "";
    if (!data.series.length) {
      const p = document.createElement("p");
      p.className = "chart-empty";
      p.textContent = "No data in this range";
      el.appendChild(p);
      return;
    }
    const series = [{}];
    const columns = [data.x];
    data.series.forEach(function (s, i) {
      series.push({
        label: s.label,
        stroke: COLORS[i % COLORS.length],
        width: 2,
        points: { show: data.x.length < 60 },
        value: function (u, v) { return format(unit, v); },
      });
      columns.push(s.values);
    });
    const opts = {
      width: Math.max(240, el.clientWidth || 600),
      height: 260,
      series: series,
      axes: [{}, { values: function (u, vals) { return vals.map(function (v) { return short(unit, v); }); }, size: 64 }],
      scales: { x: { time: true } },
    };
    el.uplot = new window.uPlot(opts, columns, el);
  }

  // Charts follow their box: a window resize (or a rotated phone) redraws them at the new width.
  function followResize(charts) {
    if (!window.ResizeObserver) return;
    const observer = new ResizeObserver(function (entries) {
      entries.forEach(function (entry) {
        const el = entry.target;
        const width = Math.max(240, Math.floor(el.clientWidth));
        if (el.uplot && Math.abs(el.uplot.width - width) > 1) el.uplot.setSize({ width: width, height: 260 });
      });
    });
    charts.forEach(function (el) {
      observer.observe(el);
    });
  }

  // The range picker and From/To: filled dates mean a custom window; a chosen range clears them.
  function linkRangeAndDates() {
    const form = document.getElementById("dashboard-range");
    if (!form) return;
    const range = form.querySelector("select[name=range]");
    const dates = form.querySelectorAll("input[name=from], input[name=to]");
    if (!range) return;
    range.addEventListener("change", function () {
      if (range.value !== "custom") dates.forEach(function (d) { d.value = ""; });
    });
    dates.forEach(function (d) {
      d.addEventListener("input", function () {
        if (d.value) range.value = "custom";
      });
    });
  }

  function drawAll() {
    const charts = document.querySelectorAll(".chart[data-chart]");
    if (window.uPlot) {
      charts.forEach(draw);
      followResize(charts);
    }
    linkRangeAndDates();
    if (window.Loupe && window.Loupe.ready) window.Loupe.ready();
  }

  document.addEventListener("DOMContentLoaded", function () {
    drawAll();
  });
})();
