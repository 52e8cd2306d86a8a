"""The matching, clustering and source-dependence rules on hand-built records (no pipeline)."""

from __future__ import annotations

import datetime as dt
import random
import time

from lanner.corroborate import cluster_records
from lanner.corroborate.linkage import candidate_pairs
from lanner.corroborate.match import EventRecord, Side, match
from lanner.corroborate.sources import source_key

D0 = dt.date(2024, 10, 14)
TUR = Side("state:TUR", "Military Forces of Turkey", "TUR")
SDF = Side("syr-sdf", "Syrian Democratic Forces", "SYR", armed_nonstate=True)
YPG = Side("syr-ypg", "YPG", "SYR", armed_nonstate=True, umbrella=frozenset({"syr-sdf"}))
HTS = Side("syr-hts", "Hayat Tahrir al-Sham", "SYR", armed_nonstate=True)
AOG = Side("aog-SYR", "Armed opposition groups (Syria)", "SYR", generic=True, armed_nonstate=True)
NONE = Side(None, None)


def rec(doc: str, **kw) -> EventRecord:
    base = dict(doc_id=doc, event_id="e1", type="ASSAULT", start=D0, end=D0, outlet=doc, published=D0,
                actor1=TUR, actor2=SDF, lat=36.89, lon=38.35, place="Kobani", admin1="Aleppo", country="SY",
                level="point")  # fmt: skip
    return EventRecord(**(base | kw))


def test_same_event_two_outlets_matches() -> None:
    assert match(rec("a"), rec("b", lat=37.0, lon=38.5), 3, 50.0) is not None


def test_never_within_one_document() -> None:
    assert match(rec("a"), rec("a", event_id="e2"), 3, 50.0) is None


def test_type_must_agree_but_mode_may_differ() -> None:
    assert match(rec("a", mode="drone"), rec("b", mode="aerial"), 3, 50.0) is not None
    assert match(rec("a"), rec("b", type="COERCE"), 3, 50.0) is None


def test_distance_limit() -> None:
    far = rec("b", lat=35.16, lon=40.43)  # about 270 km away
    assert match(rec("a"), far, 3, 50.0) is None
    assert match(rec("a"), far, 3, 300.0) is not None


def test_province_precision_needs_same_admin1() -> None:
    prov = rec("b", lat=36.2, lon=37.1, level="admin1", place="Aleppo")
    assert match(rec("a"), prov, 3, 50.0) is not None
    assert match(rec("a"), rec("c", level="admin1", admin1="Ar-Raqqah"), 3, 50.0) is None


def test_unknown_place_needs_a_shared_actor() -> None:
    vague = rec("b", lat=None, lon=None, place=None, admin1=None, country=None, level="none")
    assert match(rec("a"), vague, 3, 50.0) is not None
    assert match(rec("a"), rec("d", level="country", lat=None, lon=None, actor2=NONE), 3, 50.0) is None
    assert (
        match(
            rec("a", actor2=NONE),
            rec("c", lat=None, lon=None, place=None, level="none", actor2=NONE, actor1=NONE),
            3,
            50,
        )
        is None
    )


def test_date_gap() -> None:
    assert (
        match(rec("a"), rec("b", start=D0 + dt.timedelta(days=3), end=D0 + dt.timedelta(days=3)), 3, 50)
        is not None
    )
    assert (
        match(rec("a"), rec("b", start=D0 + dt.timedelta(days=4), end=D0 + dt.timedelta(days=4)), 3, 50)
        is None
    )
    assert match(rec("a"), rec("b", start=None, end=None), 3, 50.0) is None


def test_actor_compatibility() -> None:
    assert match(rec("a"), rec("b", actor2=NONE), 3, 50.0) is not None  # one side unidentified
    assert match(rec("a"), rec("b", actor2=YPG), 3, 50.0) is not None  # member of the SDF
    assert match(rec("a"), rec("b", actor2=HTS), 3, 50.0) is None  # a different group
    assert match(rec("a", actor2=HTS), rec("b", actor2=AOG), 3, 50.0) is not None  # the category


def test_civilians_or_fighters_is_a_disagreement_not_two_events() -> None:
    civ = Side("civ-SYR", "Civilians (Syria)", "SYR", civilian=True)
    assert match(rec("a"), rec("b", actor2=civ), 3, 50.0) is not None  # "civilians" vs "SDF fighters"
    soldiers = Side("state:SYR", "Syria", "SYR")
    assert match(rec("a", actor2=soldiers), rec("b", actor2=civ), 3, 50.0) is not None  # place + attacker
    assert (
        match(rec("a", actor2=soldiers), rec("b", actor2=civ, actor1=NONE), 3, 50.0) is None
    )  # one more needed
    assert match(rec("a", actor1=civ, actor2=TUR), rec("b", actor1=TUR, actor2=HTS), 3, 50.0) is None


def test_swapped_roles_merge_and_are_reported() -> None:
    clusters = cluster_records([rec("a"), rec("b", actor1=SDF, actor2=TUR)])
    assert len(clusters) == 1 and clusters[0].agreement.roles == "disagree"


def test_medoid_prevents_chaining() -> None:
    """Two towns 80 km apart both within 50 km of a report in between: not one event."""
    west, mid, east = rec("w", lon=37.90), rec("m", lon=38.35), rec("e", lon=38.80)
    assert match(west, mid, 3, 50.0) and match(mid, east, 3, 50.0) and not match(west, east, 3, 50.0)
    clusters = cluster_records([west, mid, east])
    assert sorted(c.reports for c in clusters) == [1, 2]


def test_source_keys() -> None:
    assert source_key("SANA", None, "outlet") == source_key("Al-Watan", "SANA", "named") == "state:SYR"
    assert source_key("Reuters", "the Syrian Observatory for Human Rights", "named") == "sohr"
    assert source_key("AFP", "SOHR", "named") == "sohr"
    assert source_key("sputnik", None, "outlet") == source_key("TASS", "an official", "anonymous")
    assert source_key("Reuters", "residents", "anonymous") == "reuters"
    assert source_key("Daily Sabah", "the governor", "named") == "turkuvaz"  # unidentified name: the outlet
    assert source_key("Al Arabiya", "the Russian Defence Ministry", "named") == "state:RUS"  # a state body
    assert source_key("TRT", "the OPCW", "named") == "actor:glb-opcw"
    assert source_key("Some Local Site", None, "outlet") == "outlet:some local site"


def test_independent_sources_collapse_state_media() -> None:
    relayed = rec("Reuters", attribution_source="SANA", attribution_kind="named")
    recs = [rec("SANA"), rec("Syrian TV"), relayed, rec("AFP")]
    [c] = cluster_records(recs)
    assert (c.reports, len(c.outlets), c.independent_witnesses, c.independent_sources) == (4, 4, 2, 4)


def test_credited_and_copied_stories_count_once() -> None:
    """A dateline credit and a near-duplicate text both make a copy count under its original."""
    from lanner.corroborate.syndication import credit, shingles

    story = " ".join(f"word{i}" for i in range(60))
    assert credit("BEIRUT (AP) — An air strike hit", "Some Site") == "AP"
    assert credit("A caption (AFP/Omar Haj Kadour) and text", "Some Site") is None  # a photo credit
    recs = [rec("a", outlet="Site A", credit="AP"), rec("b", outlet="Site B", shingles=shingles(story)),
            rec("c", outlet="Site C", shingles=shingles(story + " extra words at the end")),
            rec("d", outlet="Site D", credit="AP")]  # fmt: skip
    [c] = cluster_records(recs)
    assert c.independent_sources == 2 and c.sources == ["AP", "site b"]
    assert [m.copy_of for m in c.members if m.outlet == "Site C"] == ["b"]


def test_republished_wording_counts_once() -> None:
    story = "Terrorists detonated an explosive device near the national hospital, injuring five people."
    recs = [
        rec("SANA", context=story, published=D0 - dt.timedelta(days=1)),
        rec("Al-Alam", context=story.replace("five", "5")),
        rec("AFP", context="x"),
    ]
    [c] = cluster_records(recs)
    assert c.independent_witnesses == 2
    assert [m.copy_of for m in c.members if m.outlet == "Al-Alam"] == ["SANA"]


def test_blocking_scales() -> None:
    """20,000 synthetic reports of ~4,000 events; each blocked pair list stays small."""
    rng = random.Random(11)
    types, countries = ["ASSAULT", "PROTEST", "CONSULT", "COERCE"], ["SY", "IQ", "YE", "SD", "UA"]
    events = []
    for _ in range(4000):
        lat, lon = rng.uniform(10, 40), rng.uniform(30, 50)
        day = D0 + dt.timedelta(days=rng.randrange(365))
        events.append((rng.choice(types), rng.choice(countries), lat, lon, day))
    recs = []
    for i in range(20000):
        t, c, lat, lon, day = events[i % 4000]
        jitter = dt.timedelta(days=rng.randrange(2))
        recs.append(rec(f"d{i}", type=t, country=c, lat=lat + rng.uniform(-0.1, 0.1), lon=lon,
                        start=day + jitter, end=day + jitter, outlet=f"outlet{i % 40}"))  # fmt: skip
    pairs = candidate_pairs(recs, 3)
    t0 = time.perf_counter()
    clusters = cluster_records(recs)
    elapsed = time.perf_counter() - t0
    print(f"\n20,000 records: {len(pairs):,} blocked pairs, {len(clusters):,} clusters, {elapsed:.2f} s")
    assert len(pairs) < 20000 * 200  # far from all pairs (2e8)
    assert sum(c.reports for c in clusters) == 20000
    assert max(c.reports for c in clusters) <= 5 * 2  # no runaway chaining


def test_place_across_precision() -> None:
    """An unresolved name equal to the place, a town inside the named province, admin2 containment."""
    unresolved = rec("b", lat=None, lon=None, admin1=None, country=None, level="none", actor2=NONE)
    assert match(rec("a", actor2=NONE), unresolved, 3, 50.0) is not None
    province = rec(
        "c", lat=None, lon=None, place="Aleppo", admin1=None, country=None, level="none", actor2=NONE
    )
    assert match(rec("a", actor2=NONE), province, 3, 50.0) is not None
    district = rec("d", level="admin2", admin2="Ain al-Arab", lat=None, lon=None, actor2=NONE)
    assert match(rec("a", actor2=NONE, admin2="Ain al-Arab"), district, 3, 50.0) is not None
    assert match(rec("a", actor2=NONE, admin2="Manbij"), district, 3, 50.0) is None


def test_type_family_and_disputed_perpetrator() -> None:
    """A denial (REJECT) about the strike belongs to it; a blamed other side needs more evidence."""
    denial = rec("b", type="REJECT", actor1=Side("state:RUS", "Russia", "RUS"), actor2=NONE)
    assert match(rec("a"), denial, 3, 50.0) is not None
    assert match(denial, rec("c", type="ACCUSE"), 3, 50.0) is None  # two versions, no report of the act
    assert match(rec("a"), rec("d", type="CONSULT"), 3, 50.0) is None
    other = rec("e", actor1=Side("state:RUS", "Military Forces of Russia", "RUS"))
    assert match(rec("a"), other, 3, 50.0) is not None  # place 2 + shared target 1 >= 2 + 1


def test_undated_report_borrows_the_date_its_weekday_fits() -> None:
    """A report with no date goes with the look-alike whose date (D0, a Monday) fits its "on Monday"."""
    later = D0 + dt.timedelta(days=72)  # a Wednesday
    undated = rec("u", start=None, end=None, published=None, undated=True, date_text="on Monday afternoon")
    clusters = cluster_records([rec("a"), rec("b", start=later, end=later, published=later), undated])
    [both] = [c for c in clusters if c.reports == 2]
    assert {m.doc_id for m in both.members} == {"a", "u"}


def test_a_denial_joins_as_a_contesting_member() -> None:
    """The REJECT of the reports is a member marked `denial`: the incident is contested, not confirmed."""
    denial = rec("b", type="REJECT", actor1=Side("state:RUS", "Russia", "RUS"), actor2=NONE)
    [c] = cluster_records([rec("a"), denial, rec("c")])
    versions = {m.doc_id: m.version for m in c.members}
    assert versions == {"a": "report", "b": "denial", "c": "report"}
    assert c.agreement.epistemic == "contested" and c.confirming_sources == 2
    assert c.actor1 == "Military Forces of Turkey"  # the denier's parties do not enter the consensus
