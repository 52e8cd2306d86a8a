"""Who's On First localities of conflict countries, merged into the gazetteer build (build time only).

WOF (whosonfirst.org) holds village-level places of Syria, Yemen, Iraq, Libya, Sudan, South Sudan,
Somalia, Mali, Burkina Faso, Myanmar, DR Congo and Ukraine that GeoNames' cities500 lacks (it keeps
settlements of 500+ residents; war reports name hamlets). The extracts in ../shared/data/wof/ are
read in place. A WOF record that carries a GeoNames id already in the build only adds its extra names
to that row; one named like a GeoNames settlement of its country within DEDUPE_KM is the same place;
the rest become new rows that keep WOF's GeoNames id. The extracts have no parent links, so a new row
takes the province of the nearest GeoNames settlement of its country (flagged in its source).
"""

from __future__ import annotations

import csv
import gzip
import json
import math
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

WOF = "Who's On First (whosonfirst.org, CC0; GeoNames-derived fields CC BY 4.0)"
PLACETYPES = {"locality": "PPL", "neighbourhood": "PPLX", "campus": "AIRP"}
DEDUPE_KM = 5.0
CELL = 0.5  # degrees: grid cell for the nearest-settlement search
# names per WOF record: its own, English, undetermined, Turkish and Kurdish (Latin script only);
# other languages' exonyms rarely reach English war reporting and would swell the artefact
NAME_KEYS = ("eng_x_preferred", "eng_x_variant", "und_x_variant", "tur_x_preferred", "kur_x_preferred")
MAX_NAMES = 6
# elsewhere the record's own and English names only: the artefact must stay small (< 60 MB)
RICH_COUNTRIES = {"SY", "IQ"}
PLAIN_KEYS = ("eng_x_preferred", "eng_x_variant")
PLAIN_MAX = 3


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    dlat = a[0] - b[0]
    dlon = (a[1] - b[1]) * math.cos(math.radians((a[0] + b[0]) / 2))
    return 111.2 * math.hypot(dlat, dlon)


def read_extract(path: Path) -> list[dict[str, str]]:
    csv.field_size_limit(1 << 24)
    with gzip.open(path, "rt", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def extracts(wof_dir: Path) -> list[tuple[str, Path]]:
    """(ISO2, file) for every extract, e.g. wof_sy_2db0f03b9f9d.tsv.gz -> SY."""
    return [(p.name.split("_")[1].upper(), p) for p in sorted(wof_dir.glob("wof_*.tsv.gz"))]


def record_names(row: dict[str, str], is_latin: Callable[[str], bool], cc: str) -> list[str]:
    """The record's Latin-script names, its own first (Syria and Iraq: Turkish and Kurdish too)."""
    names = [row["name"]]
    extra = json.loads(row["names_json"] or "{}")
    rich = cc in RICH_COUNTRIES
    for key in NAME_KEYS if rich else PLAIN_KEYS:
        names += extra.get(key, [])
    out: list[str] = []
    for n in names:
        n = n.strip()
        # airport codes ('KAC', 'OSKL') are not names a report uses for the place
        if n and is_latin(n) and not (n.isupper() and len(n) <= 4) and n not in out:
            out.append(n)
    return out[: MAX_NAMES if rich else PLAIN_MAX]


class Nearest:
    """Nearest known settlement of a country, on a coarse grid (enough for a few hundred thousand rows)."""

    def __init__(self, rows: list[tuple[int, float, float, str, str]]) -> None:
        self.grid: dict[tuple[str, int, int], list[tuple[int, float, float]]] = defaultdict(list)
        self.names: dict[tuple[str, str], list[tuple[int, float, float]]] = defaultdict(list)
        for pid, lat, lon, cc, key in rows:
            self.grid[(cc, int(lat // CELL), int(lon // CELL))].append((pid, lat, lon))
            self.names[(cc, key)].append((pid, lat, lon))

    def nearest(self, cc: str, lat: float, lon: float, rings: int = 3) -> int | None:
        ci, cj = int(lat // CELL), int(lon // CELL)
        best, best_d = None, float("inf")
        for r in range(rings + 1):
            for i in range(ci - r, ci + r + 1):
                for j in range(cj - r, cj + r + 1):
                    if max(abs(i - ci), abs(j - cj)) != r:
                        continue
                    for pid, plat, plon in self.grid.get((cc, i, j), ()):
                        d = _km((lat, lon), (plat, plon))
                        if d < best_d:
                            best, best_d = pid, d
            if best is not None:
                return best
        return None

    def same_name(self, cc: str, key: str, lat: float, lon: float) -> int | None:
        for pid, plat, plon in self.names.get((cc, key), ()):
            if _km((lat, lon), (plat, plon)) < DEDUPE_KM:
                return pid
        return None
