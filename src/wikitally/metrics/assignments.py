"""Assignments of worklist items to participants, and each one's progress. Pure; randomness passed in.

Progress of an assigned item, by the campaign's own rules (docs/worklists.md, "Assignments"):
- "done": the participant has a counted, non-reverted edit to the item's article (created or improved it);
- "in progress": the participant edited the article, but no edit of theirs counts (yet): reverted, or
  missing the campaign's hashtag …;
- "not started": no edit of theirs to the item's article.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from wikitally.metrics.coverage import CoveredItem

Progress = Literal["not started", "in progress", "done"]
PROGRESS: tuple[Progress, ...] = ("not started", "in progress", "done")
Page = tuple[str, str]  # (wiki, current title)


def evenly(items: Sequence[str], users: Sequence[str], rng: random.Random) -> dict[str, str]:
    """Items dealt to users at random, as evenly as can be (counts differ by at most one): the items are
    shuffled, then dealt round the users, also in a shuffled order. The same rng seed, the same deal."""
    if not users:
        return {}
    pool, people = sorted(set(items)), sorted(set(users))
    rng.shuffle(pool)
    rng.shuffle(people)
    return {item: people[i % len(people)] for i, item in enumerate(pool)}


def pages_of(item: CoveredItem) -> set[Page]:
    return {(wiki, a.target) for wiki, a in item.articles.items() if a.target} | {
        (wiki, a.title) for wiki, a in item.articles.items()
    }


def progress(
    item: CoveredItem, user: str, counted: Mapping[Page, set[str]], edited: Mapping[Page, set[str]]
) -> Progress:
    """`counted`: page -> users with a counted, non-reverted edit to it; `edited`: page -> users with any
    collected edit to it."""
    pages = pages_of(item)
    if any(user in counted.get(p, set()) for p in pages):
        return "done"
    if any(user in edited.get(p, set()) for p in pages):
        return "in progress"
    return "not started"


@dataclass(frozen=True)
class Row:
    key: str
    name: str  # the label, title or item to show
    user: str
    claimed: bool
    progress: Progress


def rows(
    assigned: Mapping[str, tuple[str, bool]],
    items: Iterable[CoveredItem],
    counted: Mapping[Page, set[str]],
    edited: Mapping[Page, set[str]],
) -> list[Row]:
    """One row per assigned item of the worklist, by user then name (assignments of items no longer on the
    list are left out)."""
    out = []
    for item in items:
        if item.key in assigned:
            user, claimed = assigned[item.key]
            name = item.label or item.title or item.item or item.key
            out.append(Row(item.key, name, user, claimed, progress(item, user, counted, edited)))
    return sorted(out, key=lambda r: (r.user, r.name))


def per_student(table: Iterable[Row]) -> list[dict[str, int | str]]:
    """user, assigned, and how many are not started / in progress / done."""
    totals: dict[str, dict[str, int | str]] = {}
    for r in table:
        t = totals.setdefault(r.user, {"user": r.user, "assigned": 0, **{p: 0 for p in PROGRESS}})
        t["assigned"] = int(t["assigned"]) + 1
        t[r.progress] = int(t[r.progress]) + 1
    return [totals[u] for u in sorted(totals)]
