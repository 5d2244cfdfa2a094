"""`wikitally newsletter` against a real MediaWiki 1.39: pages per language, the announcement delivered once,
and a second run that changes nothing anywhere."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from wikis import ADMIN_USER, LocalWiki

from wikitally.model import Publication
from wikitally.newsletter.issue_file import load_issue
from wikitally.newsletter.render import marker
from wikitally.publish.pages import PageSession, PageWriter
from wikitally.publish.session import ENV_PASSWORD, ENV_USER, BotPassword
from wikitally.store import open_store

pytestmark = pytest.mark.wiki
WIKITALLY = [sys.executable, "-m", "wikitally.cli"]
GRANTS = "basic,highvolume,editpage,createeditmovepage"
LIST_PAGE = "Project:Newsletter/Subscribers"


def wikitally(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*WIKITALLY, *args], capture_output=True, text=True, env=env, timeout=300)


def revisions(wiki: LocalWiki, title: str) -> list[dict[str, Any]]:
    page = wiki.api_get(
        action="query",
        titles=title,
        prop="revisions",
        rvprop=["ids", "content"],
        rvslots="main",
        rvlimit="max",
    )["query"]["pages"][0]
    return list(page.get("revisions", []))


def write_issue(folder: Path, wiki: LocalWiki, base_page: str, participants: list[str]) -> Path:
    folder.mkdir()
    start = datetime.now(UTC).replace(microsecond=0) - timedelta(minutes=1)
    users = ", ".join(f'"{p}"' for p in participants)
    (folder / "campaign.toml").write_text(
        f'name = "Newsletter drive {folder.name} {{{{evil}}}} ~~~~"\nstart = {start.isoformat()}\n'
        f'end = {(start + timedelta(days=1)).isoformat()}\nwikis = ["{wiki.domain}"]\nparticipants = [{users}]\n'
        f'[api]\n"{wiki.domain}" = "{wiki.api}"\n',
        encoding="utf-8",
    )
    files = {
        "editorial.md": "Dear readers, this is *our* issue.\n\nMore: [the project](https://meta.wikimedia.org/).\n",
        "editorial.ru.md": "Дорогие читатели, это *наш* выпуск.\n",
        "story.md": (
            "## Why\n\nBecause <script>alert(1)</script> and {{evil}} [[Category:Bad]] ~~~~ stay text.\n\n"
            "- one\n- two\n\n> A quote.\n"
        ),
        "story.ru.wiki": "Текст на '''вики-разметке'''.\n\n* пункт\n",
        "drive.en.wiki": "'''{campaign}''' ({dates}): {participants}, {articles}.\n",
        "drive.ru.wiki": "'''{campaign}''' ({dates}): {participants}, {articles}.\n",
    }
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    issue = f"""title = {{en = "Test Newsletter", ru = "Тестовая рассылка"}}
volume = 1
issue = 3
month = "2024-03"
languages = ["en", "ru"]
base_page = "{base_page}"
wiki = "{wiki.domain}"
api = "{wiki.api}"
editorial = {{en = "editorial.md", ru = "editorial.ru.md"}}

[[sections]]
name = {{en = "Stories", ru = "Истории"}}
[[sections.stories]]
title = {{en = "A hand-written story", ru = "Рассказ"}}
author = "Ana"
file = {{en = "story.md", ru = "story.ru.wiki"}}
summary = "The **short** version <b>with raw HTML</b>."

[[sections]]
name = {{en = "Numbers", ru = "Цифры"}}
[[sections.stories]]
campaign = "campaign.toml"
template = {{en = "drive.en.wiki", ru = "drive.ru.wiki"}}
author = "Besa"
map = true
"""
    path = folder / "issue.toml"
    path.write_text(issue, encoding="utf-8")
    return path


def test_newsletter_is_published_and_announced_once(tmp_path, wiki_a):
    suffix = secrets.token_hex(3)
    app, password = f"news{suffix}", secrets.token_hex(16)
    wiki_a.maintenance("createBotPassword", "--appid", app, "--grants", GRANTS, ADMIN_USER, password)
    ana, besa, cene = (f"News {who} {suffix}" for who in ("Ana", "Besa", "Cene"))
    for user in (ana, besa):
        wiki_a.create_user(user).edit(
            f"Newsletter article {user}", "Words for the newsletter.<ref>A source.</ref>"
        )
    wiki_a.create_user(cene)
    admin = wiki_a.admin()
    admin.edit(f"User talk:{besa}", "== Welcome ==\nWelcome to the wiki!")
    subscribers = [f"User talk:{ana}", f"User talk:{besa}", f"User talk:{cene}"]
    admin.edit(
        LIST_PAGE,
        "Subscribers of the [[Test Newsletter]]:\n"
        f"{{{{target|page={subscribers[0]}}}}}\n* [[{subscribers[1]}]]\n* [[{subscribers[2]}|{cene}]]\n"
        f"{{{{target|page=User talk:Elsewhere|site=other.wiki.test}}}}\n",
    )
    base_page = f"Test Newsletter/2024-03 {suffix}"
    issue = write_issue(tmp_path / "issue", wiki_a, base_page, [ana, besa])
    base = dict(
        os.environ,
        WIKITALLY_DB=str(tmp_path / "news.sqlite3"),
        WIKITALLY_CONTACT="tests@wikitally.invalid",
        WIKITALLY_WIKIDATA_API="off",
    )
    for name in (ENV_USER, ENV_PASSWORD):
        base.pop(name, None)
    env = dict(base, **{ENV_USER: f"{ADMIN_USER}@{app}", ENV_PASSWORD: password})

    # Nothing collected yet: one line, exit 2, nothing written.
    early = wikitally("newsletter", str(issue), env=base)
    assert early.returncode == 2 and "run `wikitally collect" in early.stderr, early.stderr
    collected = wikitally("collect", str(issue.parent / "campaign.toml"), "-q", env=base)
    assert collected.returncode == 0, collected.stderr

    pages = {"en": base_page, "ru": f"{base_page}/ru"}
    out = tmp_path / "out"
    first = wikitally(
        "newsletter", str(issue), "--out", str(out), "--publish", "--deliver", LIST_PAGE, env=env
    )
    assert first.returncode == 0, first.stdout + first.stderr
    lines = first.stdout.splitlines()
    for title in pages.values():
        assert any(line.startswith(f"{title}: created (revision ") for line in lines), first.stdout
    for talk in subscribers:
        assert any(line.startswith(f"{talk}: posted (revision ") for line in lines), first.stdout
    assert "pages: 2 created, 0 updated, 0 unchanged, 0 failed" in first.stderr
    assert "announcement: 3 posted, 0 already announced, 0 failed" in first.stderr
    assert "User talk:Elsewhere is on other.wiki.test" in first.stderr

    for language, title in pages.items():
        saved = revisions(wiki_a, title)
        assert len(saved) == 1
        assert (
            saved[0]["slots"]["main"]["content"]
            == (out / f"{language}.wiki").read_text(encoding="utf-8").rstrip()
        )
        parsed = wiki_a.api_get(
            action="parse", page=title, prop=["text", "categories", "templates", "sections"]
        )
        html = parsed["parse"]["text"]
        assert 'class="error"' not in html
        assert html.count('<div class="mw-collapsible mw-collapsed" data-expandtext="') == 2
        assert parsed["parse"]["categories"] == [] and parsed["parse"]["templates"] == []
        assert "<script" not in html
        if language == "en":  # the Markdown story's raw HTML, shown as text
            assert (
                "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "&lt;b&gt;with raw HTML&lt;/b&gt;" in html
            )
        assert (out / f"{language}.html").read_text(encoding="utf-8").count("<details>") == 2
        sections = [s["line"] for s in parsed["parse"]["sections"]]
        assert len(sections) == 5  # editorial, 2 sections, 2 stories
    ru_html = wiki_a.api_get(action="parse", page=pages["ru"], prop="text")["parse"]["text"]
    assert "читать полностью…" in ru_html and f'title="{base_page}"' in ru_html  # the switcher's link

    mark = marker(load_issue(issue))
    for talk in subscribers:
        text = revisions(wiki_a, talk)[0]["slots"]["main"]["content"]
        assert text.count(mark) == 1 and f"[[:{base_page}]]" in text
        assert "A new issue of Test Newsletter is out" in text
    assert revisions(wiki_a, subscribers[1])[0]["slots"]["main"]["content"].startswith("== Welcome ==")

    def latest() -> dict[str, int]:
        titles = [*pages.values(), *subscribers, LIST_PAGE]
        return {title: revisions(wiki_a, title)[0]["revid"] for title in titles}

    before = latest()
    again = wikitally("newsletter", str(issue), "--publish", "--deliver", LIST_PAGE, env=env)
    assert again.returncode == 0, again.stdout + again.stderr
    assert "pages: 0 created, 0 updated, 2 unchanged, 0 failed" in again.stderr
    assert "announcement: 0 posted, 3 already announced, 0 failed" in again.stderr
    assert latest() == before

    dry = wikitally("newsletter", str(issue), "--deliver", LIST_PAGE, env=base)  # no credentials needed
    assert dry.returncode == 0, dry.stderr
    assert "dry run: 0 to create, 0 to update, 2 unchanged" in dry.stderr
    assert "dry run: 0 to post, 3 already announced" in dry.stderr
    assert "nothing was changed on the wiki" in dry.stderr
    assert latest() == before


# -- never overwrite a person's edit -------------------------------------------------------------------


def write_plain_issue(folder: Path, wiki: LocalWiki, base_page: str) -> Path:
    """An issue of editorials only (nothing to collect), in English and Russian."""
    folder.mkdir()
    (folder / "editorial.md").write_text("Dear readers, this is the March issue.\n", encoding="utf-8")
    (folder / "editorial.ru.md").write_text(
        "Дорогие читатели, это мартовский выпуск.\n\nВторой абзац.\n", encoding="utf-8"
    )
    path = folder / "issue.toml"
    path.write_text(
        f'title = {{en = "Test Newsletter", ru = "Тестовая рассылка"}}\nvolume = 1\nissue = 4\n'
        f'month = "2024-04"\nlanguages = ["en", "ru"]\nbase_page = "{base_page}"\nwiki = "{wiki.domain}"\n'
        f'api = "{wiki.api}"\neditorial = {{en = "editorial.md", ru = "editorial.ru.md"}}\n',
        encoding="utf-8",
    )
    return path


def publishing_env(tmp_path: Path, wiki: LocalWiki) -> tuple[dict[str, str], dict[str, str]]:
    """(without credentials, with a bot password of Admin's) sharing one store."""
    suffix = secrets.token_hex(3)
    app, password = f"keep{suffix}", secrets.token_hex(16)
    wiki.maintenance("createBotPassword", "--appid", app, "--grants", GRANTS, ADMIN_USER, password)
    base = dict(
        os.environ,
        WIKITALLY_DB=str(tmp_path / "news.sqlite3"),
        WIKITALLY_CONTACT="tests@wikitally.invalid",
        WIKITALLY_WIKIDATA_API="off",
    )
    for name in (ENV_USER, ENV_PASSWORD):
        base.pop(name, None)
    return base, dict(base, **{ENV_USER: f"{ADMIN_USER}@{app}", ENV_PASSWORD: password})


def test_a_translators_edit_is_never_overwritten(tmp_path, wiki_a):
    base, env = publishing_env(tmp_path, wiki_a)
    suffix = secrets.token_hex(3)
    translator = f"Translator Ольга {suffix}"
    base_page = f"Test Newsletter/2024-04 {suffix}"
    ru = f"{base_page}/ru"
    issue = write_plain_issue(tmp_path / "issue", wiki_a, base_page)
    first = wikitally("newsletter", str(issue), "--publish", env=env)
    assert first.returncode == 0, first.stdout + first.stderr
    ours = revisions(wiki_a, ru)[0]["revid"]
    store = open_store(base["WIKITALLY_DB"])
    assert store.publication(wiki_a.api, ru) == Publication(
        ours, ADMIN_USER, store.publication(wiki_a.api, ru).saved_at
    )

    # A translator fixes the Russian page on the wiki; the organizer changes the English editorial.
    fixed = revisions(wiki_a, ru)[0]["slots"]["main"]["content"].replace(
        "Второй абзац.", "Второй абзац, исправленный переводчиком."
    )
    theirs = wiki_a.create_user(translator).edit(ru, fixed, "typo")
    (issue.parent / "editorial.md").write_text("Dear readers, this is the April issue.\n", encoding="utf-8")
    diff_link = f"{wiki_a.api.removesuffix('api.php')}index.php?diff={theirs}&oldid={ours}"

    dry = wikitally("newsletter", str(issue), env=base)
    assert dry.returncode == 1, dry.stdout + dry.stderr
    assert (
        f"{ru}: would refuse: edited by {translator} since wikitally's revision {ours}; see {diff_link}"
        in (dry.stdout)
    )
    assert "-Второй абзац, исправленный переводчиком." in dry.stdout
    assert "+Второй абзац." in dry.stdout
    assert f"--- would update {base_page} ---" in dry.stdout
    assert "-Dear readers, this is the March issue." in dry.stdout
    assert "+Dear readers, this is the April issue." in dry.stdout
    assert "1 page would be refused: edited by someone else" in dry.stderr

    again = wikitally("newsletter", str(issue), "--publish", env=env)
    assert again.returncode == 1, again.stdout + again.stderr
    lines = again.stdout.splitlines()
    assert (
        f"{ru}: refused: edited by {translator} since wikitally's revision {ours}; see {diff_link}" in lines
    )
    assert any(line.startswith(f"{base_page}: updated (revision ") for line in lines), again.stdout
    assert "pages: 0 created, 1 updated, 0 unchanged, 0 failed" in again.stderr
    assert "1 page refused: edited by someone else" in again.stderr
    assert "--overwrite-others" in again.stderr
    kept = revisions(wiki_a, ru)
    assert kept[0]["revid"] == theirs
    assert "исправленный переводчиком" in kept[0]["slots"]["main"]["content"]

    over = wikitally("newsletter", str(issue), "--publish", "--overwrite-others", env=env)
    assert over.returncode == 0, over.stdout + over.stderr
    assert f"{ru}: updated (revision {revisions(wiki_a, ru)[0]['revid']}) over edits by {translator}" in (
        over.stdout.splitlines()
    )
    assert "исправленный переводчиком" not in revisions(wiki_a, ru)[0]["slots"]["main"]["content"]
    assert store.publication(wiki_a.api, ru).rev_id == revisions(wiki_a, ru)[0]["revid"]  # recorded again

    # No edit by anyone else since: unchanged, then a change of wikitally's own is published normally.
    same = wikitally("newsletter", str(issue), "--publish", env=env)
    assert same.returncode == 0 and "0 updated, 2 unchanged, 0 failed" in same.stderr, same.stderr
    (issue.parent / "editorial.ru.md").write_text(
        "Дорогие читатели, это апрельский выпуск.\n", encoding="utf-8"
    )
    third = wikitally("newsletter", str(issue), "--publish", env=env)
    assert third.returncode == 0, third.stdout + third.stderr
    assert f"{ru}: updated (revision {revisions(wiki_a, ru)[0]['revid']})" in third.stdout.splitlines()
    assert "апрельский" in revisions(wiki_a, ru)[0]["slots"]["main"]["content"]


def test_a_page_a_person_made_is_not_replaced(tmp_path, wiki_a):
    base, env = publishing_env(tmp_path, wiki_a)
    suffix = secrets.token_hex(3)
    author = f"Page author {suffix}"
    base_page = f"Test Newsletter/2024-04 by hand {suffix}"
    ru = f"{base_page}/ru"
    theirs = wiki_a.create_user(author).edit(ru, "Выпуск, переведённый вручную.")
    issue = write_plain_issue(tmp_path / "issue", wiki_a, base_page)
    history = f"{wiki_a.api.removesuffix('api.php')}index.php?title={ru.replace(' ', '_')}&action=history"

    dry = wikitally("newsletter", str(issue), env=base)
    assert dry.returncode == 1, dry.stdout + dry.stderr
    assert (
        f"{ru}: would refuse: edited by {author} and wikitally has no record of publishing it" in dry.stdout
    )
    assert "-Выпуск, переведённый вручную." in dry.stdout
    published = wikitally("newsletter", str(issue), "--publish", env=env)

    assert published.returncode == 1, published.stdout + published.stderr
    assert (
        f"{ru}: refused: edited by {author} and wikitally has no record of publishing it; see {history}"
        in published.stdout.splitlines()
    )
    assert any(line.startswith(f"{base_page}: created (revision ") for line in published.stdout.splitlines())
    assert [r["revid"] for r in revisions(wiki_a, ru)] == [theirs]


def page_session(wiki: LocalWiki, transport: httpx.BaseTransport | None = None) -> PageSession:
    """A logged-in-on-demand PageSession of a new bot password of Admin's."""
    suffix = secrets.token_hex(3)
    app, password = f"pages{suffix}", secrets.token_hex(16)
    wiki.maintenance("createBotPassword", "--appid", app, "--grants", GRANTS, ADMIN_USER, password)
    bot = BotPassword(f"{ADMIN_USER}@{app}", password)
    return PageSession(
        wiki.api,
        bot,
        contact="tests@wikitally.invalid",
        edit_interval_s=0,
        transport=transport,
        sleep=lambda _: None,
    )


def test_an_edit_between_the_check_and_the_save_is_an_edit_conflict(tmp_path, wiki_a):
    """baserevid: the revision checked is the one the save is based on, so a later edit isn't lost."""
    store = open_store(str(tmp_path / "store.sqlite3"))
    title = f"Test Newsletter/race {secrets.token_hex(3)}"
    ours = wiki_a.admin().edit(title, "Line one.")
    store.record_publication(wiki_a.api, title, ours, ADMIN_USER, datetime.now(UTC))

    with page_session(wiki_a) as session:
        current = session.read_pages([title])[title]
        theirs = wiki_a.create_user(f"Fast editor {secrets.token_hex(3)}").edit(title, "Line one, improved.")
        outcome = PageWriter(session, store, lambda: datetime.now(UTC)).write(
            current, "Line one, rewritten by wikitally.", "test", dry_run=False
        )

    assert outcome.status == "failed" and outcome.reason.startswith("editconflict"), outcome
    assert revisions(wiki_a, title)[0]["revid"] == theirs
    assert store.publication(wiki_a.api, title).rev_id == ours


class LosingFirstEdit(httpx.BaseTransport):
    """The real wiki, except that the answer to the first edit is lost after the wiki saved it."""

    def __init__(self) -> None:
        self.real = httpx.HTTPTransport()
        self.lost = 0

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = self.real.handle_request(request)
        if request.method == "POST" and b"action=edit" in request.read() and not self.lost:
            response.read()
            self.lost += 1
            raise httpx.ReadTimeout("the answer was lost", request=request)
        return response


def test_a_save_whose_answer_was_lost_is_recorded_with_its_revision(tmp_path, wiki_a):
    store = open_store(str(tmp_path / "store.sqlite3"))
    title = f"Test Newsletter/lost {secrets.token_hex(3)}"
    ours = wiki_a.admin().edit(title, "Line one.")
    store.record_publication(wiki_a.api, title, ours, ADMIN_USER, datetime.now(UTC))
    transport = LosingFirstEdit()

    with page_session(wiki_a, transport) as session:
        current = session.read_pages([title])[title]
        outcome = PageWriter(session, store, lambda: datetime.now(UTC)).write(
            current, "Line two.", "test", dry_run=False
        )

    saved = revisions(wiki_a, title)
    assert transport.lost == 1
    assert [r["slots"]["main"]["content"] for r in saved] == ["Line two.", "Line one."]  # saved once
    assert outcome.status == "updated" and outcome.rev_id == saved[0]["revid"], outcome
    assert store.publication(wiki_a.api, title).rev_id == saved[0]["revid"]


def test_a_newsletter_page_over_the_wikis_limit_is_saved_as_subpages(tmp_path, wiki_a):
    """Saved by the real wiki under its own maxarticlesize: the page, each story's subpage, the map's parts;
    every relative link from the page to its subpages is a link to a saved page."""

    from wikitally.newsletter import render
    from wikitally.reports.data import ArticleRow, Point, ReportData
    from wikitally.reports.i18n import translator
    from wikitally.services import newsletter

    suffix = secrets.token_hex(3)
    path = write_issue(tmp_path / "big", wiki_a, f"Project:Big newsletter {suffix}", ["Nobody Here"])
    issue = load_issue(path)
    story = next(issue.generated_stories())
    rows = tuple(
        ArticleRow(
            wiki=wiki_a.domain, title=f"Fshati {i}", status="created", edits=1, bytes_added=10, words_added=5,
            references_added=0, url=f"https://{wiki_a.domain}/wiki/Fshati_{i}",
            point=Point(40 + (i % 300) / 100, 19 + (i % 250) / 100),
        )
        for i in range(10_000)
    )  # fmt: skip
    outcome = {
        "campaign": {"name": story.campaign.name, "start": "2024-03-08T09:00:00+01:00",
                     "end": "2024-03-15T23:59:59+01:00", "wikis": [wiki_a.domain]},
        "totals": dict.fromkeys(("participants", "new_editors", "edits", "edits_reverted", "articles_created",
                                 "articles_improved", "articles_edited", "bytes_added", "words_added",
                                 "references_added", "references_removed", "uploads", "uploads_in_use"), 1),
        "by_wiki": {}, "by_participant": [{"user": "Ana"}], "articles": [], "uploads": [],
    }  # fmt: skip
    data = {story.key: ReportData(outcome, rows, ())}
    with newsletter.IssueSession(issue.api_url, None, contact="tests@wikitally.invalid") as session:
        limit = session.max_page_bytes()
    assert len(render.wikitext_page(issue, data, translator("en")).encode()) > limit
    pages = newsletter.compose(issue, data, limit)
    assert {p.subpage for p in pages if p.language == "en"} >= {None, "1", "2", "2/Map 1"}
    admin = wiki_a.admin()
    for page in pages:
        assert len(page.text.encode()) <= limit
        admin.edit(page.title, page.text, summary=page.summary)  # MediaWiki refuses a page over its limit
    for page in pages:
        links = wiki_a.api_get(action="parse", page=page.title, prop=["links"])["parse"]["links"]
        children = [p for p in pages if p.subpage and p.title.rsplit("/", 1)[0] == page.title]
        linked = {link["title"].split(":", 1)[1]: "exists" in link for link in links}
        for child in children:
            assert linked[child.title.split(":", 1)[1]], child.title  # a blue link to the saved subpage
