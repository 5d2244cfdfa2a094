"""Who judges what in a round: `quorum` jurors per entry, evenly, never a juror's own entry.

Generic over the entry (any hashable key) so a photo round and an article round share it. Work already done
(votes cast) is never moved; `allocate` places only the unfinished work, so calling it again after jurors are
added or removed, the quorum changes, or entries leave the round (deleted, newly ineligible) re-allocates
exactly what is still to do. Randomness is the caller's `rng` (seeded): the same inputs give the same queues.

Evenness: entries are dealt in a random order, each to the least-loaded jurors that may judge it (ties broken
at random after preferring a juror who already holds the task). Without own entries every
juror ends within one task of every other; an own entry can only push its owner's load down.
"""

from __future__ import annotations

import random
from collections.abc import Collection, Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

E = TypeVar("E", bound=Hashable)


@dataclass(frozen=True)
class Allocation(Generic[E]):
    """The unfinished tasks: entry → jurors who still have to judge it, and each juror's queue in order."""

    tasks: dict[E, tuple[str, ...]]
    queues: dict[str, tuple[E, ...]]
    short: dict[E, int]  # entries that cannot reach quorum with these jurors: how many votes are missing


def allocate(
    entries: Sequence[E],
    jurors: Sequence[str],
    quorum: int,
    rng: random.Random,
    *,
    owners: Mapping[E, str] | None = None,
    voted: Mapping[E, Collection[str]] | None = None,
    current: Mapping[E, Collection[str]] | None = None,
) -> Allocation[E]:
    """Deal each entry to quorum − (votes it has) jurors.

    owners: entry → its author (never allocated to them); voted: entry → jurors whose vote it has (count
    toward quorum whoever cast them, and they never judge it twice); current: the previous allocation's
    unfinished tasks, kept where still fair (a tie in load goes to the juror who already has it).
    """
    owners = owners or {}
    voted = voted or {}
    current = current or {}
    jurors = list(dict.fromkeys(jurors))
    load = dict.fromkeys(jurors, 0)
    order = list(entries)
    rng.shuffle(order)
    tiebreak = {j: rng.random() for j in jurors}
    tasks: dict[E, tuple[str, ...]] = {}
    short: dict[E, int] = {}
    for entry in order:
        done = set(voted.get(entry, ()))
        need = quorum - len(done)
        if need <= 0:
            continue
        had = set(current.get(entry, ()))
        owner = owners.get(entry)
        candidates = [j for j in jurors if j != owner and j not in done]
        candidates.sort(key=lambda j: (load[j], j not in had, tiebreak[j]))
        chosen = candidates[:need]
        if len(chosen) < need:
            short[entry] = need - len(chosen)
        for j in chosen:
            load[j] += 1
        if chosen:
            tasks[entry] = tuple(chosen)
        # Re-randomise ties between entries so one juror is not always first among equals.
        for j in chosen:
            tiebreak[j] = rng.random()
    queues: dict[str, list[E]] = {j: [] for j in jurors}
    for entry in order:
        for j in tasks.get(entry, ()):
            queues[j].append(entry)
    return Allocation(tasks, {j: tuple(q) for j, q in queues.items()}, short)
