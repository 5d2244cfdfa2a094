"""The read-only JSON API (openapi.py describes it). Public campaigns are listed; unlisted ones answer by
their address, as their pages do. Every answer may be read from any origin."""

from __future__ import annotations

import json
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from wikitally.errors import CampaignFileError
from wikitally.reports.json_report import render_json
from wikitally.store.models import CampaignDefinition
from wikitally.web.campaigns import figures, openapi, views_refresh

CONTENT_TYPE = "application/json"


def _answer(body: str | bytes, status: int = 200) -> HttpResponse:
    response = HttpResponse(body, content_type=CONTENT_TYPE, status=status)
    response["Access-Control-Allow-Origin"] = "*"
    return response


def json_response(data: Any, status: int = 200) -> HttpResponse:
    return _answer(json.dumps(data, ensure_ascii=False, indent=2) + "\n", status)


def error_response(status: int, code: str, message: str) -> HttpResponse:
    return json_response({"error": code, "message": message}, status)


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
    items = []
    for definition in figures.listed():
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
    return json_response({"campaigns": items})


@require_safe
def campaign(request: HttpRequest, slug: str) -> HttpResponse:
    found = _figures(slug)
    if isinstance(found, HttpResponse):
        return found
    assert found.outcome is not None
    # Key for key what `report --format json` prints, then the worker's `refresh` (views_refresh.py).
    refresh = views_refresh.api_status(found.definition, timezone.now())
    return _answer(render_json({**found.outcome, "refresh": refresh}))


@require_safe
def leaderboard(request: HttpRequest, slug: str) -> HttpResponse:
    sort = request.GET.get("sort", figures.DEFAULT_SORT)
    if sort not in figures.SORTS:
        return error_response(400, "bad_sort", f"sort must be one of {', '.join(figures.SORTS)}")
    found = _figures(slug)
    if isinstance(found, HttpResponse):
        return found
    outcome = found.outcome
    assert outcome is not None
    # The encoded answer is cached with the figures it comes from (a new collection or file makes a new key):
    # encoding a 1,000-row leaderboard is most of the request's time (bench/README, "Web app under load").
    key = f"{found.key}:leaderboard:{sort}"
    body = figures.DERIVED.get(key)
    if body is None:
        body = (
            json.dumps(
                {"campaign": slug, "sort": sort, "participants": figures.leaderboard(outcome, sort)},
                ensure_ascii=False,
                indent=2,
            )
            + "\n"
        ).encode()
        figures.DERIVED.set(key, body)
    return _answer(body)


@require_safe
def openapi_document(request: HttpRequest) -> HttpResponse:
    return json_response(openapi.document())
