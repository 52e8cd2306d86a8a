"""The actor network as an inline SVG drawing with a little script: click an actor to see only its ties.

Why drawn on the server: the dashboard must work offline with no JavaScript library, and a deterministic
layout (the same store gives the same picture) makes screenshots comparable from one run to the next. A
plain force layout (Fruchterman-Reingold, fixed start on a circle, fixed steps) is enough for the few dozen
most connected actors; the table under it lists every tie.
"""

from __future__ import annotations

from html import escape

import numpy as np

MAX_NODES = 60
WIDTH, HEIGHT = 900, 560
STEPS = 200
TIE_COLOURS = {
    "supports": "#2e9e5b",
    "allied": "#2e9e5b",
    "part_of": "#3a7bd5",
    "affiliated": "#3a7bd5",
    "fights": "#d0362f",
    "opposes": "#e08a1e",
}
EVENT_COLOUR = "#7a6fbf"  # ties that are coded events ("event:ASSAULT")

SCRIPT = """
(function(){
  const svg=document.getElementById('netgraph'); if(!svg) return;
  function focus(id){
    const keep=new Set([id]);
    svg.querySelectorAll('line.tie').forEach(l=>{
      const on=!id||l.dataset.s===id||l.dataset.t===id; l.classList.toggle('dim',!on);
      if(on&&id){keep.add(l.dataset.s);keep.add(l.dataset.t);}
    });
    svg.querySelectorAll('g.node').forEach(g=>g.classList.toggle('dim',!!id&&!keep.has(g.dataset.id)));
    svg.dataset.focus=id||'';
  }
  svg.querySelectorAll('g.node').forEach(g=>g.addEventListener('click',()=>{
    focus(svg.dataset.focus===g.dataset.id?'':g.dataset.id);
  }));
  const q=new URLSearchParams(location.search).get('focus'); if(q) focus(q);
})();
"""
STYLE = (
    "#netgraph{background:#fff;border:1px solid #e3e6ea;border-radius:6px;max-width:100%}"
    "#netgraph .dim{opacity:.08}#netgraph g.node{cursor:pointer}#netgraph text{font-size:11px}"
)


def _colour(tie: str) -> str:
    return EVENT_COLOUR if tie.startswith("event:") else TIE_COLOURS.get(tie, "#8a93a0")


def pick(nodes: list[dict], edges: list[dict]) -> tuple[list[dict], list[dict]]:
    """The most connected actors (ties, then mentions) and the ties among them."""
    degree: dict[str, int] = {}
    for e in edges:
        for end in (e["source"], e["target"]):
            degree[end] = degree.get(end, 0) + 1
    ranked = sorted(nodes, key=lambda n: (-degree.get(n["id"], 0), -int(n.get("mentions") or 0), n["id"]))
    kept = [n for n in ranked if degree.get(n["id"])][:MAX_NODES]
    ids = {n["id"] for n in kept}
    ties = [e for e in edges if e["source"] in ids and e["target"] in ids and e["source"] != e["target"]]
    return kept, ties


def layout(n: int, pairs: list[tuple[int, int]]) -> np.ndarray:
    """(n, 2) positions in the unit square: Fruchterman-Reingold from a circle, no randomness."""
    if n == 0:
        return np.zeros((0, 2))
    angle = np.linspace(0, 2 * np.pi, n, endpoint=False)
    pos = 0.5 + 0.4 * np.stack([np.cos(angle), np.sin(angle)], axis=1)
    k = 0.8 / np.sqrt(n)
    temp = 0.1
    for _ in range(STEPS):
        delta = pos[:, None, :] - pos[None, :, :]
        dist = np.maximum(np.linalg.norm(delta, axis=2), 1e-3)
        move = (delta / dist[..., None] * (k * k / dist)[..., None]).sum(axis=1)  # repulsion
        for a, b in pairs:  # attraction along ties
            d = pos[a] - pos[b]
            pull = d * np.linalg.norm(d) / k
            move[a] -= pull
            move[b] += pull
        move += (0.5 - pos) * np.linalg.norm(0.5 - pos, axis=1, keepdims=True) * 4 / k  # gravity
        length = np.maximum(np.linalg.norm(move, axis=1, keepdims=True), 1e-9)
        pos += move / length * np.minimum(length, temp)
        temp *= 0.98
    low, high = pos.min(axis=0), pos.max(axis=0)
    return 0.04 + 0.92 * (pos - low) / np.maximum(high - low, 1e-9)  # fill the frame


def _label(name: str, x: float, y: float) -> str:
    if x > WIDTH * 0.7:  # right side: the label reads leftwards so it stays in the frame
        return f'<text x="{x - 8}" y="{y + 4}" text-anchor="end">{name}</text>'
    return f'<text x="{x + 8}" y="{y + 4}">{name}</text>'


def network_svg(nodes: list[dict], edges: list[dict]) -> str:
    """The drawing, its legend and its script; empty when no actor has a tie."""
    shown, ties = pick(nodes, edges)
    if not shown:
        return ""
    index = {n["id"]: i for i, n in enumerate(shown)}
    pos = layout(len(shown), [(index[e["source"]], index[e["target"]]) for e in ties])
    xy = [(round(float(x) * WIDTH, 1), round(float(y) * HEIGHT, 1)) for x, y in pos]
    lines = []
    for e in ties:
        (x1, y1), (x2, y2) = xy[index[e["source"]]], xy[index[e["target"]]]
        dash = ' stroke-dasharray="4 3"' if e.get("origin") == "kb" else ""
        title = f'{e["source"]} {e["type"]} {e["target"]} ({e.get("origin")})'
        lines.append(
            f'<line class="tie" data-s="{escape(e["source"])}" data-t="{escape(e["target"])}" x1="{x1}" '
            f'y1="{y1}" x2="{x2}" y2="{y2}" stroke="{_colour(e["type"])}" stroke-width="1.6"{dash}>'
            f"<title>{escape(title)}</title></line>"
        )
    dots = []
    for n, (x, y) in zip(shown, xy, strict=True):
        name = escape(str(n.get("name") or n["id"]))
        dots.append(
            f'<g class="node" data-id="{escape(n["id"])}"><circle cx="{x}" cy="{y}" r="6" fill="#1d2330">'
            f'<title>{name}</title></circle>{_label(name, x, y)}</g>'
        )
    legend = " ".join(
        f'<span style="border-bottom:3px solid {c}">{t}</span>'
        for t, c in [*TIE_COLOURS.items(), ("event", EVENT_COLOUR)]
        if t not in ("allied", "affiliated")
    )
    more = f" (the {MAX_NODES} most connected)" if len(shown) == MAX_NODES else ""
    return (
        f"<style>{STYLE}</style><p class=legend>{legend} · dashed: actor KB · click an actor to see only "
        f"its ties{more}</p><svg id=netgraph viewBox=\"0 0 {WIDTH} {HEIGHT}\" width=\"{WIDTH}\" "
        f'height="{HEIGHT}">{"".join(lines)}{"".join(dots)}</svg><script>{SCRIPT}</script>'
    )
