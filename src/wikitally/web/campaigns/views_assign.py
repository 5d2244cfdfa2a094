"""Assignments of worklist items (docs/worklists.md, "Assignments").

/c/SLUG/assignments/ — organizers: who has which item and how far they are, one item by hand, the free items
dealt evenly at random (a seed makes the deal repeatable); /c/SLUG/assignments.csv — progress per student.
/c/SLUG/mine/ — a signed-in participant: their items with progress, and the free items they may take.
"""

from __future__ import annotations

import random
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from wikitally.errors import CampaignFileError
from wikitally.metrics.assignments import Row
from wikitally.services import assignments
from wikitally.store import enrolments
from wikitally.store.models import CampaignDefinition
from wikitally.usernames import normalize_username
from wikitally.web.campaigns import definitions, figures, participants, views_errors
from wikitally.web.campaigns.ui import UI, request_translator

PROGRESS_TEXT = {
    "not started": "PROGRESS_NOT_STARTED",
    "in progress": "PROGRESS_IN_PROGRESS",
    "done": "PROGRESS_DONE",
}
MAX_SEED = 2**63


def _campaign(definition: CampaignDefinition) -> Any:
    try:
        return figures.campaign_of(definition)
    except CampaignFileError:
        return None


def _shown(rows: list[Row], ui: UI) -> list[dict[str, Any]]:
    return [
        {
            "key": r.key,
            "name": r.name,
            "user": r.user,
            "claimed": r.claimed,
            "progress": ui[PROGRESS_TEXT[r.progress]],
            "cls": r.progress.replace(" ", "-"),
        }
        for r in rows
    ]


@login_required
@require_http_methods(["GET", "POST"])
def organizer_page(request: HttpRequest, slug: str) -> HttpResponse:
    definition = get_object_or_404(CampaignDefinition, slug=slug)
    t = request_translator(request)
    ui = UI(t)
    if not definitions.may_manage(definition, request.user):
        return views_errors.error_page(request, 403, ui["FORBIDDEN_TITLE"], ui["FORBIDDEN_ASSIGNMENTS"])
    campaign, store, now = _campaign(definition), figures.store(), timezone.now()
    if request.method == "POST" and campaign is not None:
        given = 0
        if request.POST.get("form") == "hand":
            key = request.POST.get("item", "").strip().replace("_", " ")
            name = normalize_username(request.POST.get("user", ""))
            given = assignments.assign(campaign, store, {key: name}, now) if key and name else 0
        elif request.POST.get("form") == "evenly":
            seed = request.POST.get("seed", "").strip()
            if not seed.isdigit() or int(seed) >= MAX_SEED:
                return views_errors.bad_request(request)
            names = [normalize_username(n) for n in request.POST.get("users", "").splitlines() if n.strip()]
            if not names:
                names = [e.username for e in enrolments.enrolments(definition)] or list(campaign.participants)
            given = len(assignments.assign_evenly(campaign, store, names, random.Random(int(seed)), now))
        else:
            return views_errors.bad_request(request)
        if given:
            messages.success(request, ui["ASSIGNED_DONE"].format(count=t.number(given)))
        else:
            messages.error(request, ui["ASSIGNED_NONE"])
        return redirect("campaign-assignments", slug=slug)
    items, rows = assignments.table(campaign, store, now) if campaign is not None else ([], [])
    context = {
        "definition": definition,
        "title": ui["ASSIGN_TITLE"].format(campaign=definition.name),
        "has_items": bool(items),
        "rows": _shown(rows, ui),
        "free": len(items) - len(rows),
    }
    return render(request, "campaigns/assignments.html", context)


@login_required
@require_GET
def progress_csv(request: HttpRequest, slug: str) -> HttpResponse:
    definition = get_object_or_404(CampaignDefinition, slug=slug)
    ui = UI(request_translator(request))
    if not definitions.may_manage(definition, request.user):
        return views_errors.error_page(request, 403, ui["FORBIDDEN_TITLE"], ui["FORBIDDEN_ASSIGNMENTS"])
    campaign = _campaign(definition)
    text = assignments.progress_csv(campaign, figures.store(), timezone.now()) if campaign else ""
    response = HttpResponse(text, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{slug}-progress.csv"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def mine(request: HttpRequest, slug: str) -> HttpResponse:
    definition = get_object_or_404(CampaignDefinition, slug=slug)
    t = request_translator(request)
    ui = UI(t)
    username = participants.username_of(request.user)
    campaign, store, now = _campaign(definition), figures.store(), timezone.now()
    member = (
        username is not None
        and campaign is not None
        and (
            enrolments.find(definition, username) is not None
            or username in (store.participants(campaign) or ())
        )
    )
    if request.method == "POST":
        if not member or campaign is None or username is None:
            messages.error(request, ui["CLAIM_PARTICIPANTS_ONLY"])
            return redirect("campaign-mine", slug=slug)
        key = request.POST.get("item", "")
        if assignments.claim(campaign, store, key, username, now):
            messages.success(request, ui["CLAIMED"].format(item=key))
        else:
            messages.error(request, ui["CLAIM_TAKEN"].format(item=key))
        return redirect("campaign-mine", slug=slug)
    items, rows = assignments.table(campaign, store, now) if campaign is not None else ([], [])
    taken = {r.key for r in rows}
    context = {
        "definition": definition,
        "title": ui["YOUR_ARTICLES"].format(campaign=definition.name),
        "has_items": bool(items),
        "rows": _shown([r for r in rows if r.user == username], ui),
        "free": [
            {"key": i.key, "name": i.label or i.title or i.item or i.key}
            for i in items
            if i.key not in taken and i.status == "missing"
        ][:500]
        if member
        else [],
        "member": member,
    }
    return render(request, "campaigns/mine.html", context)
