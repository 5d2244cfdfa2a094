"""Use-case: a newsletter issue — its generated stories' numbers from the store, one wiki page per language
(and files), the pages published, the announcement delivered to the subscribers' talk pages.

Dry run by default. Publishing is idempotent: a page whose current text is what would be written (as
MediaWiki would save it: NFC, trailing whitespace trimmed, pre-save transform applied) is left alone, so a
second run makes no edit, not even a null edit. A page someone else edited since wikitally published it is
refused, not overwritten (publish/pages.py), unless overwrite_others. Delivery is idempotent as thanks are:
every announcement ends with a hidden marker of the issue, and a talk page that holds it gets nothing.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from wikitally.errors import UsageError
from wikitally.newsletter import render
from wikitally.newsletter.issue_file import IssueFileError
from wikitally.newsletter.model import Issue
from wikitally.publish.pages import Conflict, Ledger, PageSession, PageWriter, Status
from wikitally.reports.data import ReportData
from wikitally.reports.i18n import translator
from wikitally.reports.wikitext import WIKIMEDIA_MAX_PAGE_KIB
from wikitally.services import publishing, thanks
from wikitally.services.collection import SessionFactory
from wikitally.store import Store

log = logging.getLogger(__name__)

WIKIMEDIA_MAX_PAGE_BYTES = WIKIMEDIA_MAX_PAGE_KIB * 1024
MASSMESSAGE_LIST_MODEL = "MassMessageListContent"
PageStatus = Status


@dataclass(frozen=True)
class Page:
    language: str
    title: str
    text: str  # the wikitext to save
    summary: str  # the edit summary
    subpage: str | None = None  # None: the language's page; else the part of it at title = PAGE/subpage


@dataclass(frozen=True)
class PageResult:
    page: Page
    status: PageStatus
    reason: str = ""  # why it failed, or why it was refused
    rev_id: int | None = None  # the new revision; None when nothing was saved
    conflict: Conflict | None = None  # edits by someone else: why it was refused, or what was overwritten
    diff: str = ""  # dry run: the page's current text against the text to write (cut short)


@dataclass(frozen=True)
class Delivery:
    results: list[thanks.Result]
    skipped: list[str]  # notes: listed targets wikitally doesn't deliver to (another wiki)


# -- composing -----------------------------------------------------------------------------------------


def report_data(
    issue: Issue, store: Store, now: datetime, sessions: SessionFactory | None = None
) -> tuple[dict[str, ReportData], list[str]]:
    """Each generated story's ReportData by campaign key, and notes for the user. A campaign with nothing
    collected is an IssueFileError (exit 2). With `sessions`, the articles of stories with a map are
    located first (cached: only new articles are asked about)."""
    stories = list(issue.generated_stories())
    for story in stories:
        if store.last_collected(story.campaign) is None:
            raise IssueFileError(
                issue.source,
                f"{story.where}.campaign",
                f"nothing collected yet for {story.campaign.name!r}",
                f"run `wikitally collect {story.campaign_file}`",
            )
    notes: list[str] = []
    if sessions is not None:
        mapped = {story.key: story.campaign for story in stories if story.map}
        for campaign in mapped.values():
            notes += publishing.locate_articles(campaign, store, sessions, now)
    campaigns = {story.key: story.campaign for story in stories}
    return {key: publishing.report_data(campaign, store, now) for key, campaign in campaigns.items()}, notes


def compose(
    issue: Issue, data: Mapping[str, ReportData], max_page_bytes: int = WIKIMEDIA_MAX_PAGE_BYTES
) -> list[Page]:
    """One page per language, the source language's first; a page over the wiki's size limit comes with
    the subpages its stories' full parts moved to (render.wikitext_pages), right after it."""
    pages = []
    for language in issue.languages:
        t = translator(language)
        summary = thanks.summary_text(render.page_summary(issue, t))
        for subpage, text in render.wikitext_pages(issue, data, t, max_page_bytes):
            title = issue.page(language) if subpage is None else f"{issue.page(language)}/{subpage}"
            pages.append(Page(language, title, text, summary, subpage))
    return pages


def write_files(
    issue: Issue, data: Mapping[str, ReportData], pages: Sequence[Page], out_dir: Path
) -> list[Path]:
    """LANG.wiki (the page's wikitext) and LANG.html (the HTML page) for every language."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for page in pages:
        # a subpage's file: LANG.SUBPAGE.wiki ("/" as "."), next to its page's
        name = page.language if page.subpage is None else f"{page.language}.{page.subpage.replace('/', '.')}"
        wiki = out_dir / f"{name.replace(' ', '_')}.wiki"
        wiki.write_text(page.text, encoding="utf-8")
        written.append(wiki)
        if page.subpage is None:
            html = out_dir / render.html_file_name(page.language)
            html.write_text(render.html_page(issue, data, translator(page.language)), encoding="utf-8")
            written.append(html)
    return written


# -- the session -----------------------------------------------------------------------------------------


class IssueSession(PageSession):
    """A PageSession that also knows the wiki's namespaces (to read delivery lists) and page size limit."""

    def max_page_bytes(self) -> int:
        """The wiki's $wgMaxArticleSize in bytes (siteinfo general's maxarticlesize), Wikimedia's when the
        wiki doesn't say."""
        general = self.reader.get({"meta": "siteinfo", "siprop": "general"}).get("query", {}).get("general")
        size = general.get("maxarticlesize") if isinstance(general, dict) else None
        return (
            size
            if isinstance(size, int) and not isinstance(size, bool) and size > 0
            else WIKIMEDIA_MAX_PAGE_BYTES
        )

    def namespaces(self) -> dict[str, int]:
        """Every namespace name, canonical name and alias (lower case, spaces) → its number."""
        query = self.reader.get({"meta": "siteinfo", "siprop": "namespaces|namespacealiases"}).get(
            "query", {}
        )
        out: dict[str, int] = {}
        for ns in (query.get("namespaces") or {}).values():
            for key in ("name", "canonical"):
                if ns.get(key):
                    out[_ns_key(ns[key])] = int(ns["id"])
        for alias in query.get("namespacealiases") or ():
            out[_ns_key(alias["alias"])] = int(alias["id"])
        return out


def _ns_key(name: str) -> str:
    return " ".join(name.replace("_", " ").split()).lower()


# -- publishing ------------------------------------------------------------------------------------------


def publish(
    pages: Sequence[Page],
    session: IssueSession,
    ledger: Ledger,
    now: Callable[[], datetime],
    dry_run: bool = True,
    overwrite_others: bool = False,
    account: str | None = None,
    on_result: Callable[[PageResult], None] | None = None,
) -> list[PageResult]:
    """Write each page unless it already says what it would say, never over someone else's edit unless
    `overwrite_others` (see publish/pages.py). The pages are read first (read-only); a dry run stops there
    and writes nothing, not even to the ledger."""
    current = session.read_pages([p.title for p in pages])
    writer = PageWriter(session, ledger, now, overwrite_others=overwrite_others, account=account)
    results = []
    for page in pages:
        outcome = writer.write(current[page.title], page.text, page.summary, dry_run)
        result = PageResult(
            page, outcome.status, outcome.reason, outcome.rev_id, outcome.conflict, outcome.diff
        )
        results.append(result)
        if on_result is not None:
            on_result(result)
    return results


# -- delivery --------------------------------------------------------------------------------------------

_COMMENTS = re.compile(r"<!--.*?(?:-->|$)|<nowiki>.*?(?:</nowiki>|$)", re.DOTALL | re.IGNORECASE)
_TARGET_OR_LINK = re.compile(
    r"\{\{\s*[Tt]arget\s*\|(?P<params>[^{}]*)\}\}"
    r"|\[\[\s*:?(?P<link>[^\[\]{}|#<>]+?)\s*(?:#[^\[\]|]*)?(?:\|[^\[\]]*)?\]\]"
)


def subscribers(
    text: str, model: str, namespaces: Mapping[str, int], wiki: str
) -> tuple[list[str], list[str]]:
    """The talk pages a delivery list names and the notes on those left out: see subscriber_list."""
    listed, notes = subscriber_list(text, model, namespaces, wiki)
    return [title for title, _language in listed], notes


def subscriber_list(
    text: str, model: str, namespaces: Mapping[str, int], wiki: str
) -> tuple[list[tuple[str, str | None]], list[str]]:
    """The talk pages a delivery list names, in order, and notes on those left out (on another wiki).

    Wikitext lists: MassMessage's `{{target|page=TITLE}}` (any page; `site=` another wiki is left out) and
    plain `[[TITLE]]` links to pages in a talk namespace (other links, e.g. to the newsletter, are not
    subscribers). Comments and <nowiki> are skipped. MassMessage's JSON lists (content model
    MassMessageListContent): their `targets`."""
    found: list[tuple[str, str, str]] = []  # (title, site, language)
    if model == MASSMESSAGE_LIST_MODEL:
        try:
            targets = json.loads(text).get("targets") or []
        except (ValueError, AttributeError):
            targets = []
        found = [
            (str(item.get("title", "")), str(item.get("site", "")), str(item.get("lang", "")))
            for item in targets
            if isinstance(item, dict)
        ]
    else:
        for m in _TARGET_OR_LINK.finditer(_COMMENTS.sub("", text)):
            if m.group("params") is not None:
                params = dict(_param(p) for p in m.group("params").split("|"))
                found.append((params.get("page", ""), params.get("site", ""), params.get("lang", "")))
            elif _is_talk(m.group("link"), namespaces):
                found.append((m.group("link"), "", ""))
    pages: list[tuple[str, str | None]] = []
    seen: set[str] = set()
    notes: list[str] = []
    for title, site, language in found:
        title = " ".join(title.replace("_", " ").split())
        if not title:
            continue
        if site.strip() and site.strip().lower() != wiki:
            notes.append(f"{title} is on {site.strip()}: wikitally delivers on {wiki} only")
        elif title not in seen:
            seen.add(title)
            pages.append((title, language.strip().lower() or None))
    return pages, notes


def _param(part: str) -> tuple[str, str]:
    key, _, value = part.partition("=")
    return key.strip().lower(), value.strip()


def _is_talk(title: str, namespaces: Mapping[str, int]) -> bool:
    prefix, colon, _ = title.partition(":")
    number = namespaces.get(_ns_key(prefix)) if colon else None
    return number is not None and number > 0 and number % 2 == 1


def deliver(
    issue: Issue,
    list_page: str,
    session: IssueSession,
    dry_run: bool = True,
    on_result: Callable[[thanks.Result], None] | None = None,
    data: Mapping[str, ReportData] | None = None,
) -> Delivery:
    """Announce the issue as a new section on every talk page `list_page` names, unless the page holds the
    issue's marker already: a link to the issue and its story titles (render.announcement), in the
    subscriber's language when the list says it, else the source language. UsageError (exit 2) when the
    list page is missing or names no talk page."""
    listing = session.read_pages([list_page])[list_page]
    if listing.problem:
        raise UsageError(f"--deliver {list_page}: {listing.problem}")
    if listing.text is None:
        raise UsageError(
            f"--deliver {list_page}: no such page on {issue.wiki}; give the delivery list's title"
        )
    namespaces = session.namespaces() if listing.model != MASSMESSAGE_LIST_MODEL else {}
    listed, notes = subscriber_list(listing.text, listing.model, namespaces, issue.wiki)
    if not listed and not notes:
        raise UsageError(
            f"--deliver {list_page}: the page lists no talk page; "
            "list them as {{target|page=User talk:NAME}} or [[User talk:NAME]]"
        )
    messages = []
    for page, language in listed:
        # The subscriber's language when the list says it ({{target|page=…|lang=ru}}, or "lang" in a
        # MassMessage JSON list's target) and the issue is written in it; else the source language.
        code = language if language in issue.languages else issue.source_language
        a = render.announcement(issue, translator(code), data)
        summary = thanks.summary_text(a.summary)
        messages.append(thanks.Message(page, page, a.heading, a.text, summary, a.marker))
    return Delivery(thanks.post(messages, session, dry_run=dry_run, on_result=on_result), notes)
