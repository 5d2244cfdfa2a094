"""Jury marks: the scheme's part kinds, the mean over jurors, min_marks, hidden marks."""

from decimal import Decimal

import pytest

from wikitally.judging.jury import Mark, MarkError, check_mark, jury_scores, part_points, visible_marks
from wikitally.judging.spec import Jury, Part

QUALITY = Part("quality", "integer", min=0, max=5)
PHOTO = Part("photo", "checkbox", value=Decimal("1.5"))
LENGTH = Part("length", "choice", options=(("long", Decimal(3)), ("short", Decimal(1))))
JURY = Jury(("Juror A", "Juror B", "Juror C"), (QUALITY, PHOTO, LENGTH), min_marks=2, hidden=True)
W = "sq.wikipedia.org"


def m(juror, title, part, value):
    return Mark(juror, W, title, part, value)


@pytest.mark.parametrize(
    ("part", "value", "points"),
    [
        (QUALITY, "0", 0),
        (QUALITY, "5", 5),
        (PHOTO, "1", Decimal("1.5")),
        (PHOTO, "0", 0),
        (LENGTH, "long", 3),
    ],
)
def test_part_values(part, value, points):
    assert part_points(part, value) == points


@pytest.mark.parametrize(
    ("part", "value"),
    [(QUALITY, "6"), (QUALITY, "-1"), (QUALITY, "2.5"), (PHOTO, "2"), (PHOTO, "yes"), (LENGTH, "Long")],
)
def test_part_refuses(part, value):
    with pytest.raises(MarkError):
        part_points(part, value)


@pytest.mark.parametrize("mark", [m("Juror D", "X", "quality", "1"), m("Juror A", "X", "style", "1")])
def test_unknown_juror_or_part_is_refused(mark):
    with pytest.raises(MarkError):
        check_mark(JURY, mark)


def test_score_is_mean_over_jurors_of_their_parts_sum_and_waits_for_min_marks():
    marks = [
        m("Juror A", "X", "quality", "4"),
        m("Juror A", "X", "photo", "1"),
        m("Juror B", "X", "quality", "2"),
    ]
    scores = jury_scores(JURY, marks)
    assert scores[(W, "X")].marks == 2
    assert scores[(W, "X")].score == (Decimal("5.5") + 2) / 2
    only_one = jury_scores(JURY, marks[:2])
    assert only_one[(W, "X")].score is None and only_one[(W, "X")].marks == 1


def test_hidden_marks_show_only_the_viewers_own_until_closed():
    marks = [m("Juror A", "X", "quality", "4"), m("Juror B", "X", "quality", "2")]
    assert visible_marks(JURY, marks, "Juror A", closed=False) == marks[:1]
    assert visible_marks(JURY, marks, "Juror A", closed=True) == marks
    open_jury = Jury(JURY.jurors, JURY.parts, 1, hidden=False)
    assert visible_marks(open_jury, marks, "Juror A", closed=False) == marks


@pytest.mark.parametrize(("mode", "shown"), [("independent", None), ("consensual", Decimal(4))])
def test_a_consensual_mark_is_the_jurys_with_one_juror(mode, shown):
    """min_marks counts independent marks: in consensual mode the one shared mark is the jury's score."""
    jury = Jury(JURY.jurors, JURY.parts, min_marks=2, hidden=True, mode=mode)
    scores = jury_scores(jury, [m("Juror A", "X", "quality", "4")])
    assert scores[(W, "X")].score == shown and scores[(W, "X")].marks == 1
