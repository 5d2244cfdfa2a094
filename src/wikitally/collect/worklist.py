"""What wikis say about a worklist: the pages a list links to, a category's articles, items' sitelinks, and
each article's state now and at the window's start. Every lookup is batched (50 titles or ids a request,
MediaWiki's limit for a client without high limits); listings follow continuation.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import urlparse

from wikitally.collect.api import ApiSession
from wikitally.errors import SourceError
from wikitally.metrics.coverage import ArticleState
from wikitally.metrics.worklist_files import normalise_title
from wikitally.model import Point, WorklistItem

BATCH = 50  # titles= / ids= a request (apihighlimits would allow 500; wikitally asks as anyone may)
CATEGORY_NS = 14
IMAGE_PROPS = ("page_image_free", "page_image")


def _mw(when: datetime) -> str:
    return when.strftime("%Y-%m-%dT%H:%M:%SZ")


def chunks(values: Sequence[str], size: int = BATCH) -> Iterator[list[str]]:
    for i in range(0, len(values), size):
        yield list(values[i : i + size])


# -- lists ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class MissingPage(Exception):
    wiki: str
    title: str


def linked_items(
    session: ApiSession, wiki: str, pages: Sequence[str], hosts: Mapping[str, str]
) -> list[WorklistItem]:
    """Items linked from `pages` on `wiki`: main-namespace links are titles on `wiki`; links with an
    interwiki prefix ([[:prefix:Title]]) are titles on the campaign wiki the prefix's address names
    (`hosts`: host[:port] -> campaign wiki), others are left out. Sidebar interlanguage links ([[xx:Title]])
    are the list page's own translations: MediaWiki keeps them apart (langlinks), so they are not items."""
    out: list[WorklistItem] = []
    for batch in chunks(list(pages)):
        params = {
            "prop": "links|iwlinks",
            "titles": "|".join(batch),
            "plnamespace": "0",
            "pllimit": "max",
            "iwprop": "url",
            "iwlimit": "max",
        }
        for data in session.query_all(params):
            for page in data.get("query", {}).get("pages", []):
                if page.get("missing") or page.get("invalid"):
                    raise MissingPage(wiki, str(page.get("title", "")))
                for link in page.get("links", []):
                    out.append(WorklistItem(None, wiki, normalise_title(str(link["title"]))))
                for link in page.get("iwlinks", []):
                    target = hosts.get(urlparse(str(link.get("url", ""))).netloc.lower())
                    title = normalise_title(str(link.get("title", "")))
                    if target and title and ":" not in title.split(" ", 1)[0]:
                        out.append(WorklistItem(None, target, title))
    return out


def category_items(session: ApiSession, wiki: str, category: str, depth: int) -> list[WorklistItem]:
    """Main-namespace members of `category`, and of its subcategories down to `depth` levels (0: direct
    members only); each category is read once, so a loop of categories ends."""
    out: list[WorklistItem] = []
    seen = {category}
    level = [category]
    for d in range(depth + 1):
        below: list[str] = []
        for cat in level:
            namespaces = "0|14" if d < depth else "0"
            params = {
                "list": "categorymembers",
                "cmtitle": cat,
                "cmnamespace": namespaces,
                "cmprop": "title",
                "cmlimit": "max",
            }
            for data in session.query_all(params):
                for m in data.get("query", {}).get("categorymembers", []):
                    if m.get("ns") == 0:
                        out.append(WorklistItem(None, wiki, normalise_title(str(m["title"]))))
                    elif m.get("ns") == CATEGORY_NS and m["title"] not in seen:
                        seen.add(m["title"])
                        below.append(str(m["title"]))
        level = below
    return out


# -- Wikidata ------------------------------------------------------------------------------------------
def wiki_ids(session: ApiSession) -> tuple[str, str]:
    """(the wiki's global id, e.g. "sqwiki", which Wikidata's sitelinks name it by; its server)."""
    data = session.get({"meta": "siteinfo", "siprop": "general"})
    general = data.get("query", {}).get("general", {})
    return str(general.get("wikiid", "")), str(general.get("server", ""))


@dataclass(frozen=True)
class Entities:
    """What wbgetentities says of the worklist's items: sitelinks on the campaign wikis, a label, and the
    items' own image (P18, a file name) and place (P625, on Earth) — for coverage's with_image and
    with_coordinates."""

    links: dict[str, dict[str, str]]
    labels: dict[str, str]
    points: dict[str, Point]
    images: dict[str, str]


EARTH = "http://www.wikidata.org/entity/Q2"


def _best_values(claims: Any, prop: str) -> list[Any]:
    """The datavalue values of prop's statements with a value, best rank first (preferred, then normal;
    deprecated ones are not true)."""
    statements = claims.get(prop) if isinstance(claims, dict) else None
    if not isinstance(statements, list):
        return []
    ranked: list[tuple[int, Any]] = []
    for st in statements:
        if not isinstance(st, dict) or st.get("rank") == "deprecated":
            continue
        snak = st.get("mainsnak")
        if not isinstance(snak, dict) or snak.get("snaktype") != "value":
            continue
        value = (snak.get("datavalue") or {}).get("value")
        if value is not None:
            ranked.append((0 if st.get("rank") == "preferred" else 1, value))
    return [v for _, v in sorted(ranked, key=lambda r: r[0])]


def entity_point(claims: Any) -> Point | None:
    """The item's place on Earth (P625), from the best-ranked statement that has one."""
    for value in _best_values(claims, "P625"):
        if not isinstance(value, dict) or value.get("globe", EARTH) != EARTH:
            continue
        try:
            lat, lon = float(value["latitude"]), float(value["longitude"])
        except (KeyError, TypeError, ValueError):
            continue
        if -90 <= lat <= 90 and -180 <= lon <= 180:
            return Point(lat, lon)
    return None


def entity_image(claims: Any) -> str | None:
    """The item's image (P18): a Commons file name without namespace."""
    for value in _best_values(claims, "P18"):
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def entities(
    session: ApiSession,
    qids: Sequence[str],
    sites: Mapping[str, str],
    languages: Sequence[str],
    on_batch: Callable[[list[str], Entities], None] | None = None,
) -> Entities:
    """Entities of qids from wbgetentities, 50 ids a request (sitelinks, labels and claims in the same
    request); `sites` maps global ids ("sqwiki") to campaign wikis. A redirected item answers for the id
    asked."""
    found = Entities({}, {}, {}, {})
    for batch in chunks(sorted(set(qids))):
        data = session.get(
            {
                "action": "wbgetentities",
                "ids": "|".join(batch),
                "props": "sitelinks|labels|claims",
                "sitefilter": "|".join(sorted(sites)),
                "languages": "|".join(languages),
            }
        )
        answered = data.get("entities")
        if not isinstance(answered, dict):
            raise SourceError(f"{session.api_url}: malformed wbgetentities answer (no entities)")
        for key, entity in answered.items():
            if not isinstance(entity, dict) or "missing" in entity:
                continue
            # a redirected item may be keyed by its target; it names the id asked in "redirects"
            moved = entity.get("redirects")
            qid = str(moved["from"]) if isinstance(moved, dict) and moved.get("from") else key
            links = {
                sites[s]: normalise_title(str(link.get("title", "")))
                for s, link in (entity.get("sitelinks") or {}).items()
                if s in sites and isinstance(link, dict)
            }
            found.links[qid] = found.links[key] = links
            for lang in languages:
                label = (entity.get("labels") or {}).get(lang)
                if isinstance(label, dict) and label.get("value"):
                    found.labels[qid] = found.labels[key] = str(label["value"])
                    break
            claims = entity.get("claims")
            point, image = entity_point(claims), entity_image(claims)
            if point is not None:
                found.points[qid] = found.points[key] = point
            if image is not None:
                found.images[qid] = found.images[key] = image
        if on_batch is not None:  # the caller may start on this batch's sitelinks while the next is asked
            on_batch(batch, found)
    return found


def sitelinks(
    session: ApiSession, qids: Sequence[str], sites: Mapping[str, str], languages: Sequence[str]
) -> tuple[dict[str, dict[str, str]], dict[str, str]]:
    """({qid: {campaign wiki: title}}, {qid: label}): `entities` without the claims' facts."""
    found = entities(session, qids, sites, languages)
    return found.links, found.labels


# -- articles ------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class History:
    """Creations and deletions of main-namespace pages since the window's start (the logs)."""

    created_ids: frozenset[int]
    created_at: dict[str, datetime]  # title at creation -> first creation since the start
    deleted_at: dict[str, datetime]  # title -> first deletion since the start

    def existed_at_start(self, title: str) -> bool:
        """A page deleted since the start existed at it unless it was created after the start first."""
        deleted = self.deleted_at.get(title)
        if deleted is None:
            return False
        created = self.created_at.get(title)
        return created is None or created > deleted


class _Logs:
    """Creations and deletions of main-namespace pages since the window's start, read from the log listing
    that rides on the first titles request (every log type of namespace 0; the two wanted kept)."""

    def __init__(self) -> None:
        self.ids: set[int] = set()
        self.created: dict[str, datetime] = {}
        self.deleted: dict[str, datetime] = {}

    def add(self, entries: Iterable[dict[str, Any]]) -> None:
        for e in entries:
            kind, action = e.get("type"), e.get("action")
            if kind == "create" or (kind == "delete" and action == "delete"):
                # restore, revision (visibility) …: the page was not deleted
                title = normalise_title(str(e.get("title", "")))
                when = datetime.fromisoformat(str(e["timestamp"]).replace("Z", "+00:00"))
                into = self.created if kind == "create" else self.deleted
                if title not in into or when < into[title]:
                    into[title] = when
                if kind == "create" and e.get("pageid"):
                    self.ids.add(int(e["pageid"]))

    def history(self) -> History:
        return History(frozenset(self.ids), self.created, self.deleted)


class ArticleLookup:
    """Titles' pages on one wiki, asked batch by batch as the caller learns them (≤ 50 titles a request;
    the logs since the start come with the first request), then `states()` once all are asked. A title asked
    twice is asked once. `article_states` is this for a known set of titles."""

    def __init__(
        self, session: ApiSession, wiki: str, start: datetime, sensitive_categories: Sequence[str] = ()
    ) -> None:
        self.session, self.wiki, self.start = session, wiki, start
        self.sensitive = list(sensitive_categories)
        self.pages: dict[str, dict[str, Any]] = {}
        self.moves: dict[str, str] = {}
        self.logs = _Logs()
        self.asked: set[str] = set()
        self.waiting: list[str] = []
        self.requests = 0

    def add(self, titles: Iterable[str]) -> None:
        """Queue titles; each full batch of BATCH is asked at once."""
        for t in titles:
            if t not in self.asked:
                self.asked.add(t)
                self.waiting.append(t)
        while len(self.waiting) >= BATCH:
            self._ask(self.waiting[:BATCH])
            del self.waiting[:BATCH]

    def _ask(self, batch: list[str]) -> None:
        params: dict[str, str] = {
            "titles": "|".join(batch),
            "redirects": "1",
            # no prop=info: the page set itself says pageid, ns, missing/invalid (all that is read here)
            "prop": "pageprops" + ("|categories" if self.sensitive else ""),
            "ppprop": "wikibase_item|" + "|".join(IMAGE_PROPS),
        }
        if self.sensitive:
            params.update({"clcategories": "|".join(self.sensitive), "cllimit": "max"})
        if self.requests == 0:
            params.update(
                {
                    "list": "logevents",
                    "lenamespace": "0",
                    "ledir": "newer",
                    "lestart": _mw(self.start),
                    "leprop": "ids|title|timestamp|type",
                    "lelimit": "max",
                }
            )
        self.requests += 1
        for data in self.session.query_all(params):
            query = data.get("query", {})
            self.logs.add(query.get("logevents", []))
            for step in (*query.get("normalized", []), *query.get("redirects", [])):
                self.moves[str(step["from"])] = str(step["to"])
            for page in query.get("pages", []):
                merged = self.pages.setdefault(str(page["title"]), {})
                cats = [*merged.get("categories", []), *page.get("categories", [])]
                merged.update(page)
                merged["categories"] = cats

    def states(self) -> dict[tuple[str, str], ArticleState]:
        """Every asked title's state (the last partial batch is asked first)."""
        if self.waiting:
            self._ask(self.waiting)
            self.waiting = []
        past = self.logs.history()
        out: dict[tuple[str, str], ArticleState] = {}
        for title in sorted(self.asked):
            final, hops = title, 0
            while final in self.moves and hops < 20:  # normalisation, then a redirect (one hop in MediaWiki)
                final, hops = self.moves[final], hops + 1
            page = self.pages.get(final, {})
            exists = bool(page) and "missing" not in page and "invalid" not in page and page.get("ns") == 0
            props = page.get("pageprops") or {}
            before = (exists and int(page.get("pageid", 0)) not in past.created_ids) or any(
                past.existed_at_start(t) for t in {title, final}
            )
            out[(self.wiki, title)] = ArticleState(
                wiki=self.wiki,
                title=title,
                target=final if exists else None,
                now=exists,
                before=before,
                image=any(props.get(p) for p in IMAGE_PROPS),
                sensitive=bool(page.get("categories")),
                item=str(props["wikibase_item"]) if props.get("wikibase_item") else None,
            )
        return out


def article_states(
    session: ApiSession,
    wiki: str,
    titles: Iterable[str],
    start: datetime,
    sensitive_categories: Sequence[str] = (),
) -> dict[tuple[str, str], ArticleState]:
    """Each title's page on `wiki`, redirects followed, 50 titles a request: whether it exists now, existed
    at the window's start (not created since; or deleted since, see History), has a lead image, is in a
    sensitive category, and its Wikidata item. The logs since the start come with the first request (and
    its continuations, when there were more than 500 entries), so a wiki costs one request per 50 titles."""
    lookup = ArticleLookup(session, wiki, start, sensitive_categories)
    lookup.add(sorted(set(titles)))
    return lookup.states()
