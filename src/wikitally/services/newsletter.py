"""Use-case: a newsletter issue — its generated stories' numbers from the store, one wiki page per language
(and files), the pages published, the announcement delivered to the subscribers' talk pages.

Dry run by default. Publishing is idempotent: a page whose current text is what would be written (as
MediaWiki would save it: NFC, trailing whitespace trimmed, pre-save transform applied) is left alone, so a
second run makes no edit, not even a null edit. Delivery is idempotent as thanks are: every announcement
ends with a hidden marker of the issue, and a talk page that holds it gets nothing.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Literal

from wikitally.errors import SourceError, UsageError
from wikitally.newsletter import render
from wikitally.newsletter.issue_file import IssueFileError
from wikitally.newsletter.model import Issue
from wikitally.publish.session import (
    EditRefused,
    WriteSession,
    multi_value,
)
from wikitally.reports.data import ReportData
from wikitally.reports.i18n import translator
from wikitally.services import publishing, thanks
from wikitally.services.collection import SessionFactory
from wikitally.store import Store

log = logging.getLogger(__name__)

MASSMESSAGE_LIST_MODEL = "MassMessageListContent"
PageStatus = Literal["created", "updated", "unchanged", "would-create", "would-update", "failed"]


@dataclass(frozen=True)
class Page:
    language: str
    title: str
    text: str  # the wikitext to save
    summary: str  # the edit summary


@dataclass(frozen=True)
class PageResult:
    page: Page
    status: PageStatus
    reason: str = ""  # why it failed
    rev_id: int | None = None  # the new revision; None when nothing was saved or its answer was lost


@dataclass(frozen=True)
class CurrentPage:
    title: str  # as MediaWiki normalised it
    text: str | None = None  # None: the page doesn't exist
    rev_id: int | None = None
    model: str = "wikitext"
    problem: str = ""  # why it can't be written; "" when it can


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


def compose(issue: Issue, data: Mapping[str, ReportData]) -> list[Page]:
    """One page per language, the source language's first."""
    pages = []
    for language in issue.languages:
        t = translator(language)
        text = render.wikitext_page(issue, data, t)
        summary = thanks.summary_text(render.page_summary(issue, t))
        pages.append(Page(language, issue.page(language), text, summary))
    return pages


def write_files(
    issue: Issue, data: Mapping[str, ReportData], pages: Sequence[Page], out_dir: Path
) -> list[Path]:
    """LANG.wiki (the page's wikitext) and LANG.html (the HTML page) for every language."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for page in pages:
        wiki = out_dir / f"{page.language}.wiki"
        wiki.write_text(page.text, encoding="utf-8")
        html = out_dir / render.html_file_name(page.language)
        html.write_text(render.html_page(issue, data, translator(page.language)), encoding="utf-8")
        written += [wiki, html]
    return written


# -- the session -----------------------------------------------------------------------------------------


class IssueSession(WriteSession):
    """A WriteSession that can also read and replace whole pages. (Whole-page edits belong in
    publish/session.py, next to new_section and sharing its loop; this subclass stands in for them.)"""

    def read_pages(self, titles: Iterable[str]) -> dict[str, CurrentPage]:
        """The current text of each title (redirects not followed), keyed by the title as given."""
        wanted = list(dict.fromkeys(titles))
        out: dict[str, CurrentPage] = {}
        for start in range(0, len(wanted), 50):
            out.update(self._read_batch(wanted[start : start + 50]))
        return out

    def _read_batch(self, titles: Sequence[str]) -> dict[str, CurrentPage]:
        normalized: dict[str, str] = {}
        pages: dict[str, dict[str, Any]] = {}
        params = {
            "prop": "revisions",
            "rvprop": "ids|content",
            "rvslots": "main",
            "titles": multi_value(titles),
        }
        for data in self.reader.query_all(params):
            query = data.get("query") or {}
            for n in query.get("normalized") or ():
                normalized[n["from"]] = n["to"]
            for page in query.get("pages") or ():
                pages[page["title"]] = page
        out: dict[str, CurrentPage] = {}
        for given in titles:
            name = normalized.get(given, given)
            page = pages.get(name)
            if page is None:
                raise SourceError(f"{self.api_url}: malformed answer (no page for {given!r})")
            if page.get("invalid"):
                out[given] = CurrentPage(name, problem=page.get("invalidreason") or "not a valid title")
                continue
            if page.get("missing"):
                out[given] = CurrentPage(name)
                continue
            revision = (page.get("revisions") or [{}])[0]
            slot = revision.get("slots", {}).get("main", {})
            content = slot.get("content")
            if not isinstance(content, str):
                out[given] = CurrentPage(name, problem="its current text can't be read")
                continue
            model = str(slot.get("contentmodel", "wikitext"))
            out[given] = CurrentPage(name, content, revision.get("revid"), model)
        return out

    def pre_save_transform(self, title: str, text: str) -> str:
        """`text` as MediaWiki would save it on `title` (signatures, subst:, the pipe trick, trimming)."""
        answer = self._query_or_fail(
            "POST",
            {"action": "parse", "title": title, "text": text, "contentmodel": "wikitext", "onlypst": "1"},
        )
        parsed = answer.get("parse")
        if not isinstance(parsed, dict) or not isinstance(parsed.get("text"), str):
            raise SourceError(f"{self.api_url}: malformed answer (no pre-save transform)")
        return str(parsed["text"])

    def save_page(
        self, title: str, text: str, summary: str, base_rev_id: int | None
    ) -> tuple[bool, int | None]:
        """Replace `title`'s text; see WriteSession.edit_page."""
        return self.edit_page(title, text, summary, base_rev_id, saved=lambda: self._holds(title, text))

    def _holds(self, title: str, text: str) -> bool:
        current = self.read_pages([title])[title].text
        return current is not None and current.rstrip() == text.rstrip()

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
    dry_run: bool = True,
    on_result: Callable[[PageResult], None] | None = None,
) -> list[PageResult]:
    """Write each page unless it already says what it would say. The pages are read first (read-only);
    a dry run stops there and writes nothing."""
    current = session.read_pages([p.title for p in pages])
    results = []
    for page in pages:
        result = _publish_one(page, current[page.title], session, dry_run)
        results.append(result)
        if on_result is not None:
            on_result(result)
    return results


def _publish_one(page: Page, current: CurrentPage, session: IssueSession, dry_run: bool) -> PageResult:
    if current.problem:
        return PageResult(page, "failed", current.problem)
    if current.text is not None and current.model != "wikitext":
        return PageResult(page, "failed", f"the page is not wikitext ({current.model})")
    if current.text is not None and _unchanged(page, current, session):
        return PageResult(page, "unchanged")
    create = current.text is None
    if dry_run:
        return PageResult(page, "would-create" if create else "would-update")
    try:
        saved, rev_id = session.save_page(current.title, page.text, page.summary, current.rev_id)
    except EditRefused as e:
        return PageResult(page, "failed", str(e))
    if not saved:
        return PageResult(page, "unchanged")
    return PageResult(page, "created" if create else "updated", rev_id=rev_id)


def _unchanged(page: Page, current: CurrentPage, session: IssueSession) -> bool:
    now = (current.text or "").rstrip()
    if now == page.text.rstrip():
        return True
    return session.pre_save_transform(current.title, page.text).rstrip() == now


# -- delivery --------------------------------------------------------------------------------------------

_COMMENTS = re.compile(r"<!--.*?(?:-->|$)|<nowiki>.*?(?:</nowiki>|$)", re.DOTALL | re.IGNORECASE)
_TARGET_OR_LINK = re.compile(
    r"\{\{\s*[Tt]arget\s*\|(?P<params>[^{}]*)\}\}"
    r"|\[\[\s*:?(?P<link>[^\[\]{}|#<>]+?)\s*(?:#[^\[\]|]*)?(?:\|[^\[\]]*)?\]\]"
)


def subscribers(
    text: str, model: str, namespaces: Mapping[str, int], wiki: str
) -> tuple[list[str], list[str]]:
    """The talk pages a delivery list names, in order, and notes on those left out (on another wiki).

    Wikitext lists: MassMessage's `{{target|page=TITLE}}` (any page; `site=` another wiki is left out) and
    plain `[[TITLE]]` links to pages in a talk namespace (other links, e.g. to the newsletter, are not
    subscribers). Comments and <nowiki> are skipped. MassMessage's JSON lists (content model
    MassMessageListContent): their `targets`."""
    found: list[tuple[str, str]] = []  # (title, site)
    if model == MASSMESSAGE_LIST_MODEL:
        try:
            targets = json.loads(text).get("targets") or []
        except (ValueError, AttributeError):
            targets = []
        found = [
            (str(item.get("title", "")), str(item.get("site", "")))
            for item in targets
            if isinstance(item, dict)
        ]
    else:
        for m in _TARGET_OR_LINK.finditer(_COMMENTS.sub("", text)):
            if m.group("params") is not None:
                params = dict(_param(p) for p in m.group("params").split("|"))
                found.append((params.get("page", ""), params.get("site", "")))
            elif _is_talk(m.group("link"), namespaces):
                found.append((m.group("link"), ""))
    pages: list[str] = []
    notes: list[str] = []
    for title, site in found:
        title = " ".join(title.replace("_", " ").split())
        if not title:
            continue
        if site.strip() and site.strip().lower() != wiki:
            notes.append(f"{title} is on {site.strip()}: wikitally delivers on {wiki} only")
        elif title not in pages:
            pages.append(title)
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
) -> Delivery:
    """Announce the issue (in its source language) as a new section on every talk page `list_page` names,
    unless the page holds the issue's marker already. UsageError (exit 2) when the list page is missing or
    names no talk page."""
    listing = session.read_pages([list_page])[list_page]
    if listing.problem:
        raise UsageError(f"--deliver {list_page}: {listing.problem}")
    if listing.text is None:
        raise UsageError(
            f"--deliver {list_page}: no such page on {issue.wiki}; give the delivery list's title"
        )
    namespaces = session.namespaces() if listing.model != MASSMESSAGE_LIST_MODEL else {}
    pages, notes = subscribers(listing.text, listing.model, namespaces, issue.wiki)
    if not pages and not notes:
        raise UsageError(
            f"--deliver {list_page}: the page lists no talk page; "
            "list them as {{target|page=User talk:NAME}} or [[User talk:NAME]]"
        )
    a = render.announcement(issue, translator(issue.source_language))
    summary = thanks.summary_text(a.summary)
    messages = [thanks.Message(page, page, a.heading, a.text, summary, a.marker) for page in pages]
    return Delivery(thanks.post(messages, session, dry_run=dry_run, on_result=on_result), notes)
