"""Use-case: worklist items given to participants (by an organizer, evenly at random, or claimed) and each
participant's progress (metrics/assignments.py). The web app's assignment pages call only this."""

from __future__ import annotations

import csv
import io
import random
from collections import defaultdict
from collections.abc import Iterable, Mapping
from datetime import datetime

from wikitally.metrics.assignments import PROGRESS, Page, Row, evenly, per_student, rows
from wikitally.metrics.coverage import CoveredItem
from wikitally.metrics.outcome import compute, counted_edits
from wikitally.model import Campaign
from wikitally.reports.csv_report import cell
from wikitally.services import worklist
from wikitally.store import Store


def items(campaign: Campaign, store: Store, now: datetime) -> list[CoveredItem]:
    """The worklist's items with their status as of the stored collection (empty before the first)."""
    snapshot = store.snapshot(campaign)
    outcome = compute(snapshot, store.participants(campaign), now)
    return worklist.covered_items(campaign, store, outcome.articles) or []


def _edits(campaign: Campaign, store: Store) -> tuple[dict[Page, set[str]], dict[Page, set[str]]]:
    """(page -> users with a counted, non-reverted edit; page -> users with any collected edit)."""
    snapshot = store.snapshot(campaign)
    titles = {(p.wiki, p.page_id): p.title for p in snapshot.pages}
    counted: dict[Page, set[str]] = defaultdict(set)
    edited: dict[Page, set[str]] = defaultdict(set)
    for rev in snapshot.revisions:
        edited[(rev.wiki, titles.get((rev.wiki, rev.page_id), rev.title))].add(rev.user)
    for rev, _ in counted_edits(snapshot, store.participants(campaign)):
        if not rev.reverted:
            counted[(rev.wiki, titles.get((rev.wiki, rev.page_id), rev.title))].add(rev.user)
    return counted, edited


def table(campaign: Campaign, store: Store, now: datetime) -> tuple[list[CoveredItem], list[Row]]:
    """The worklist's items and one progress row per assigned item."""
    listed = items(campaign, store, now)
    counted, edited = _edits(campaign, store)
    return listed, rows(store.assignments(campaign), listed, counted, edited)


def assign(campaign: Campaign, store: Store, pairs: Mapping[str, str], now: datetime) -> int:
    """Give items (key -> username) by hand; keys not on the worklist are refused (returns how many given)."""
    known = {i.key for i in items(campaign, store, now)}
    wanted = {k: u for k, u in pairs.items() if k in known and u}
    store.assign(campaign, wanted, now)
    return len(wanted)


def assign_evenly(
    campaign: Campaign, store: Store, users: Iterable[str], rng: random.Random, now: datetime
) -> dict[str, str]:
    """Deal the unassigned items to `users` at random, evenly (metrics.assignments.evenly)."""
    taken = store.assignments(campaign)
    free = [i.key for i in items(campaign, store, now) if i.key not in taken]
    dealt = evenly(free, list(users), rng)
    store.assign(campaign, dealt, now)
    return dealt


def claim(campaign: Campaign, store: Store, key: str, user: str, now: datetime) -> bool:
    """The participant takes an item of the worklist nobody has; False when it is not free (or not listed)."""
    if key not in {i.key for i in items(campaign, store, now)}:
        return False
    return store.claim(campaign, key, user, now)


def progress_csv(campaign: Campaign, store: Store, now: datetime) -> str:
    """The instructor's CSV: per student, items assigned and how many are not started, in progress, done."""
    _, assigned = table(campaign, store, now)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["user", "assigned", *(p.replace(" ", "_") for p in PROGRESS)])
    for row in per_student(assigned):
        writer.writerow([cell(str(row["user"])), row["assigned"], *(row[p] for p in PROGRESS)])
    return out.getvalue()
