/* The incident page: the desk map with the incident's one point (the place at the best precision any report gives). */
"use strict";
(function () {
  const node = document.getElementById("map");
  if (!node) return;
  const deskMap = window.DeskMap(node);
  deskMap.load("").then((feats) => { if (feats.length) deskMap.map.setView([feats[0].geometry.coordinates[1], feats[0].geometry.coordinates[0]], 8); });
})();
