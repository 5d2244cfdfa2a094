"""The store sums each (article, juror)'s parts itself: the same jury scores as summing every mark in Python,
including marks the scheme no longer takes, a juror since removed and fractional points."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from wikitally.judging.jury import Mark, jury_scores, mark_worth, scores_from_sums
from wikitally.judging.spec import Jury, Part
from wikitally.model import Campaign
from wikitally.store import open_store
from wikitally.store.contests import ContestStore

START = datetime(2026, 1, 1, tzinfo=UTC)
UK = "uk.wikipedia.org"
JURY = Jury(
    ("J1", "J2", "J3"),
    (
        Part("quality", "integer", 0, 5),
        Part("photo", "checkbox", value=Decimal("1.25")),
        Part("length", "choice", options=(("long", Decimal("2")), ("short", Decimal("0.5")))),
    ),
    min_marks=2,
)
MARKS = [
    Mark("J1", UK, "A", "quality", "4"),
    Mark("J1", UK, "A", "photo", "1"),  # J1 on A: 4 + 1.25 = 5.25
    Mark("J2", UK, "A", "length", "short"),  # J2 on A: 0.5  -> A: (5.25 + 0.5) / 2 = 2.875
    Mark("J1", UK, "B", "quality", "3"),  # B: one juror, below min_marks -> None, 1 mark
    Mark("Gone", UK, "B", "quality", "5"),  # not on the jury (removed since): left out
    Mark("J3", UK, "C", "length", "medium"),  # the scheme no longer takes it: J3 has no mark on C
]


def seeded(tmp_path, marks=MARKS):
    campaign = Campaign(
        "Sums " + tmp_path.name, START, START + timedelta(days=10), (UK,), participants=("Ana",)
    )
    store = open_store(str(tmp_path / "s.sqlite3"))
    store.save_campaign(campaign, frozenset({"Ana"}))
    cs = ContestStore(store)
    cs.save_marks(campaign, marks, START, "test")
    return campaign, cs


def summed(campaign, cs, jury=JURY):
    sums = cs.juror_sums(campaign, jury.jurors, mark_worth(jury, cs.mark_pairs(campaign)))
    return None if sums is None else scores_from_sums(jury, sums)


def test_sums_in_the_store_equal_summing_every_mark(tmp_path):
    campaign, cs = seeded(tmp_path)
    scores = summed(campaign, cs)
    assert {k: (v.score, v.marks) for k, v in scores.items()} == {
        (UK, "A"): (Decimal("2.875"), 2),
        (UK, "B"): (None, 1),
    }
    assert scores == jury_scores(JURY, cs.marks(campaign))


@pytest.mark.parametrize("min_marks", [1, 2, 3])
def test_min_marks_applies_to_the_summed_rows(tmp_path, min_marks):
    campaign, cs = seeded(tmp_path)
    jury = replace(JURY, min_marks=min_marks)
    assert summed(campaign, cs, jury) == jury_scores(jury, cs.marks(campaign))


def test_points_finer_than_six_places_fall_back_to_the_marks(tmp_path):
    campaign, cs = seeded(tmp_path)
    fine = replace(JURY, parts=(*JURY.parts[:1], Part("photo", "checkbox", value=Decimal("0.0000001"))))
    assert summed(campaign, cs, fine) is None


def test_no_marks_no_rows(tmp_path):
    campaign, cs = seeded(tmp_path, marks=[])
    assert summed(campaign, cs) == {}
