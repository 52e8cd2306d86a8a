/* The dashboard: map, timeline and table share the URL's filters; brushing the timeline narrows the others. */
"use strict";
(function () {
  const { json, params, el } = window.Desk;
  const mapNode = document.getElementById("map");
  const deskMap = window.DeskMap(mapNode);
  const tbody = document.querySelector("#events tbody");
  const range = document.getElementById("range");
  const toEvents = document.getElementById("to-events");

  function row(e) {
    const tr = el("tr", null, "event");
    const cells = [e.date_start || "–", e.type + (e.mode ? "/" + e.mode : ""), e.actor1 || "–", e.actor2 || "–",
      (e.location || "–") + (e.geo_precision > 1 ? " (area)" : ""),
      e.fatalities_min === null || e.fatalities_min === undefined ? "–" : e.fatalities_min, e.epistemic, e.source || "–"];
    for (const c of cells) tr.append(el("td", c));
    const td = el("td"), a = el("a", e.outlet || String(e.doc_id).slice(0, 8));
    a.href = "/documents/" + encodeURIComponent(e.doc_id);
    td.append(a);
    tr.append(td);
    return tr;
  }
  async function loadTable(query) {
    const rows = await json("/events.json?limit=100" + (query ? "&" + query : ""));
    tbody.textContent = "";
    for (const r of rows) tbody.append(row(r));
    document.getElementById("events").dataset.loaded = String(rows.length);
  }
  async function refresh() {
    const query = params().toString();
    toEvents.href = "/events" + (query ? "?" + query : "");
    const p = params();
    range.textContent = p.get("since") || p.get("until") ? "showing " + (p.get("since") || "…") + " to " + (p.get("until") || "…") : "";
    const feats = await deskMap.load(query);
    deskMap.legend(document.getElementById("map-legend"), feats);
    await loadTable(query);
  }
  const timeline = window.DeskTimeline(document.getElementById("timeline"), (since, until) => {
    const p = params(["since", "until"]);
    if (since) { p.set("since", since); p.set("until", until); }
    history.replaceState(null, "", location.pathname + (p.toString() ? "?" + p : ""));
    refresh();
  });
  timeline.load(params(["since", "until"]).toString());
  refresh();
  window.lannerDesk = { map: deskMap.map, clusters: deskMap.clusters, timeline };
})();
