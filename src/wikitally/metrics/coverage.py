"""Worklist coverage: which listed items have an article on each campaign wiki, before and now, and what
the campaign did to them (docs/worklists.md). Pure: resolved facts in, numbers out.

An item's article on a wiki is its sitelink when the item is known, else its title on the list's wiki;
redirects are followed (the collector gives the target). Items are one item when they name the same
Wikidata item, or, without one, the same article: duplicates, or two titles redirecting to one page.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from wikitally.metrics.geo import coarsen
from wikitally.model import Point, WorklistItem

Status = Literal["created", "improved", "existing", "missing"]
STATUSES: tuple[Status, ...] = ("created", "improved", "existing", "missing")


@dataclass(frozen=True)
class ArticleState:
    """One asked title on one wiki, as the wiki answered: its page after redirects, now and at the start."""

    wiki: str
    title: str  # as asked, normalised
    target: str | None  # the page's title after redirects; None when no such page exists now
    now: bool  # an article (not a redirect's dead end) exists now
    before: bool  # it existed at the window's start (a page deleted since counts here, not in now)
    image: bool = False  # the page has a lead image (PageImages' page_image_free / page_image)
    sensitive: bool = False  # in one of the campaign's sensitive_locations categories
    item: str | None = None  # the page's Wikidata item (pageprops wikibase_item), when it has one


@dataclass(frozen=True)
class CoveredItem:
    """An item of the worklist with its article on each campaign wiki."""

    item: str | None
    title: str | None  # the list's title, when it gave one
    label: str | None
    articles: dict[str, ArticleState] = field(default_factory=dict)  # campaign wiki -> its article
    point: Point | None = None
    image: bool = False
    status: Status = "missing"
    done: dict[str, str] = field(default_factory=dict)  # wiki -> "created" / "improved" by the campaign
    key: str = ""  # the item's identity: "Q42", else "DOMAIN:Title" (what assignments name)
    designation: str | None = None  # a heritage site list's columns (docs/heritage.md)
    risk: str | None = None

    @property
    def covered(self) -> bool:
        return any(a.now for a in self.articles.values())


def item_key(item: WorklistItem) -> str:
    return item.item or f"{item.wiki}:{item.title}"


def unique(items: Iterable[WorklistItem]) -> list[WorklistItem]:
    """Each item once, in first-seen order; a later mention fills what an earlier one lacked (a label,
    coordinates, an image, a title)."""
    seen: dict[str, WorklistItem] = {}
    for it in items:
        key = item_key(it)
        prev = seen.get(key)
        if prev is None:
            seen[key] = it
        else:
            seen[key] = replace(
                prev,
                wiki=prev.wiki or it.wiki,
                title=prev.title or it.title,
                label=prev.label or it.label,
                point=prev.point or it.point,
                image=prev.image or it.image,
                designation=prev.designation or it.designation,
                risk=prev.risk or it.risk,
            )
    return list(seen.values())


def wanted_titles(
    items: Iterable[WorklistItem], sitelinks: Mapping[str, Mapping[str, str]], wikis: Iterable[str]
) -> dict[str, set[str]]:
    """Per campaign wiki, the titles to ask about: sitelinks of known items, else the list's titles."""
    wikis = tuple(wikis)
    out: dict[str, set[str]] = {w: set() for w in wikis}
    for it in items:
        for wiki, title in article_titles(it, sitelinks, wikis).items():
            out[wiki].add(title)
    return out


def article_titles(
    it: WorklistItem, sitelinks: Mapping[str, Mapping[str, str]], wikis: tuple[str, ...]
) -> dict[str, str]:
    """wiki -> title of the item's article on each campaign wiki where it may have one."""
    links = sitelinks.get(it.item, {}) if it.item else {}
    out = {w: links[w] for w in wikis if w in links}
    if it.title and it.wiki in wikis and it.wiki not in out:
        out[it.wiki] = it.title
    return out


def resolve(
    items: Iterable[WorklistItem],
    sitelinks: Mapping[str, Mapping[str, str]],
    states: Mapping[tuple[str, str], ArticleState],
    wikis: tuple[str, ...],
    outcome_articles: Iterable[Mapping[str, Any]],
    located: Mapping[tuple[str, str], Point | None] | None = None,
    sensitive_everywhere: bool = False,
) -> list[CoveredItem]:
    """The worklist's items with their articles and status, one per item (see the module's note).

    Status: "created" when the campaign created the item's article on some wiki, else "improved" when it
    improved one, else "existing" when one exists now, else "missing". A point is the list's, else where
    the campaign's article was located; coarsened when sensitive_everywhere, when an article is in a
    sensitive category, and for items without an article (nothing says the place is safe to show)."""
    spine = {(str(a["wiki"]), str(a["title"])): str(a["status"]) for a in outcome_articles}
    located = located or {}
    out: dict[str, CoveredItem] = {}
    for it in unique(items):
        articles: dict[str, ArticleState] = {}
        for wiki, title in article_titles(it, sitelinks, wikis).items():
            state = states.get((wiki, title))
            if state is not None:
                articles[wiki] = state
        qid = it.item or next((a.item for a in articles.values() if a.item), None)
        # Title-only entries naming the same page (twice, or through redirects) are one item.
        pages = sorted(f"{w}:{a.target}" for w, a in articles.items() if a.target)
        key = qid or (pages[0] if pages else item_key(it))
        done = {
            w: "created" if spine[(w, a.target)] in ("created", "translated") else "improved"
            for w, a in articles.items()
            if a.target and (w, a.target) in spine
        }
        statuses = set(done.values())
        status: Status = (
            "created"
            if "created" in statuses
            else "improved"
            if "improved" in statuses
            else "existing"
            if any(a.now for a in articles.values())
            else "missing"
        )
        point = it.point or next(
            (p for w, a in articles.items() if a.target and (p := located.get((w, a.target)))), None
        )
        if point is not None and (
            sensitive_everywhere or status == "missing" or any(a.sensitive for a in articles.values())
        ):
            point = coarsen(point)
        found = CoveredItem(
            item=qid,
            title=it.title,
            label=it.label,
            articles=articles,
            point=point,
            image=bool(it.image) or any(a.image for a in articles.values()),
            status=status,
            done=done,
            key=key,
            designation=it.designation,
            risk=it.risk,
        )
        prev = out.get(key)
        out[key] = found if prev is None else _merged(prev, found)
    return list(out.values())


def _merged(a: CoveredItem, b: CoveredItem) -> CoveredItem:
    order = {s: i for i, s in enumerate(STATUSES)}
    return replace(
        a,
        item=a.item or b.item,
        title=a.title or b.title,
        label=a.label or b.label,
        articles={**b.articles, **a.articles},
        point=a.point or b.point,
        image=a.image or b.image,
        status=min(a.status, b.status, key=order.__getitem__),
        done={**b.done, **a.done},
        designation=a.designation or b.designation,
        risk=a.risk or b.risk,
    )


def coverage(covered: list[CoveredItem], wikis: tuple[str, ...]) -> dict[str, Any]:
    """The report's `coverage` object (docs/worklists.md): exactly these keys."""
    by_wiki = {w: {"before": 0, "now": 0, "created": 0, "improved": 0} for w in wikis}
    for c in covered:
        for wiki, a in c.articles.items():
            row = by_wiki[wiki]
            row["before"] += a.before
            row["now"] += a.now
        for wiki, how in c.done.items():
            by_wiki[wiki][how] += 1
    return {
        "items": len(covered),
        "by_wiki": by_wiki,
        "with_image": sum(c.image for c in covered),
        "with_coordinates": sum(c.point is not None for c in covered),
        "missing": [{"item": c.item, "title": c.title, "label": c.label} for c in covered if not c.covered],
    }


@dataclass(frozen=True)
class Resolution:
    """A worklist as resolved on the wikis (what the store keeps): its items, their sitelinks on the
    campaign wikis, and the state of every article asked about."""

    items: tuple[WorklistItem, ...]
    sitelinks: dict[str, dict[str, str]]
    states: dict[tuple[str, str], ArticleState]

    def pages(self) -> frozenset[tuple[str, str]]:
        """(wiki, title) of the worklist's articles that exist now, under their current titles (redirects
        followed): what `scope = "worklist"` counts edits to, and what a contest's `on_worklist` asks."""
        return frozenset((s.wiki, s.target) for s in self.states.values() if s.now and s.target)

    def as_json(self) -> dict[str, Any]:
        return {
            "items": [_item_row(i) for i in self.items],
            "sitelinks": self.sitelinks,
            "states": [
                [s.wiki, s.title, s.target, s.now, s.before, s.image, s.sensitive, s.item]
                for s in self.states.values()
            ],
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Resolution:
        items = tuple(
            WorklistItem(q, w, t, label, None if lat is None else Point(lat, lon), image, *rest)
            for q, w, t, label, lat, lon, image, *rest in data.get("items", [])
        )
        states = {(row[0], row[1]): ArticleState(*row) for row in data.get("states", [])}
        return cls(items, {k: dict(v) for k, v in data.get("sitelinks", {}).items()}, states)


def _item_row(i: WorklistItem) -> list[Any]:
    """An item as the store keeps it; a site list's designation and risk only when given (a resolution
    kept before they existed has 7 values a row, and reads back the same)."""
    row = [i.item, i.wiki, i.title, i.label, *(_xy(i.point)), i.image]
    return [*row, i.designation, i.risk] if i.designation or i.risk else row


def _xy(point: Point | None) -> tuple[float | None, float | None]:
    return (None, None) if point is None else (point.lat, point.lon)
