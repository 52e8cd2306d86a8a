/* The actor network (Cytoscape.js): search, tie-type and date filters, neighbourhood on click, no label overlaps. */
"use strict";
(function () {
  const node = document.getElementById("network");
  const status = document.getElementById("net-status");
  const COLOURS = { fights: "#d0362f", supports: "#2e9e5b", allied: "#2e9e5b", part_of: "#3a7bd5",
    affiliated: "#3a7bd5", opposes: "#e08a1e", event: "#7a6fbf" };
  const kind = (t) => (String(t).startsWith("event:") ? "event" : t);

  fetch(node.dataset.src, { headers: { Accept: "application/json" } }).then((r) => r.json()).then((data) => {
    const maxDeg = Math.max(1, ...data.nodes.map((n) => n.degree));
    const elements = [
      ...data.nodes.map((n) => ({ data: { id: n.id, name: n.name, degree: n.degree, size: 10 + 30 * Math.sqrt(n.degree / maxDeg) } })),
      ...data.edges.map((e, i) => ({ data: { id: "e" + i, source: e.source, target: e.target, type: e.type, kind: kind(e.type),
        origin: e.origin, first: e.first_seen || "", last: e.last_seen || "", colour: COLOURS[kind(e.type)] || "#8a93a0" } })),
    ];
    const cy = cytoscape({
      container: node, elements, minZoom: 0.2, maxZoom: 4,
      style: [
        { selector: "node", style: { width: "data(size)", height: "data(size)", "background-color": "#1d2330", label: "data(name)",
          "font-size": 14, "text-valign": "bottom", "text-margin-y": 3, "text-background-color": "#fff", "text-background-opacity": 0.85,
          "text-background-padding": 1, "min-zoomed-font-size": 6, "z-index": "data(degree)" } },
        { selector: "node.nolabel", style: { label: "" } },
        { selector: "edge", style: { width: 1.6, "line-color": "data(colour)", "curve-style": "bezier", "target-arrow-shape": "triangle",
          "target-arrow-color": "data(colour)", "arrow-scale": 0.7, opacity: 0.8 } },
        { selector: "edge[origin = 'kb']", style: { "line-style": "dashed" } },
        { selector: ".hidden", style: { display: "none" } },
        { selector: ".faded", style: { opacity: 0.08 } },
        { selector: "node.focus", style: { "background-color": "#d0362f", "z-index": 100000 } },
      ],
      layout: { name: "circle" },
    });
    cy.layout({ name: "cose", randomize: false, animate: false, nodeRepulsion: () => 60000, idealEdgeLength: () => 90,
      nodeOverlap: 20, gravity: 0.25, numIter: 1500 }).run();
    cy.fit(undefined, 20);

    /** Hide the labels that would overlap a more connected actor's label (checked on every view change). */
    function declutter() {
      const placed = [];
      cy.nodes().removeClass("nolabel");
      cy.nodes(".faded").addClass("nolabel");  // outside the chosen neighbourhood: no label at all
      const shown = cy.nodes().filter((n) => n.visible() && !n.hasClass("faded")).sort((a, b) => b.data("degree") - a.data("degree"));
      shown.forEach((n) => {
        const bb = n.boundingBox({ includeNodes: false, includeEdges: false, includeLabels: true });
        const hit = placed.some((p) => bb.x1 < p.x2 && p.x1 < bb.x2 && bb.y1 < p.y2 && p.y1 < bb.y2);
        if (hit) n.addClass("nolabel"); else placed.push(bb);
      });
    }
    let timer = null;
    cy.on("viewport", () => { clearTimeout(timer); timer = setTimeout(declutter, 80); });

    const typeBoxes = [...document.querySelectorAll("#net-types input")];
    const since = document.getElementById("net-since"), until = document.getElementById("net-until");
    const kb = document.getElementById("net-kb");
    function filter() {
      const on = new Set(typeBoxes.filter((b) => b.checked).map((b) => b.value));
      cy.batch(() => {
        cy.edges().forEach((e) => {
          const d = e.data();
          let keep = on.has(d.kind) && (kb.checked || d.origin !== "kb");
          if (keep && d.origin !== "kb" && (since.value || until.value)) {
            keep = !(since.value && d.last && d.last < since.value) && !(until.value && d.first && d.first > until.value);
          }
          e.toggleClass("hidden", !keep);
        });
        cy.nodes().forEach((n) => n.toggleClass("hidden", n.connectedEdges().filter((e) => !e.hasClass("hidden")).length === 0));
      });
      declutter();
    }
    function focus(n) {
      cy.elements().removeClass("faded focus");
      if (!n) { status.textContent = "All actors. Click one to see its neighbourhood."; cy.fit(cy.elements(":visible"), 20); declutter(); return; }
      const hood = n.closedNeighborhood().filter((x) => !x.hasClass("hidden"));
      cy.elements().not(hood).addClass("faded");
      n.addClass("focus");
      status.textContent = n.data("name") + ": " + (hood.nodes().length - 1) + " connected actors";
      cy.fit(hood, 40);
      declutter();
      node.dataset.focus = n.id();
    }
    cy.on("tap", "node", (ev) => focus(ev.target));
    cy.on("tap", (ev) => { if (ev.target === cy) focus(null); });
    for (const b of [...typeBoxes, since, until, kb]) b.addEventListener("change", filter);
    const search = document.getElementById("net-search");
    function find() {
      const q = search.value.trim().toLowerCase();
      if (!q) return focus(null);
      const hit = cy.nodes().filter((n) => n.data("name").toLowerCase().includes(q)).sort((a, b) => b.data("degree") - a.data("degree"))[0];
      if (hit) focus(hit); else status.textContent = "No actor matches “" + search.value + "”.";
    }
    search.addEventListener("change", find);
    document.getElementById("net-controls").addEventListener("submit", (ev) => { ev.preventDefault(); find(); });
    document.getElementById("net-reset").addEventListener("click", () => {
      typeBoxes.forEach((b) => { b.checked = true; }); since.value = ""; until.value = ""; kb.checked = true; search.value = "";
      filter(); focus(null);
    });
    declutter();
    node.dataset.loaded = String(cy.nodes().length);
    window.lannerNet = cy;
  });
})();
