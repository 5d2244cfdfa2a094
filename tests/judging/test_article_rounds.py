"""Rounds of selection for submitted pages (a microgrant call's proposals): each round's parts marked with
the jury's scheme, the top `advance` ranks going on; queues dealt by the photo contests' allocator.
Hand-computed expectations."""

from __future__ import annotations

import json
import random
from decimal import Decimal

import pytest

from wikitally.campaign_file import parse_campaign
from wikitally.errors import CampaignFileError
from wikitally.judging.article_rounds import run
from wikitally.judging.entries import NUMBERS, Entry
from wikitally.judging.jury import Mark
from wikitally.judging.results import judge
from wikitally.judging.rules import Context
from wikitally.judging.spec import Contest, Jury, Part, Round, Rule
from wikitally.reports.contest import render_json

W = "meta.wikimedia.org"
JURY = Jury(
    ("J1", "J2", "J3"),
    (
        Part("feasibility", "integer", 0, 5),
        Part("impact", "integer", 0, 5),
        Part("budget", "checkbox", value=Decimal(2)),
    ),
    min_marks=2,
)
ROUNDS = (Round("First", 2, ("feasibility", "impact")), Round("Final", 1, ("budget",), quorum=1))


def proposal(title, user, words=100):
    numbers = dict.fromkeys(NUMBERS, 0) | {"words_added": words}
    return Entry(W, title, user, None, 4, numbers, (), submitted=True)


ENTRIES = [
    proposal("Grants/P1", "Ana"),
    proposal("Grants/P2", "Besa"),
    proposal("Grants/P3", "Cem"),
    proposal("Grants/P4", "Dan", words=0),  # ineligible: never in a round
    proposal("Grants/P5", "J1"),  # a juror's own proposal: never in their queue
]


def marks():
    out = []
    for juror, title, f, i in (
        ("J1", "P1", 4, 5),  # P1: (9 + 6) / 2 = 7.5
        ("J2", "P1", 3, 3),
        ("J1", "P2", 5, 5),  # P2: (10 + 5) / 2 = 7.5, tied with P1
        ("J3", "P2", 5, 0),
        ("J2", "P3", 2, 2),  # P3: (4 + 2) / 2 = 3
        ("J3", "P3", 1, 1),
    ):
        out += [
            Mark(juror, W, f"Grants/{title}", "feasibility", str(f)),
            Mark(juror, W, f"Grants/{title}", "impact", str(i)),
        ]
    out += [
        Mark("J1", W, "Grants/P3", "budget", "1"),  # a budget mark: the final's part, no effect on round 1
        Mark("J2", W, "Grants/P1", "budget", "1"),  # P1 in the final: one juror, below min_marks: 0
        Mark("J3", W, "Grants/P2", "budget", "0"),  # P2 in the final: (0 + 2) / 2 = 1
        Mark("J1", W, "Grants/P2", "budget", "1"),
    ]
    return out


def results():
    contest = Contest(
        entries="submitted", score="jury", rules=(Rule("min_words_added", "required", 1),), jury=JURY
    )
    return judge(contest, ENTRIES, {}, marks(), Context())


def table(result):
    return [
        (r.entry.title.removeprefix("Grants/"), r.rank, r.score, r.marks, r.advances) for r in result.ranking
    ]


def test_rounds_hand_computed():
    first, final = run(JURY, ROUNDS, results(), marks(), seed="call")
    assert table(first) == [
        ("P1", 1, Decimal("7.5"), 2, True),
        ("P2", 1, Decimal("7.5"), 2, True),
        ("P3", 3, Decimal(3), 2, False),
        ("P5", 4, Decimal(0), 0, False),
    ]
    assert not first.complete  # P5 has no marks yet
    # P5 needs two jurors and is J1's own: J2 and J3 get it, J1 never does.
    assert first.queues == {"J2": ((W, "Grants/P5", "J1"),), "J3": ((W, "Grants/P5", "J1"),)}
    assert table(final) == [("P2", 1, Decimal(1), 2, True), ("P1", 2, Decimal(0), 1, False)]
    assert not final.complete and final.queues == {}  # quorum 1: both have a juror's mark


def test_rounds_do_not_depend_on_the_marks_order():
    shuffled = marks()
    random.Random(7).shuffle(shuffled)
    assert [table(r) for r in run(JURY, ROUNDS, results(), shuffled, "call")] == [
        table(r) for r in run(JURY, ROUNDS, results(), marks(), "call")
    ]


def test_rounds_in_the_json():
    data = json.loads(render_json(results(), run(JURY, ROUNDS, results(), marks(), "call")))
    assert [r["name"] for r in data["rounds"]] == ["First", "Final"]
    final = data["rounds"][1]
    assert final["entries"][0] == {
        "wiki": W,
        "title": "Grants/P2",
        "participant": "Besa",
        "rank": 1,
        "score": 1,
        "jury": 1,
        "marks": 2,
        "advances": True,
    }
    assert final["entries"][1]["jury"] is None and final["parts"] == ["budget"]
    assert "rounds" not in json.loads(render_json(results()))  # a contest without rounds: no key


BASE = {
    "name": "Call",
    "start": "2026-01-01T00:00:00+00:00",
    "end": "2026-01-31T00:00:00+00:00",
    "wikis": [W],
    "participants": ["Ana", "Besa"],
}


def campaign(rounds, jury=True):
    contest = {"entries": "submitted", "score": "jury", "round": rounds}
    if jury:
        contest["jury"] = {"jurors": ["J1", "J2"], "part": [{"name": "q", "kind": "integer", "max": 5}]}
    from datetime import datetime

    data = dict(BASE, start=datetime.fromisoformat(BASE["start"]), end=datetime.fromisoformat(BASE["end"]))
    return parse_campaign(data | {"contest": contest}, "call.toml")


def test_round_config_parsed():
    c = campaign([{"name": "First", "advance": 8, "parts": ["q"], "quorum": 2}, {"advance": 3}])
    assert c.contest.rounds == (Round("First", 8, ("q",), 2), Round("Round 2", 3, (), 0))


@pytest.mark.parametrize(
    ("rounds", "field", "says"),
    [
        ([{"name": "First"}], "contest.round[1].advance", "whole number ≥ 1"),
        ([{"advance": 0}], "contest.round[1].advance", "whole number ≥ 1"),
        ([{"advance": 2, "parts": ["style"]}], "contest.round[1].parts", "'style' is not a part"),
        ([{"advance": 2, "quorum": 3}], "contest.round[1].quorum", "number of jurors (2)"),
        ([{"advance": 2, "kind": "yesno"}], "contest.round[1].kind", "unknown key"),
    ],
)
def test_bad_round_config_is_one_line_naming_the_key(rounds, field, says):
    with pytest.raises(CampaignFileError) as e:
        campaign(rounds)
    line = str(e.value)
    assert line.startswith(f"call.toml: {field}: ") and says in line and "\n" not in line
