"""The scheduled refresh on the web: the "Refresh now" button (organizers only, rate-limited), what a campaign's
page says about the next update, and the API's `refresh` object. The worker itself is services/refresh.py.
"""

from __future__ import annotations

import math
from datetime import datetime
from typing import Any

from babel.dates import format_timedelta
from django.contrib import messages
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db import DEFAULT_DB_ALIAS
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from wikitally.errors import CampaignFileError
from wikitally.model import Campaign
from wikitally.reports.i18n import Translator
from wikitally.services import refresh
from wikitally.store.models import CampaignDefinition
from wikitally.store.refresh_queue import RefreshQueue, RefreshStatus
from wikitally.web import messages as web_messages
from wikitally.web.campaigns import definitions, figures, form_errors, views_errors, views_manage
from wikitally.web.campaigns.ui import request_translator


def queue() -> RefreshQueue:
    return RefreshQueue(DEFAULT_DB_ALIAS)


@require_POST
def refresh_now(request: HttpRequest, slug: str) -> HttpResponse:
    """Ask the worker to refresh the campaign as soon as it can: organizers only, once per REQUEST_GAP."""
    definition = get_object_or_404(CampaignDefinition, slug=slug)
    t = request_translator(request)
    if not definitions.may_manage(definition, request.user):
        raise PermissionDenied(t.gettext(web_messages.REFRESH_FORBIDDEN))
    refused = views_manage.archived_refusal(request, definition)
    if refused is not None:
        return refused
    now = timezone.now()
    if not queue().request(definition.pk, now, refresh.REQUEST_GAP):
        state = queue().state(definition.pk)
        last = state.requested_at if state is not None and state.requested_at is not None else now
        seconds = max(1, math.ceil((last + refresh.REQUEST_GAP - now).total_seconds()))
        return views_errors.error_page(
            request,
            429,
            t.gettext(web_messages.TOO_MANY_TITLE),
            t.gettext(web_messages.REFRESH_TOO_SOON).format(seconds=t.number(seconds)),
            retry_after=seconds,
        )
    messages.success(request, t.gettext(web_messages.REFRESH_REQUESTED))
    return redirect("campaign", slug=definition.slug)


def page_status(
    definition: CampaignDefinition,
    campaign: Campaign | None,
    user: AbstractBaseUser | AnonymousUser,
    t: Translator,
    now: datetime,
) -> dict[str, Any]:
    """What the campaign's page shows: `next` (after "Last updated …"), the status line, the button."""
    state = queue().state(definition.pk)
    status = refresh.status_of(state, now)
    organizer = definitions.may_manage(definition, user)
    requested = state is not None and state.requested
    scheduled = campaign is None or refresh.in_window(campaign, now)
    next_text = ""
    if status != "running" and (requested or scheduled):
        next_due = state.next_due if state is not None else None
        if requested or next_due is None or next_due <= now:
            next_text = t.gettext(web_messages.NEXT_UPDATE_SOON)
        else:
            when = format_timedelta(next_due - now, add_direction=True, locale=t.locale)
            next_text = t.gettext(web_messages.NEXT_UPDATE).format(when=when)
    message = ""
    if status in ("running", "failed") and not organizer:
        message = t.gettext(web_messages.REFRESH_UPDATING)
    elif status == "running":
        message = t.gettext(web_messages.REFRESH_RUNNING)
    elif status == "failed" and state is not None:
        failed_at = state.last_finished or now
        when = format_timedelta(failed_at - now, add_direction=True, locale=t.locale)
        message = t.gettext(web_messages.REFRESH_FAILED).format(when=when, error=failure_text(state, t))
    return {
        "status": status,
        "next": next_text,
        "message": message,
        "can_refresh": organizer and definition.archived_at is None,
        "url": reverse("campaign-refresh", args=[definition.slug]),
        "button": t.gettext(web_messages.REFRESH_NOW),
    }


def failure_text(state: RefreshStatus, t: Translator) -> str:
    """Why the last refresh failed, in t's language and the form's words (the field's label, not the file's
    key) when it was a campaign file error; else the stored line (English)."""
    if not state.last_error_parts:
        return state.last_error
    error = CampaignFileError.from_parts(state.last_error_parts)
    labels = {"wikis": web_messages.LABEL_WIKIS, "api": web_messages.LABEL_API}

    def label(field: str) -> str:
        return t.gettext(labels[field]) if field in labels else field

    return form_errors.form_text(form_errors.Mistake(error.field, error), t.gettext, label)


def page_status_for(request: HttpRequest, definition: CampaignDefinition) -> dict[str, Any]:
    """page_status for this request's user and language (the campaign read from the definition's file)."""
    try:
        campaign: Campaign | None = figures.campaign_of(definition)
    except CampaignFileError:
        campaign = None
    return page_status(definition, campaign, request.user, request_translator(request), timezone.now())


def api_status(definition: CampaignDefinition, now: datetime) -> dict[str, Any]:
    """The API's `refresh`: status (idle, running, ok, failed), the last good refresh, the next one due."""
    state = queue().state(definition.pk)
    return {
        "status": refresh.status_of(state, now),
        "last_ok": state.last_ok.isoformat() if state is not None and state.last_ok else None,
        "next_due": state.next_due.isoformat() if state is not None and state.next_due else None,
    }
