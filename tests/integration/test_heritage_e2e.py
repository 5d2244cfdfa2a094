"""Heritage at risk end to end in a real headless Chromium against a real `wikitally serve`, the local OAuth
stand-in and a real local MediaWiki (docs/heritage.md): an organizer creates a campaign whose worklist page is
on the wiki and whose places are all sensitive; the worker resolves the worklist; a participant reports a
listed site at risk with its exact place; the organizer sees the reporter and the exact place and approves
it; anyone then sees it on the map and in the table with the place coarsened to the ~10 km grid, and no
reporter. Screenshots at 360 and 1366 px are kept as artefacts."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from test_web_e2e import (  # the web e2e's fixtures and helpers: one way to run the site and a browser
    ARTIFACTS,
    Watched,
    browser,
    profile,
    provider,
    site,
    sync_api,
    worker_once,
)
from wikis import LocalWiki

from wikitally.metrics.geo import coarsen
from wikitally.model import Point

pytestmark = pytest.mark.wiki
__all__ = ["browser", "provider", "site"]  # fixtures used by name
ORGANIZER, REPORTER = "Heritage Organizer", "Heritage Reporter"
SLUG = "heritage-drive"
EXACT = Point(41.123456, 19.654321)


def campaign_toml(wiki: LocalWiki, start: datetime) -> str:
    return (
        f'name = "Heritage Guard e2e"\nstart = {start.isoformat()}\nend = {(start + timedelta(days=1)).isoformat()}\n'
        f'wikis = ["{wiki.domain}"]\nparticipants = ["{REPORTER}"]\nsensitive_locations = true\n'
        f'worklist = ["{wiki.domain}:Heritage list"]\n\n[api]\n"{wiki.domain}" = "{wiki.api}"\n'
    )


def test_report_moderate_publish_coarsened(
    wiki_a: LocalWiki, provider: Any, site: tuple[Path, str], browser: Any
) -> None:
    db, base = site
    expect = sync_api.expect
    start = datetime.now(UTC).replace(microsecond=0) - timedelta(minutes=1)
    editor = wiki_a.create_user(REPORTER)
    editor.edit("Heritage list", "* [[Kalaja e Vjetër]]\n* [[Ura e Gurit]]\n", summary="the list")
    editor.edit("Kalaja e Vjetër", "An old castle.", summary="castle")
    organizer = Watched(browser, "organizer")
    reporter = Watched(browser, "reporter")
    public = Watched(browser, "public")
    shots = [ARTIFACTS, Path("/tmp/heritage-web")]
    for folder in shots:
        folder.mkdir(parents=True, exist_ok=True)
    try:
        organizer.sign_in(base, provider, profile(ORGANIZER, 3001), "/c/new/")
        page = organizer.page
        form = page.locator("form:has(input[name=form][value=import])")
        form.locator("input[name=import-slug]").fill(SLUG)
        form.locator("textarea[name=import-toml_text]").fill(campaign_toml(wiki_a, start))
        form.locator("button[type=submit]").click()
        page.wait_for_url(f"{base}/c/{SLUG}/")
        done = worker_once(db, provider)
        assert done.returncode == 0 and f"{SLUG}: refreshed" in done.stderr, done.stderr

        # The participant reports the listed castle, with its exact place.
        rpage = reporter.page
        reporter.sign_in(base, provider, profile(REPORTER, 3002), f"/c/{SLUG}/heritage/report/")
        rpage.select_option("#id_site", label="Kalaja e Vjetër")
        rpage.fill("#id_lat", str(EXACT.lat))
        rpage.fill("#id_lon", str(EXACT.lon))
        rpage.check("input[name=kind][value=damaged]")
        rpage.fill("#id_observed", (start.date() - timedelta(days=1)).isoformat())
        rpage.fill("#id_description", "The west tower's roof fell in.")
        rpage.fill("#id_evidence", "File:Kalaja west tower 2024.jpg")
        rpage.fill("#id_source_url", "https://example.org/kalaja")
        rpage.locator("#heritage-report button[type=submit]").click()
        rpage.wait_for_url(f"{base}/c/{SLUG}/heritage/")
        expect(rpage.locator(".flash")).to_be_visible()
        expect(rpage.locator("#heritage-none")).to_be_visible()  # pending: not public yet

        # The organizer sees the reporter and the exact place, and approves.
        page.goto(f"{base}/c/{SLUG}/heritage/moderate/")
        row = page.locator("#heritage-moderation tbody tr").first
        expect(row).to_contain_text(REPORTER)
        expect(row).to_contain_text(str(EXACT.lat))
        for width in (360, 1366):
            page.set_viewport_size({"width": width, "height": 900})
            page.screenshot(path=str(shots[1] / f"heritage-moderate-{width}.png"), full_page=True)
        page.locator("#heritage-actions button[value=approve]").first.click()
        page.wait_for_url(f"{base}/c/{SLUG}/heritage/moderate/")
        expect(page.locator("#heritage-audit")).to_contain_text("approve")

        # Anyone: on the map and in the table, coarsened, no reporter.
        ppage = public.page
        ppage.goto(f"{base}/c/{SLUG}/heritage/")
        expect(ppage.locator("#heritage-map circle")).to_have_count(1)
        coarse = coarsen(EXACT)
        expect(ppage.locator("#heritage-reports")).to_contain_text(f"{coarse.lat:.4f}, {coarse.lon:.4f}")
        html = ppage.content()
        assert str(EXACT.lat) not in html and f"{EXACT.lat:.4f}" not in html and REPORTER not in html
        for width in (360, 1366):
            ppage.set_viewport_size({"width": width, "height": 900})
            for folder in shots:
                ppage.screenshot(path=str(folder / f"heritage-public-{width}.png"), full_page=True)
        answer = httpx.get(f"{base}/api/campaigns/{SLUG}/heritage", timeout=30).json()
        assert [(r["lat"], r["lon"], r["coarsened"]) for r in answer["reports"]] == [
            (coarse.lat, coarse.lon, True)
        ]
        assert organizer.errors + reporter.errors + public.errors == []
    finally:
        for watched in (organizer, reporter, public):
            watched.context.close()
