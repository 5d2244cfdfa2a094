"""Batched reads of one wiki: each method asks for as many items per request as the API allows."""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar, cast

from wikitally.collect import parse
from wikitally.collect.api import ApiSession
from wikitally.errors import SourceError
from wikitally.model import Account, PageState, Revision, SiteInfo
from wikitally.usernames import normalize_username

BATCH = 50  # ids/titles/users per request for non-bot clients
LIST_LIMIT = 500  # rows per list request for non-bot clients


def chunks(items: Iterable[Any], size: int = BATCH) -> Iterator[list[Any]]:
    batch: list[Any] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


@dataclass(frozen=True)
class LogEntry:
    """A recentchanges log row: enough to tell whether it touches what a campaign tracks."""

    logtype: str
    logaction: str
    title: str
    page_id: int
    user: str
    timestamp: datetime
    comment: str | None
    target_title: str = ""  # moves: the new title


@dataclass(frozen=True)
class Text:
    rev_id: int
    text: str | None  # None: hidden (texthidden) — can't be measured
    page: PageState


@dataclass(frozen=True)
class FileInfo:
    title: str
    first_user: str
    first_timestamp: datetime
    used_in: frozenset[tuple[str, int]]  # (wiki domain, namespace) of pages using it


F = TypeVar("F", bound=Callable[..., Any])


def naming_the_wiki(method: F) -> F:
    """A SourceError raised inside a reader method (a malformed row found by parse, say) names the wiki, as
    every error line does: prefixed with the wiki's domain unless it already starts with it or the API URL."""

    def named(reader: WikiReader, e: SourceError) -> SourceError:
        if str(e).startswith((reader.wiki, reader.session.api_url)):
            return e
        return SourceError(f"{reader.wiki}: {e}", code=e.code)

    if inspect.isgeneratorfunction(method):

        @functools.wraps(method)
        def generator(self: WikiReader, *args: Any, **kwargs: Any) -> Iterator[Any]:
            try:
                yield from method(self, *args, **kwargs)
            except SourceError as e:
                raise named(self, e) from None

        return cast(F, generator)

    @functools.wraps(method)
    def plain(self: WikiReader, *args: Any, **kwargs: Any) -> Any:
        try:
            return method(self, *args, **kwargs)
        except SourceError as e:
            raise named(self, e) from None

    return cast(F, plain)


class WikiReader:
    def __init__(self, session: ApiSession, wiki: str, on_rows: Callable[[int], None] | None = None) -> None:
        self.session = session
        self.wiki = wiki
        self._on_rows = on_rows or (lambda n: None)
        self._carried: tuple[datetime, dict[str, Any]] | None = None  # see siteinfo(changes_since)

    @naming_the_wiki
    def siteinfo(self, changes_since: datetime | None = None) -> tuple[SiteInfo, datetime, int | None]:
        """Namespaces, extensions, the server's clock (this collection's watermark) and the newest
        recent-changes id (the next refresh's high-water mark) — one request.

        With `changes_since` (a refresh), the same request carries the first answer of
        recent_changes(changes_since, None) instead of the newest id, which is then None (ask latest_rcid()
        before a full listing): a refresh of a wiki where nothing happened costs this one request.
        The wiki's statistics bound every listing of this session (ApiSession.bound_listings)."""
        params: dict[str, str | int] = {
            "meta": "siteinfo",
            "siprop": "general|namespaces|namespacealiases|interwikimap|extensions|statistics",
            "curtimestamp": "1",
        }
        if changes_since is None:
            params.update({"list": "recentchanges", "rcprop": "ids", "rclimit": 1})
        else:
            params.update(_changes_params(changes_since, None))
        data = self.session.get(params)
        rows = _list(data, "recentchanges")
        info = parse.siteinfo(self.wiki, data)
        held = _rows_held(data)
        if held is not None:
            self.session.bound_listings(held, LIST_LIMIT)
        now = parse.timestamp(data.get("curtimestamp"))
        if changes_since is not None:
            self._carried = (changes_since, data)
            return info, now, None
        return info, now, parse.required(rows[0], "rcid", int) if rows else 0

    @naming_the_wiki
    def latest_rcid(self) -> int:
        """The newest recent-changes id (0 on a wiki without any)."""
        rows = _list(
            self.session.get({"list": "recentchanges", "rcprop": "ids", "rclimit": 1}), "recentchanges"
        )
        return parse.required(rows[0], "rcid", int) if rows else 0

    @naming_the_wiki
    def contributions(
        self, users: Iterable[str], start: datetime, end: datetime, namespaces: Iterable[int]
    ) -> Iterator[Revision]:
        """Visible revisions of these users in [start, end], on pages now in these namespaces."""
        ns = "|".join(str(n) for n in sorted(namespaces))
        for batch in chunks(sorted(users)):
            params: dict[str, str | int] = {
                "list": "usercontribs",
                "ucuser": "|".join(batch),
                "ucstart": parse.api_timestamp(start),
                "ucend": parse.api_timestamp(end),
                "ucdir": "newer",
                "ucnamespace": ns,
                "ucprop": "ids|title|timestamp|comment|size|sizediff|flags|tags",
                "uclimit": LIST_LIMIT,
            }
            for data in self.session.query_all(params):
                rows = _list(data, "usercontribs")
                self._on_rows(len(rows))
                for row in rows:
                    yield parse.contribution(self.wiki, row)

    @naming_the_wiki
    def recent_changes(
        self, start: datetime, end: datetime | None
    ) -> Iterator[tuple[int, Revision | LogEntry]]:
        """(rcid, change) for edits, page creations and log events in [start, end], oldest first."""
        params = _changes_params(start, end)
        first = None
        if self._carried is not None and end is None and self._carried[0] == start:
            first = self._carried[1]  # read with siteinfo
        self._carried = None
        for data in self.session.query_all(params, first):
            rows = _list(data, "recentchanges")
            self._on_rows(len(rows))
            for row in rows:
                rcid = parse.optional_int(row, "rcid")
                if row.get("type") == "log":
                    yield rcid, _log_entry(row)
                elif row.get("type") in ("edit", "new"):
                    if row.get("userhidden") or "user" not in row:
                        continue  # a hidden author can't be attributed to anyone
                    yield rcid, parse.recent_change(self.wiki, row)

    @naming_the_wiki
    def pages(self, page_ids: Iterable[int]) -> Iterator[PageState]:
        """Current namespace, title and redirect flag; deleted pages come back with exists=False."""
        for batch in chunks(sorted(set(page_ids))):
            data = self.session.get({"prop": "info", "pageids": "|".join(map(str, batch))})
            seen = set()
            for page in pages_of(data):
                state = parse.page_state(self.wiki, page)
                if state is not None:
                    seen.add(state.page_id)
                    yield state
            for missing in set(batch) - seen:
                yield PageState(self.wiki, missing, 0, "", redirect=False, exists=False)

    @naming_the_wiki
    def texts(self, rev_ids: Iterable[int]) -> Iterator[Text]:
        """Wikitext of revisions (with their page's current state); deleted revisions are skipped."""
        for batch in chunks(rev_ids):
            params = {
                "prop": "revisions|info",
                "revids": "|".join(map(str, batch)),
                "rvprop": "ids|content",
                "rvslots": "main",
            }
            for data in self.session.query_all(params):
                for page in pages_of(data):
                    state = parse.page_state(self.wiki, page)
                    if state is None:
                        continue
                    for rev in rows_of(page, "revisions"):
                        yield Text(parse.required(rev, "revid", int), content_of(rev), state)

    @naming_the_wiki
    def accounts(self, users: Iterable[str]) -> Iterator[Account]:
        for batch in chunks(sorted(users)):
            data = self.session.get({"list": "users", "ususers": "|".join(batch), "usprop": "registration"})
            for row in _list(data, "users"):
                yield parse.account(self.wiki, row)

    @naming_the_wiki
    def linked_users(self, title: str) -> list[str]:
        """Users linked from a page ([[User:…]], any alias or language): MediaWiki's own parse decides."""
        users: list[str] = []
        params: dict[str, str | int] = {
            "prop": "links",
            "titles": title,
            "plnamespace": "2",
            "pllimit": LIST_LIMIT,
        }
        found = False
        for data in self.session.query_all(params):
            for page in pages_of(data):
                if page.get("missing") or page.get("invalid"):
                    raise SourceError(
                        f"{self.wiki}: participants page {title!r} does not exist", code="missing"
                    )
                found = True
                for link in rows_of(page, "links"):
                    name = str(link.get("title", "")).split(":", 1)[-1].split("/", 1)[0]
                    if name:
                        users.append(normalize_username(name))
        if not found:
            raise SourceError(f"{self.wiki}: participants page {title!r} does not exist", code="missing")
        return sorted(set(users))

    @naming_the_wiki
    def files(self, titles: Iterable[str], global_usage: bool) -> Iterator[FileInfo]:
        """First upload (user, time) of each file and where it is used; missing files are skipped."""
        for batch in chunks(sorted(set(titles))):
            props = ["imageinfo", "fileusage"] + (["globalusage"] if global_usage else [])
            params: dict[str, str | int] = {
                "prop": "|".join(props),
                "titles": "|".join(batch),
                "iiprop": "timestamp|user",
                "iilimit": LIST_LIMIT,
                "fuprop": "pageid",
                "fulimit": LIST_LIMIT,
            }
            if global_usage:
                params.update({"guprop": "namespace", "gulimit": LIST_LIMIT})
            info: dict[str, list[dict[str, Any]]] = {}
            used: dict[str, set[tuple[str, int]]] = {}
            for data in self.session.query_all(params):
                for page in pages_of(data):
                    title = str(page.get("title", ""))
                    info.setdefault(title, []).extend(rows_of(page, "imageinfo"))
                    uses = used.setdefault(title, set())
                    for u in rows_of(page, "fileusage"):
                        uses.add((self.wiki, parse.optional_int(u, "ns")))
                    for g in rows_of(page, "globalusage"):
                        uses.add((str(g.get("wiki", "")), parse.optional_int(g, "ns")))
            for title, versions in info.items():
                if not versions:
                    continue  # a file page without a file, or a deleted file
                first = min(versions, key=lambda v: str(v.get("timestamp")))
                if first.get("userhidden") or "user" not in first:
                    continue
                yield FileInfo(
                    title,
                    normalize_username(parse.required(first, "user", str)),
                    parse.timestamp(first.get("timestamp")),
                    frozenset(used.get(title, ())),
                )


def _changes_params(start: datetime, end: datetime | None) -> dict[str, str | int]:
    params: dict[str, str | int] = {
        "list": "recentchanges",
        "rcstart": parse.api_timestamp(start),
        "rcdir": "newer",
        "rctype": "edit|new|log",
        "rcprop": "title|ids|sizes|flags|user|timestamp|comment|tags|loginfo",
        "rclimit": LIST_LIMIT,
    }
    if end is not None:
        params["rcend"] = parse.api_timestamp(end)
    return params


def _rows_held(data: dict[str, Any]) -> int | None:
    """What a listing of this wiki can return at most, from siteinfo's statistics: its edits (usercontribs,
    revisions), and as many again for log events and pages (recentchanges, links, file usage)."""
    stats = data.get("query", {}).get("statistics") if isinstance(data.get("query"), dict) else None
    if not isinstance(stats, dict):
        return None  # an older or stripped-down wiki: the fixed minimum bounds its listings
    counts = [stats.get(k) for k in ("edits", "pages")]
    return 2 * sum(c for c in counts if isinstance(c, int) and not isinstance(c, bool) and c > 0)


def _list(data: dict[str, Any], name: str) -> list[dict[str, Any]]:
    if not isinstance(data, dict):
        raise SourceError("malformed answer: not a JSON object")
    query = data.get("query")
    rows = query.get(name) if isinstance(query, dict) else None
    if rows is None and "continue" not in data:
        raise SourceError(f"malformed answer: no query.{name}")
    return rows_of({name: rows}, name, f"query.{name}")


def rows_of(item: dict[str, Any], name: str, where: str = "") -> list[dict[str, Any]]:
    """item[name] as a list of objects ([] when absent); SourceError for any other shape."""
    rows = item.get(name) if isinstance(item, dict) else ()
    if rows is None:
        return []
    if not isinstance(rows, list) or not all(isinstance(row, dict) for row in rows):
        raise SourceError(f"malformed answer: {where or name} is not a list of objects")
    return rows


def pages_of(data: dict[str, Any]) -> list[dict[str, Any]]:
    if not isinstance(data, dict):
        raise SourceError("malformed answer: not a JSON object")
    query = data.get("query")
    if query is None:
        if "continue" in data or "batchcomplete" in data:
            return []
        raise SourceError("malformed answer: no query")
    if not isinstance(query, dict) or not isinstance(query.get("pages", []), list):
        raise SourceError("malformed answer: query.pages is not a list (formatversion=2 expected)")
    return rows_of(query, "pages", "query.pages")


def content_of(rev: dict[str, Any]) -> str | None:
    if not isinstance(rev, dict):
        raise SourceError(f"malformed answer: a revision is not an object: {str(rev)[:200]!r}")
    if rev.get("texthidden") or rev.get("slotsmissing"):
        return None
    slots = rev.get("slots", {})
    main = slots.get("main", {}) if isinstance(slots, dict) else None
    if not isinstance(main, dict):
        raise SourceError(f"malformed answer: revision {str(rev.get('revid'))[:20]} has no main slot")
    if main.get("texthidden"):
        return None
    content = main.get("content")
    if not isinstance(content, str):
        raise SourceError(f"malformed answer: revision {str(rev.get('revid'))[:20]} has no content")
    return content


def _log_entry(row: dict[str, Any]) -> LogEntry:
    if not isinstance(row, dict):
        raise SourceError(f"malformed answer: a log row is not an object: {str(row)[:200]!r}")
    params = row.get("logparams") or {}
    return LogEntry(
        logtype=str(row.get("logtype", "")),
        logaction=str(row.get("logaction", "")),
        title=str(row.get("title", "")),
        page_id=parse.optional_int(row, "pageid"),
        user=normalize_username(parse.required(row, "user", str)) if "user" in row else "",
        timestamp=parse.timestamp(row.get("timestamp")),
        comment=None if row.get("commenthidden") else str(row.get("comment", "")),
        target_title=str(params.get("target_title", "")) if isinstance(params, dict) else "",
    )


def missing_users(session: ApiSession, names: Iterable[str]) -> set[str]:
    """The names (normalised) that this wiki has no account for: list=users, BATCH names a request.

    A name the wiki calls invalid counts as missing (it can't be anyone's there)."""
    missing: set[str] = set()
    for batch in chunks(sorted({normalize_username(n) for n in names})):
        data = session.get({"list": "users", "ususers": "|".join(batch)})
        for row in _list(data, "users"):
            if row.get("missing") is not None or row.get("invalid") is not None:
                missing.add(normalize_username(str(row.get("name", ""))))
    return missing
