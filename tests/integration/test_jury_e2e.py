"""The jury in the web app end to end: a real `wikitally serve`, the local OAuth stand-in, a real local
MediaWiki and headless Chromium. An organizer imports a contest; the worker collects; three jurors sign in
and mark in their own browsers (Juror A with the keyboard only: numbers, Enter); Juror C edited one article
and is never offered it; the organizer closes marking; the frozen results' wikitext is saved on the wiki and
parsed by it. Screenshots of the marking page at 360 and 1366 px are kept as artefacts."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from oauth_provider import StandInProvider
from test_web_e2e import (  # noqa: F401 (fixtures)
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

pytestmark = pytest.mark.wiki
SLUG = "e2e-jury"
ORGANIZER = "E2e Jury Organizer"
WRITER = "E2e Jury Writer"
JURORS = ("E2e Juror A", "E2e Juror B", "E2e Juror C")


def contest_toml(name: str, wiki: LocalWiki, start: datetime, end: datetime) -> str:
    jurors = ", ".join(f'"{j}"' for j in JURORS)
    return (
        f'name = "{name}"\nstart = {start.isoformat()}\nend = {end.isoformat()}\n'
        f'wikis = ["{wiki.domain}"]\nparticipants = ["{WRITER}", "{JURORS[2]}"]\n\n'
        f'[api]\n"{wiki.domain}" = "{wiki.api}"\n\n'
        '[contest]\nscore = "points+jury"\npoints = "10*created + 3*improved"\n'
        '[[contest.rule]]\nkind = "min_words"\nvalue = 300\nmode = "optional"\n'
        f"[contest.jury]\njurors = [{jurors}]\nmin_marks = 2\nhidden = true\n"
        '[[contest.jury.part]]\nname = "quality"\nkind = "integer"\nmin = 0\nmax = 5\n'
        '[[contest.jury.part]]\nname = "photo"\nkind = "checkbox"\nvalue = 1\n'
        '[[contest.jury.part]]\nname = "length"\nkind = "choice"\noptions = {long = 2, short = 0}\n'
    )


def test_three_jurors_mark_the_organizer_closes_and_the_wiki_parses_the_results(
    tmp_path: Path,
    wiki_a: LocalWiki,
    provider: StandInProvider,  # noqa: F811
    site: tuple[Path, str],  # noqa: F811
    browser: Any,  # noqa: F811
) -> None:
    db, base = site
    expect = sync_api.expect
    start = datetime.now(UTC).replace(microsecond=0) - timedelta(minutes=1)
    writer = wiki_a.create_user(WRITER)
    juror_c_wiki = wiki_a.create_user(JURORS[2])
    for juror in JURORS[:2]:
        wiki_a.create_user(juror)
    words = " ".join(f"word{i}" for i in range(80))
    writer.edit("E2e Jury Alpha", f"Alpha {words}.", summary="alpha")
    writer.edit("E2e Jury Beta", f"Beta {words}.", summary="beta")
    juror_c_wiki.edit("E2e Jury Beta", f"Beta {words}. Juror C adds a line.", summary="c")
    end = datetime.now(UTC).replace(microsecond=0) + timedelta(days=1)
    people = {name: Watched(browser, name) for name in (ORGANIZER, *JURORS)}
    try:
        organizer = people[ORGANIZER]
        organizer.sign_in(base, provider, profile(ORGANIZER, 3001), "/c/new/")
        page = organizer.page
        form = page.locator("form:has(input[name=form][value=import])")
        form.locator("input[name=import-slug]").fill(SLUG)
        toml = contest_toml(f"E2E Jury {tmp_path.name}", wiki_a, start, end)
        form.locator("textarea[name=import-toml_text]").fill(toml)
        form.locator("button[type=submit]").click()
        page.wait_for_url(f"{base}/c/{SLUG}/")
        done = worker_once(db, provider)
        assert done.returncode == 0 and f"{SLUG}: refreshed" in done.stderr, done.stderr
        # The worker gathered what the rules read: the writer's page judges Alpha's 81 words, not 0.
        mine = httpx.get(f"{base}/c/{SLUG}/u/{WRITER.replace(' ', '_')}/", timeout=60).text
        assert "300 words needed, you have 81" in mine

        jury_path = f"/c/{SLUG}/jury/"
        marked: dict[str, list[str]] = {}
        for i, juror in enumerate(JURORS):
            who = people[juror]
            who.sign_in(base, provider, profile(juror, 3100 + i), jury_path)
            jpage = who.page
            expect(jpage.locator("h1")).to_contain_text("Jury")
            marked[juror] = []
            while jpage.locator("#mark-form").count():
                title = jpage.locator("#jury-article h2 bdi").first.inner_text().strip()
                assert jpage.locator("#jury-diff").get_attribute("href").count("Special:Diff/") == 1
                if juror == JURORS[0]:  # the keyboard only: 4 → quality, 1 → photo ticked, 1 → "long"
                    jpage.keyboard.press("4")
                    jpage.keyboard.press("1")
                    jpage.keyboard.press("1")
                    if i == 0 and not marked[juror]:
                        for width in (360, 1366):
                            jpage.set_viewport_size({"width": width, "height": 900})
                            shot = ARTIFACTS / f"jury-marking-{width}.png"
                            ARTIFACTS.mkdir(exist_ok=True)
                            jpage.screenshot(path=str(shot), full_page=True)
                    jpage.keyboard.press("Enter")
                else:
                    jpage.locator("input[name='part-quality']").fill("2" if juror == JURORS[1] else "3")
                    jpage.locator("input[name='part-length'][value='short']").check()
                    jpage.locator("#jury-comment").fill(f"{juror} was here")
                    jpage.locator("#jury-save").click()
                jpage.wait_for_load_state("load")
                expect(jpage.locator(".flash")).to_contain_text(title)
                marked[juror].append(title)
            expect(jpage.locator("#jury-done")).to_be_visible()
        assert sorted(marked[JURORS[0]]) == sorted(marked[JURORS[1]]) == ["E2e Jury Alpha", "E2e Jury Beta"]
        assert marked[JURORS[2]] == ["E2e Jury Alpha"]  # Juror C edited Beta: never offered
        expect(people[JURORS[2]].page.locator("#jury-conflicts")).to_contain_text("E2e Jury Beta")

        page.goto(f"{base}/c/{SLUG}/jury/organize/")
        expect(page.locator("#jury-audit tbody tr")).to_have_count(
            6 + 6 + 3 + 3
        )  # marks A, B, C; comments B, B, C
        page.locator("#jury-close").click()
        page.wait_for_url(f"{base}/c/{SLUG}/jury/organize/")
        expect(page.locator("#jury-closings")).to_contain_text("Version 1")
        for width in (360, 1366):
            page.set_viewport_size({"width": width, "height": 900})
            page.screenshot(path=str(ARTIFACTS / f"jury-organize-{width}.png"), full_page=True)

        results = httpx.get(f"{base}/c/{SLUG}/results.json", timeout=30).json()
        jury = {e["title"]: e["jury"] for e in results["entries"]}
        # Alpha: A 4+1+2, B 2+0+0, C 3+0+0 → mean 4; Beta: A 7, B 2 → 4.5
        assert jury == {"E2e Jury Alpha": 4, "E2e Jury Beta": 4.5}
        wikitext = httpx.get(f"{base}/c/{SLUG}/results.wiki", timeout=30)
        assert wikitext.headers["X-Results-Version"] == "1"
        admin = wiki_a.admin()
        admin.edit("E2e Jury results", wikitext.text)
        html = wiki_a.api_get(action="parse", page="E2e Jury results", prop="text")["parse"]["text"]
        assert "wikitable" in html and f"{WRITER}</a>" in html and "E2e Jury Alpha</a>" in html
        assert "{|" not in html and "[[" not in html
        assert [e for w in people.values() for e in w.errors] == []
    finally:
        for who in people.values():
            who.context.close()
