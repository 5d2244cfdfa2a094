"""A campaign's whole life in a real headless Chromium against a real `wikitally serve`, the local OAuth
stand-in and a real local MediaWiki: the organizer creates a campaign with a wrong API address, the first
refresh fails, they fix it; they describe the event and add a co-organizer (who may then organize it); a
participant joins and reads the rules on the join and welcome pages, edits with and without the hashtag;
after a refresh only the edit with the hashtag counts and the participant's page lists that article with its
diff; the campaign is archived (gone from the list), restored, and deleted. Screenshots at 360, 768 and
1366 px are kept in tests/artifacts/."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from oauth_provider import StandInProvider
from test_web_e2e import (  # noqa: F401 — fixtures
    ARTIFACTS,
    WAIT_MS,
    Watched,
    browser,
    profile,
    provider,
    site,
    sync_api,
    worker_once,
)
from wikis import LocalWiki

pytestmark = pytest.mark.wiki
ORGANIZER, HELPER, JOINER = "Life Organizer", "Life Helper", "Life Joiner"
SLUG = "life-drive"
HASHTAG = "lifedrive"
WIDTHS = (360, 768, 1366)


def campaign_toml(name: str, api: str, wiki: LocalWiki, start: datetime) -> str:
    return (
        f'name = "{name}"\nstart = {start.isoformat()}\nend = {(start + timedelta(days=1)).isoformat()}\n'
        f'wikis = ["{wiki.domain}"]\nhashtags = ["{HASHTAG}"]\ntimezone = "Europe/Tirane"\n\n'
        f'[api]\n"{wiki.domain}" = "{api}"\n'
    )


def shots(page: Any, name: str) -> None:
    """The page at each width, whole, kept as a test artefact."""
    ARTIFACTS.mkdir(exist_ok=True)
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        page.wait_for_load_state("load")
        page.screenshot(path=str(ARTIFACTS / f"life-{name}-{width}.png"), full_page=True)
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 1, f"{name} at {width} px is {overflow} px too wide"
    page.set_viewport_size({"width": 1280, "height": 900})


def test_a_campaigns_whole_life(
    tmp_path: Path,
    wiki_a: LocalWiki,
    provider: StandInProvider,  # noqa: F811
    site: tuple[Path, str],  # noqa: F811
    browser: Any,  # noqa: F811
) -> None:
    db, base = site
    expect = sync_api.expect
    start = datetime.now(UTC).replace(microsecond=0) - timedelta(minutes=1)
    joiner_wiki = wiki_a.create_user(JOINER)
    organizer = Watched(browser, "organizer")
    helper = Watched(browser, "co-organizer")
    joiner = Watched(browser, "participant")
    name = f"Life Drive {tmp_path.name}"
    campaign_path = f"/c/{SLUG}/"
    try:
        # (1) Created with a wrong API address: the first refresh fails.
        organizer.sign_in(base, provider, profile(ORGANIZER, 3001), "/c/new/")
        page = organizer.page
        form = page.locator("form:has(input[name=form][value=import])")
        form.locator("input[name=import-slug]").fill(SLUG)
        wrong = wiki_a.api.replace("api.php", "no-such-api.php")
        form.locator("textarea[name=import-toml_text]").fill(campaign_toml(name, wrong, wiki_a, start))
        form.locator("button[type=submit]").click()
        page.wait_for_url(f"{base}{campaign_path}")
        failed = worker_once(db, provider)
        assert f"{SLUG}: " in failed.stderr and "refreshed" not in failed.stderr, failed.stderr
        page.reload()
        expect(page.locator("p.refresh-failed")).to_be_visible()
        organizer.errors.clear()  # the failed refresh is what this step is about, not a page error

        # (2) Fixed through the edit page (the import form: [api] has no form field of its own).
        page.goto(f"{base}/c/{SLUG}/edit/")
        form = page.locator("form:has(input[name=form][value=import])")
        form.locator("textarea[name=import-toml_text]").fill(campaign_toml(name, wiki_a.api, wiki_a, start))
        form.locator("button[type=submit]").click()
        page.wait_for_url(f"{base}{campaign_path}")
        expect(page.locator("ul.flash")).to_be_visible()

        # (3) The event's details and a co-organizer, on the organizers' page.
        page.locator("#organize").click()
        page.wait_for_url(f"{base}/c/{SLUG}/organize/")
        page.locator("textarea[name=event-description]").fill(
            "Join us to **write** about women.\n\n<script>alert(1)</script>"
        )
        page.locator("input[name=event-mode][value=hybrid]").check()
        page.locator("input[name=event-place]").fill("National Library, Tirana")
        page.locator("input[name=event-event_page]").fill("https://meta.wikimedia.org/wiki/Event:Life")
        page.locator("#details button[type=submit]").click()
        page.wait_for_url(f"{base}/c/{SLUG}/organize/")
        page.locator("input[name=organizer-username]").fill(HELPER)
        page.locator("#organizers button[type=submit]:not([aria-label])").click()
        page.wait_for_url(f"{base}/c/{SLUG}/organize/")
        expect(page.locator("ul.organizers")).to_contain_text(HELPER)
        shots(page, "organize")

        # The co-organizer, signed in as that Wikimedia account, may organize the campaign.
        helper.sign_in(base, provider, profile(HELPER, 3002), f"/c/{SLUG}/organize/")
        expect(helper.page.locator("h1")).to_contain_text(name)

        # (4) The participant reads the rules, joins, and reads them again in the welcome.
        jpage = joiner.page
        jpage.goto(f"{base}{campaign_path}")
        expect(jpage.locator("#event .description strong")).to_have_text("write")
        expect(jpage.locator("#event")).to_contain_text("<script>alert(1)</script>")
        expect(jpage.locator("#rules")).to_contain_text(f"Write #{HASHTAG} in the summary of every edit")
        jpage.locator(f"#enrolment a[href='/c/{SLUG}/join/']").click()
        jpage.wait_for_url(lambda url: url.startswith(f"{base}/accounts/login/?next="))
        joiner.sign_in(base, provider, profile(JOINER, 3003), f"/c/{SLUG}/join/")
        expect(jpage.locator("#rules")).to_contain_text(f"#{HASHTAG}")
        jpage.locator("form.campaign-form button[type=submit]").click()
        expect(jpage.locator("#enrolled")).to_contain_text(JOINER)
        expect(jpage.locator("#rules")).to_contain_text("Only participants' edits count")
        shots(jpage, "welcome")
        jpage.goto(f"{base}{campaign_path}")
        expect(jpage.locator("#you-are-enrolled")).to_contain_text(f"You are enrolled as {JOINER}.")
        shots(jpage, "campaign-before")

        # (5) Two edits: one with the hashtag, one without.
        words = " ".join(f"word{i}" for i in range(40))
        counted = joiner_wiki.edit("Life Counted Article", f"{words}.", summary=f"new article #{HASHTAG}")
        joiner_wiki.edit("Life Forgotten Article", f"{words}.", summary="forgot the tag")

        # (6) Refresh: only the edit with the hashtag counts.
        page.goto(f"{base}{campaign_path}")
        page.locator("form.refresh-now button").click()
        page.wait_for_url(f"{base}{campaign_path}")
        done = worker_once(db, provider)
        assert done.returncode == 0 and f"{SLUG}: refreshed" in done.stderr, done.stderr
        page.reload()
        expect(page.locator("#leaderboard table.t-board")).to_contain_text(JOINER)
        expect(page.locator("#articles")).to_contain_text("Life Counted Article")
        expect(page.locator("#articles")).not_to_contain_text("Life Forgotten Article")
        shots(page, "campaign")

        # (7) The participant's page: their article, its numbers and its diff.
        jpage.goto(f"{base}/c/{SLUG}/u/{JOINER.replace(' ', '_')}/")
        expect(jpage.locator("#my-articles")).to_contain_text("Life Counted Article")
        expect(jpage.locator("#my-articles")).not_to_contain_text("Life Forgotten Article")
        diff = jpage.locator("#my-articles a.diff")
        expect(diff).to_have_count(1)
        assert f"Special:Diff/{counted}" in str(diff.get_attribute("href"))
        shots(jpage, "participant")

        # (8) Archived: read-only and gone from the list; restored: back.
        page.goto(f"{base}/c/{SLUG}/organize/")
        page.locator("#archive").click()
        page.wait_for_url(f"{base}{campaign_path}")
        expect(page.locator("#archived")).to_be_visible()
        expect(page.locator("form.refresh-now")).to_have_count(0)
        page.goto(f"{base}/")
        expect(page.locator("main")).not_to_contain_text(name)
        page.goto(f"{base}/c/{SLUG}/organize/")
        page.locator("#restore").click()
        page.wait_for_url(f"{base}{campaign_path}")
        page.goto(f"{base}/")
        expect(page.locator("main")).to_contain_text(name)

        # (9) Deleted, after typing its name.
        page.goto(f"{base}/c/{SLUG}/organize/")
        page.locator("#delete").click()
        page.wait_for_url(f"{base}/c/{SLUG}/delete/")
        shots(page, "delete")
        page.locator("input[name=delete-name]").fill(name)
        page.locator("form.campaign-form button[type=submit]").click()
        page.wait_for_url(f"{base}/")
        expect(page.locator("ul.flash")).to_contain_text(name)
        assert organizer.errors + helper.errors + joiner.errors == []
        gone = page.goto(f"{base}{campaign_path}")
        assert gone is not None and gone.status == 404
        assert organizer.errors and all(
            e.endswith(f"{base}{campaign_path})") or e.endswith(f"{base}{campaign_path}")
            for e in organizer.errors
        )  # the 404 itself, nothing else
    finally:
        for watched in (organizer, helper, joiner):
            watched.context.close()
