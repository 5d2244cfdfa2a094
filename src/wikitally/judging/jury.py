"""Jury marks → each article's jury score: the mean over the jurors who marked it of the sum of their
parts; shown once `min_marks` jurors marked it. Marks are checked against the scheme here (pure), so the
CSV import and the web refuse the same things."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import NamedTuple

from wikitally.judging.spec import Jury, Part
from wikitally.reports.messages import N_

ArticleKey = tuple[str, str]  # (wiki, title)


class Mark(NamedTuple):
    """One juror's value for one part of one article (as MARKS.csv writes it: a number, 1/0, a label). A
    named tuple: results read 150,000 of them from the store for a big contest."""

    juror: str
    wiki: str
    title: str
    part: str
    value: str
    round: str = ""  # the [[contest.round]] it was given in; "" for every round that marks the part

    @property
    def article(self) -> ArticleKey:
        return (self.wiki, self.title)


# Translators: a jury mark refused (MARKS.csv or the web's marking form); {part} is the part's name in quotes
WHOLE_NUMBER = N_("part {part} takes a whole number {min}…{max}, not {value}")
# Translators: a jury mark refused; {min}…{max} is the part's range
OUT_OF_RANGE = N_("part {part} takes {min}…{max}, not {value}")
# Translators: a jury mark refused: the part is a checkbox, its value must be 1 or 0
CHECKBOX = N_("part {part} is a checkbox: 1 (ticked) or 0, not {value}")
# Translators: a jury mark refused; {labels} lists the part's options in quotes
CHOICE = N_("part {part} takes one of {labels}, not {value}")
# Translators: a jury mark refused: {juror} is not one of the contest's jurors ([contest.jury] is code)
NOT_JUROR = N_("{juror} is not in [contest.jury] jurors")
# Translators: a jury mark refused: no part of the scheme has this name; {parts} lists them
UNKNOWN_PART = N_("unknown part {part}; parts: {parts}")


class MarkError(ValueError):
    """A mark the scheme refuses; the message says why and what is allowed. `template` (English, marked for
    the catalogue) and `params` let a caller say it in its reader's language."""

    def __init__(self, template: str, **params: object) -> None:
        self.template, self.params = template, params
        super().__init__(template.format(**params))


def part_points(part: Part, value: str) -> Decimal:
    """What a mark's value is worth; MarkError when the part's kind doesn't allow it."""
    text = value.strip()
    if part.kind == "integer":
        try:
            number = int(text)
        except ValueError:
            raise MarkError(
                WHOLE_NUMBER, part=repr(part.name), min=part.min, max=part.max, value=repr(text)
            ) from None
        if not part.min <= number <= part.max:
            raise MarkError(OUT_OF_RANGE, part=repr(part.name), min=part.min, max=part.max, value=number)
        return Decimal(number)
    if part.kind == "checkbox":
        if text not in ("0", "1"):
            raise MarkError(CHECKBOX, part=repr(part.name), value=repr(text))
        return part.value if text == "1" else Decimal(0)
    for label, points in part.options:
        if label == text:
            return points
    labels = ", ".join(repr(label) for label, _ in part.options)
    raise MarkError(CHOICE, part=repr(part.name), labels=labels, value=repr(text))


def check_mark(jury: Jury, mark: Mark) -> None:
    """MarkError unless the juror is on the jury and the part and value fit the scheme."""
    if mark.juror not in jury.jurors:
        raise MarkError(NOT_JUROR, juror=repr(mark.juror))
    part = jury.part(mark.part)
    if part is None:
        raise MarkError(UNKNOWN_PART, part=repr(mark.part), parts=", ".join(p.name for p in jury.parts))
    part_points(part, mark.value)


@dataclass(frozen=True)
class JuryScore:
    score: Decimal | None  # None: fewer than min_marks jurors marked it (not shown yet)
    marks: int  # how many jurors marked it


def jury_scores(jury: Jury, marks: Iterable[Mark]) -> dict[ArticleKey, JuryScore]:
    """Each marked article's score. Marks the scheme refuses (a juror since removed, a part since renamed) are
    left out; two values for one (juror, article, part) — the store keeps one — count as the higher, so the
    result never depends on the marks' order."""
    parts = {p.name: p for p in jury.parts}
    jurors = frozenset(jury.jurors)
    worth: dict[tuple[str, str], Decimal | None] = {}  # (part, value) -> points; None: refused
    per: dict[ArticleKey, dict[str, dict[str, Decimal]]] = {}  # article -> juror -> part -> points
    for juror, wiki, title, part_name, value, _round in marks:
        if juror not in jurors:
            continue
        key = (part_name, value)
        if key in worth:
            points = worth[key]
        else:
            part = parts.get(part_name)
            try:
                points = part_points(part, value) if part is not None else None
            except MarkError:
                points = None
            worth[key] = points
        if points is None:
            continue
        by_part = per.setdefault((wiki, title), {}).setdefault(juror, {})
        previous = by_part.get(part_name)
        if previous is None or points > previous:
            by_part[part_name] = points
    return scores_from_sums(
        jury,
        (
            (wiki, title, juror, sum(sorted(by_part.values()), Decimal(0)))
            for (wiki, title), by_juror in per.items()
            for juror, by_part in by_juror.items()
        ),
    )


JurorSum = tuple[str, str, str, Decimal]  # (wiki, title, juror, the sum of that juror's parts)


def scores_from_sums(jury: Jury, sums: Iterable[JurorSum]) -> dict[ArticleKey, JuryScore]:
    """Each article's score from one row per (article, juror): what the store can sum itself (one row per
    juror and article instead of one per part)."""
    per: dict[ArticleKey, list[Decimal]] = {}
    for wiki, title, _juror, total in sums:
        per.setdefault((wiki, title), []).append(total)
    out: dict[ArticleKey, JuryScore] = {}
    needed = 1 if jury.mode == "consensual" else jury.min_marks  # a shared mark is the jury's
    for article, totals in per.items():
        count = len(totals)
        total = sum(sorted(totals), Decimal(0))  # sorted: the same sum whatever the order
        mean = total / count if count else Decimal(0)
        out[article] = JuryScore(mean if count >= needed else None, count)
    return out


def mark_worth(jury: Jury, pairs: Iterable[tuple[str, str]]) -> dict[tuple[str, str], Decimal]:
    """(part, value) → points for the pairs the scheme takes (others are left out, as `jury_scores` leaves
    them out): the table a store sums marks with."""
    parts = {p.name: p for p in jury.parts}
    out: dict[tuple[str, str], Decimal] = {}
    for name, value in pairs:
        part = parts.get(name)
        if part is None:
            continue
        try:
            out[(name, value)] = part_points(part, value)
        except MarkError:
            continue
    return out


def visible_marks(jury: Jury, marks: Iterable[Mark], viewer: str, closed: bool) -> list[Mark]:
    """What a juror may see: with `hidden`, only their own marks until the organizers close marking."""
    return [m for m in marks if closed or not jury.hidden or m.juror == viewer]
