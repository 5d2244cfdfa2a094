"""The refresh worker end to end against a real MediaWiki: a participant edits, `wikitally worker --once` (a real
process) refreshes, the campaign page served by `wikitally serve` shows it; a wiki that stops answering shows
the failure to organizers while the page keeps the last good numbers; SIGTERM stops a worker cleanly."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from html import unescape
from pathlib import Path

import httpx
import pytest
from wikis import LocalWiki

pytestmark = pytest.mark.wiki
WIKITALLY = [sys.executable, "-m", "wikitally.cli"]
SECRET = "worker-live-test-key"

# Runs with the web app's settings on the test's database: what the web app would write (a definition with
# its organizer, a signed-in session), or what time would do (a definition changed, a request let through).
HELPER = """
import sys
from datetime import timedelta

import django

django.setup()
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

from wikitally.campaign_file import parse_campaign
from wikitally.store.models import CampaignDefinition
from wikitally.store.refresh_queue import RefreshQueue
from wikitally.web.campaigns import definitions

mode, slug, toml = sys.argv[1], sys.argv[2], open(sys.argv[3], encoding="utf-8").read()
if mode == "define":
    organizer = User.objects.create_user("organizer", password="unused-password-123")
    campaign = parse_campaign(definitions.read_toml(toml, slug + ".toml"), slug + ".toml")
    definitions.create(slug=slug, visibility="public", toml=toml, campaign=campaign, user=organizer)
    client = Client()
    client.force_login(organizer)
    print(client.cookies["sessionid"].value)
else:
    definition = CampaignDefinition.objects.get(slug=slug)
    definition.toml = toml
    definition.save()
    assert RefreshQueue().request(definition.pk, timezone.now(), timedelta(0))
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def env(db: Path) -> dict[str, str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("WIKITALLY_", "DJANGO_"))}
    return {
        **clean,
        "WIKITALLY_DB": str(db),
        "WIKITALLY_SECRET_KEY": SECRET,
        "WIKITALLY_CONTACT": "tests@wikitally.invalid",
        "WIKITALLY_WIKIDATA_API": "off",
        "WIKITALLY_ALLOW_PRIVATE_WIKIS": "127.0.0.1",  # the local wikis' APIs, on http://127.0.0.1:PORT
    }


def campaign_toml(name: str, wiki: LocalWiki, api: str, user: str, start: datetime) -> str:
    return (
        f'name = "{name}"\nstart = {start.isoformat()}\nend = {(start + timedelta(days=1)).isoformat()}\n'
        f'wikis = ["{wiki.domain}"]\nparticipants = ["{user}"]\n\n[api]\n"{wiki.domain}" = "{api}"\n'
    )


def helper(db: Path, mode: str, slug: str, toml: str, tmp_path: Path) -> str:
    path = tmp_path / f"{mode}.toml"
    path.write_text(toml, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-c", HELPER, mode, slug, str(path)],
        env={**env(db), "DJANGO_SETTINGS_MODULE": "wikitally.web.settings"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def worker_once(db: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*WIKITALLY, "worker", "--once", "--db", str(db), "--owner", "live-test"],
        env=env(db),
        capture_output=True,
        text=True,
        timeout=300,
    )


def wait_for(base: str, server: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + 60
    while True:
        try:
            httpx.get(base + "/", timeout=5)
            return
        except httpx.TransportError:
            assert server.poll() is None, server.communicate()[1]
            assert time.monotonic() < deadline, "server did not start"
            time.sleep(0.2)


@pytest.fixture
def serve(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    """`wikitally serve --no-worker` as a real process on a free port; yields (db, base URL)."""
    db = tmp_path / "web.sqlite3"
    port = free_port()
    server = subprocess.Popen(
        [*WIKITALLY, "serve", "--no-worker", "--port", str(port), "--db", str(db)],
        env=env(db),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(base, server)
        yield db, base
    finally:
        server.send_signal(signal.SIGTERM)
        server.communicate(timeout=60)


def text(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def edits(html: str) -> int | None:
    """The page's headline number of edits ("<b>2</b> edits"); None before the first collection."""
    found = re.search(r"<li><b>([\d,]+)</b> edits?</li>", html)
    return int(found.group(1).replace(",", "")) if found else None


def test_a_participant_edits_the_worker_refreshes_the_page_shows_it(tmp_path, wiki_a, serve) -> None:
    db, base = serve
    start = datetime.now(UTC).replace(microsecond=0) - timedelta(minutes=1)
    writer = wiki_a.create_user("Worker Writer")
    writer.edit("Worker Article", "Worker words, first version.", summary="new")
    slug = "worker-live"
    toml = campaign_toml(f"Worker {tmp_path.name}", wiki_a, wiki_a.api, "Worker Writer", start)
    session = helper(db, "define", slug, toml, tmp_path)
    organizer = httpx.Client(base_url=base, cookies={"sessionid": session}, timeout=30)
    visitor = httpx.Client(base_url=base, timeout=30)
    page = f"/c/{slug}/"
    assert "Not collected yet · next update in a moment" in text(visitor.get(page).text)

    # The first pass: a new campaign is due at once.
    first = worker_once(db)
    assert first.returncode == 0, first.stderr
    assert f"{slug}: refreshed" in first.stderr
    html = visitor.get(page).text
    assert edits(html) == 1
    assert "Last updated" in text(html) and "next update in 10 minutes" in text(html)
    assert worker_once(db).stderr == ""  # nothing due: the next refresh is 10 minutes away

    # The participant edits; the organizer presses "Refresh now"; the next pass takes it.
    writer.edit("Worker Article", "Worker words, second and longer version.", summary="more")
    html = organizer.get(page).text
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    assert token and "Refresh now" in html
    pressed = organizer.post(f"/c/{slug}/refresh/", data={"csrfmiddlewaretoken": token.group(1)})
    assert pressed.status_code == 302, pressed.text
    again = organizer.post(f"/c/{slug}/refresh/", data={"csrfmiddlewaretoken": token.group(1)})
    assert again.status_code == 429 and int(again.headers["Retry-After"]) <= 120  # once per 2 minutes
    assert "try again in" in text(again.text) and 'class="menu"' in again.text  # the site's error page
    assert visitor.post(f"/c/{slug}/refresh/").status_code == 403
    second = worker_once(db)
    assert second.returncode == 0 and f"{slug}: refreshed" in second.stderr, second.stderr
    assert edits(visitor.get(page).text) == 2
    assert visitor.get(f"/api/campaigns/{slug}/").json()["totals"]["edits"] == 2

    # The wiki stops answering: the refresh fails, organizers see why, everyone keeps the last numbers.
    closed = f"http://127.0.0.1:{free_port()}/api.php"
    broken = campaign_toml(f"Worker {tmp_path.name}", wiki_a, closed, "Worker Writer", start)
    helper(db, "break", slug, broken, tmp_path)
    failed = worker_once(db)
    assert failed.returncode == 1
    assert f"{slug}: failed: {wiki_a.domain} is unreachable at {closed} (" in failed.stderr
    for_organizer = organizer.get(page).text
    assert "The last update failed" in text(for_organizer)
    assert f"is unreachable at {closed}" in text(for_organizer) and edits(for_organizer) == 2
    for_visitor = visitor.get(page).text
    assert "Updating…" in text(for_visitor) and "is unreachable" not in for_visitor
    assert edits(for_visitor) == 2
    api = visitor.get(f"/api/campaigns/{slug}/").json()
    assert api["totals"]["edits"] == 2 and api["refresh"]["status"] == "failed"
    assert api["refresh"]["last_ok"] is not None


def test_serve_refreshes_in_the_background(tmp_path, wiki_a) -> None:
    """`serve` without --no-worker: its worker thread refreshes a new campaign by itself."""
    start = datetime.now(UTC).replace(microsecond=0) - timedelta(minutes=1)
    writer = wiki_a.create_user("Serve Writer")
    writer.edit("Serve Article", "Served by the background worker.", summary="new")
    db = tmp_path / "serve.sqlite3"
    port = free_port()
    server = subprocess.Popen(
        [*WIKITALLY, "serve", "--port", str(port), "--db", str(db)],
        env=env(db),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(base, server)
        toml = campaign_toml(f"Serve {tmp_path.name}", wiki_a, wiki_a.api, "Serve Writer", start)
        helper(db, "define", "served", toml, tmp_path)
        deadline = time.monotonic() + 90
        while edits(httpx.get(f"{base}/c/served/", timeout=30).text) != 1:
            assert time.monotonic() < deadline, "the background worker did not refresh the campaign"
            time.sleep(1)
    finally:
        server.send_signal(signal.SIGTERM)
        _, stderr = server.communicate(timeout=90)
    assert server.returncode == 0, stderr


def test_sigterm_stops_the_worker_between_campaigns(tmp_path) -> None:
    db = tmp_path / "idle.sqlite3"
    worker = subprocess.Popen(
        [*WIKITALLY, "worker", "--db", str(db)],
        env=env(db),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert worker.stderr is not None
    assert "worker started" in worker.stderr.readline()
    worker.send_signal(signal.SIGTERM)
    _, stderr = worker.communicate(timeout=30)
    assert worker.returncode == 0 and "worker stopped" in stderr
