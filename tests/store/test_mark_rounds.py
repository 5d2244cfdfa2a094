"""Marks carry their round (MARKS.csv's optional `round` column): two [[contest.round]] rounds marking the
same part keep their marks apart, on SQLite and PostgreSQL; marks without a round are as before (every round
marking the part reads them, and only they make the contest's jury score)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from wikitally.judging.article_rounds import run
from wikitally.judging.entries import NUMBERS, Entry
from wikitally.judging.jury import Mark
from wikitally.judging.results import judge
from wikitally.judging.rules import Context
from wikitally.judging.spec import Contest, Jury, Part, Round
from wikitally.model import Campaign
from wikitally.services.contests import ContestError, read_marks
from wikitally.store import Store, open_store
from wikitally.store.contests import ContestStore

W = "uk.wikipedia.org"
START = datetime(2026, 1, 1, tzinfo=UTC)
JURY = Jury(("J1", "J2"), (Part("quality", "integer", 0, 5),), min_marks=2)
# Both rounds mark the same part: round 2 must not read round 1's marks.
ROUNDS = (Round("First", 2, ("quality",)), Round("Final", 1, ("quality",)))
CONTEST = Contest(entries="submitted", score="jury", jury=JURY, rounds=ROUNDS)


def entry(title: str, user: str) -> Entry:
    return Entry(W, title, user, None, 0, dict.fromkeys(NUMBERS, 0), (), submitted=True)


ENTRIES = [entry("A", "Ana"), entry("B", "Besa"), entry("C", "Cem")]
MARKS = [
    *(
        Mark(j, W, t, "quality", v, "First")
        for j, t, v in (("J1", "A", "5"), ("J2", "A", "5"), ("J1", "B", "4"))
    ),
    *(
        Mark(j, W, t, "quality", v, "First")
        for j, t, v in (("J2", "B", "4"), ("J1", "C", "1"), ("J2", "C", "1"))
    ),
    Mark("J1", W, "A", "quality", "1", "Final"),  # the final turns A and B round
    Mark("J2", W, "A", "quality", "1", "Final"),
    Mark("J1", W, "B", "quality", "5", "Final"),
    Mark("J2", W, "B", "quality", "3"),  # no round: J2's B mark in any round without J2's own there
]


def ranking(result):
    return [(r.entry.title, r.rank, r.score, r.marks) for r in result.ranking]


def rounds(marks):
    results = judge(CONTEST, ENTRIES, {}, [m for m in marks if not m.round], Context())
    return run(JURY, ROUNDS, results, marks, seed="x")


def test_each_round_reads_its_own_marks():
    first, final = rounds(MARKS)
    assert ranking(first) == [("A", 1, Decimal(5), 2), ("B", 2, Decimal(4), 2), ("C", 3, Decimal(1), 2)]
    # Final: A (1 + 1) / 2 = 1; B: J1's final 5 and J2's round-less 3 = 4 (J2's First mark is not read).
    assert ranking(final) == [("B", 1, Decimal(4), 2), ("A", 2, Decimal(1), 2)]


def test_without_round_marks_every_round_shares_them_as_before():
    plain = [m._replace(round="") for m in MARKS if m.round == "First"]
    first, final = rounds(plain)
    assert ranking(first) == [("A", 1, Decimal(5), 2), ("B", 2, Decimal(4), 2), ("C", 3, Decimal(1), 2)]
    assert {r[0]: r[2] for r in ranking(final)} == {r[0]: r[2] for r in ranking(first) if r[0] in "AB"}


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    if request.param == "sqlite":
        yield open_store(str(tmp_path / "store.sqlite3"))
        return
    url = os.environ.get("WIKITALLY_TEST_PG_URL")
    if not url:
        pytest.skip(
            "WIKITALLY_TEST_PG_URL is not set (export WIKITALLY_TEST_PG_URL=$(scripts/postgres.sh start))"
        )
    pg = open_store(url)
    yield pg
    from wikitally.store import models as orm

    orm.Campaign.objects.using(pg.alias).filter(key__startswith=request.node.name).delete()


def test_the_store_keeps_each_rounds_marks(store, request):
    campaign = Campaign(
        request.node.name, START, START + timedelta(days=10), (W,), participants=("Ana", "Besa", "Cem")
    )
    store.save_campaign(campaign, frozenset({"Ana", "Besa", "Cem"}))
    cs = ContestStore(store)
    assert cs.save_marks(campaign, MARKS, START, "test") == len(MARKS)
    assert cs.save_marks(campaign, MARKS, START, "test") == 0  # the same marks again change nothing
    assert sorted(cs.marks(campaign, rounds=True)) == sorted(MARKS)
    assert cs.marks(campaign) == [Mark("J2", W, "B", "quality", "3")]  # the jury score reads no round's
    _first, final = rounds(cs.marks(campaign, rounds=True))
    assert ranking(final) == [("B", 1, Decimal(4), 2), ("A", 2, Decimal(1), 2)]
    # A round's mark changed: only it changes, the other round's mark on the same part stays.
    assert cs.save_marks(campaign, [Mark("J1", W, "A", "quality", "2", "Final")], START, "test") == 1
    stored = {(m.juror, m.title, m.round): m.value for m in cs.marks(campaign, rounds=True)}
    assert stored[("J1", "A", "Final")] == "2" and stored[("J1", "A", "First")] == "5"


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "marks.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_marks_csv_takes_an_optional_round_column(tmp_path):
    plain = read_marks(CONTEST, write(tmp_path, f"juror,wiki,title,part,value\nJ1,{W},A,quality,3\n"))
    assert plain == [Mark("J1", W, "A", "quality", "3")]
    text = f"juror,wiki,title,part,value,round\nJ1,{W},A,quality,3,First\nJ1,{W},A,quality,4,2\nJ2,{W},A,quality,1,\n"
    assert read_marks(CONTEST, write(tmp_path, text)) == [
        Mark("J1", W, "A", "quality", "3", "First"),
        Mark("J1", W, "A", "quality", "4", "Final"),  # a round's number names it too
        Mark("J2", W, "A", "quality", "1"),
    ]


@pytest.mark.parametrize(
    ("row", "says"),
    [
        (
            "J1,{W},A,quality,3,Semi",
            "line 2: round 'Semi' is not a [[contest.round]]; use one of First, Final",
        ),
        ("J1,{W},A,quality,3,3", "line 2: round '3' is not a [[contest.round]]"),
        ("J1,{W},A,quality,3", "line 2: 5 columns; expected juror,wiki,title,part,value,round"),
    ],
)
def test_a_bad_round_names_the_line(tmp_path, row, says):
    path = write(tmp_path, "juror,wiki,title,part,value,round\n" + row.format(W=W) + "\n")
    with pytest.raises(ContestError) as e:
        read_marks(CONTEST, path)
    assert says in str(e.value)


def test_a_round_that_does_not_mark_the_part_is_refused(tmp_path):
    jury = Jury(("J1",), (Part("quality", "integer", 0, 5), Part("photo", "checkbox", value=Decimal(1))))
    contest = Contest(entries="submitted", score="jury", jury=jury, rounds=(Round("First", 1, ("quality",)),))
    path = write(tmp_path, f"juror,wiki,title,part,value,round\nJ1,{W},A,photo,1,First\n")
    with pytest.raises(
        ContestError, match="line 2: round 'First' does not mark 'photo'; its parts are quality"
    ):
        read_marks(contest, path)
