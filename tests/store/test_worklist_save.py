"""Saving a worklist's resolution replaces the previous one without reading it back (a 20,000-item
resolution is megabytes of JSON: decoding it only to overwrite it cost the coverage bench seconds)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from django.db import connections
from django.test.utils import CaptureQueriesContext

from wikitally.model import Campaign
from wikitally.store import open_store


def test_a_new_resolution_replaces_the_old_without_reading_it(tmp_path: Path) -> None:
    now = datetime(2024, 5, 1, tzinfo=UTC)
    campaign = Campaign("W", now - timedelta(days=1), now + timedelta(days=1), ("sq.wikipedia.org",))
    store = open_store(str(tmp_path / "s.sqlite3"))
    store.save_campaign(campaign, None)
    store.save_worklist(campaign, {"items": [["Q1", None, None, None, None, None, None]]}, now)
    with CaptureQueriesContext(connections[store.alias]) as queries:
        store.save_worklist(campaign, {"items": []}, now + timedelta(hours=1))
    assert not [
        q["sql"] for q in queries if q["sql"].lstrip().upper().startswith("SELECT") and '"data"' in q["sql"]
    ]
    kept = store.worklist(campaign)
    assert kept is not None and kept[0] == {"items": []} and kept[1] == now + timedelta(hours=1)
