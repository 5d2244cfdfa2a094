"""kill -9 at any moment, then run again: exactly the metrics of an uninterrupted run."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta

import pytest
from wikis import LocalWiki

from wikitally.campaign_file import load_campaign
from wikitally.errors import StoreError
from wikitally.store import open_store

pytestmark = pytest.mark.wiki
WIKITALLY = [sys.executable, "-m", "wikitally.cli"]

PARAGRAPH = (
    "The {n}th paragraph tells of the valley, its rivers and its people.<ref>Chronicle {n}, p. {n}.</ref> "
    "Farmers grew wheat and grapes there.{{{{sfn|Hoxha|1990|p={n}}}}}\n\n"
)


def env(db: str) -> dict[str, str]:
    return dict(os.environ, WIKITALLY_DB=db, WIKITALLY_CONTACT="tests@wikitally.invalid")


def outcome(path: str, db: str) -> dict:
    done = subprocess.run(
        [*WIKITALLY, "report", path, "--no-collect", "--format", "json"],
        capture_output=True,
        text=True,
        env=env(db),
        check=True,
    )
    result = json.loads(done.stdout)
    result["campaign"].pop("as_of")
    return result


@pytest.fixture(scope="module")
def busy_campaign(wiki_b: LocalWiki, tmp_path_factory: pytest.TempPathFactory) -> str:
    start = datetime.now(UTC).replace(microsecond=0) - timedelta(minutes=1)
    users = [wiki_b.create_user(f"Kill Writer {i}") for i in range(4)]
    texts: dict[str, str] = {}
    n = 0
    for round_ in range(6):
        for page in range(25):
            title = f"Kill Article {page}"
            n += 1
            texts[title] = texts.get(title, "") + PARAGRAPH.format(n=n) * 3
            users[(page + round_) % 4].edit(title, texts[title], summary=f"round {round_}")
    path = tmp_path_factory.mktemp("kill") / "campaign.toml"
    path.write_text(
        f'name = "Kill test"\nstart = {start.isoformat()}\nend = {(start + timedelta(days=1)).isoformat()}\n'
        f'wikis = ["{wiki_b.domain}"]\nparticipants = [{", ".join(f"{chr(34)}Kill Writer {i}{chr(34)}" for i in range(4))}]\n'
        f'[api]\n"{wiki_b.domain}" = "{wiki_b.api}"\n',
        encoding="utf-8",
    )
    return str(path)


def test_kill_9_at_any_moment_loses_and_doubles_nothing(busy_campaign: str, tmp_path) -> None:
    reference_db = str(tmp_path / "reference.sqlite3")
    t0 = time.monotonic()
    subprocess.run([*WIKITALLY, "collect", busy_campaign, "-q"], env=env(reference_db), check=True)
    duration = time.monotonic() - t0
    reference = outcome(busy_campaign, reference_db)
    # each edit adds the paragraph 3 times: 3 unnamed <ref>s (each its own footnote) and 3 identical {{sfn}}s
    # (one footnote, as Cite lists it)
    assert reference["totals"]["edits"] == 150 and reference["totals"]["references_added"] == 150 * (3 + 1)

    campaign = load_campaign(busy_campaign)
    measured = open_store(reference_db).counts(campaign)["content_facts"]
    rng = random.Random(20240308)
    interrupted, partial = 0, 0
    for attempt in range(12):
        db = str(tmp_path / f"killed-{attempt}.sqlite3")
        # Even attempts: kill at a random moment of the run. Odd ones: as soon as measuring has saved some
        # but not all of its batches. Every third attempt is killed twice. Then a run to the end.
        for _ in range(1 + (attempt % 3 == 2)):
            proc = subprocess.Popen([*WIKITALLY, "collect", busy_campaign, "-q"], env=env(db))
            if attempt % 2 == 0:
                time.sleep(rng.uniform(0.05, 0.8) * duration)
            else:
                wait_for_facts(db, campaign, proc, rng.randint(1, measured // 2))
            if proc.poll() is None:
                proc.send_signal(signal.SIGKILL)
                interrupted += 1
            proc.wait()
            partial += 0 < facts_saved(db, campaign) < measured
        subprocess.run([*WIKITALLY, "collect", busy_campaign, "-q"], env=env(db), check=True)
        assert outcome(busy_campaign, db) == reference, f"attempt {attempt}"
        # and once more with nothing new: still the same
        subprocess.run([*WIKITALLY, "collect", busy_campaign, "-q"], env=env(db), check=True)
        assert outcome(busy_campaign, db) == reference
        if attempt >= 5 and interrupted >= 5 and partial >= 2:
            break  # enough kills landed mid-run (timing varies with the machine's load)
    assert interrupted >= 5 and partial >= 2, (interrupted, partial)


def facts_saved(db: str, campaign) -> int:
    if not os.path.exists(db):
        return 0
    try:
        return open_store(db).counts(campaign)["content_facts"]
    except StoreError:  # killed while creating the tables
        return 0


def wait_for_facts(db: str, campaign, proc: subprocess.Popen, at_least: int) -> None:
    deadline = time.monotonic() + 60
    while proc.poll() is None and time.monotonic() < deadline:
        if facts_saved(db, campaign) >= at_least:
            return
        time.sleep(0.005)
