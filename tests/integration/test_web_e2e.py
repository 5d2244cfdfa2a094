"""The web app end to end in a real headless Chromium (Debian's, driven by Playwright) against a real
`wikitally serve` process, the local OAuth 2.0 stand-in and a real local MediaWiki: an organizer signs in and
creates a campaign (the TOML import: the form has no field for [api]), a participant signs in in another
browser and joins through the join link, edits the wiki as that account, the organizer presses "Refresh now"
and the next `wikitally worker --once` pass shows the edit; the leaderboard sorts by another column, the CSV
and JSON downloads hold the edit, and no page logs a console error."""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from oauth_provider import StandInProvider, default_profile
from wikis import LocalWiki

CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.exists():
    pytest.skip(
        "needs Debian's chromium at /usr/bin/chromium (apt-get install chromium)", allow_module_level=True
    )
sync_api = pytest.importorskip("playwright.sync_api", reason="needs playwright (pip install playwright)")

pytestmark = pytest.mark.wiki
WIKITALLY = [sys.executable, "-m", "wikitally.cli"]
SECRET = "web-e2e-test-key-0123456789-abcdefghijklmnopqrstuvwxyz"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
WAIT_MS = 30_000  # every wait on a selector, navigation or download
ORGANIZER = "E2e Organizer"
JOINER = "E2e Joiner"  # signs in and joins through the link
LISTED = "E2e Listed"  # named in the campaign file: a second row for the leaderboard
SLUG = "e2e-drive"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def env(db: Path, provider: StandInProvider) -> dict[str, str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("WIKITALLY_", "DJANGO_"))}
    return {
        **clean,
        "WIKITALLY_DB": str(db),
        "WIKITALLY_SECRET_KEY": SECRET,
        "WIKITALLY_CONTACT": "tests@wikitally.invalid",
        "WIKITALLY_WIKIDATA_API": "off",
        "WIKITALLY_ALLOW_PRIVATE_WIKIS": "127.0.0.1",  # the local wikis' APIs, on http://127.0.0.1:PORT
        "WIKITALLY_OAUTH_URL": provider.base_url,
        "WIKITALLY_OAUTH_CLIENT_ID": provider.client_id,
        "WIKITALLY_OAUTH_CLIENT_SECRET": provider.client_secret,
    }


def profile(username: str, sub: int) -> dict[str, Any]:
    return {**default_profile(), "username": username, "sub": sub}


def campaign_toml(name: str, wiki: LocalWiki, start: datetime) -> str:
    return (
        f'name = "{name}"\nstart = {start.isoformat()}\nend = {(start + timedelta(days=1)).isoformat()}\n'
        f'wikis = ["{wiki.domain}"]\nparticipants = ["{LISTED}"]\n\n[api]\n"{wiki.domain}" = "{wiki.api}"\n'
    )


@pytest.fixture
def provider() -> Iterator[StandInProvider]:
    found = StandInProvider().start()
    yield found
    found.stop()


# A hang guard: a loaded 2-core machine takes minutes to migrate and start the server.
SERVE_START_S = 300


@pytest.fixture
def site(tmp_path: Path, provider: StandInProvider) -> Iterator[tuple[Path, str]]:
    """`wikitally serve --no-worker` as a real process on a free port; yields (db, base URL)."""
    db = tmp_path / "web.sqlite3"
    port = free_port()
    server = subprocess.Popen(
        [*WIKITALLY, "serve", "--no-worker", "--port", str(port), "--db", str(db)],
        env=env(db, provider),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + SERVE_START_S
        while True:
            try:
                httpx.get(base + "/", timeout=5)
                break
            except httpx.TransportError:
                assert server.poll() is None, server.communicate()[1]
                assert time.monotonic() < deadline, "wikitally serve did not start"
                time.sleep(0.2)
        yield db, base
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            server.kill()
            server.communicate()


def worker_once(db: Path, provider: StandInProvider) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*WIKITALLY, "worker", "--once", "--db", str(db), "--owner", "e2e-test"],
        env=env(db, provider),
        capture_output=True,
        text=True,
        timeout=300,
    )


class Watched:
    """A browser context whose pages report console errors, page errors and failed responses here."""

    def __init__(self, browser: Any, name: str) -> None:
        self.name = name
        self.context = browser.new_context(accept_downloads=True, viewport={"width": 1280, "height": 900})
        self.context.set_default_timeout(WAIT_MS)
        self.context.set_default_navigation_timeout(WAIT_MS)
        self.errors: list[str] = []
        self.page = self.context.new_page()
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda e: self.errors.append(f"{self.name} pageerror: {e}"))
        self.page.on("response", self._response)

    def _console(self, message: Any) -> None:
        where = message.location.get("url", "")
        if message.type == "error":
            self.errors.append(f"{self.name} console on {self.page.url}: {message.text} ({where})")

    def _response(self, response: Any) -> None:
        if response.status >= 400:
            self.errors.append(f"{self.name} HTTP {response.status} for {response.url}")

    def sign_in(self, base: str, provider: StandInProvider, who: dict[str, Any], next_path: str) -> None:
        """On the sign-in page (already open, or opened for next_path): the Wikimedia button, the provider's
        consent (approving as `who`), and back to next_path."""
        provider.profile = who
        if "/accounts/login/" not in self.page.url:
            self.page.goto(f"{base}/accounts/login/?next={next_path}")
        self.page.locator("#sign-in-wikimedia").click()
        self.page.wait_for_url(f"{base}{next_path}")
        consent = provider.requests_to("authorize")[-1].query
        assert consent["redirect_uri"] == f"{base}/accounts/oauth/callback/"
        assert consent["code_challenge_method"] == "S256" and consent["client_id"] == provider.client_id


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


def board(page: Any) -> list[str]:
    """The leaderboard's usernames, top to bottom."""
    cells = page.locator("#leaderboard table.t-board tbody tr td:nth-child(2)")
    return [name.strip() for name in cells.all_inner_texts()]


def test_organize_join_edit_refresh_sort_download(
    tmp_path: Path,
    wiki_a: LocalWiki,
    provider: StandInProvider,
    site: tuple[Path, str],
    browser: Any,
) -> None:
    db, base = site
    expect = sync_api.expect
    start = datetime.now(UTC).replace(microsecond=0) - timedelta(minutes=1)
    # The wiki accounts: the same names as the OAuth profiles'.
    listed = wiki_a.create_user(LISTED)
    joiner_wiki = wiki_a.create_user(JOINER)
    organizer = Watched(browser, "organizer")
    joiner = Watched(browser, "participant")
    try:
        # (1) The organizer signs in, then creates the campaign on /c/new/ (TOML import: [api] points the
        # campaign at the local wiki; the form's fields have no place for it).
        organizer.sign_in(base, provider, profile(ORGANIZER, 1001), "/c/new/")
        page = organizer.page
        expect(page.locator("h1")).to_be_visible()
        name = f"E2E Drive {tmp_path.name}"
        form = page.locator("form:has(input[name=form][value=import])")
        form.locator("input[name=import-slug]").fill(SLUG)
        form.locator("textarea[name=import-toml_text]").fill(campaign_toml(name, wiki_a, start))
        form.locator("button[type=submit]").click()
        page.wait_for_url(f"{base}/c/{SLUG}/")
        expect(page.locator("h1#top")).to_have_text(name)
        expect(page.locator("form.refresh-now button")).to_have_text("Refresh now")

        # (2) The participant signs in in another browser context and joins through the join link.
        join_path = f"/c/{SLUG}/join/"
        jpage = joiner.page
        jpage.goto(f"{base}/c/{SLUG}/")
        jpage.locator(f"#enrolment a[href='{join_path}']").click()  # the join link; signed out: sign in
        jpage.wait_for_url(lambda url: url.startswith(f"{base}/accounts/login/?next="))
        joiner.sign_in(base, provider, profile(JOINER, 2002), join_path)
        expect(jpage.locator("h1")).to_contain_text(name)
        jpage.locator("form.campaign-form button[type=submit]").click()
        expect(jpage.locator("#enrolled")).to_contain_text(JOINER)

        # The first collection, before the participant's edit (a new campaign is due at once).
        listed.edit("E2e Listed Page", "Short.", summary="one")
        listed.edit("E2e Listed Page", "Short, twice.", summary="two")
        first = worker_once(db, provider)
        assert first.returncode == 0 and f"{SLUG}: refreshed" in first.stderr, first.stderr
        page.reload()
        expect(page.locator("#leaderboard")).to_be_visible()
        assert board(page) == [LISTED]  # the participant has not edited yet

        # (3) The participant edits the wiki as their own account.
        words = " ".join(f"word{i}" for i in range(60))
        rev = joiner_wiki.edit("E2e Joiner Article", f"{words}.", summary="e2e edit")
        assert rev > 0
        assert worker_once(db, provider).stderr == ""  # nothing due: the next refresh is minutes away

        # (4) The organizer presses "Refresh now"; the next worker pass takes the request.
        page.locator("form.refresh-now button").click()
        page.wait_for_url(f"{base}/c/{SLUG}/")
        expect(page.locator("body")).to_contain_text("Refresh requested")
        second = worker_once(db, provider)
        assert second.returncode == 0 and f"{SLUG}: refreshed" in second.stderr, second.stderr
        page.reload()
        expect(page.locator("#leaderboard table.t-board")).to_contain_text(JOINER)
        expect(page.locator("#articles")).to_contain_text("E2e Joiner Article")
        # Default sort (edits): Listed made two edits, the participant one.
        assert board(page) == [LISTED, JOINER]

        # (5) The leaderboard sorts by another column: words added (the participant's 60 words lead).
        words_header = page.locator("#leaderboard thead a[href*='sort=words']")
        words_header.click()
        page.wait_for_url(lambda url: "sort=words" in url)
        expect(page.locator("#leaderboard thead a[aria-current=true]")).to_have_attribute(
            "href", "?sort=words#leaderboard"
        )
        assert board(page) == [JOINER, LISTED]

        # (6) Downloads: the participants CSV and the JSON, through the browser's download.
        page.goto(f"{base}/c/{SLUG}/")
        with page.expect_download(timeout=WAIT_MS) as got:
            page.locator("#downloads a[href$='download.csv?table=participants']").click()
        assert got.value.failure() is None
        assert got.value.suggested_filename == f"{SLUG}-participants.csv"
        table = Path(got.value.path()).read_text(encoding="utf-8-sig")
        rows = {row[0]: row for row in csv.reader(io.StringIO(table))}
        assert set(rows) >= {JOINER, LISTED}, table
        with page.expect_download(timeout=WAIT_MS) as got_json:
            page.locator("#downloads a[href$='download.json']").click()
        assert got_json.value.suggested_filename == f"{SLUG}.json"
        data = json.loads(Path(got_json.value.path()).read_text(encoding="utf-8"))
        people = {p["user"]: p for p in data["by_participant"]}
        assert people[JOINER]["edits"] == 1 and people[LISTED]["edits"] == 2
        assert data["totals"]["edits"] == 3

        # (7) The campaign page as the participant sees it, and its screenshot.
        jpage.goto(f"{base}/c/{SLUG}/")
        expect(jpage.locator("#leaderboard table.t-board")).to_contain_text(JOINER)
        expect(jpage.locator("form.refresh-now")).to_have_count(0)  # not an organizer
        page.goto(f"{base}/c/{SLUG}/")
        page.wait_for_selector("#leaderboard table.t-board tbody tr")
        page.wait_for_load_state("load")
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "web-campaign.png"), full_page=True)
        assert organizer.errors + joiner.errors == []
    finally:
        organizer.context.close()
        joiner.context.close()
