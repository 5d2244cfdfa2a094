"""A round's votes → its ranking, completeness and the entries that advance.

- yesno: a vote is 1 (yes) or 0 (no); score = share of yes votes;
- rating: a vote is 1–5; score = mean rating;
- ranking: a vote is the rank a juror gives (1 = best); the jurors' rankings are combined by the Schulze
  method (schulze.py); score = how many entries this one beats.
Entries without votes score 0. Ties share a rank (1, 1, 3); the top `advance` ranks, ties included, go on.
A round is complete when every entry has `quorum` votes. Sums are of integers and a mean is one correctly
rounded division, so the result does not depend on the order of the votes.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Generic, TypeVar

from wikitally.judging.schulze import schulze

E = TypeVar("E", bound=Hashable)
KINDS = ("yesno", "rating", "ranking")
# Schulze is O(n³): a ranking round is for a final of tens or hundreds of photos, after a yes/no or rating round
MAX_RANKED = 1000


class TooManyToRank(ValueError):
    """A ranking round would rank more entries than MAX_RANKED."""


RATING_RANGE = (1, 5)


@dataclass(frozen=True)
class Vote(Generic[E]):
    juror: str
    entry: E
    value: int  # yesno: 1 yes / 0 no; rating: 1–5; ranking: the rank
    # ranking: 0 = the juror's one ranking of all their photos (VOTES.csv, an unbatched round); k > 0 = their
    # k-th batch of a batched round, which compares only its own photos (schulze.py)
    ballot: int = 0


@dataclass(frozen=True)
class Place(Generic[E]):
    entry: E
    rank: int
    score: float
    votes: int


@dataclass(frozen=True)
class RoundResult(Generic[E]):
    ranking: tuple[Place[E], ...]  # best first
    votes: int
    complete: bool
    missing: dict[E, int]  # entries short of quorum → votes missing
    advancing: tuple[E, ...]  # rank ≤ advance


def value_in_range(kind: str, value: int, entries: int) -> bool:
    """Whether a vote's value is one this kind of round accepts (a rank is 1 … the number of entries)."""
    if kind == "yesno":
        return value in (0, 1)
    if kind == "rating":
        return RATING_RANGE[0] <= value <= RATING_RANGE[1]
    return 1 <= value <= max(entries, 1)


S = TypeVar("S", int, float, Decimal)


def competition_ranks(entries: Sequence[E], scores: Mapping[E, S]) -> list[tuple[E, int]]:
    """Entries best first with their rank: ties share a rank and the next one skips (1, 1, 3); ties keep the
    entries' order. The ranking of a round's scores, whatever scored it (votes here, jury marks in an
    article contest's rounds: judging/article_rounds.py)."""
    order = sorted(entries, key=lambda e: scores[e], reverse=True)  # stable: ties keep the entries' order
    out: list[tuple[E, int]] = []
    for i, e in enumerate(order):
        rank = out[-1][1] if out and scores[out[-1][0]] == scores[e] else i + 1
        out.append((e, rank))
    return out


def tally(
    kind: str, entries: Sequence[E], votes: Iterable[Vote[E]], quorum: int, advance: int
) -> RoundResult[E]:
    """The round's result; votes for entries outside `entries` are ignored, one vote per (juror, entry)."""
    if kind not in KINDS:
        raise ValueError(f"unknown round kind {kind!r}")
    known = set(entries)
    cast: dict[tuple[str, E], int] = {}
    ballot_of: dict[tuple[str, E], int] = {}
    for v in votes:
        if v.entry in known:
            cast[(v.juror, v.entry)] = v.value
            ballot_of[(v.juror, v.entry)] = v.ballot
    count: dict[E, int] = defaultdict(int)
    total: dict[E, int] = defaultdict(int)
    for (_, entry), value in cast.items():
        count[entry] += 1
        total[entry] += value
    if kind == "ranking":
        if len(entries) > MAX_RANKED:
            raise TooManyToRank(f"a ranking round of {len(entries):,} entries (at most {MAX_RANKED:,})")
        ballots: dict[tuple[str, int], dict[E, int]] = defaultdict(dict)
        for (juror, entry), value in cast.items():
            ballots[(juror, ballot_of[(juror, entry)])][entry] = value
        keys = sorted(ballots)
        ranked = schulze(
            list(entries), [ballots[k] for k in keys if not k[1]], [ballots[k] for k in keys if k[1]]
        )
        places = [Place(r.entry, r.rank, float(r.wins), count[r.entry]) for r in ranked]
    else:
        return _scored(entries, count, total, quorum, advance, len(cast))
    missing = {e: quorum - count[e] for e in entries if count[e] < quorum}
    return RoundResult(
        ranking=tuple(places),
        votes=len(cast),
        complete=not missing,
        missing=missing,
        advancing=tuple(p.entry for p in places if p.rank <= advance),
    )


def tally_totals(
    kind: str, entries: Sequence[E], totals: Mapping[E, tuple[int, int]], quorum: int, advance: int
) -> RoundResult[E]:
    """A yes/no or rating round's result from each entry's (votes, sum of values), as a database sums them
    (one GROUP BY instead of every vote in memory); the same result as `tally` over those votes."""
    if kind not in ("yesno", "rating"):
        raise ValueError(f"a {kind} round needs every vote, not totals")
    count: dict[E, int] = defaultdict(int)
    total: dict[E, int] = defaultdict(int)
    for e in entries:
        n, t = totals.get(e, (0, 0))
        if n:
            count[e], total[e] = n, t
    return _scored(entries, count, total, quorum, advance, sum(count.values()))


def _scored(
    entries: Sequence[E],
    count: Mapping[E, int],
    total: Mapping[E, int],
    quorum: int,
    advance: int,
    votes: int,
) -> RoundResult[E]:
    # total / count is correctly rounded, so equal fractions give equal floats whatever the votes' order
    scores = {e: total[e] / count[e] if count.get(e) else 0.0 for e in entries}
    places = [
        Place(e, rank, float(scores[e]), count.get(e, 0)) for e, rank in competition_ranks(entries, scores)
    ]
    missing = {e: quorum - count.get(e, 0) for e in entries if count.get(e, 0) < quorum}
    return RoundResult(
        ranking=tuple(places),
        votes=votes,
        complete=not missing,
        missing=missing,
        advancing=tuple(p.entry for p in places if p.rank <= advance),
    )


@dataclass(frozen=True)
class Rule:
    """A round's rules: its kind, votes per entry, how many entries go on."""

    kind: str
    quorum: int
    advance: int


def run_rounds(
    rules: Sequence[Rule],
    entries: Sequence[E],
    votes: dict[int, list[Vote[E]]],
    upto: int | None = None,
    totals: Mapping[int, Mapping[E, tuple[int, int]]] | None = None,
) -> list[tuple[tuple[E, ...], RoundResult[E]]]:
    """Each round's entries and result, first to `upto` (1-based; default all): round 1 judges `entries`,
    round n the entries that advanced from round n − 1 (kept in `entries`' order). A yes/no or rating round
    in `totals` (entry → (votes, sum)) is scored from them instead of its votes."""
    out: list[tuple[tuple[E, ...], RoundResult[E]]] = []
    current = tuple(entries)
    totals = totals or {}
    for number, rule in enumerate(rules[: upto if upto is not None else len(rules)], start=1):
        if number in totals and rule.kind != "ranking":
            result = tally_totals(rule.kind, current, totals[number], rule.quorum, rule.advance)
        else:
            result = tally(rule.kind, current, votes.get(number, []), rule.quorum, rule.advance)
        out.append((current, result))
        going = set(result.advancing)
        current = tuple(e for e in current if e in going)
    return out


@dataclass(frozen=True)
class Effect(Generic[E]):
    """What closing a round now would do: the cut as it stands, and the photos lacking votes whose missing
    votes could still move them across it (yes/no and rating rounds; a ranking round has no bounds)."""

    advancing: tuple[E, ...]
    missing: dict[E, int]
    could_drop: tuple[E, ...]  # in the cut now; their missing votes at the lowest value would put them below
    could_enter: tuple[E, ...]  # outside the cut now; their missing votes at the highest would put them in


def closing_effect(
    kind: str, entries: Sequence[E], votes: Iterable[Vote[E]], quorum: int, advance: int
) -> Effect[E]:
    votes = list(votes)
    result = tally(kind, entries, votes, quorum, advance)
    if kind == "ranking" or not result.advancing:
        return Effect(result.advancing, result.missing, (), ())
    low, high = (0, 1) if kind == "yesno" else RATING_RANGE
    cut = min(p.score for p in result.ranking if p.rank <= advance)
    known = set(entries)
    cast: dict[tuple[str, E], int] = {(v.juror, v.entry): v.value for v in votes if v.entry in known}
    total: dict[E, int] = defaultdict(int)
    for (_, entry), value in cast.items():
        total[entry] += value
    going = set(result.advancing)
    drop, enter = [], []
    for place in result.ranking:
        lacking = result.missing.get(place.entry, 0)
        if not lacking:
            continue
        n = place.votes + lacking
        worst = (total[place.entry] + lacking * low) / n
        best = (total[place.entry] + lacking * high) / n
        if place.entry in going and worst < cut:
            drop.append(place.entry)
        elif place.entry not in going and best >= cut:
            enter.append(place.entry)
    return Effect(result.advancing, result.missing, tuple(drop), tuple(enter))
