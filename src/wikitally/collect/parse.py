"""API answers (formatversion=2) → model objects. Strict: a missing required field is a SourceError."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from wikitally.errors import SourceError
from wikitally.model import Account, PageState, Revision, SiteInfo
from wikitally.usernames import normalize_username


def timestamp(value: Any) -> datetime:
    """MediaWiki's ISO 8601 'Z' timestamps → aware UTC datetimes."""
    if not isinstance(value, str):
        raise SourceError(f"malformed answer: timestamp {value!r}")
    try:
        return datetime.strptime(value, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    except ValueError:
        raise SourceError(f"malformed answer: timestamp {value!r}") from None


def api_timestamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _req(item: dict[str, Any], key: str, kind: type) -> Any:
    value = item.get(key)
    if not isinstance(value, kind) or (isinstance(value, bool) and kind is int):
        raise SourceError(f"malformed answer: {key!r} missing or not {kind.__name__} in {str(item)[:200]}")
    return value


def siteinfo(wiki: str, data: dict[str, Any]) -> SiteInfo:
    query = data.get("query")
    if not isinstance(query, dict) or not isinstance(query.get("namespaces"), dict):
        raise SourceError(f"{wiki}: malformed siteinfo answer")
    names: dict[int, str] = {}
    aliases: dict[int, list[str]] = {}
    content: list[int] = []
    for ns in query["namespaces"].values():
        number = _req(ns, "id", int)
        names[number] = ns.get("name", "")
        if isinstance(ns.get("canonical"), str):
            aliases.setdefault(number, []).append(ns["canonical"])
        if ns.get("content"):
            content.append(number)
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
    extensions = tuple(sorted(e.get("name", "") for e in _dicts(query.get("extensions"))))
    return SiteInfo(
        wiki=wiki,
        content_namespaces=tuple(sorted(content)),
        namespace_names=names,
        extensions=extensions,
        namespace_aliases={number: tuple(names) for number, names in aliases.items()},
        interlanguage=interlanguage,
    )


def _dicts(items: Any) -> list[dict[str, Any]]:
    return [item for item in items if isinstance(item, dict)] if isinstance(items, list) else []


def contribution(wiki: str, item: dict[str, Any]) -> Revision:
    """One `list=usercontribs` row (ucprop=ids|title|timestamp|comment|size|sizediff|flags|tags)."""
    return Revision(
        wiki=wiki,
        rev_id=_req(item, "revid", int),
        parent_id=_req(item, "parentid", int),
        page_id=_req(item, "pageid", int),
        namespace=_req(item, "ns", int),
        title=_req(item, "title", str),
        user=normalize_username(_req(item, "user", str)),
        timestamp=timestamp(item.get("timestamp")),
        comment=None if item.get("commenthidden") else item.get("comment", ""),
        size=_req(item, "size", int),
        sizediff=item.get("sizediff") if isinstance(item.get("sizediff"), int) else None,
        tags=tuple(item.get("tags", ())),
        new=bool(item.get("new")),
        texthidden=bool(item.get("texthidden")),
    )


def recent_change(wiki: str, item: dict[str, Any]) -> Revision:
    """One `list=recentchanges` edit/new row (rcprop=title|ids|sizes|flags|user|timestamp|comment|tags)."""
    old, new = item.get("oldlen"), item.get("newlen")
    return Revision(
        wiki=wiki,
        rev_id=_req(item, "revid", int),
        parent_id=_req(item, "old_revid", int),
        page_id=_req(item, "pageid", int),
        namespace=_req(item, "ns", int),
        title=_req(item, "title", str),
        user=normalize_username(_req(item, "user", str)),
        timestamp=timestamp(item.get("timestamp")),
        comment=None if item.get("commenthidden") else item.get("comment", ""),
        size=_req(item, "newlen", int),
        sizediff=new - old if isinstance(old, int) and isinstance(new, int) else None,
        tags=tuple(item.get("tags", ())),
        new=item.get("type") == "new",
        texthidden=False,  # recentchanges does not say; the content request does
    )


def page_state(wiki: str, page: dict[str, Any]) -> PageState | None:
    """A `prop=info` page; None for an invalid title. Missing pages come back with exists=False."""
    if page.get("invalid"):
        return None
    if page.get("missing"):
        return PageState(
            wiki,
            int(page.get("pageid", 0)),
            int(page.get("ns", 0)),
            str(page.get("title", "")),
            redirect=False,
            exists=False,
        )
    return PageState(
        wiki=wiki,
        page_id=_req(page, "pageid", int),
        namespace=_req(page, "ns", int),
        title=_req(page, "title", str),
        redirect=bool(page.get("redirect")),
    )


def account(wiki: str, item: dict[str, Any]) -> Account:
    """One `list=users&usprop=registration` row."""
    name = normalize_username(_req(item, "name", str))
    if item.get("missing") or item.get("invalid"):
        return Account(wiki, name, None, exists=False)
    reg = item.get("registration")
    return Account(wiki, name, timestamp(reg) if reg else None)
