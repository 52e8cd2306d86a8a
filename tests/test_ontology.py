"""The ontology tables: complete, consistent with each other, and reachable from the mapping."""

from __future__ import annotations

import typing

from lanner.extract.events.lexicon import acled, code_event, plover, triggers_by_first_word
from lanner.model import PloverType

ALL_SUBTYPES = 25


def test_plover_types_are_the_contract_types():
    assert set(plover()) == set(typing.get_args(PloverType))
    for name, row in plover().items():
        assert len(row["cameo_root"]) == 2 and row["cameo_root"].isdigit(), name
        assert row["modes"], name


def test_assault_and_aid_modes_follow_plover():
    modes = set(plover()["ASSAULT"]["modes"])
    assert {"beat", "firearms", "explosives", "aerial", "drone", "shelling", "suicide", "chemical"} <= modes
    assert "sexual" in modes
    assert {"economic", "military", "humanitarian"} <= set(plover()["AID"]["modes"])


def test_acled_has_six_types_and_25_subtypes_with_definitions():
    table = acled()
    assert len(table) == 6
    subs = [s for subs in table.values() for s in subs]
    assert len(subs) == ALL_SUBTYPES == len(set(subs))
    assert all(len(d.split()) >= 5 for subs in table.values() for d in subs.values())


def test_every_mapping_row_is_valid_and_every_subtype_reachable():
    import csv

    from lanner.extract.events.lexicon import ONTOLOGY_DIR

    subs = {s: t for t, ss in acled().items() for s in ss}
    reached = set()
    with (ONTOLOGY_DIR / "mapping.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            assert row["plover"] in plover()
            mode = row["mode"].removesuffix("-state")
            assert not mode or mode in plover()[row["plover"]]["modes"], row
            if row["acled_sub_event_type"]:
                assert subs[row["acled_sub_event_type"]] == row["acled_event_type"], row
                reached.add(row["acled_sub_event_type"])
            assert len(row["cameo_root"]) == 2
    assert reached == set(subs)


def test_talk_and_threats_are_not_acled_events():
    for t in ("CONSULT", "REJECT", "ACCUSE", "THREATEN", "REQUEST", "SUPPORT"):
        code = code_event(t, None)
        assert code.event_type is None and code.sub_event_type is None
        assert code.cameo_root == plover()[t]["cameo_root"]


def test_mode_and_target_pick_the_subtype():
    assert code_event("ASSAULT", "aerial").sub_event_type == "Air/drone strike"
    assert code_event("ASSAULT", "firearms", "armed").sub_event_type == "Armed clash"
    assert code_event("ASSAULT", "firearms", "civilian").event_type == "Violence against civilians"
    assert code_event("ASSAULT", "unknown-mode", "armed").sub_event_type == "Armed clash"
    assert code_event("AID", "military").sub_event_type == "Other"


def test_trigger_rows_name_known_types_and_modes():
    for rows in triggers_by_first_word().values():
        for trig in rows:
            assert trig.type in plover()
            assert trig.mode is None or trig.mode in plover()[trig.type]["modes"], trig
            assert trig.unrealised is None or trig.unrealised in plover()
