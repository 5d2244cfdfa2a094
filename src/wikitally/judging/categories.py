"""Winners per category: overall, per status of the entry (created / improved / translated) and per wiki.
Each category is a dense ranking of the scores participants' eligible entries of that kind earned."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from wikitally.judging.ranking import dense_ranking
from wikitally.judging.results import Judged, Results, Standing, number

STATUSES = ("created", "improved", "translated")


def _standings(judged: list[Judged]) -> list[Standing]:
    totals: dict[str, Decimal] = {}
    counts: dict[str, int] = {}
    for j in judged:
        if not j.eligible:
            continue
        totals[j.entry.participant] = totals.get(j.entry.participant, Decimal(0)) + j.score
        counts[j.entry.participant] = counts.get(j.entry.participant, 0) + 1
    return [Standing(rank, name, score, counts[name]) for rank, name, score in dense_ranking(totals)]


def categories(results: Results) -> dict[str, list[Standing]]:
    """ "overall", "created", "improved", "translated", "worklist" (entries on the campaign's worklists, when
    it has one), then "wiki:DOMAIN" per wiki with entries; a category with no eligible entry is left out."""
    out: dict[str, list[Standing]] = {"overall": list(results.ranking)}
    entries = list(results.entries)
    for status in STATUSES:
        ranked = _standings([j for j in entries if j.entry.numbers.get(status)])
        if ranked:
            out[status] = ranked
    if results.worklist is not None:
        on_list = results.worklist
        ranked = _standings([j for j in entries if (j.entry.wiki, j.entry.title) in on_list])
        if ranked:
            out["worklist"] = ranked
    for wiki in sorted({j.entry.wiki for j in entries}):
        ranked = _standings([j for j in entries if j.entry.wiki == wiki])
        if ranked:
            out[f"wiki:{wiki}"] = ranked
    return out


def winners(standings: list[Standing]) -> list[Standing]:
    """Everyone at rank 1 (ties share it)."""
    return [s for s in standings if s.rank == 1]


def places(standings: list[Standing], top: int = 3) -> list[list[Standing]]:
    """The first `top` places, each with everyone at that rank (dense ranks: place n is rank n)."""
    return [[s for s in standings if s.rank == rank] for rank in range(1, top + 1)]


def categories_json(cats: dict[str, list[Standing]]) -> list[dict[str, Any]]:
    """The categories as the results' JSON shows them: key, kind, wiki (for a wiki's category) and the
    category's own dense ranking."""
    out = []
    for key, standings in cats.items():
        kind, _, wiki = key.partition(":")
        out.append(
            {
                "category": key,
                "kind": kind,
                "wiki": wiki or None,
                "ranking": [
                    {
                        "rank": s.rank,
                        "participant": s.participant,
                        "score": number(s.score),
                        "entries": s.entries,
                    }
                    for s in standings
                ],
            }
        )
    return out
