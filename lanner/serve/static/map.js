/* The event map: Leaflet over shipped country outlines, events clustered, coloured by type, sized by dead. */
"use strict";
window.DeskMap = function (node) {
  const { colour, json, el } = window.Desk;
  const map = L.map(node, { minZoom: 2, maxZoom: 13, zoomSnap: 0.5, worldCopyJump: true });
  map.setView([30, 20], 2);
  // stacking, bottom up: land, province lines, events placed only to an area, point events (overlay pane, 400)
  map.createPane("basemap").style.zIndex = 200;
  map.createPane("provinces").style.zIndex = 300;
  map.createPane("areas").style.zIndex = 350;
  for (const pane of ["basemap", "provinces"]) map.getPane(pane).style.pointerEvents = "none";

  json(node.dataset.basemap).then((gj) => {
    L.geoJSON(gj, { pane: "basemap", interactive: false, style: { color: "#a9b4c0", weight: 0.8, fillColor: "#f7f5ef", fillOpacity: 1 } })
      .addTo(map);
  });
  const PROVINCE_ZOOM = 5;  // below it province lines would crowd the country outlines
  if (node.dataset.provinces) {
    json(node.dataset.provinces).then((gj) => {
      const lines = L.geoJSON(gj, { pane: "provinces", interactive: false, style: { color: "#a08f70", weight: 0.8, dashArray: "3 2", fill: false } });
      const show = () => {
        if (map.getZoom() >= PROVINCE_ZOOM) lines.addTo(map);
        else lines.remove();
      };
      map.on("zoomend", show);
      show();
      node.dataset.provincesLoaded = String(gj.features.length);
    });
  }
  const clusters = L.markerClusterGroup({ maxClusterRadius: 45, showCoverageOnHover: false, spiderfyOnMaxZoom: true });
  map.addLayer(clusters);
  const PRECISION = { 1: "exact place", 2: "near the place named (district)", 3: "somewhere in the province" };
  const AREA_M = { 2: 10000, 3: 35000 };  // metres: a district, a province (drawn faint, dashed)

  function radius(p) {
    const dead = Number(p.fatalities_min || 0);
    return Math.min(18, 4 + 2.2 * Math.sqrt(dead));
  }
  function popup(p) {
    const box = el("div", null, "pop");
    box.append(el("b", p.type + (p.acled_sub_event_type ? " · " + p.acled_sub_event_type : "")));
    const row = (k, v) => { if (v === null || v === undefined || v === "") return; const d = el("div"); d.append(el("span", k + ": ", "k"), el("span", v)); box.append(d); };
    row("who", [p.actor1 || "?", p.actor2 || "?"].join(" → "));
    row("where", (p.location || "?") + " (" + (PRECISION[p.geo_precision] || "precision unknown") + ")");
    row("when", p.date_start === p.date_end || !p.date_end ? p.date_start : p.date_start + " – " + p.date_end);
    row("killed", p.fatalities_min !== null && p.fatalities_min !== undefined ? (p.fatalities_max && p.fatalities_max !== p.fatalities_min ? p.fatalities_min + "–" + p.fatalities_max : p.fatalities_min) : null);
    row("source", (p.source || "outlet") + (p.source_kind ? " (" + p.source_kind + ")" : ""));
    row("status", p.epistemic);
    const a = el("a", "read the article" + (p.outlet ? " (" + p.outlet + ")" : ""));
    a.href = "/documents/" + encodeURIComponent(p.doc_id);
    box.append(a);
    return box;
  }
  function marker(f) {
    const p = f.properties;
    const ll = L.latLng(f.geometry.coordinates[1], f.geometry.coordinates[0]);
    const style = { color: colour(p.type), fillColor: colour(p.type), weight: 1.5, fillOpacity: 0.75 };
    const m = (p.geo_precision > 1)
      ? L.circle(ll, Object.assign({}, style, { radius: AREA_M[p.geo_precision] || 35000, fillOpacity: 0.06, weight: 1, dashArray: "4 3", pane: "areas" }))
      : L.circleMarker(ll, Object.assign({}, style, { radius: radius(p) }));
    m.bindPopup(() => popup(p));
    return m;
  }
  /** Frame the events' main countries (each holding a sixth of the located events or more), whole, so a few
   *  misplaced events (another continent) do not zoom out to the world and a country's edges are not cut off.
   *  Without countries, keep the events within 3 median absolute deviations (at least 2°) of the median place. */
  function frame(feats) {
    if (!feats.length) return;
    const counts = {};
    for (const f of feats) if (f.properties.country) counts[f.properties.country] = (counts[f.properties.country] || 0) + 1;
    let near = feats.filter((f) => (counts[f.properties.country] || 0) * 6 >= feats.length);
    if (!near.length) {
      const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
      const lats = feats.map((f) => f.geometry.coordinates[1]), lons = feats.map((f) => f.geometry.coordinates[0]);
      const mLat = median(lats), mLon = median(lons);
      const dLat = Math.max(2, 3 * median(lats.map((v) => Math.abs(v - mLat))));
      const dLon = Math.max(2, 3 * median(lons.map((v) => Math.abs(v - mLon))));
      near = feats.filter((f) => Math.abs(f.geometry.coordinates[1] - mLat) <= dLat && Math.abs(f.geometry.coordinates[0] - mLon) <= dLon);
    }
    const b = L.latLngBounds(near.map((f) => [f.geometry.coordinates[1], f.geometry.coordinates[0]]));
    map.fitBounds(b.pad(0.05), { maxZoom: 8 });
  }
  let framed = false;
  async function load(query) {
    const gj = await json(node.dataset.geojson + (query ? "?" + query : ""));
    clusters.clearLayers();
    clusters.addLayers(gj.features.map(marker));
    if (!framed) { frame(gj.features); framed = true; }
    node.dataset.loaded = String(gj.features.length);
    return gj.features;
  }
  function legend(target, feats) {
    const counts = {};
    for (const f of feats) counts[f.properties.type] = (counts[f.properties.type] || 0) + 1;
    target.textContent = "";
    for (const [t, n] of Object.entries(counts).sort((a, b) => b[1] - a[1]).slice(0, 10)) {
      const s = el("span");
      const sw = el("span", null, "sw");
      sw.style.background = colour(t);
      s.append(sw, document.createTextNode(t + " " + n));
      target.append(s);
    }
    target.append(el("span", "dot size: people killed · dashed circle: located only to a district or province", "muted"));
  }
  return { map, load, legend, clusters };
};
