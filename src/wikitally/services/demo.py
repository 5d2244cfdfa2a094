"""Use-case: the offline demo — a recorded edit-a-thon replayed through the live collector's code path."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from tempfile import TemporaryDirectory

from wikitally.campaign_file import load_campaign
from wikitally.collect.replay import ReplayTransport
from wikitally.model import Campaign
from wikitally.services.collection import SessionFactory, session_factory
from wikitally.store import Store, open_store, recorded

DEMO_DIR = Path(__file__).resolve().parent.parent / "demo"
CAMPAIGN_FILE = DEMO_DIR / "campaign.toml"
RECORDING_FILE = DEMO_DIR / "recording.json"


@dataclass(frozen=True)
class DemoRun:
    campaign: Campaign
    store: Store
    sessions: SessionFactory
    as_of: datetime  # when the answers were recorded: the demo's "now"
    transport: ReplayTransport


@contextmanager
def prepare(db: str | None = None) -> Iterator[DemoRun]:
    """A fresh store (a temporary SQLite file unless `db` is given) and sessions that replay the recording."""
    recording = json.loads(RECORDING_FILE.read_text(encoding="utf-8"))
    transport = ReplayTransport(recording["answers"])
    campaign = load_campaign(CAMPAIGN_FILE)
    with TemporaryDirectory(prefix="wikitally-demo-") as tmp:
        store = open_store(db or str(Path(tmp) / "demo.sqlite3"))
        yield DemoRun(
            campaign=campaign,
            store=store,
            sessions=session_factory(transport=transport, sleep=lambda s: None),
            as_of=datetime.fromisoformat(recording["meta"]["recorded_at"]),
            transport=transport,
        )


def register(run: DemoRun) -> recorded.Registered:
    """The demo's campaign as a public campaign of the local web app on the same store (its page,
    leaderboard, map and downloads under /c/SLUG/), marked recorded: the refresh worker never fetches the
    real sq/sr Wikipedias for it, which would replace the recording's data."""
    return recorded.register(run.store, run.campaign, CAMPAIGN_FILE.read_text(encoding="utf-8"))
