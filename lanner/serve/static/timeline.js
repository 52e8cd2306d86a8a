/* The timeline: events per day or week, stacked by type (uPlot), with a brush that reports its range. */
"use strict";
window.DeskTimeline = function (node, onBrush) {
  const { colour, json, el } = window.Desk;
  let plot = null;
  const DAY = 86400;

  function stack(data) {
    const xs = data.bins.map((b) => Date.parse(b.start + "T00:00:00Z") / 1000);
    const types = data.types;
    // series k draws the sum of types k..n, in type k's colour: drawn in order they read as a stack
    const cum = types.map((_, k) => data.bins.map((b) => types.slice(k).reduce((s, t) => s + (b.counts[t] || 0), 0)));
    return { xs, types, cum };
  }
  async function load(query) {
    const data = await json(node.dataset.src + (query ? "?" + query : ""));
    if (!data.bins.length) {
      node.textContent = "No dated events in the reports' publication span.";
      node.dataset.loaded = "0";
      return data;
    }
    const { xs, types, cum } = stack(data);
    const width = Math.max(300, node.clientWidth || 900);
    const bars = uPlot.paths.bars({ size: [0.92, 40], align: 1 });
    const opts = {
      width, height: 200,
      scales: { x: { time: true, range: data.span[0] ? [Date.parse(data.span[0]) / 1000, Date.parse(data.span[1]) / 1000 + (data.unit === "week" ? 7 : 1) * DAY] : null } },
      legend: { show: false },
      cursor: { drag: { x: true, y: false, setScale: false }, points: { show: false } },
      axes: [{}, { size: 40 }],
      series: [{}, ...types.map((t) => ({ label: t, fill: colour(t), stroke: colour(t), width: 0, paths: bars, points: { show: false } }))],
      hooks: {
        setSelect: [(u) => {
          if (u.select.width < 3) return;
          const a = u.posToVal(u.select.left, "x"), b = u.posToVal(u.select.left + u.select.width, "x");
          onBrush(new Date(a * 1000).toISOString().slice(0, 10), new Date(b * 1000).toISOString().slice(0, 10));
        }],
      },
    };
    if (plot) plot.destroy();
    node.textContent = "";
    plot = new uPlot(opts, [xs, ...cum], node);
    plot.over.addEventListener("dblclick", () => { plot.setSelect({ left: 0, width: 0, top: 0, height: 0 }, false); onBrush(null, null); });
    const legend = el("p", null, "legend");
    for (const t of types.slice(0, 10)) {
      const s = el("span"), sw = el("span", null, "sw");
      sw.style.background = colour(t);
      s.append(sw, document.createTextNode(t));
      legend.append(s);
    }
    legend.append(el("span", "per " + data.unit + (data.left_out ? " · " + data.left_out + " events undated or dated outside the reports' span are not drawn" : ""), "muted"));
    node.append(legend);
    node.dataset.loaded = String(xs.length);
    return data;
  }
  return { load, get plot() { return plot; } };
};
