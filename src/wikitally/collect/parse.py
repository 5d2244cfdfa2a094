"""API answers (formatversion=2) → model objects. Strict: a missing required field is a SourceError, and so
is any other shape these functions don't expect (tests/unit/test_parse_fuzz.py feeds them random JSON): an
answer never crashes a collection with another exception."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from wikitally.errors import SourceError
from wikitally.metrics.wikibase import ENTITY_CONTENT_MODELS
from wikitally.model import Account, PageState, Revision, SiteInfo
from wikitally.usernames import normalize_username


def timestamp(value: Any) -> datetime:
    """MediaWiki's ISO 8601 'Z' timestamps → aware UTC datetimes."""
    if not isinstance(value, str):
        raise SourceError(f"malformed answer: timestamp {repr(value)[:100]}")
    try:
        return datetime.strptime(value, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    except ValueError:
        raise SourceError(f"malformed answer: timestamp {repr(value)[:100]}") from None


def api_timestamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def required(item: Any, key: str, kind: type) -> Any:
    """item[key] if it is a `kind` (an int is never a bool), else SourceError."""
    value = item.get(key) if isinstance(item, dict) else None
    if not isinstance(value, kind) or (isinstance(value, bool) and kind is int):
        raise SourceError(f"malformed answer: {key!r} missing or not {kind.__name__} in {str(item)[:200]!r}")
    return value


def optional_int(item: dict[str, Any], key: str, default: int = 0) -> int:
    """item[key] if it is an int, default if absent or null, else SourceError."""
    value = item.get(key)
    if value is None:
        return default
    if isinstance(value, bool) or not isinstance(value, int):
        raise SourceError(f"malformed answer: {key!r} is not int in {str(item)[:200]!r}")
    return value


def _row(item: Any, what: str) -> dict[str, Any]:
    if not isinstance(item, dict):
        raise SourceError(f"malformed answer: a {what} is not an object: {str(item)[:200]!r}")
    return item


def _comment(item: dict[str, Any]) -> str | None:
    if item.get("commenthidden"):
        return None
    comment = item.get("comment", "")
    return comment if isinstance(comment, str) else str(comment)


def _tags(item: dict[str, Any]) -> tuple[str, ...]:
    tags = item.get("tags", ())
    if not isinstance(tags, list | tuple) or not all(isinstance(t, str) for t in tags):
        raise SourceError(f"malformed answer: tags {str(tags)[:200]!r}")
    return tuple(tags)


def siteinfo(wiki: str, data: dict[str, Any]) -> SiteInfo:
    query = _row(data, "siteinfo answer").get("query")
    if not isinstance(query, dict) or not isinstance(query.get("namespaces"), dict):
        raise SourceError(f"{wiki}: malformed siteinfo answer")
    names: dict[int, str] = {}
    aliases: dict[int, list[str]] = {}
    content: list[int] = []
    entities: list[int] = []
    for ns in query["namespaces"].values():
        number = required(ns, "id", int)
        name = ns.get("name", "")
        names[number] = name if isinstance(name, str) else str(name)
        if isinstance(ns.get("canonical"), str):
            aliases.setdefault(number, []).append(ns["canonical"])
        if ns.get("content"):
            content.append(number)
        if ns.get("defaultcontentmodel") in ENTITY_CONTENT_MODELS:
            entities.append(number)
    for alias in _dicts(query.get("namespacealiases")):
        if isinstance(alias.get("id"), int) and isinstance(alias.get("alias"), str):
            aliases.setdefault(alias["id"], []).append(alias["alias"])
    interlanguage = None
    if "interwikimap" in query:
        # MediaWiki's own rule: a prefix named as a language (or an extra one) makes an interlanguage link.
        interlanguage = tuple(
            iw["prefix"]
            for iw in _dicts(query["interwikimap"])
            if isinstance(iw.get("prefix"), str) and (iw.get("language") or iw.get("extralanglink"))
        )
    listed = query.get("extensions", [])
    if not isinstance(listed, list):
        raise SourceError(f"{wiki}: malformed siteinfo answer (extensions)")
    extensions = tuple(sorted(str(e.get("name", "")) for e in listed if isinstance(e, dict)))
    general = query.get("general")
    server = general.get("server") if isinstance(general, dict) else None
    article_path = general.get("articlepath") if isinstance(general, dict) else None
    wiki_id = general.get("wikiid") if isinstance(general, dict) else None
    return SiteInfo(
        wiki_id=wiki_id if isinstance(wiki_id, str) else "",
        server=server if isinstance(server, str) else "",
        article_path=article_path if isinstance(article_path, str) and "$1" in article_path else "",
        wiki=wiki,
        content_namespaces=tuple(sorted(content)),
        namespace_names=names,
        extensions=extensions,
        namespace_aliases={number: tuple(names) for number, names in aliases.items()},
        interlanguage=interlanguage,
        entity_namespaces=tuple(sorted(entities)),
    )


def _dicts(items: Any) -> list[dict[str, Any]]:
    return [item for item in items if isinstance(item, dict)] if isinstance(items, list) else []


def contribution(wiki: str, item: dict[str, Any]) -> Revision:
    """One `list=usercontribs` row (ucprop=ids|title|timestamp|comment|size|sizediff|flags|tags)."""
    item = _row(item, "contribution")
    sizediff = item.get("sizediff")
    return Revision(
        wiki=wiki,
        rev_id=required(item, "revid", int),
        parent_id=required(item, "parentid", int),
        page_id=required(item, "pageid", int),
        namespace=required(item, "ns", int),
        title=required(item, "title", str),
        user=normalize_username(required(item, "user", str)),
        timestamp=timestamp(item.get("timestamp")),
        comment=_comment(item),
        size=required(item, "size", int),
        sizediff=sizediff if isinstance(sizediff, int) and not isinstance(sizediff, bool) else None,
        tags=_tags(item),
        new=bool(item.get("new")),
        texthidden=bool(item.get("texthidden")),
    )


def recent_change(wiki: str, item: dict[str, Any]) -> Revision:
    """One `list=recentchanges` edit/new row (rcprop=title|ids|sizes|flags|user|timestamp|comment|tags)."""
    item = _row(item, "recent change")
    old, new = item.get("oldlen"), item.get("newlen")
    if isinstance(old, bool) or isinstance(new, bool):
        old = new = None
    return Revision(
        wiki=wiki,
        rev_id=required(item, "revid", int),
        parent_id=required(item, "old_revid", int),
        page_id=required(item, "pageid", int),
        namespace=required(item, "ns", int),
        title=required(item, "title", str),
        user=normalize_username(required(item, "user", str)),
        timestamp=timestamp(item.get("timestamp")),
        comment=_comment(item),
        size=required(item, "newlen", int),
        sizediff=new - old if isinstance(old, int) and isinstance(new, int) else None,
        tags=_tags(item),
        new=item.get("type") == "new",
        texthidden=False,  # recentchanges does not say; the content request does
    )


def page_state(wiki: str, page: dict[str, Any]) -> PageState | None:
    """A `prop=info` page; None for an invalid title. Missing pages come back with exists=False."""
    page = _row(page, "page")
    if page.get("invalid"):
        return None
    if page.get("missing"):
        return PageState(
            wiki,
            optional_int(page, "pageid"),
            optional_int(page, "ns"),
            str(page.get("title", "")),
            redirect=False,
            exists=False,
        )
    return PageState(
        wiki=wiki,
        page_id=required(page, "pageid", int),
        namespace=required(page, "ns", int),
        title=required(page, "title", str),
        redirect=bool(page.get("redirect")),
    )


def account(wiki: str, item: dict[str, Any]) -> Account:
    """One `list=users&usprop=registration` row."""
    item = _row(item, "user")
    name = normalize_username(required(item, "name", str))
    if item.get("missing") or item.get("invalid"):
        return Account(wiki, name, None, exists=False)
    reg = item.get("registration")
    return Account(wiki, name, timestamp(reg) if reg else None)
