"""Daily views of an article, from the Wikimedia REST API (AQS), with the API session's manners.

    GET https://wikimedia.org/api/rest_v1/metrics/pageviews/per-article/
        {project}/all-access/user/{article}/daily/{start}/{end}
    → {"items": [{"project": "sq.wikipedia", "article": "Tirana", "granularity": "daily",
                  "timestamp": "2024030800", "access": "all-access", "agent": "user", "views": 123}, …]}

project is the wiki's domain (sq.wikipedia.org); article the title with "_" for spaces, percent-encoded
(including "/" and "?"); start/end YYYYMMDD00, inclusive; days in UTC. `user` counts people, not crawlers.
Days without views are left out of items; a range without any data is HTTP 404 with a JSON problem body
(type, title, detail, …) — that is "no data", anything else unexpected is a SourceError.
https://wikitech.wikimedia.org/wiki/Analytics/AQS/Pageviews, https://wikimedia.org/api/rest_v1/?doc

The client is an `api.PoliteClient` (User-Agent, retries, Retry-After, counts): one per run, shared by
every article, so tests inject a transport and a sleep as they do for ApiSession.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, timedelta
from typing import Any
from urllib.parse import quote

from wikitally.collect.api import PoliteClient, one_line
from wikitally.errors import SourceError

PAGEVIEWS_API = "https://wikimedia.org/api/rest_v1/metrics/pageviews/per-article"
AGENT = "user"  # people; "all-agents" would add crawlers
SETTLE_DAYS = 2  # AQS publishes a day's views within about a day; older days are complete


def article_url(wiki: str, title: str, start: date, end: date, base: str = PAGEVIEWS_API) -> str:
    article = quote(title.replace(" ", "_"), safe="")
    return f"{base.rstrip('/')}/{wiki}/all-access/{AGENT}/{article}/daily/{start:%Y%m%d}00/{end:%Y%m%d}00"


def pageviews(
    client: PoliteClient, wiki: str, title: str, start: date, end: date, base: str = PAGEVIEWS_API
) -> list[tuple[date, int]]:
    """(day, views) for the days in [start, end] the API reports, oldest first; [] when it has no data."""
    if end < start:
        return []
    url = article_url(wiki, title, start, end, base)
    status, data = client.get_json(url)
    if status == 404 and _is_problem(data):
        return []  # no data for this article and range
    if status != 200:
        detail = f": {one_line(data.get('title') or data.get('detail'))}" if _is_problem(data) else ""
        raise SourceError(f"{url}: HTTP {status}{detail}")
    items = data.get("items") if isinstance(data, dict) else None
    if not isinstance(items, list):
        raise SourceError(f"{url}: malformed answer: no items")
    days: dict[date, int] = {}
    for item in items:
        day, views = _item(url, item)
        if start <= day <= end:
            days[day] = views
    return sorted(days.items())


def missing_ranges(known: Collection[date], start: date, end: date) -> list[tuple[date, date]]:
    """The runs of consecutive days in [start, end] that are not known, oldest first."""
    ranges: list[tuple[date, date]] = []
    run: date | None = None
    day = start
    while day <= end:
        if day in known:
            if run is not None:
                ranges.append((run, day - timedelta(days=1)))
                run = None
        elif run is None:
            run = day
        day += timedelta(days=1)
    if run is not None:
        ranges.append((run, end))
    return ranges


def fetch_missing(
    client: PoliteClient,
    wiki: str,
    title: str,
    start: date,
    end: date,
    known: Collection[date],
    settled_before: date,
    base: str = PAGEVIEWS_API,
) -> list[tuple[date, int]]:
    """Views for the days of [start, end] not already known (one request per run of missing days),
    ready to store. A day the API leaves out had no views if it is before settled_before (its data is
    complete): it comes back as 0, so it is known next time. A later day left out is not returned, so
    it is asked for again (settled_before: today in UTC minus SETTLE_DAYS, from the caller's clock)."""
    rows: dict[date, int] = {}
    for first, last in missing_ranges(known, start, end):
        reported = dict(pageviews(client, wiki, title, first, last, base))
        day = first
        while day <= last:
            if day in reported:
                rows[day] = reported[day]
            elif day < settled_before:
                rows[day] = 0
            day += timedelta(days=1)
    return sorted(rows.items())


def _is_problem(data: Any) -> bool:
    """An RFC 7807 problem body, as AQS sends with its errors (at least one of its usual keys)."""
    return isinstance(data, dict) and bool({"type", "title", "detail"} & set(data))


def _item(url: str, item: Any) -> tuple[date, int]:
    try:
        stamp = str(item["timestamp"])
        day = date(int(stamp[:4]), int(stamp[4:6]), int(stamp[6:8]))
        views = item["views"]
        if not isinstance(views, int) or isinstance(views, bool) or views < 0:
            raise ValueError(views)
    except (KeyError, TypeError, ValueError):
        raise SourceError(f"{url}: malformed item {one_line(repr(item))}") from None
    return day, views
