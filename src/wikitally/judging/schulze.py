"""The Schulze method over jurors' rankings: who beats whom by the strongest path of pairwise wins.

A ballot maps entries to ranks (1 = best; equal ranks are a tie); an entry a ballot leaves out is ranked
below every entry it ranks. A batch is a ballot over a few entries only (a juror ranking 20 photos of a
long round at a time): it decides the pairs inside it and no other, so entries it leaves out are not
compared by it at all. The result ranks entries by how many others they beat (Schulze's relation),
ties sharing a rank (1, 1, 3). Floyd–Warshall over n entries is O(n³): a few hundred entries per ranking
round take well under a second.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

E = TypeVar("E", bound=Hashable)


@dataclass(frozen=True)
class Ranked(Generic[E]):
    """One entry's place: `rank` (1 = best, shared by ties) and `wins`, the entries it beats."""

    entry: E
    rank: int
    wins: int


def pairwise(
    entries: Sequence[E], ballots: Iterable[Mapping[E, int]], batches: Iterable[Mapping[E, int]] = ()
) -> list[list[int]]:
    """d[i][j]: how many ballots (and batches) rank entries[i] strictly above entries[j]."""
    n = len(entries)
    d = [[0] * n for _ in range(n)]
    at = {e: i for i, e in enumerate(entries)}
    for batch in batches:  # only the pairs inside the batch
        inside = [(at[e], r) for e, r in batch.items() if e in at]
        for i, ri in inside:
            row = d[i]
            for j, rj in inside:
                if ri < rj:
                    row[j] += 1
    for ballot in ballots:
        worst = max(ballot.values(), default=0) + 1  # left out: below every ranked entry
        ranks = [ballot.get(e, worst) for e in entries]
        for i in range(n):
            ri, row = ranks[i], d[i]
            for j in range(n):
                if ri < ranks[j]:
                    row[j] += 1
    return d


def strongest_paths(d: list[list[int]]) -> list[list[int]]:
    """p[i][j]: the strength of the strongest path from i to j (Schulze's widest path, Floyd–Warshall)."""
    n = len(d)
    p = [[d[i][j] if d[i][j] > d[j][i] else 0 for j in range(n)] for i in range(n)]
    for k in range(n):
        pk = p[k]
        for i in range(n):
            if i == k:
                continue
            pik = p[i][k]
            if not pik:
                continue
            pi = p[i]
            for j in range(n):
                if j != i and j != k:
                    via = pik if pik < pk[j] else pk[j]
                    if via > pi[j]:
                        pi[j] = via
    return p


def schulze(
    entries: Sequence[E], ballots: Iterable[Mapping[E, int]], batches: Iterable[Mapping[E, int]] = ()
) -> list[Ranked[E]]:
    """entries ranked by the Schulze method, best first; ties share a rank and keep `entries`' order."""
    p = strongest_paths(pairwise(entries, ballots, batches))
    n = len(entries)
    wins = [sum(1 for j in range(n) if j != i and p[i][j] > p[j][i]) for i in range(n)]
    order = sorted(range(n), key=lambda i: -wins[i])
    out: list[Ranked[E]] = []
    for place, i in enumerate(order):
        rank = out[-1].rank if out and out[-1].wins == wins[i] else place + 1
        out.append(Ranked(entries[i], rank, wins[i]))
    return out
