"""The actor knowledge base: theatre YAML files plus generic per-country actors, loaded once.

Generic actors ("Military Forces of X", "Government of X", ...) are expanded from templates for
every pycountry country at load time, so the data files only hold what is specific to a theatre.
Names are matched on a normalised key (case, diacritics, hyphens and apostrophes folded) because
transliterations of the same group differ mostly in exactly those.
"""

from __future__ import annotations

import csv
import functools
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pycountry
import yaml

DATA = Path(__file__).resolve().parents[1] / "data" / "actors"
THEATRES = ("syria", "ukraine", "yemen", "sudan", "sahel", "myanmar")
_APOS = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'", "ʿ": "'", "ʾ": "'", "–": "-", "—": "-"})


@functools.lru_cache(maxsize=1 << 16)
def norm(text: str) -> str:
    """Fold case, diacritics, hyphens and apostrophes; drop a leading 'the' and a trailing "'s".

    Cached: resolution asks for the same few thousand phrases (chunks, heads, aliases) again and
    again, some 1,000 times per article, and the folding was a tenth of the actor stage."""
    s = unicodedata.normalize("NFKD", text.translate(_APOS))
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    s = re.sub(r"'s\b", "", s)
    s = re.sub(r"[-/]", " ", s)
    s = re.sub(r"['.()\"]", "", s)
    s = re.sub(r"\s+", " ", s).strip()
    return s[4:] if s.startswith("the ") else s


@dataclass(frozen=True)
class Tie:
    rel: str  # part_of | backed_by | allied_with | affiliated_with | fights
    target: str
    start: int | None = None
    end: int | None = None
    source: str | None = None


@dataclass
class KBActor:
    id: str
    name: str
    type: str
    inter: int
    country: str | None
    aliases: list[str] = field(default_factory=list)
    ties: list[Tie] = field(default_factory=list)
    source: str = ""
    template: str | None = None  # generic template key (mil, gov, ...) or None for named actors
    role: str | None = None  # media / monitor / humanitarian / international: reports or helps, never a side
    active: tuple[int | None, int | None] = (None, None)  # years the actor existed under this identity


@dataclass
class Leader:
    name: str
    country: str
    start: int | None
    end: int | None


@dataclass
class KB:
    actors: dict[str, KBActor]
    alias_index: dict[str, list[str]]  # norm(alias) -> actor ids
    acronyms: dict[str, list[str]]  # case-sensitive short all-caps aliases -> ids
    countries: dict[str, str]  # norm(country name) -> ISO3
    demonyms: dict[str, str]  # norm(demonym) -> ISO3
    capitals: dict[str, str]  # norm(capital) -> ISO3
    leaders: dict[str, Leader]  # norm(alias) -> leader
    lex: dict[str, Any]  # heads.yaml
    inter: dict[str, int]
    country_label: dict[str, str]  # ISO3 -> display name used in generic names

    def get(self, actor_id: str) -> KBActor | None:
        return self.actors.get(actor_id)

    def generic(self, key: str, iso3: str | None) -> KBActor | None:
        return self.actors.get(f"{key}-{iso3}") if iso3 else None

    def country_of_word(self, word: str) -> str | None:
        """ISO3 for a country name, demonym or capital, else None."""
        k = norm(word)
        return self.countries.get(k) or self.demonyms.get(k) or self.capitals.get(k)


def is_acronym(alias: str) -> bool:
    return len(alias) <= 5 and alias.replace(".", "").replace("-", "").isupper()


def _read_yaml(name: str) -> dict[str, Any]:
    return yaml.safe_load((DATA / name).read_text(encoding="utf-8")) or {}


def _ties(raw: list[dict[str, Any]] | None) -> list[Tie]:
    return [Tie(t["rel"], t["target"], t.get("from"), t.get("to"), t.get("source")) for t in raw or []]


def _country_table() -> dict[str, dict[str, str]]:
    with (DATA / "countries.tsv").open(encoding="utf-8") as f:
        return {row["alpha3"]: row for row in csv.DictReader(f, delimiter="\t")}


def _generic_actors(kb: KB, table: dict[str, dict[str, str]]) -> None:
    gen = _read_yaml("generic.yaml")
    for c in pycountry.countries:
        iso3 = c.alpha_3
        row = table.get(iso3)
        label = row["name"] if row else getattr(c, "common_name", None) or c.name
        kb.country_label[iso3] = label
        the = "the " if row and row["article"] == "1" else ""
        names = {c.name, getattr(c, "common_name", ""), getattr(c, "official_name", ""), label}
        if row:
            names.update(x for x in row["other_names"].split("|") if x)
            kb.demonyms.update({norm(d): iso3 for d in row["demonyms"].split("|") if d})
            kb.capitals.update({norm(x): iso3 for x in row["capitals"].split("|") if x})
        for n in names:
            if n:
                kb.countries.setdefault(norm(n), iso3)
        for t in gen["templates"]:
            name = gen.get("names", {}).get(f"{t['key']}-{iso3}") or t["name"].format(the=the, name=label)
            kb.actors[f"{t['key']}-{iso3}"] = KBActor(
                id=f"{t['key']}-{iso3}", name=name, type=t["type"], inter=kb.inter[t["type"]],
                country=iso3, aliases=[name], source=gen["source"], template=t["key"],
            )


def _theatre_actors(kb: KB, name: str) -> None:
    data = _read_yaml(f"{name}.yaml")
    default_country = data.get("country")
    for ext in data.get("extend") or []:
        a = kb.actors[ext["id"]]
        a.aliases.extend(ext.get("aliases") or [])
        a.ties.extend(_ties(ext.get("ties")))
    for e in data.get("actors") or []:
        typ = e["type"]
        kb.actors[e["id"]] = KBActor(
            id=e["id"], name=e["name"], type=typ, inter=int(e.get("inter") or kb.inter[typ]),
            country=e.get("country", default_country), aliases=[e["name"], *(e.get("aliases") or [])],
            ties=_ties(e.get("ties")), source=e.get("source", ""), role=e.get("role"),
            active=tuple(e.get("active") or (None, None)),  # type: ignore[arg-type]
        )


def _index(kb: KB) -> None:
    for a in kb.actors.values():
        for alias in a.aliases:
            if is_acronym(alias):
                ids = kb.acronyms.setdefault(alias.replace(".", ""), [])
            else:
                ids = kb.alias_index.setdefault(norm(alias), [])
            if a.id not in ids:
                ids.append(a.id)


@functools.cache
def load_kb() -> KB:
    gen = _read_yaml("generic.yaml")
    kb = KB({}, {}, {}, {}, {}, {}, {}, _read_yaml("heads.yaml"), gen["inter"], {})
    _generic_actors(kb, _country_table())
    for theatre in THEATRES:
        _theatre_actors(kb, theatre)
    for ld in _read_yaml("leaders.yaml")["leaders"]:
        leader = Leader(ld["name"], ld["country"], ld.get("from"), ld.get("to"))
        for alias in [ld["name"], *ld.get("aliases", [])]:
            kb.leaders[norm(alias)] = leader
    _index(kb)
    return kb
