"""Casualty counts (killed / injured / captured) as conservative min-max ranges with their words.

Why ranges and nulls: ACLED's rule is to code the lowest defensible figure and never to invent one.
"at least 13" is [13, null], "dozens" is [24, null] (the least the word can mean), "large numbers of
militants were killed" is [null, null] with the text kept, and "killing 6 civilians, including 2 women"
is 6, because what follows "including" is a subset. The cue words and number words are data
(`lanner/data/casualties/`); this module is the small grammar that combines them.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from lanner.model import Count, Span

DATA = Path(__file__).resolve().parents[1] / "data" / "casualties"
CATEGORIES = ("killed", "injured", "captured")
_WINDOW = 120


@functools.cache
def number_table() -> dict[str, Any]:
    """The number-word table (`numbers.yaml`), shared with the date resolver."""
    return yaml.safe_load((DATA / "numbers.yaml").read_text(encoding="utf-8"))


@functools.cache
def _cues() -> dict[str, Any]:
    return yaml.safe_load((DATA / "triggers.yaml").read_text(encoding="utf-8"))


def _alt(words: list[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len, reverse=True))


@dataclass(frozen=True)
class _Grammar:
    qty: re.Pattern[str]
    group_list: str
    before: re.Pattern[str]
    after: re.Pattern[str]
    bare_after: re.Pattern[str]
    toll_after: re.Pattern[str]
    subset: re.Pattern[str]
    cues: dict[str, dict[str, re.Pattern[str]]]
    joint: re.Pattern[str]
    persons: re.Pattern[str]


@functools.cache
def _grammar() -> _Grammar:
    nt, cues = number_table(), _cues()
    words = [*nt["units"], *nt["tens"], *nt["scales"]]
    numword = f"(?:{_alt(words)})"
    digits = r"(?<![\d/-])(?:\d{1,3}(?:,\d{3})+|\d+)(?![\d/]|-\d)"  # not a piece of a date (2022-02-15)
    number = rf"(?:{digits}|{numword}(?:(?:\s+|-)(?:and\s+)?{numword})*)"
    quals = _alt(list(nt["qualifiers"]))
    vague = _alt(list(nt["vague"]))
    qty = rf"(?:(?:(?P<qual>{quals})\s+)?(?P<num>{number})|(?P<vague>{vague}))"
    qty_nc = re.sub(r"\(\?P<\w+>", "(?:", qty)
    all_cues = [w for c in CATEGORIES for k in ("transitive", "intransitive", "nouns") for w in cues[c][k]]
    stop = _alt([*all_cues, "and", "or", "including", "were", "was", "by", "in", "at", "on", "after"])
    persons = _alt(cues["persons"])
    word = rf"(?!(?:{stop})\b)[\w'’-]+"
    of_tail = rf"(?:\s+of\s+(?:the\s+)?(?:{word}\s+){{0,3}}?{word})?"
    person_group = rf"\b{qty_nc}(?:\s+{word}){{0,4}}?\s+(?:{persons})\b{of_tail}"
    group = rf"\b{qty_nc}(?:(?:\s+{word}){{0,4}}?\s+(?:{persons})\b{of_tail})?"
    sep = r"(?:\s*,\s*|\s+)(?:and\s+|as\s+well\s+as\s+)?"
    group_list = rf"{group}(?:{sep}{group})*"
    aux = _alt(cues["auxiliaries"])
    before = re.compile(rf"(?P<list>{group_list})\s*,?(?:\s+(?:{aux})\b)*\s*$", re.I)
    after = re.compile(rf"^\s*(?P<list>{person_group}(?:{sep}{person_group})*)", re.I)
    bare_after = re.compile(rf"^\s*(?P<list>{qty_nc})\s*(?:[,.;)]|$|\s+(?:and|others)\b)", re.I)
    toll_after = re.compile(
        rf"^\s*(?:(?:has|had|have)\s+)?(?:rose|risen|climbed|reached|stood|stands|rises|climbs|jumped|is|was|of|at|to|"
        rf"increased|hit)?(?:\s+(?:to|at))?\s*(?P<list>{qty_nc})",
        re.I,
    )
    subset = re.compile(
        rf"(?:,\s*|\s+)(?:{_alt(cues['subset_cues'])})\b.*?(?=,|$|\s+(?:were|was|are)\b)", re.I
    )
    cue_res = {
        c: {k: re.compile(rf"\b(?:{_alt(cues[c][k])})\b", re.I) for k in cues[c] if cues[c][k]}
        for c in CATEGORIES
    }
    return _Grammar(
        qty=re.compile(rf"\b{qty}\b", re.I),
        group_list=group_list,
        before=before,
        after=after,
        bare_after=bare_after,
        toll_after=toll_after,
        subset=subset,
        cues=cue_res,
        joint=re.compile(rf"\b(?:{_alt(cues['joint'])})\b", re.I),
        persons=re.compile(rf"\b(?:{persons})\b", re.I),
    )


def parse_number(words: str) -> int | None:
    """An exact number from digits or words ("1,200", "twenty-five", "two hundred"); None if not exact."""
    nt = number_table()
    w = re.sub(r"\s+", " ", words.lower().replace("-", " ").replace(",", "")).strip()
    if w.isdigit():
        return int(w)
    if w in nt["units"]:
        return nt["units"][w]
    total, current = 0, 0
    for tok in w.split(" "):
        if tok == "and":
            continue
        if tok.isdigit():
            current += int(tok)
        elif tok in nt["units"]:
            current += nt["units"][tok]
        elif tok in nt["tens"]:
            current += nt["tens"][tok]
        elif tok in nt["scales"]:
            current = max(current, 1) * nt["scales"][tok]
            if nt["scales"][tok] >= 1000:
                total, current = total + current, 0
        else:
            return None
    return total + current


def _qty_range(m: re.Match[str]) -> tuple[int | None, int | None]:
    nt = number_table()
    if m.group("vague"):
        low = nt["vague"].get(re.sub(r"\s+", " ", m.group("vague").lower()))
        return low, None
    n = parse_number(m.group("num"))
    if n is None:
        return None, None
    qual = m.group("qual")
    if not qual:
        return n, n
    rule = nt["qualifiers"][re.sub(r"\s+", " ", qual.lower())]
    conv = {"n": n, "n+1": n + 1, "n-1": n - 1, None: None}
    return conv[rule["min"]], conv[rule["max"]]


def _sum_list(list_text: str) -> tuple[int | None, int | None]:
    """Add up "a civilian and seven members": mins add; any open or unknown part leaves max open."""
    g = _grammar()
    lo: int | None = 0
    hi: int | None = 0
    for m in g.qty.finditer(list_text):
        if not _is_group_head(list_text, m):
            continue
        a, b = _qty_range(m)
        lo = None if lo is None or a is None else lo + a
        hi = None if hi is None or b is None else hi + b
    return lo, hi


def _is_group_head(text: str, m: re.Match[str]) -> bool:
    """A quantity starts a group unless it sits inside one ("members of the 5th brigade")."""
    before = text[: m.start()].rstrip().lower()
    return before == "" or before.endswith(",") or before.endswith(" and") or before.endswith("as well as")


def _strip_subsets(s: str) -> str:
    return _grammar().subset.sub(lambda m: " " * len(m.group(0)), s)


def _count(text: str, start: int, end: int, lo: int | None, hi: int | None) -> Count:
    return Count(min=lo, max=hi, text=text[start:end], span=Span.of(text, start, end))


def _clause_start(text: str, lo: int, pos: int) -> int:
    cut = max(text.rfind(ch, lo, pos) for ch in ".;:!?\n")
    return max(lo, pos - _WINDOW, cut + 1)


def _clause_end(text: str, pos: int, hi: int) -> int:
    ends = [i for i in (text.find(ch, pos, hi) for ch in ".;:!?\n") if i >= 0]
    return min([hi, pos + _WINDOW, *ends])


def _before(text: str, lo: int, cue: re.Match[str], need_aux: bool) -> Count | None:
    cs = _clause_start(text, lo, cue.start())
    window = _strip_subsets(text[cs : cue.start()])
    m = _grammar().before.search(window)
    if not m:
        return None
    tail = window[m.end("list") :].strip(" ,")
    if need_aux and not tail:
        return None
    a, b = _sum_list(m.group("list"))
    return _count(text, cs + m.start("list"), cue.end(), a, b)


def _after(text: str, cue: re.Match[str], hi: int, toll: bool) -> Count | None:
    ce = _clause_end(text, cue.end(), hi)
    window = text[cue.end() : ce]
    g = _grammar()
    if toll:
        m = g.toll_after.match(window)
    else:
        cut = g.subset.search(window)
        window = window[: cut.start()] if cut else window
        m = g.after.match(window) or g.bare_after.match(window)
    if not m:
        return None
    a, b = _sum_list(m.group("list"))
    return _count(text, cue.start(), cue.end() + m.end("list"), a, b)


def _joint(text: str, start: int, end: int) -> list[tuple[Count, Count]]:
    """ "12 were killed or wounded": each category gets only the upper bound 12 (or null)."""
    out = []
    for cue in _grammar().joint.finditer(text, start, end):
        c = _before(text, start, cue, need_aux=False)
        if c is None:
            cs = _clause_start(text, start, cue.start())
            c = _count(text, cs, cue.end(), None, None)
        hi = c.max if c.min is not None else None
        capped = c.model_copy(update={"min": 0 if hi == 0 else None, "max": hi})
        out.append((capped, capped))
    return out


def _best(found: list[Count]) -> Count | None:
    """Several mentions of one category: keep the largest defensible minimum (a later, updated toll)."""
    if not found:
        return None
    return max(found, key=lambda c: (c.min is not None, c.min or 0, c.max is not None))


def _in_joint(text: str, start: int, end: int, cue: re.Match[str]) -> bool:
    return any(j.start() <= cue.start() < j.end() for j in _grammar().joint.finditer(text, start, end))


def find_counts(text: str, start: int, end: int) -> dict[str, Count]:
    """Casualty counts stated in `text[start:end]`, keyed "killed" / "injured" / "captured".

    Only categories the region mentions are present: a missing key means no casualty words at all,
    a Count with min/max None means the text mentions casualties without a defensible number.
    Spans are offsets into the whole document `text`.
    """
    g = _grammar()
    if cumulative(text[start:end]):
        return {}  # a running total over years belongs to no single event
    found: dict[str, list[Count]] = {c: [] for c in CATEGORIES}
    for killed, injured in _joint(text, start, end):
        found["killed"].append(killed)
        found["injured"].append(injured)
    for cat in CATEGORIES:
        res = g.cues[cat]
        for cue in res["transitive"].finditer(text, start, end) if "transitive" in res else []:
            if _in_joint(text, start, end, cue):
                continue
            c = _after(text, cue, end, toll=False) or _before(text, start, cue, need_aux=False)
            if c is None and cat == "captured" and not _people_near(text, start, end, cue):
                continue  # "captured the town": territory, not people
            found[cat].append(c or _vague(text, start, cue))
        for kind in ("intransitive", "nouns"):
            for cue in res[kind].finditer(text, start, end) if kind in res else []:
                if _in_joint(text, start, end, cue):
                    continue
                c = _before(text, start, cue, need_aux=False)
                found[cat].append(c or _vague(text, start, cue))
        for cue in res["tolls"].finditer(text, start, end) if "tolls" in res else []:
            c = _after(text, cue, end, toll=True)
            if c:
                found[cat].append(c)
    out = {cat: best for cat in CATEGORIES if (best := _best(found[cat])) is not None}
    killed = out.get("killed")
    if killed is not None and (killed.min or 0) > _cues()["max_incident_killed"]:
        out["killed"] = Count(min=None, max=None, text=killed.text, span=killed.span)
    return out


@functools.cache
def _cumulative_res() -> list[re.Pattern[str]]:
    return [re.compile(p, re.I) for p in _cues()["cumulative"]]


def cumulative(sentence: str) -> bool:
    """Does the sentence tell a span of years (a running total, a campaign's history)?"""
    return any(r.search(sentence) for r in _cumulative_res())


NEAR_CHARS = 80  # how close to a trigger a span of years must be to date that act


def told_over_years(sentence: Span, trigger: Span) -> bool:
    """Is the act its `trigger` names told over a span of years, within its `sentence`? Only a span close
    to the trigger counts: "protested ... a report on crimes over the past 25 years" is a protest of that
    day. Both spans are document offsets; the sentence carries its own text."""
    start, end = trigger.start - sentence.start, trigger.end - sentence.start
    for r in _cumulative_res():
        for m in r.finditer(sentence.text):
            if m.start() - end <= NEAR_CHARS and start - m.end() <= NEAR_CHARS:
                return True
    return False


def _people_near(text: str, lo: int, hi: int, cue: re.Match[str]) -> bool:
    """Whether the captured are people: a person noun as object, or as subject of a passive ("were seized").

    Capture verbs also take towns and weapons ("rebels captured the town"), which are not casualties.
    """
    after = text[cue.end() : min(_clause_end(text, cue.end(), hi), cue.end() + 60)]
    if _grammar().persons.search(after):
        return True
    before = text[_clause_start(text, lo, cue.start()) : cue.start()]
    return bool(re.search(r"\b(?:were|was|been|being|are|is)\s+$", before)) and bool(
        _grammar().persons.search(before)
    )


def _vague(text: str, lo: int, cue: re.Match[str]) -> Count:
    """Casualty words with no countable group: null figures, the clause kept as evidence."""
    cs = _clause_start(text, lo, cue.start())
    while cs < cue.start() and text[cs].isspace():
        cs += 1
    return _count(text, cs, cue.end(), None, None)
