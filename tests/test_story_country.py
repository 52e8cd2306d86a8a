"""The story's country comes from the places it keeps naming, not from the nationality of a foreign
attacker ("Turkish drone", "Russian jets"). Texts written for these tests."""

from __future__ import annotations

import datetime as dt

from lanner import analyze

DRONE = (
    "Turkish drone attack kills fighter in Syria's Kobani\n\n"
    "A fighter of the Syrian Democratic Forces was killed on Sunday after being targeted by a Turkish drone "
    "in the western countryside of Kobani.\n\n"
    "This comes a week after earthquakes hit southern Turkey, killing thousands.\n\n"
    "A local source said the Turkish drone targeted the car between the villages of Minaz and Sheikh Afdal, "
    "west of Kobani. Turkish officials did not comment."
)


def test_a_foreign_attackers_nationality_does_not_move_the_story():
    doc = analyze(DRONE, published=dt.date(2023, 2, 20))
    placed = [e for e in doc.events if e.type == "ASSAULT" and e.location is not None]
    assert placed
    assert all(e.location.country == "SY" for e in placed)
