/* Shared by the desk's pages: colours by event type, JSON fetches, the URL as the view's state. */
"use strict";
window.Desk = (function () {
  const COLOURS = {
    ASSAULT: "#d0362f", COERCE: "#e08a1e", MOBILIZE: "#3a7bd5", PROTEST: "#2e9e5b", ACCUSE: "#7a6fbf",
    THREATEN: "#b04a8c", AID: "#1f9e9e", AGREE: "#6aa84f", CONSULT: "#8a93a0", REQUEST: "#c2a31a",
    REJECT: "#8c5a2b", RETREAT: "#5b6fa8", SANCTION: "#a05050", SUPPORT: "#4caf7a", CONCEDE: "#9a7fd1",
  };
  function colour(type) {
    if (COLOURS[type]) return COLOURS[type];
    let h = 0;
    for (const c of String(type)) h = (h * 31 + c.charCodeAt(0)) % 360;
    return "hsl(" + h + ",45%,50%)";
  }
  async function json(url) {
    const r = await fetch(url, { headers: { Accept: "application/json" } });
    if (!r.ok) throw new Error(url + ": " + r.status);
    return r.json();
  }
  /** The page's query parameters, minus `drop`, as a URLSearchParams. */
  function params(drop) {
    const p = new URLSearchParams(location.search);
    for (const k of drop || []) p.delete(k);
    return p;
  }
  /** A DOM element with text content only: data never reaches innerHTML. */
  function el(tag, text, cls) {
    const e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }
  return { colour, json, params, el };
})();
