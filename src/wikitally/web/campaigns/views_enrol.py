"""Enrolment pages: joining a campaign through its link, and its organizers' list of participants.

/c/SLUG/join/ — a signed-in user joins as their Wikimedia username (the passcode first, when the campaign
has one: wrong ones are counted per user and campaign, PASSCODE_ATTEMPTS per PASSCODE_WINDOW, in the
database, so that every server process counts the same ones).
/c/SLUG/participants/ — organizers: who is enrolled and who has not edited yet (no counted edit in the
stored outcome), a pasted list to add, the passcode; /c/SLUG/participants/remove/ removes one (POST).
"""

from __future__ import annotations

import math
from datetime import timedelta
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from wikitally.errors import CampaignFileError
from wikitally.store import attempts, enrolments
from wikitally.store.models import CampaignDefinition
from wikitally.usernames import normalize_username
from wikitally.web import messages as web_messages
from wikitally.web.campaigns import (
    definitions,
    event,
    figures,
    name_check,
    participants,
    views_errors,
    views_manage,
)
from wikitally.web.campaigns.forms_enrol import AddParticipantsForm, JoinForm, PasscodeForm
from wikitally.web.campaigns.forms_manage import PrivacyForm
from wikitally.web.campaigns.ui import UI, request_translator

PASSCODE_ATTEMPTS = 5  # wrong passcodes one user may type for one campaign …
PASSCODE_WINDOW = timedelta(minutes=15)  # … within this long (counted from the first)


def _attempts_key(definition: CampaignDefinition, user_pk: Any) -> str:
    return f"wikitally:passcode:{definition.pk}:{user_pk}"


def passcode_blocked(key: str) -> bool:
    return attempts.count(key, PASSCODE_WINDOW, timezone.now()) >= PASSCODE_ATTEMPTS


def count_wrong_passcode(key: str) -> None:
    attempts.record(key, PASSCODE_WINDOW, timezone.now())


@login_required
@require_http_methods(["GET", "POST"])
def join(request: HttpRequest, slug: str) -> HttpResponse:
    definition = get_object_or_404(CampaignDefinition, slug=slug)
    t = request_translator(request)
    ui = UI(t)
    username = participants.username_of(request.user)
    enrolment = enrolments.find(definition, username) if username else None
    form = JoinForm(ui=ui, definition=definition)
    status, retry_after = 200, 0
    if request.method == "POST" and enrolment is not None:
        return redirect("campaign-join", slug=slug)
    if request.method == "POST":
        refused_archived = views_manage.archived_refusal(request, definition)
        if refused_archived is not None:
            return refused_archived
    if request.method == "POST" and username:
        key = _attempts_key(definition, request.user.pk)
        refused = ""
        if definition.passcode_hash and passcode_blocked(key):
            minutes = math.ceil(PASSCODE_WINDOW.total_seconds() / 60)
            refused = ui["ERROR_PASSCODE_LIMIT"].format(minutes=t.number(minutes))
            status, retry_after = 429, math.ceil(PASSCODE_WINDOW.total_seconds())
        form = JoinForm(request.POST, ui=ui, definition=definition, refused=refused)
        if form.is_valid():
            private = request.POST.get("private") == "on"  # the join form's PrivacyForm checkbox
            enrolments.enrol(definition, username, user=request.user, source="join", private=private)
            messages.success(request, ui["JOIN_DONE"].format(user=username))
            return redirect("campaign-join", slug=slug)
        if form.wrong_passcode:
            count_wrong_passcode(key)
    context = {
        "definition": definition,
        "archived": definition.archived_at is not None,  # read-only: no form, only why
        "title": ui["JOIN_TITLE"].format(campaign=definition.name),
        "username": username,
        "enrolment": enrolment,
        "joined": ui["JOINED"].format(user=username) if enrolment else "",
        "intro": ui["JOIN_INTRO"].format(user=username) if username else "",
        "form": form,
        "sign_in": f"{reverse('oauth-start')}?{urlencode({'next': request.path})}",
        "event": {"rules": _rules(t, definition)},
        "privacy_form": PrivacyForm(initial={"private": bool(enrolment and enrolment.private)}, ui=ui),
    }
    response = render(request, "campaigns/join.html", context, status=status)
    if retry_after:  # the limit counts the window's attempts: after a whole window, none are left
        response["Retry-After"] = str(retry_after)
    return response


def _rules(t: Any, definition: CampaignDefinition) -> list[str]:
    """The rules an edit must follow, repeated where people join (event.rules)."""
    try:
        campaign = figures.campaign_of(definition)
    except CampaignFileError:
        return []
    zone = event.campaign_zone(definition, campaign)
    return event.rules(t, campaign, event.takes_enrolment(definition, campaign), zone)


def _organizers_only(request: HttpRequest, slug: str) -> tuple[CampaignDefinition, HttpResponse | None]:
    definition = get_object_or_404(CampaignDefinition, slug=slug)
    if definitions.may_manage(definition, request.user):
        return definition, None
    ui = UI(request_translator(request))
    refused = views_errors.error_page(request, 403, ui["FORBIDDEN_TITLE"], ui["FORBIDDEN_PARTICIPANTS"])
    return definition, refused


@login_required
@require_http_methods(["GET", "POST"])
def participant_list(request: HttpRequest, slug: str) -> HttpResponse:
    definition, refused = _organizers_only(request, slug)
    if refused is not None:
        return refused
    if request.method == "POST":
        refused = views_manage.archived_refusal(request, definition)
        if refused is not None:
            return refused
    t = request_translator(request)
    ui = UI(t)
    add_form = AddParticipantsForm(ui=ui, prefix="add")
    passcode_form = PasscodeForm(ui=ui, prefix="passcode")
    if request.method == "POST":
        chosen = request.POST.get("form")
        if chosen == "add":
            add_form = AddParticipantsForm(request.POST, ui=ui, prefix="add")
            if add_form.is_valid():
                names = add_form.cleaned_data["usernames"]
                unknown: tuple[str, ...] = ()
                if not add_form.cleaned_data.get("add_anyway"):
                    unknown = _unknown_names(request, definition, names, ui)
                wanted = [name for name in names if name not in set(unknown)]
                if wanted:
                    added = enrolments.enrol_all(definition, wanted, source="organizer")
                    messages.success(
                        request, ui["ADDED"].format(added=t.number(added), count=t.number(len(wanted)))
                    )
                if not unknown:
                    return redirect("campaign-participants", slug=slug)
                # the others are in; the unknown names stay in the box, with the tick box to insist
                add_form = AddParticipantsForm({"add-usernames": "\n".join(unknown)}, ui=ui, prefix="add")
                add_form.is_valid()
                add_form.add_error("usernames", name_check.unknown_text(ui, unknown))
                add_form.asking = True
        elif chosen == "passcode":
            passcode_form = PasscodeForm(request.POST, ui=ui, prefix="passcode")
            if passcode_form.is_valid():
                definition.passcode_hash = passcode_form.passcode_hash()
                definition.save(update_fields=["passcode_hash", "updated"])
                done = "PASSCODE_SAVED" if definition.passcode_hash else "PASSCODE_CLEARED"
                messages.success(request, ui[done])
                return redirect("campaign-participants", slug=slug)
        else:
            return views_errors.bad_request(request)
    rows, idle = _rows(definition, ui)
    collected = idle is not None
    summary = (
        ui["ENROLLED_COUNT"].format(
            enrolled=t.count(web_messages.ENROLLED_N, len(rows)),
            idle=t.count(web_messages.NOT_EDITED_N, idle or 0),
        )
        if collected
        else ui["ENROLLED_COUNT_NOT_COLLECTED"].format(enrolled=t.count(web_messages.ENROLLED_N, len(rows)))
    )
    context = {
        "definition": definition,
        "title": ui["PARTICIPANTS_TITLE"].format(campaign=definition.name),
        "join_url": request.build_absolute_uri(reverse("campaign-join", args=[slug])),
        "rows": rows,
        "collected": collected,
        "summary": summary,
        "add_form": add_form,
        "passcode_form": passcode_form,
        "has_passcode": bool(definition.passcode_hash),
    }
    return render(request, "campaigns/participants.html", context)


def _unknown_names(
    request: HttpRequest, definition: CampaignDefinition, names: list[str], ui: UI
) -> tuple[str, ...]:
    """The names no campaign wiki has an account for (a wiki that can't be asked: a warning, not a refusal)."""
    try:
        campaign = figures.campaign_of(definition)
    except CampaignFileError:
        return ()
    result = name_check.check(campaign, names)
    warning = name_check.unreachable_text(ui, result)
    if warning:
        messages.warning(request, warning)
    return result.unknown


def _rows(definition: CampaignDefinition, ui: UI) -> tuple[list[dict[str, Any]], int | None]:
    """The enrolled people, each with whether they have a counted edit (None before any outcome), and
    how many have not edited yet (None before any outcome)."""
    outcome = _stored_outcome(definition)
    done = participants.edited(outcome) if outcome is not None else set()
    how = {"join": ui["HOW_JOIN"], "organizer": ui["HOW_ORGANIZER"]}
    rows = []
    for enrolment in enrolments.enrolments(definition):
        name = enrolment.username
        edited = None if outcome is None else name in done
        rows.append(
            {
                "username": name,
                "how": how.get(enrolment.source, enrolment.source),
                "enrolled_at": enrolment.enrolled_at,
                "edited": edited,
                "url": reverse("participant", args=[definition.slug, name.replace(" ", "_")])
                if edited
                else "",
                "remove_label": ui["REMOVE_LABEL"].format(user=name),
            }
        )
    idle = None if outcome is None else sum(1 for row in rows if not row["edited"])
    return rows, idle


def _stored_outcome(definition: CampaignDefinition) -> dict[str, Any] | None:
    """The campaign's newest stored outcome; None before its first (or when its file no longer reads)."""
    try:
        campaign = figures.campaign_of(definition)
    except CampaignFileError:
        return None
    return figures.store().latest_outcome(campaign)


@login_required
@require_POST
def participant_remove(request: HttpRequest, slug: str) -> HttpResponse:
    definition, refused = _organizers_only(request, slug)
    if refused is None:
        refused = views_manage.archived_refusal(request, definition)
    if refused is not None:
        return refused
    username = normalize_username(request.POST.get("username", ""))
    ui = UI(request_translator(request))
    if username and request.POST.get("confirm") != "yes":
        # asked first, on a page of its own: works without JavaScript
        context = {
            "definition": definition,
            "title": ui["REMOVE_CONFIRM_TITLE"].format(user=username),
            "text": ui["REMOVE_CONFIRM_TEXT"].format(user=username, campaign=definition.name),
            "username": username,
        }
        return render(request, "campaigns/remove_confirm.html", context)
    if username and enrolments.remove(definition, username):
        messages.success(request, ui["REMOVED"].format(user=username))
    return redirect("campaign-participants", slug=slug)
