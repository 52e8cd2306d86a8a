"""Per-outlet framing report: how each outlet labels, sources and hedges, over many analysed documents.

Rates are pooled (total terms / total words), not averaged per document, so one long op-ed weighs as
much as its words. The overall score repeats the per-document definition on the pooled figures
(docs/framing.md): loaded terms in the outlet's own voice per 1k words + unsupported certainty per 1k
words − 10 × share of claims attributed to a named source.
"""

from __future__ import annotations

import csv
import datetime as dt
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from typing import Any

from rich.table import Table

from lanner.extract.framing import KINDS, NAMED_WEIGHT, counts_as_own, slug
from lanner.model import AnalyzedDocument, RawDocument

CATEGORIES = ("delegitimising_label", "mild_label", "dehumanising", "emotive", "euphemism")
TOP_N = 5


def _words(doc: AnalyzedDocument) -> int:
    return int(doc.framing.scores.get("words") or len(doc.text.split()))


def _claims(doc: AnalyzedDocument) -> dict[str, float]:
    """The claim mix from the framing scores; documents stored without scores count their attributions."""
    sc = doc.framing.scores
    if any(f"claims.{k}" in sc for k in KINDS):
        return {k: sc.get(f"claims.{k}", 0.0) for k in KINDS}
    mix = Counter(a.kind for a in doc.attributions)
    return {k: float(mix.get(k, 0)) for k in KINDS}


def outlet_table(docs: Iterable[AnalyzedDocument]) -> list[dict[str, Any]]:
    """One row per outlet (documents without an outlet are grouped as "unknown"), highest score first."""
    acc: dict[str, dict[str, Any]] = defaultdict(
        lambda: {"documents": 0, "words": 0, "cats": Counter(), "terms": Counter(), "own": 0,
                 "claims": Counter(), "hedges": 0, "certainty": 0}
    )  # fmt: skip
    for doc in docs:
        a = acc[doc.document.outlet or "unknown"]
        a["documents"] += 1
        a["words"] += _words(doc)
        for t in doc.framing.loaded_terms:
            a["cats"][slug(t.category)] += 1
            a["terms"][t.term] += 1
            a["own"] += counts_as_own(t)
        a["claims"].update(_claims(doc))
        a["hedges"] += len(doc.framing.hedges)
        a["certainty"] += len(doc.framing.certainty)
    rows = [_row(outlet, a) for outlet, a in acc.items()]
    return sorted(rows, key=lambda r: -r["overall"])


def _row(outlet: str, a: dict[str, Any]) -> dict[str, Any]:
    per_k = 1000.0 / a["words"] if a["words"] else 0.0
    claims = sum(a["claims"].values())
    row: dict[str, Any] = {
        "outlet": outlet,
        "documents": a["documents"],
        "words": a["words"],
        "loaded_per_1k": sum(a["cats"].values()) * per_k,
        **{f"loaded_per_1k.{c}": a["cats"].get(c, 0) * per_k for c in CATEGORIES},
        "top_terms": a["terms"].most_common(TOP_N),
        **{f"claim_share.{k}": (a["claims"].get(k, 0) / claims if claims else 0.0) for k in KINDS},
        "hedges_per_1k": a["hedges"] * per_k,
        "certainty_per_1k": a["certainty"] * per_k,
    }
    row["overall"] = a["own"] * per_k + row["certainty_per_1k"] - NAMED_WEIGHT * row["claim_share.named"]
    return row


def render_table(rows: list[dict[str, Any]]) -> Table:
    table = Table(title="Framing by outlet (rates per 1,000 words; claim shares by attribution kind)")
    table.add_column("Outlet")
    for name in ("Docs", "Words", "Loaded", "Delegit.", "Mild", "Dehum.", "Emotive", "Euph."):
        table.add_column(name, justify="right")
    table.add_column("Top loaded terms")
    for name in ("Named", "Anon.", "Unspec.", "Own voice", "Hedges", "Certainty", "Overall"):
        table.add_column(name, justify="right")
    for r in rows:
        top = ", ".join(f"{t} ({n})" for t, n in r["top_terms"])
        table.add_row(
            r["outlet"], str(r["documents"]), f"{r['words']:,}", f"{r['loaded_per_1k']:.1f}",
            *(f"{r[f'loaded_per_1k.{c}']:.1f}" for c in CATEGORIES), top,
            *(f"{100 * r[f'claim_share.{k}']:.0f}%" for k in KINDS),
            f"{r['hedges_per_1k']:.1f}", f"{r['certainty_per_1k']:.1f}", f"{r['overall']:.1f}",
        )  # fmt: skip
    return table


def fakes_documents(path: str | None = None) -> Iterator[RawDocument]:
    """The FA-KES articles (804, 15 outlets) as raw documents, read from ../shared at run time."""
    from lanner.errors import LannerError
    from lanner.eval import shared_path
    from lanner.ingest.validate import check_text

    csv.field_size_limit(sys.maxsize)
    src = path or shared_path("data", "fa-kes", "FA-KES-Dataset.csv")
    with open(src, encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            try:
                published = dt.datetime.strptime(r["date"].strip(), "%m/%d/%Y").date()
            except ValueError:
                published = None
            text = r["article_content"].strip()
            try:
                check_text(text)
            except LannerError:
                continue
            yield RawDocument(text=text, title=r["article_title"], outlet=r["source"], published=published)


def main() -> None:
    """`python -m lanner.views.outlets`: the per-outlet table over FA-KES (docs/outlets-fakes.txt)."""
    from rich.console import Console

    import lanner

    rows = outlet_table(lanner.analyze_many(fakes_documents()))
    Console(width=220).print(render_table(rows))


if __name__ == "__main__":
    main()
