"""Entries, articles, marks → the contest's results: each entry's eligibility, points, jury score and
score; the participants' dense ranking. Deterministic: the same inputs in any order give the same result."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from wikitally.judging.entries import Article, Entry
from wikitally.judging.jury import JuryScore, Mark, jury_scores
from wikitally.judging.ranking import dense_ranking, shown
from wikitally.judging.rules import Context, passes, verdict
from wikitally.judging.spec import Contest

ZERO = Decimal(0)


@dataclass(frozen=True)
class Judged:
    entry: Entry
    eligible: bool
    failed: tuple[str, ...]
    warnings: tuple[str, ...]
    info: tuple[str, ...]
    verdicts: tuple[str, ...]  # what each failed rule asks, for the participant
    points: Decimal
    jury: Decimal | None
    marks: int
    score: Decimal


@dataclass(frozen=True)
class Standing:
    rank: int
    participant: str
    score: Decimal
    entries: int


@dataclass(frozen=True)
class Results:
    entries: tuple[Judged, ...]
    ranking: tuple[Standing, ...]
    # (wiki, title) of the campaign's worklists as the rules saw them (None: no worklist): the topic category
    worklist: frozenset[tuple[str, str]] | None = None

    def as_json(self) -> dict[str, Any]:
        return {
            "entries": [
                {
                    "wiki": j.entry.wiki,
                    "title": j.entry.title,
                    "participant": j.entry.participant,
                    "eligible": j.eligible,
                    "failed": list(j.failed),
                    "warnings": list(j.warnings),
                    "info": list(j.info),
                    "points": number(j.points),
                    "jury": None if j.jury is None else number(j.jury),
                    "marks": j.marks,
                    "score": number(j.score),
                    "deleted": j.entry.deleted,
                }
                for j in self.entries
            ],
            "ranking": [
                {"rank": s.rank, "participant": s.participant, "score": number(s.score), "entries": s.entries}
                for s in self.ranking
            ],
        }


def number(value: Decimal) -> int | float:
    """A Decimal as JSON shows it: rounded to 2 places, an integer when it is whole."""
    rounded = shown(value)
    return int(rounded) if rounded == rounded.to_integral_value() else float(rounded)


def judge(
    contest: Contest,
    entries: Iterable[Entry],
    articles: Mapping[tuple[str, str], Article],
    marks: Iterable[Mark],
    ctx: Context,
    *,
    scores: Mapping[tuple[str, str], JuryScore] | None = None,
) -> Results:
    """The results. `articles` is keyed by (wiki, current title); marks name articles the same way.
    `scores`: the articles' jury scores when the caller has them already (the store sums marks itself);
    `marks` are then not read."""
    if scores is None:
        scores = jury_scores(contest.jury, marks) if contest.jury else {}
    judged = sorted(
        (_judge_one(contest, e, articles.get(e.article), scores.get(e.article), ctx) for e in entries),
        key=lambda j: (j.entry.wiki, j.entry.title, j.entry.participant),
    )
    totals: dict[str, Decimal] = {}
    counts: dict[str, int] = {}
    for j in judged:
        totals[j.entry.participant] = totals.get(j.entry.participant, ZERO) + j.score
        counts[j.entry.participant] = counts.get(j.entry.participant, 0) + int(j.eligible)
    ranking = tuple(Standing(rank, name, score, counts[name]) for rank, name, score in dense_ranking(totals))
    return Results(tuple(judged), ranking, ctx.worklist)


def _judge_one(
    contest: Contest, entry: Entry, article: Article | None, jury: JuryScore | None, ctx: Context
) -> Judged:
    failed: list[str] = []
    warnings: list[str] = []
    info: list[str] = []
    verdicts: list[str] = []
    for rule in () if entry.deleted else contest.rules:  # a deleted entry is listed as such, not judged
        if not passes(rule, entry, article, ctx):
            {"required": failed, "optional": warnings, "informational": info}[rule.mode].append(rule.kind)
            verdicts.append(verdict(rule, entry, article))
    eligible = not failed and not entry.deleted
    points = ZERO
    if contest.points is not None and not entry.deleted:
        points = contest.points.evaluate(entry.numbers)
    jury_score = jury.score if jury else None
    marks = jury.marks if jury else 0
    score = ZERO
    if eligible:
        if contest.score in ("points", "points+jury"):
            score += points
        if contest.score in ("jury", "points+jury"):
            score += jury_score or ZERO
    return Judged(
        entry,
        eligible,
        tuple(failed),
        tuple(warnings),
        tuple(info),
        tuple(verdicts),
        points,
        jury_score,
        marks,
        score,
    )
