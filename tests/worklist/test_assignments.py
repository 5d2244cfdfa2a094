"""Assignments (metrics/assignments.py, services/assignments.py): dealing, claiming, progress."""

import random
from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wikitally.metrics.assignments import evenly, per_student, progress, rows
from wikitally.metrics.coverage import ArticleState, CoveredItem, Resolution
from wikitally.model import Campaign, PageState, Revision, WorklistItem
from wikitally.services import assignments
from wikitally.store import open_store

SQ = "sq.wikipedia.org"


@settings(derandomize=True, max_examples=60)
@given(
    st.lists(st.text(min_size=1, max_size=5), max_size=40),
    st.lists(st.text(min_size=1, max_size=5), min_size=1, max_size=7),
    st.integers(0, 2**32),
)
def test_evenly_deals_every_item_once_and_evenly(items, users, seed):
    dealt = evenly(items, users, random.Random(seed))
    assert set(dealt) == set(items)
    counts = Counter(dealt.values())
    loads = [counts.get(u, 0) for u in set(users)]
    assert max(loads) - min(loads) <= 1
    assert dealt == evenly(items, users, random.Random(seed))  # the seed decides


def test_evenly_depends_on_the_seed():
    items = [f"Q{n}" for n in range(30)]
    deals = {tuple(sorted(evenly(items, ["A", "B", "C"], random.Random(s)).items())) for s in range(5)}
    assert len(deals) > 1


def item(key, title):
    state = ArticleState(SQ, title, title, True, True)
    return CoveredItem(None, title, None, {SQ: state}, key=key)


@pytest.mark.parametrize(
    ("counted", "edited", "expected"),
    [
        ({}, {}, "not started"),
        ({}, {(SQ, "A"): {"Ana"}}, "in progress"),
        ({(SQ, "A"): {"Ana"}}, {(SQ, "A"): {"Ana"}}, "done"),
        ({(SQ, "A"): {"Ben"}}, {(SQ, "A"): {"Ben"}}, "not started"),
    ],
)
def test_progress_by_the_campaigns_rules(counted, edited, expected):
    assert progress(item("k", "A"), "Ana", counted, edited) == expected


def test_rows_and_per_student():
    listed = [item("a", "A"), item("b", "B"), item("c", "C")]
    table = rows(
        {"a": ("Ana", False), "b": ("Ana", True), "gone": ("Ben", False)}, listed, {(SQ, "A"): {"Ana"}}, {}
    )
    assert [(r.key, r.progress, r.claimed) for r in table] == [
        ("a", "done", False),
        ("b", "not started", True),
    ]
    assert per_student(table) == [
        {"user": "Ana", "assigned": 2, "not started": 1, "in progress": 0, "done": 1}
    ]


def test_service_assign_claim_and_csv(tmp_path):
    now = datetime(2024, 3, 10, tzinfo=UTC)
    c = Campaign(
        "Edu",
        now - timedelta(days=5),
        now + timedelta(days=5),
        (SQ,),
        participants=("Ana", "Ben"),
        worklist=(f"{SQ}:List",),
    )
    store = open_store(str(tmp_path / "s.sqlite3"))
    store.save_campaign(c, frozenset({"Ana", "Ben"}))
    states = {(SQ, t): ArticleState(SQ, t, t if t != "C" else None, t != "C", False) for t in ("A", "B", "C")}
    listed = tuple(WorklistItem(None, SQ, t) for t in ("A", "B", "C"))
    store.save_worklist(c, Resolution(listed, {}, states).as_json(), now)
    store.replace_pages(c, SQ, [PageState(SQ, 1, 0, "A", False)])
    store.replace_revisions(c, SQ, [Revision(SQ, 10, 0, 1, 0, "A", "Ana", now, "new", 10, 10, new=True)])
    assert (
        assignments.assign(c, store, {f"{SQ}:A": "Ana", "Q404": "Ana"}, now) == 1
    )  # not on the list: refused
    assert assignments.claim(c, store, f"{SQ}:B", "Ben", now)
    assert not assignments.claim(c, store, f"{SQ}:B", "Ana", now)  # taken
    assert not assignments.claim(c, store, f"{SQ}:Nope", "Ana", now)  # not listed
    dealt = assignments.assign_evenly(c, store, ["Ana", "Ben"], random.Random(7), now)
    assert list(dealt) == [f"{SQ}:C"]  # only the free item
    _, table = assignments.table(c, store, now)
    assert {(r.key, r.user, r.progress) for r in table} == {
        (f"{SQ}:A", "Ana", "done"),
        (f"{SQ}:B", "Ben", "not started"),
        (f"{SQ}:C", dealt[f"{SQ}:C"], "not started"),
    }
    lines = assignments.progress_csv(c, store, now).splitlines()
    assert lines[0] == "user,assigned,not_started,in_progress,done"
    assert lines[1].startswith("Ana,") and lines[1].endswith(",1")
