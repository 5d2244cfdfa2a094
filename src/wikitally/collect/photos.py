"""A photo contest's files from the wiki: category members, then their metadata 50 files a request.

Three kinds of request, all batched: the members of each category with their file page's last revision
(generator=categorymembers, prop=info: 500 a request); the files new or changed since the last import
(pageids=… 50 at a time, prop=imageinfo|revisions: every version's user and timestamp, the current version's
size, MIME type and SHA-1, its thumbnail URL at THUMB_WIDTH px for the jurors' page, and the file page's
wikitext for the site template, in one answer); and the
files gone from the categories (pageids=… prop=info, 50 at a time: missing means deleted).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from wikitally.collect.api import ApiSession
from wikitally.collect.parse import required, timestamp
from wikitally.collect.reader import BATCH, LIST_LIMIT, chunks
from wikitally.errors import SourceError
from wikitally.judging.photos import Photo
from wikitally.judging.wikitext import first_parameter, normalize_name
from wikitally.usernames import normalize_username

FILE_NS = 6
CATEGORY_NS = 14
# the jurors' page shows one photo at screen size: 1280 px is a common Commons thumbnail step, sharp on a
# laptop and on a phone (360 CSS px × 3); MediaWiki scales at most 50 a request (continuation does the rest)
THUMB_WIDTH = 1280


@dataclass(frozen=True)
class Member:
    page_id: int
    title: str  # "File:…"
    last_rev_id: int


def file_name(title: str) -> str:
    """'File:Foo_bar.jpg' → 'Foo bar.jpg' (the namespace prefix dropped, as MediaWiki normalises)."""
    return normalize_name(title.split(":", 1)[1] if ":" in title else title)


def subcategories(session: ApiSession, categories: Iterable[str], depth: int) -> list[str]:
    """The categories and their subcategories down to `depth` levels, each once (cycles are common)."""
    seen = dict.fromkeys(categories)
    level = list(seen)
    for _ in range(depth):
        found: list[str] = []
        for category in level:
            params: dict[str, str | int] = {
                "list": "categorymembers",
                "cmtitle": category,
                "cmtype": "subcat",
                "cmlimit": LIST_LIMIT,
            }
            for data in session.query_all(params):
                for row in data.get("query", {}).get("categorymembers", []):
                    title = required(row, "title", str)
                    if title not in seen:
                        seen[title] = None
                        found.append(title)
        level = found
    return list(seen)


def members(session: ApiSession, categories: Iterable[str]) -> dict[int, Member]:
    """The files of the categories, by page id, with their file page's last revision."""
    out: dict[int, Member] = {}
    for category in categories:
        params: dict[str, str | int] = {
            "generator": "categorymembers",
            "gcmtitle": category,
            "gcmtype": "file",
            "gcmlimit": LIST_LIMIT,
            "prop": "info",
        }
        for data in session.query_all(params):
            for page in data.get("query", {}).get("pages", []):
                if page.get("ns") != FILE_NS or page.get("missing"):
                    continue
                pid = required(page, "pageid", int)
                out[pid] = Member(pid, required(page, "title", str), int(page.get("lastrevid") or 0))
    return out


def photos(
    session: ApiSession,
    page_ids: Iterable[int],
    site_template: str,
    on_batch: Callable[[int], None] | None = None,
) -> Iterator[tuple[Photo, int]]:
    """(photo, its file page's revision) for each page id, 50 a request; a page that is gone or has no
    file is a deleted photo."""
    for batch in chunks(page_ids, BATCH):
        params: dict[str, str | int] = {
            "pageids": "|".join(str(p) for p in batch),
            "prop": "imageinfo|revisions",
            "iiprop": "timestamp|user|size|mime|sha1|url",
            "iiurlwidth": THUMB_WIDTH,
            "iilimit": "max",
            "rvprop": "ids|content",
            "rvslots": "main",
        }
        pages: dict[int, dict[str, Any]] = {}
        for data in session.query_all(params):
            for page in data.get("query", {}).get("pages", []):
                pid = required(page, "pageid", int)
                merged = pages.setdefault(pid, {"pageid": pid, "imageinfo": [], "revisions": []})
                for key, value in page.items():
                    if key in ("imageinfo", "revisions") and isinstance(value, list):
                        merged[key].extend(value)
                    elif key not in ("imageinfo", "revisions"):
                        merged[key] = value
        if on_batch is not None:
            on_batch(len(batch))
        for pid in batch:
            page = pages.get(pid)
            if page is None:
                continue
            yield _photo(page, site_template)


def missing(session: ApiSession, page_ids: Iterable[int]) -> set[int]:
    """Which of these pages no longer exist (deleted), 50 a request."""
    gone: set[int] = set()
    for batch in chunks(page_ids, BATCH):
        data = session.get({"pageids": "|".join(str(p) for p in batch), "prop": "info"})
        for page in data.get("query", {}).get("pages", []):
            if page.get("missing") and isinstance(page.get("pageid"), int):
                gone.add(page["pageid"])
    return gone


def _photo(page: dict[str, Any], site_template: str) -> tuple[Photo, int]:
    pid = page["pageid"]
    title = str(page["title"]) if isinstance(page.get("title"), str) else f"File:#{pid}"
    versions = [v for v in page.get("imageinfo", []) if isinstance(v, dict)]
    revisions = [r for r in page.get("revisions", []) if isinstance(r, dict)]
    if page.get("missing") or not versions:
        return Photo(
            file_name(title), pid, "", timestamp("2001-01-01T00:00:00Z"), 0, 0, "", "", None, True
        ), 0
    current = versions[0]  # newest first
    first = min(versions, key=lambda v: str(v.get("timestamp", "")))
    text = ""
    rev_id = 0
    if revisions:
        rev_id = int(revisions[0].get("revid") or 0)
        main = revisions[0].get("slots", {}).get("main", {})
        text = main.get("content", "") if isinstance(main.get("content"), str) else ""
    try:
        photo = Photo(
            file=file_name(title),
            page_id=pid,
            uploader=normalize_username(first.get("user") or "")
            if isinstance(first.get("user"), str)
            else "",
            uploaded=timestamp(first.get("timestamp")),
            width=int(current.get("width") or 0),
            height=int(current.get("height") or 0),
            mime=str(current.get("mime") or ""),
            sha1=str(current.get("sha1") or ""),
            site=first_parameter(text, site_template) if site_template else None,
            thumb_url=_thumb(current),
        )
    except (TypeError, ValueError) as e:
        raise SourceError(f"malformed answer: imageinfo of page {pid}: {e}") from None
    return photo, rev_id


def _thumb(version: dict[str, Any]) -> str:
    """The version's thumbnail URL (the file's own URL when it is smaller than THUMB_WIDTH); only http(s)."""
    for key in ("thumburl", "url"):
        value = version.get(key)
        if isinstance(value, str) and value.startswith(("https://", "http://", "//")):
            return value
    return ""
