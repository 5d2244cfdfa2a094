"""Rounds of selection for an article contest's entries (a microgrant call's proposals, a final of the best
articles): the jury marks each round's parts with the contest's scheme; the top `advance` ranks go on.

The round machinery is the photo contests': `rounds.allocate` deals each round's entries to jurors (never a
juror's own entry, work already done kept) and `tally.competition_ranks` ranks the round (ties share a rank,
1, 1, 3; ties included in the cut). Only the score differs: here it is the jury's — the mean, over the jurors
who marked the round's parts on the article, of the sum of those parts (jury.jury_scores on the round's
parts), shown from `min_marks` jurors; an entry below that scores 0 and leaves the round incomplete.

Round 1 takes the contest's eligible entries; round n the entries that advanced from round n − 1.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from wikitally.judging.entries import Entry
from wikitally.judging.jury import Mark, jury_scores
from wikitally.judging.results import Results, number
from wikitally.judging.rounds import allocate
from wikitally.judging.spec import Jury, Round
from wikitally.judging.tally import competition_ranks

EntryKey = tuple[str, str, str]  # (wiki, title, participant)


@dataclass(frozen=True)
class Ranked:
    entry: Entry
    rank: int
    score: Decimal  # 0 while below min_marks
    jury: Decimal | None  # None: below min_marks
    marks: int
    advances: bool


@dataclass(frozen=True)
class RoundResult:
    round: Round
    ranking: tuple[Ranked, ...]
    complete: bool  # every entry has min_marks jurors' marks on the round's parts
    queues: dict[str, tuple[EntryKey, ...]]  # juror → entries still to mark in this round

    def as_json(self) -> dict[str, Any]:
        return {
            "name": self.round.name,
            "advance": self.round.advance,
            "parts": list(self.round.parts),
            "complete": self.complete,
            "entries": [
                {
                    "wiki": r.entry.wiki,
                    "title": r.entry.title,
                    "participant": r.entry.participant,
                    "rank": r.rank,
                    "score": number(r.score),
                    "jury": None if r.jury is None else number(r.jury),
                    "marks": r.marks,
                    "advances": r.advances,
                }
                for r in self.ranking
            ],
            "queues": {
                juror: [{"wiki": w, "title": t, "participant": p} for w, t, p in keys]
                for juror, keys in sorted(self.queues.items())
            },
        }


def run(
    jury: Jury, rounds: Sequence[Round], results: Results, marks: Iterable[Mark], seed: str
) -> list[RoundResult]:
    """Every round in order. `seed` makes the queues reproducible (the campaign's name, say)."""
    marks = list(marks)
    current = [j.entry for j in results.entries if j.eligible]
    out: list[RoundResult] = []
    for number_, r in enumerate(rounds, start=1):
        result = _one(jury, r, current, marks, random.Random(f"{seed}\n{number_}"))
        out.append(result)
        current = [x.entry for x in result.ranking if x.advances]
    return out


def _one(jury: Jury, r: Round, entries: list[Entry], marks: list[Mark], rng: random.Random) -> RoundResult:
    parts = set(r.parts) if r.parts else {p.name for p in jury.parts}
    scheme = replace(jury, parts=tuple(p for p in jury.parts if p.name in parts))
    in_round = _of_round(r, [m for m in marks if m.part in parts and m.juror in scheme.jurors])
    scores = jury_scores(scheme, in_round)
    keys = [e.key for e in entries]
    by_key = {e.key: e for e in entries}
    score_of = {
        e.key: (scores[e.article].score or Decimal(0)) if e.article in scores else Decimal(0) for e in entries
    }
    ranking = []
    for key, rank in competition_ranks(keys, score_of):
        e = by_key[key]
        s = scores.get(e.article)
        ranking.append(
            Ranked(e, rank, score_of[key], s.score if s else None, s.marks if s else 0, rank <= r.advance)
        )
    voted: dict[EntryKey, set[str]] = {}
    marked = {(m.wiki, m.title, m.juror) for m in in_round}
    for e in entries:
        voted[e.key] = {j for j in scheme.jurors if (e.wiki, e.title, j) in marked}
    quorum = r.quorum or jury.min_marks
    dealt = allocate(
        keys, list(jury.jurors), quorum, rng, owners={e.key: e.participant for e in entries}, voted=voted
    )
    complete = all(s.jury is not None for s in ranking)
    return RoundResult(r, tuple(ranking), complete, {j: q for j, q in dealt.queues.items() if q})


def _of_round(r: Round, marks: list[Mark]) -> list[Mark]:
    """The marks round `r` reads: those given in it (Mark.round is its name), and for a juror's part of an
    article with none there, the one given outside any round. Another round's marks are never read: two
    rounds marking the same part keep their marks apart."""
    own = {(m.juror, m.wiki, m.title, m.part) for m in marks if m.round == r.name}
    return [
        m
        for m in marks
        if m.round == r.name or (not m.round and (m.juror, m.wiki, m.title, m.part) not in own)
    ]
