"""A program's page (/p/SLUG/) and its JSON (/api/programs/SLUG/): its campaigns, rolled up.

Programs are made and changed in the admin (admin.py). The numbers are metrics/programs.py's roll-up of
the campaigns' stored snapshots, the same snapshots their own pages compute from, kept in Django's cache
for as long as no campaign of the program is collected again (and at most figures.CACHE_S). A campaign
that is unlisted is counted, but neither named nor dated nor linked: only its own (unguessable) address
shows it.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from wikitally.errors import CampaignFileError
from wikitally.metrics.programs import roll_up
from wikitally.model import Campaign
from wikitally.reports import messages as report_messages
from wikitally.reports.columns import WIKI_COLUMNS
from wikitally.reports.i18n import Translator
from wikitally.store.models import CampaignDefinition, Program
from wikitally.web import messages as web_messages
from wikitally.web.campaigns import api, figures, paging
from wikitally.web.campaigns.cells import campaign_dates, number_cell, updated_text
from wikitally.web.campaigns.ui import UI, request_translator

# Headline numbers, as on a campaign's page: (plural '{count}' message, metric); uploads only when there are
# some.
STATS = (
    (report_messages.HEADLINE_EDITORS, "participants"),
    (report_messages.N_NEW_EDITORS, "new_editors"),
    (report_messages.N_EDITS, "edits"),
    (report_messages.N_ARTICLES, "articles_edited"),
    (report_messages.N_WORDS, "words_added"),
    (report_messages.N_REFERENCES, "references_added"),
    (report_messages.N_UPLOADS, "uploads"),
)


@dataclass(frozen=True)
class Member:
    """One campaign of a program, as its definition and the store know it."""

    definition: CampaignDefinition
    campaign: Campaign | None  # None: its file no longer passes the checks
    last_collected: datetime | None  # None: never collected


@dataclass(frozen=True)
class ProgramFigures:
    program: Program
    members: tuple[Member, ...]
    result: dict[str, Any] | None  # roll_up's; None while no campaign of it has been collected
    by_definition: dict[int, dict[str, int]]  # definition pk → the campaign's own totals

    @property
    def last_collected(self) -> datetime | None:
        return max((m.last_collected for m in self.members if m.last_collected), default=None)


def members(program: Program) -> tuple[Member, ...]:
    """The program's campaigns, earliest start first (then by name); broken files last."""
    st = figures.store()
    found = []
    for definition in program.campaigns.all():
        try:
            campaign: Campaign | None = figures.campaign_of(definition)
        except CampaignFileError:
            campaign = None
        last = st.last_collected(campaign) if campaign is not None else None
        found.append(Member(definition, campaign, last))
    return tuple(
        sorted(
            found,
            key=lambda m: (m.campaign is None, m.campaign.start if m.campaign else None, m.definition.name),
        )
    )


def program_figures(program: Program) -> ProgramFigures:
    """The program's roll-up, from Django's cache while no campaign of it was collected again."""
    found = members(program)
    collected = [m for m in found if m.campaign is not None and m.last_collected is not None]
    if not collected:
        return ProgramFigures(program, found, None, {})
    state = "|".join(
        f"{m.definition.pk}:{hashlib.sha256(m.definition.toml.encode()).hexdigest()[:16]}:"
        f"{m.last_collected.isoformat() if m.last_collected else ''}"
        for m in collected
    )
    key = f"wikitally:program:{program.pk}:{hashlib.sha256(state.encode()).hexdigest()[:24]}"
    result = cache.get(key)
    if result is None:
        st = figures.store()
        as_of = max(m.last_collected for m in collected if m.last_collected is not None)
        pairs = (
            (st.snapshot(m.campaign), st.participants(m.campaign))
            for m in collected
            if m.campaign is not None
        )
        result = roll_up(pairs, as_of)
        cache.set(key, result, figures.CACHE_S)
    by_definition = {
        m.definition.pk: row["totals"] for m, row in zip(collected, result["by_campaign"], strict=True)
    }
    return ProgramFigures(program, found, result, by_definition)


def can_edit(program: Program, user: AbstractBaseUser | AnonymousUser) -> bool:
    """Staff who organize the program (or superusers) change it in the admin."""
    if not getattr(user, "is_staff", False):
        return False
    return bool(getattr(user, "is_superuser", False) or program.organizers.filter(pk=user.pk).exists())


def _public(definition: CampaignDefinition) -> bool:
    """Named and linked on the program's page: public and not archived (an archived one's numbers stay in)."""
    return definition.visibility == "public" and definition.archived_at is None


def listed() -> list[dict[str, Any]]:
    """Public programs by name, each with how many of its campaigns are public (unlisted ones are not shown)."""
    from django.db.models import Count, Q

    programs = (
        Program.objects.filter(visibility="public")
        .annotate(
            public_campaigns=Count(
                "campaigns", filter=Q(campaigns__visibility="public", campaigns__archived_at__isnull=True)
            )
        )
        .order_by("name", "pk")
    )
    return [
        {"slug": p.slug, "name": p.name, "description": p.description, "campaigns": p.public_campaigns}
        for p in programs
    ]


# -- the page


def _stats(t: Translator, totals: dict[str, int]) -> list[dict[str, str]]:
    """Headline numbers as (text before, number, text after) of each translated '{count}' plural message."""
    items = []
    for message, metric in STATS:
        if metric == "uploads" and not totals["uploads"]:
            continue
        text = t.ngettext(message, totals[metric])
        before, _, after = text.partition("{count}")
        items.append({"before": before, "number": t.number(totals[metric]), "after": after})
    return items


@require_safe
def program_page(request: HttpRequest, slug: str) -> HttpResponse:
    program = get_object_or_404(Program, slug=slug)
    found = program_figures(program)
    t = request_translator(request)
    ui = UI(t)
    now = timezone.now()
    rows = []
    for m in found.members:
        totals = found.by_definition.get(m.definition.pk)
        public = _public(m.definition)
        rows.append(
            {
                "name": (m.campaign.name if m.campaign else m.definition.name)
                if public
                else ui["UNLISTED_CAMPAIGN"],
                "url": reverse("campaign", args=[m.definition.slug]) if public else "",
                "dates": campaign_dates(t, m.campaign) if m.campaign and public else "",
                "updated": updated_text(t, m.last_collected, now) if m.last_collected else "",
                "cells": [number_cell(t, totals[key]) for key, _ in WIKI_COLUMNS] if totals else [],
            }
        )
    result = found.result
    last = found.last_collected
    context: dict[str, Any] = {
        "program": program,
        "text": UI(t),
        "unlisted": program.visibility == "unlisted",
        "edit_url": (
            reverse("admin:store_program_change", args=[program.pk])
            if can_edit(program, request.user)
            else ""
        ),
        "last_collected": last,
        "updated": updated_text(t, last, now) if last else "",
        "columns": [t.gettext(label) for _, label in WIKI_COLUMNS],
        "rows": rows,
        "result": result,
        "not_collected": ui["NOT_COLLECTED"],
    }
    if result is not None:
        context["stats"] = _stats(t, result["totals"])
        context["total_cells"] = [number_cell(t, result["totals"][key]) for key, _ in WIKI_COLUMNS]
        context["overlap"] = [
            t.gettext(web_messages.OVERLAP_PEOPLE).format(count=t.number(result["overlap"]["participants"])),
            t.gettext(web_messages.OVERLAP_EDITS).format(count=t.number(result["overlap"]["edits"])),
        ]
    return render(request, "campaigns/program.html", context)


# -- the JSON


@require_safe
def program_list_api(request: HttpRequest) -> HttpResponse:
    """Public programs by name, a page at a time (api.py's paging; keyset: name, then address)."""
    try:
        page = paging.read(request, "programs")
    except paging.PagingError as e:
        return api.error_response(400, e.code, str(e))
    items = sorted(listed(), key=lambda item: (item["name"], item["slug"]))  # Python's order, as the cursor's
    if page.after is not None:
        after = tuple(str(part) for part in page.after)
        items = [item for item in items if (item["name"], item["slug"]) > after]
    chosen = items[: page.limit]
    more = len(items) > page.limit
    next_cursor = paging.cursor("programs", [chosen[-1]["name"], chosen[-1]["slug"]]) if more else None
    programs = [
        {
            **item,
            "url": request.build_absolute_uri(reverse("program", args=[item["slug"]])),
            "api": request.build_absolute_uri(reverse("api-program", args=[item["slug"]])),
        }
        for item in chosen
    ]
    return api.paged(request, {"programs": programs}, next_cursor)


@require_safe
def program_api(request: HttpRequest, slug: str) -> HttpResponse:
    program = Program.objects.filter(slug=slug).first()
    if program is None:
        return api.error_response(404, "not_found", f"no program at {slug!r}")
    found = program_figures(program)
    if found.result is None:
        return api.error_response(404, "not_collected", f"nothing collected yet for {program.name!r}")
    campaigns = []
    for m in found.members:
        public = _public(m.definition)
        last = m.last_collected
        shown = m.campaign if public else None  # an unlisted campaign: its numbers only
        campaigns.append(
            {
                "name": (shown.name if shown else m.definition.name) if public else None,
                "start": shown.start.isoformat() if shown else None,
                "end": shown.end.isoformat() if shown else None,
                "wikis": list(shown.wikis) if shown else [],
                "last_collected": last.isoformat() if last else None,
                "url": (
                    request.build_absolute_uri(reverse("campaign", args=[m.definition.slug]))
                    if public
                    else None
                ),
                "api": (
                    request.build_absolute_uri(reverse("api-campaign", args=[m.definition.slug]))
                    if public
                    else None
                ),
                "totals": found.by_definition.get(m.definition.pk),
            }
        )
    return api.json_response(
        {
            "program": {
                "slug": program.slug,
                "name": program.name,
                "description": program.description,
                "url": request.build_absolute_uri(reverse("program", args=[program.slug])),
                "as_of": found.result["as_of"],
            },
            "totals": found.result["totals"],
            "overlap": found.result["overlap"],
            "campaigns": campaigns,
        }
    )
