"""The read-only JSON API (openapi.py describes it). Public campaigns are listed; unlisted ones answer by
their address, as their pages do. Every answer may be read from any origin. Lists come a page at a time
(paging.py: `limit`, `cursor`); a campaign's answers carry an ETag and answer If-None-Match with 304."""

from __future__ import annotations

import bisect
import json
from datetime import datetime
from typing import Any
from urllib.parse import urlencode

from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from wikitally.errors import CampaignFileError
from wikitally.reports.json_report import render_json
from wikitally.store.models import CampaignDefinition
from wikitally.web.campaigns import etags, figures, openapi, paging, views_refresh

CONTENT_TYPE = etags.JSON
# The campaign answer's lists (as `report --format json` has them): the answer gives the first LIST_CAP of
# each and, in `lists`, where to read all of it a page at a time (campaign_list_items).
LISTS = ("by_participant", "articles", "uploads")
LIST_CAP = paging.DEFAULT_LIMIT
etag_of, tagged = etags.etag_of, etags.tagged  # the API's own names for them


def _answer(body: str | bytes, status: int = 200) -> HttpResponse:
    response = HttpResponse(body, content_type=CONTENT_TYPE, status=status)
    response["Access-Control-Allow-Origin"] = "*"
    return response


def json_response(data: Any, status: int = 200) -> HttpResponse:
    return _answer(json.dumps(data, ensure_ascii=False, indent=2) + "\n", status)


def error_response(status: int, code: str, message: str) -> HttpResponse:
    return json_response({"error": code, "message": message}, status)


def _encoded(data: Any) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode()


def paged(request: HttpRequest, data: dict[str, Any], next_cursor: str | None) -> HttpResponse:
    """A page of a list: its `next` cursor in the body, and the next page's address in a Link header."""
    response = json_response({**data, "next": next_cursor})
    url = paging.next_url(request, next_cursor)
    if url is not None:
        response["Link"] = f'<{url}>; rel="next"'
        response["Access-Control-Expose-Headers"] = "ETag, Link"
    return response


def _figures(slug: str) -> figures.Figures | HttpResponse:
    definition = CampaignDefinition.objects.filter(slug=slug).first()
    if definition is None:
        return error_response(404, "not_found", f"no campaign at {slug!r}")
    found = figures.figures(definition, timezone.now())
    if found.data is None:
        return error_response(404, "not_collected", f"nothing collected yet for {definition.name!r}")
    return found


@require_safe
def campaign_list(request: HttpRequest) -> HttpResponse:
    """Public campaigns, newest first, a page at a time (keyset: created, then id, both descending)."""
    try:
        page = paging.read(request, "campaigns")
    except paging.PagingError as e:
        return error_response(400, e.code, str(e))
    rows = figures.listed()
    if page.after is not None:
        try:
            created, pk = datetime.fromisoformat(page.after[0]), int(page.after[1])
        except (ValueError, TypeError, IndexError):
            return error_response(
                400, "bad_cursor", "cursor is not one this API gave; start again without it"
            )
        rows = rows.filter(Q(created__lt=created) | Q(created=created, pk__lt=pk))
    chosen = list(rows[: page.limit + 1])
    more = len(chosen) > page.limit
    chosen = chosen[: page.limit]
    items = []
    for definition in chosen:
        try:
            campaign = figures.campaign_of(definition)
        except CampaignFileError:
            continue
        last = definition.last_collected
        items.append(
            {
                "slug": definition.slug,
                "name": campaign.name,
                "start": campaign.start.isoformat(),
                "end": campaign.end.isoformat(),
                "wikis": list(campaign.wikis),
                "last_collected": last.isoformat() if last else None,
                "url": request.build_absolute_uri(reverse("campaign", args=[definition.slug])),
                "api": request.build_absolute_uri(reverse("api-campaign", args=[definition.slug])),
            }
        )
    last_row = chosen[-1] if chosen else None
    next_cursor = (
        paging.cursor("campaigns", [last_row.created.isoformat(), last_row.pk]) if more and last_row else None
    )
    return paged(request, {"campaigns": items}, next_cursor)


@require_safe
def campaign(request: HttpRequest, slug: str) -> HttpResponse:
    found = _figures(slug)
    if isinstance(found, HttpResponse):
        return found
    assert found.outcome is not None
    outcome = found.outcome
    # Key for key what `report --format json` prints, then the worker's `refresh` (views_refresh.py). Encoded
    # once per version of the figures and refresh status, with its ETag: a poller's 304 costs no encoding.
    refresh = views_refresh.api_status(found.definition, timezone.now())
    key = f"{found.key}:api:{json.dumps(refresh, sort_keys=True, default=str)}"

    key = f"{key}:{request.build_absolute_uri('/')}"  # the answer names its lists' absolute addresses

    def encode() -> tuple[bytes, str]:
        bounded, lists = dict(outcome), {}
        for name in LISTS:  # bounded: the first LIST_CAP items of each, the rest a page at a time
            items = outcome.get(name) or []
            bounded[name] = items[:LIST_CAP]
            more = len(items) > LIST_CAP
            next_cursor = paging.cursor(f"list:{name}", [LIST_CAP]) if more else None
            base = request.build_absolute_uri(reverse("api-campaign-list", args=[slug, name]))
            lists[name] = {
                "total": len(items),
                "url": base,
                "next": f"{base}?{urlencode({'cursor': next_cursor})}" if next_cursor else None,
            }
        body = render_json({**bounded, "lists": lists, "refresh": refresh}).encode()
        return body, etag_of(body)

    body, etag = figures.DERIVED.get_or_make(key, encode)
    return tagged(request, body, etag)


@require_safe
def campaign_list_items(request: HttpRequest, slug: str, name: str) -> HttpResponse:
    """One of the campaign answer's lists (by_participant, articles, uploads) whole, a page at a time, in the
    answer's order. The cursor is a position in that order, tied to the list; the ETag tells a new version."""
    if name not in LISTS:
        return error_response(404, "not_found", f"no such list; the lists are {', '.join(LISTS)}")
    try:
        page = paging.read(request, f"list:{name}")
    except paging.PagingError as e:
        return error_response(400, e.code, str(e))
    start = 0
    if page.after is not None:
        if len(page.after) != 1 or not isinstance(page.after[0], int) or isinstance(page.after[0], bool):
            return error_response(
                400, "bad_cursor", "cursor is not one this API gave; start again without it"
            )
        start = max(0, page.after[0])
    found = _figures(slug)
    if isinstance(found, HttpResponse):
        return found
    assert found.outcome is not None
    items = found.outcome.get(name) or []
    key = f"{found.key}:list:{name}:{start}:{page.limit}"

    def encode() -> tuple[bytes, str, str | None]:
        end = start + page.limit
        next_cursor = paging.cursor(f"list:{name}", [end]) if end < len(items) else None
        body = render_json(
            {"campaign": slug, "list": name, "total": len(items), name: items[start:end], "next": next_cursor}
        ).encode()
        return body, etag_of(body), next_cursor

    return _page(request, *figures.DERIVED.get_or_make(key, encode))


@require_safe
def leaderboard(request: HttpRequest, slug: str) -> HttpResponse:
    """Participants ranked by ?sort=, a page at a time (keyset: the metric descending, then the username)."""
    sort = request.GET.get("sort", figures.DEFAULT_SORT)
    if sort not in figures.SORTS:
        return error_response(400, "bad_sort", f"sort must be one of {', '.join(figures.SORTS)}")
    try:
        page = paging.read(request, f"leaderboard:{sort}")
    except paging.PagingError as e:
        return error_response(400, e.code, str(e))
    found = _figures(slug)
    if isinstance(found, HttpResponse):
        return found
    outcome = found.outcome
    assert outcome is not None
    metric = figures.SORTS[sort]
    # The ranking and each encoded page are kept with the figures they come from (a new collection or file
    # makes a new key): encoding a 1,000-row leaderboard is most of a request's time (bench/README).
    ranked = figures.DERIVED.get_or_make(
        f"{found.key}:ranked:{sort}", lambda: figures.leaderboard(outcome, sort)
    )
    key = f"{found.key}:leaderboard:{sort}:{page.limit}:{json.dumps(page.after)}"

    def encode() -> tuple[bytes, str, str | None]:
        start = 0
        if page.after is not None:
            value, user = page.after
            keys = [(-p[metric], p["user"]) for p in ranked]
            start = bisect.bisect_right(keys, (-value, user))
        rows = ranked[start : start + page.limit]
        more = start + page.limit < len(ranked)
        next_cursor = (
            paging.cursor(f"leaderboard:{sort}", [rows[-1][metric], rows[-1]["user"]]) if more else None
        )
        body = _encoded({"campaign": slug, "sort": sort, "participants": rows, "next": next_cursor})
        return body, etag_of(body), next_cursor

    if page.after is not None and not _leaderboard_key(page.after):
        return error_response(400, "bad_cursor", "cursor is not one this API gave; start again without it")
    return _page(request, *figures.DERIVED.get_or_make(key, encode))


def _leaderboard_key(after: list[Any]) -> bool:
    return (
        len(after) == 2
        and isinstance(after[0], int)
        and not isinstance(after[0], bool)
        and isinstance(after[1], str)
    )


@require_safe
def openapi_document(request: HttpRequest) -> HttpResponse:
    return json_response(openapi.document())


def _page(request: HttpRequest, body: bytes, etag: str, next_cursor: str | None) -> HttpResponse:
    """One page of a list: its body under its ETag (304 for a revalidation), the next page in a Link header."""
    response = tagged(request, body, etag)
    url = paging.next_url(request, next_cursor)
    if url is not None:
        response["Link"] = f'<{url}>; rel="next"'
    return response
