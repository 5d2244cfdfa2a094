"""Opening a store: concurrent first opens migrate once, a damaged SQLite file is refused, a read-only one
is read. Real processes, real files, and (marked postgres) the PostgreSQL of WIKITALLY_TEST_PG_URL."""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

from wikitally.errors import StoreError
from wikitally.store import open_store

PG_URL_VAR = "WIKITALLY_TEST_PG_URL"
OPEN = """
import sys
from wikitally.errors import StoreError
from wikitally.store import open_store
try:
    open_store(sys.argv[1])
except StoreError as e:
    print(e)
    sys.exit(2)
"""
CAMPAIGN = """name = "Opening {tag}"
start = 2024-03-01T00:00:00Z
end = 2024-03-31T23:59:59Z
wikis = ["sq.wikipedia.org"]
participants = ["Vyolltsa"]
"""
COLLECTED = """
import sys
from datetime import UTC, datetime
from wikitally.campaign_file import load_campaign
from wikitally.store import open_store
campaign = load_campaign(sys.argv[2])
store = open_store(sys.argv[1])
store.save_campaign(campaign, frozenset(campaign.participants))
at = datetime(2024, 4, 1, tzinfo=UTC)
store.finish_wiki(campaign, "sq.wikipedia.org", watermark=at, collected_at=at)
"""


def run_python(code: str, *args: str, **kwargs: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=120, **kwargs
    )


def open_at_once(db: str, processes: int) -> list[subprocess.CompletedProcess[str]]:
    """processes `open_store(db)` started together, each in its own interpreter."""
    started = [
        subprocess.Popen(
            [sys.executable, "-c", OPEN, db], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        )
        for _ in range(processes)
    ]
    return [subprocess.CompletedProcess(p.args, p.wait(timeout=120), p.communicate()[0], "") for p in started]


# -- two processes opening a new database


def test_new_sqlite_store_opened_by_several_processes_at_once(tmp_path: Path) -> None:
    for trial in range(3):
        db = str(tmp_path / f"race{trial}.sqlite3")
        done = open_at_once(db, 4)
        assert [d.returncode for d in done] == [0] * 4, [d.stdout for d in done]
        assert not Path(f"{db}.migrating").exists()  # the lock file goes once migrated
    assert open_store(db).vendor == "sqlite"


@pytest.fixture
def fresh_pg_database() -> Iterator[str]:
    """A new, empty PostgreSQL database on the test server (dropped afterwards): its URL."""
    url = os.environ.get(PG_URL_VAR)
    if not url:
        pytest.skip(f"{PG_URL_VAR} is not set (export WIKITALLY_TEST_PG_URL=$(scripts/postgres.sh start))")
    import psycopg

    name = f"wikitally_race_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    parts = urlsplit(url)
    try:
        yield urlunsplit(parts._replace(path=f"/{name}"))
    finally:
        from django.db import connections

        for conn in connections.all(initialized_only=True):
            if conn.settings_dict.get("NAME") == name:
                conn.close()
        with psycopg.connect(url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.mark.postgres
@pytest.mark.parametrize("trial", range(3))
def test_new_postgresql_store_opened_by_several_processes_at_once(fresh_pg_database: str, trial: int) -> None:
    done = open_at_once(fresh_pg_database, 4)
    assert [d.returncode for d in done] == [0] * 4, [d.stdout for d in done]


# -- a damaged SQLite file


def collected_store(tmp_path: Path, name: str = "store.sqlite3") -> tuple[Path, Path]:
    """A store file holding a collected campaign, and that campaign's file."""
    campaign = tmp_path / "campaign.toml"
    campaign.write_text(CAMPAIGN.format(tag=tmp_path.name), encoding="utf-8")
    db = tmp_path / name
    done = run_python(COLLECTED, str(db), str(campaign))
    assert done.returncode == 0, done.stderr
    return db, campaign


def damage_pages(db: Path, first: int, step: int) -> None:
    """Overwrite the b-tree header of pages first, first + step, … with garbage (a fixed pattern)."""
    page = 4096
    data = bytearray(db.read_bytes())
    assert int.from_bytes(data[16:18], "big") == page
    for start in range(first * page, len(data), step * page):
        data[start : start + 12] = bytes((start // page * 37 + i * 11) % 256 for i in range(12))
    db.write_bytes(bytes(data))


@pytest.mark.parametrize(("first", "step"), [(-1, 1), (4, 3)])  # the last page; a third of them
def test_a_damaged_sqlite_store_is_refused_in_one_line(tmp_path: Path, first: int, step: int) -> None:
    db, campaign = collected_store(tmp_path)
    damage_pages(db, first if first >= 0 else db.stat().st_size // 4096 - 1, step)
    with pytest.raises(StoreError) as raised:
        open_store(str(db))
    assert f"database {db} is damaged (" in str(raised.value)
    done = wikitally("report", str(campaign), "--no-collect", "--db", str(db))
    assert done.returncode == 2, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "is damaged" in lines[0] and "Traceback" not in done.stderr


# -- a read-only store


def wikitally(*args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, WIKITALLY_CONTACT="tests@wikitally.invalid")
    env.pop("WIKITALLY_DB", None)
    return subprocess.run(
        [sys.executable, "-m", "wikitally.cli", *args], capture_output=True, text=True, env=env, timeout=120
    )


@contextlib.contextmanager
def read_only(*paths: Path) -> Iterator[None]:
    """paths made unwritable: by mode, or for root (whom modes don't stop) immutable (chattr +i)."""
    root = os.geteuid() == 0
    for path in paths:
        if root:
            if subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode != 0:
                pytest.skip("running as root without chattr +i: nothing here is read-only")
        else:
            path.chmod(0o555 if path.is_dir() else 0o444)
    try:
        yield
    finally:
        for path in paths:
            if root:
                subprocess.run(["chattr", "-i", str(path)], check=True)
            else:
                path.chmod(0o755 if path.is_dir() else 0o644)


@pytest.mark.parametrize("directory_too", [False, True])
def test_report_no_collect_reads_a_read_only_store(tmp_path: Path, directory_too: bool) -> None:
    folder = tmp_path / "archive"
    folder.mkdir()
    db, campaign = collected_store(folder)
    before = db.read_bytes()
    with read_only(db, *([folder] if directory_too else [])):
        done = wikitally("report", str(campaign), "--no-collect", "--format", "json", "--db", str(db))
        again = wikitally("report", str(campaign), "--no-collect", "--format", "csv", "--db", str(db))
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["totals"]["edits"] == 0
    assert again.returncode == 0 and again.stdout.startswith("scope,name,participants"), again.stderr
    assert db.read_bytes() == before
    # nothing but SQLite's own WAL companions (made when the folder allows it), no migration lock
    assert {p.name for p in folder.iterdir()} <= {
        "campaign.toml",
        *(f"store.sqlite3{x}" for x in ("", "-shm", "-wal")),
    }


def test_a_read_only_store_that_needs_migrating_says_so(tmp_path: Path) -> None:
    db = tmp_path / "empty.sqlite3"
    sqlite3.connect(db).execute("CREATE TABLE t (x)").connection.close()  # a database, but no store yet
    with read_only(db), pytest.raises(StoreError) as raised:
        open_store(str(db))
    assert "readonly" in str(raised.value) or "read-only" in str(raised.value)
    assert "\n" not in str(raised.value)


def test_text_that_is_not_utf8_is_a_store_error(tmp_path: Path) -> None:
    db, campaign_path = collected_store(tmp_path)
    with sqlite3.connect(db) as raw:  # what a flipped byte inside a sound record looks like
        raw.execute("UPDATE store_wiki_state SET fingerprint = CAST(X'61FF62' AS TEXT)")
    raw.close()
    from wikitally.campaign_file import load_campaign

    store = open_store(str(db))
    with pytest.raises(StoreError) as raised:
        store.wiki_state(load_campaign(campaign_path), "sq.wikipedia.org")
    assert "not UTF-8" in str(raised.value) and "damaged" in str(raised.value)
