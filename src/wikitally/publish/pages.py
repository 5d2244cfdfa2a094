"""Whole pages: read, compare and replace — never over an edit someone else made.

wikitally never overwrites a person's edit. Every page it writes whole goes through `PageWriter`: before it
replaces a page, the page's latest revision is compared with the revision wikitally saved there last (kept in
the store per api.php URL and title, `Ledger`). When they differ and a revision since is by anyone but the
publishing account — or there is no record and anyone but that account ever edited the page — the page is
refused with the names of those editors and a diff link, unless the caller says to overwrite others. The
save itself names the revision that was checked (`baserevid`), so an edit landing between the check and the
save is MediaWiki's edit conflict, not an overwrite.
"""

from __future__ import annotations

import difflib
import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal, Protocol
from urllib.parse import quote

from wikitally.errors import SourceError
from wikitally.model import Publication
from wikitally.publish.session import EditRefused, WriteSession, multi_value
from wikitally.usernames import normalize_username

log = logging.getLogger(__name__)

TITLES_PER_REQUEST = 50
HISTORY_LIMIT = 500  # revisions read at most to find who edited a page (newest first)
DIFF_LINES = 40  # a dry run's diff is cut after this many lines
NAMED_EDITORS = 5  # a refusal names at most this many editors ("and N more")
HIDDEN_USER = "(username hidden)"

Status = Literal[
    "created", "updated", "unchanged", "would-create", "would-update", "conflict", "would-conflict", "failed"
]


@dataclass(frozen=True)
class CurrentPage:
    title: str  # as MediaWiki normalised it
    text: str | None = None  # None: the page doesn't exist
    rev_id: int | None = None
    model: str = "wikitext"
    problem: str = ""  # why it can't be written; "" when it can


@dataclass(frozen=True)
class Edit:
    """One revision of a page, as its history lists it."""

    rev_id: int
    user: str  # HIDDEN_USER when suppressed


class Ledger(Protocol):
    """Where wikitally remembers what it wrote (the Store)."""

    def publication(self, api_url: str, title: str) -> Publication | None: ...

    def record_publication(
        self, api_url: str, title: str, rev_id: int, user: str, saved_at: datetime
    ) -> None: ...


# -- the rule (pure) ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Conflict:
    """Someone else edited the page since wikitally's last publication (or, with no record, ever)."""

    editors: tuple[str, ...]  # newest first, each once
    current_rev_id: int
    recorded_rev_id: int | None  # None: no record of a publication by wikitally

    def link(self, api_url: str, title: str) -> str:
        """The diff from wikitally's revision to the current one, or the page's history without a record."""
        index = index_url(api_url)
        if self.recorded_rev_id is not None:
            return f"{index}?diff={self.current_rev_id}&oldid={self.recorded_rev_id}"
        return f"{index}?title={quote(title.replace(' ', '_'), safe='/:')}&action=history"

    def describe(self, api_url: str, title: str) -> str:
        """One line: who, since when, where to look."""
        names = list(self.editors[:NAMED_EDITORS])
        more = len(self.editors) - len(names)
        who = ", ".join(names) + (f" and {more} more" if more else "")
        if self.recorded_rev_id is not None:
            since = f"since wikitally's revision {self.recorded_rev_id}"
        else:
            since = "and wikitally has no record of publishing it"
        return f"edited by {who} {since}; see {self.link(api_url, title)}"


def check(
    recorded: Publication | None, current_rev_id: int | None, history: Sequence[Edit], account: str | None
) -> Conflict | None:
    """None when the page may be replaced; a Conflict when a revision by someone else would be lost.

    `history` is the page's revisions (newest first; those after the recorded one suffice). Edits by
    `account` (the publishing account; None when unknown) or by the account of the recorded publication are
    wikitally's; with neither known, every editor is someone else. A missing page is never a conflict: it
    is created with `createonly`."""
    if current_rev_id is None:
        return None
    if recorded is not None and recorded.rev_id == current_rev_id:
        return None
    ours = {normalize_username(name) for name in (account, recorded.user if recorded else None) if name}
    since = [e for e in history if recorded is None or e.rev_id > recorded.rev_id]
    editors = tuple(dict.fromkeys(e.user for e in since if normalize_username(e.user) not in ours))
    if not editors and (recorded is None or any(e.rev_id == current_rev_id for e in since)):
        return None  # only the publishing account edited it
    if not editors:  # the current revision is not in what we read: don't guess whose it is
        editors = ("unknown users",)
    return Conflict(editors, current_rev_id, recorded.rev_id if recorded else None)


def index_url(api_url: str) -> str:
    """index.php next to api.php (https://meta.wikimedia.org/w/api.php → …/w/index.php)."""
    head, sep, _ = api_url.rpartition("api.php")
    return f"{head}index.php" if sep else api_url.rstrip("/") + "/index.php"


def text_diff(title: str, old: str, new: str, max_lines: int = DIFF_LINES) -> str:
    """A unified diff of the page's current text and the text to write, cut after `max_lines` lines."""
    lines = list(
        difflib.unified_diff(
            old.rstrip().splitlines(),
            new.rstrip().splitlines(),
            f"{title} (now on the wiki)",
            f"{title} (what wikitally would write)",
            lineterm="",
        )
    )
    if len(lines) > max_lines:
        lines = [*lines[:max_lines], f"… {len(lines) - max_lines} more lines"]
    return "\n".join(lines)


# -- reading and writing whole pages --------------------------------------------------------------------


class PageSession(WriteSession):
    """A WriteSession that can also read pages with their histories and replace them whole."""

    def read_pages(self, titles: Iterable[str]) -> dict[str, CurrentPage]:
        """The current text of each title (redirects not followed), keyed by the title as given."""
        wanted = list(dict.fromkeys(titles))
        out: dict[str, CurrentPage] = {}
        for start in range(0, len(wanted), TITLES_PER_REQUEST):
            out.update(self._read_batch(wanted[start : start + TITLES_PER_REQUEST]))
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

    def history(self, title: str, after_rev_id: int | None = None) -> list[Edit]:
        """The page's revisions, newest first: those after `after_rev_id` (and that one), or its whole
        history — at most HISTORY_LIMIT."""
        out: list[Edit] = []
        for edit in self._revisions(title):
            out.append(edit)
            if (after_rev_id is not None and edit.rev_id <= after_rev_id) or len(out) >= HISTORY_LIMIT:
                break
        return out

    def _revisions(self, title: str) -> Iterator[Edit]:
        params = {"prop": "revisions", "rvprop": "ids|user", "rvlimit": "50", "titles": title}
        for data in self.reader.query_all(params):
            for page in (data.get("query") or {}).get("pages") or ():
                for rev in page.get("revisions") or ():
                    user = HIDDEN_USER if rev.get("userhidden") else str(rev.get("user", HIDDEN_USER))
                    yield Edit(int(rev["revid"]), user)

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
        """Replace `title`'s text; see WriteSession.edit_page. A saved edit whose answer was lost has its
        revision read back from the page."""
        changed, rev_id = self.edit_page(
            title, text, summary, base_rev_id, saved=lambda: self._holds(title, text)
        )
        if changed and rev_id is None:
            rev_id = self.read_pages([title])[title].rev_id
        return changed, rev_id

    def _holds(self, title: str, text: str) -> bool:
        current = self.read_pages([title])[title].text
        return current is not None and current.rstrip() == text.rstrip()


@dataclass(frozen=True)
class Outcome:
    status: Status
    reason: str = ""  # why it failed, or the refusal's line
    rev_id: int | None = None  # the new revision; None when nothing was saved
    conflict: Conflict | None = None  # edits by others: the refusal, or what --overwrite-others wrote over
    diff: str = ""  # dry run: the current text against the text to write


class PageWriter:
    """Replaces pages whole under the rule above and records each revision it saves in the ledger.

    `account` is the publishing account when known before logging in (a dry run); once logged in, the
    session's account is used. `now` gives the time recorded with a publication."""

    def __init__(
        self,
        session: PageSession,
        ledger: Ledger,
        now: Callable[[], datetime],
        *,
        overwrite_others: bool = False,
        account: str | None = None,
    ) -> None:
        self.session, self.ledger, self.now = session, ledger, now
        self.overwrite_others = overwrite_others
        self.account = account

    def write(self, current: CurrentPage, text: str, summary: str, dry_run: bool) -> Outcome:
        """Write `text` over the page `current` describes (as read before, by `session.read_pages`)."""
        if current.problem:
            return Outcome("failed", current.problem)
        if current.text is not None and current.model != "wikitext":
            return Outcome("failed", f"the page is not wikitext ({current.model})")
        api_url, title = self.session.api_url, current.title
        if current.text is not None and self._unchanged(current, text):
            if not dry_run:
                self._adopt(current)
            return Outcome("unchanged")
        recorded = self.ledger.publication(api_url, title)
        conflict = self._conflict(current, recorded)
        create = current.text is None
        diff = "" if create or not dry_run else text_diff(title, current.text or "", text)
        if conflict is not None and not self.overwrite_others:
            status: Status = "would-conflict" if dry_run else "conflict"
            return Outcome(status, conflict.describe(api_url, title), conflict=conflict, diff=diff)
        if dry_run:
            return Outcome("would-create" if create else "would-update", conflict=conflict, diff=diff)
        try:
            saved, rev_id = self.session.save_page(title, text, summary, current.rev_id)
        except EditRefused as e:
            return Outcome("failed", str(e))
        if not saved:
            self._adopt(current)
            return Outcome("unchanged")
        if rev_id is not None:
            self.ledger.record_publication(api_url, title, rev_id, self.session.user, self.now())
        return Outcome("created" if create else "updated", rev_id=rev_id, conflict=conflict)

    def _conflict(self, current: CurrentPage, recorded: Publication | None) -> Conflict | None:
        if current.rev_id is None or (recorded is not None and recorded.rev_id == current.rev_id):
            return None
        history = self.session.history(current.title, recorded.rev_id if recorded else None)
        return check(recorded, current.rev_id, history, self.session.user or self.account)

    def _unchanged(self, current: CurrentPage, text: str) -> bool:
        now = (current.text or "").rstrip()
        if now == text.rstrip():
            return True
        return self.session.pre_save_transform(current.title, text).rstrip() == now

    def _adopt(self, current: CurrentPage) -> None:
        """The page already says what wikitally would write: its revision counts as wikitally's."""
        api_url = self.session.api_url
        recorded = self.ledger.publication(api_url, current.title)
        if current.rev_id is not None and (recorded is None or recorded.rev_id != current.rev_id):
            user = self.session.user or self.account or ""
            self.ledger.record_publication(api_url, current.title, current.rev_id, user, self.now())
