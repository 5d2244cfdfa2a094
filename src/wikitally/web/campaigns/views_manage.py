"""The organizers' page of a campaign (/c/SLUG/organize/): the event's details, co-organizers, archive and
restore, duplicate, delete (/c/SLUG/delete/, confirmed by typing the name), and the participants list as
CSV and as a MassMessage list. A participant leaves (/c/SLUG/leave/) or keeps their name private
(/c/SLUG/privacy/) themselves. Every organizer action asks definitions.may_manage, the check every other
page makes; an archived campaign allows nothing here but restoring, duplicating and deleting."""

from __future__ import annotations

import csv
import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from wikitally.errors import CampaignFileError
from wikitally.reports.wikitext import escape_inline
from wikitally.store import enrolments
from wikitally.store.models import CampaignDefinition
from wikitally.web.campaigns import definitions, figures, organizers, participants, views_errors
from wikitally.web.campaigns.forms_manage import DeleteForm, EventForm, OrganizerForm, PrivacyForm
from wikitally.web.campaigns.ui import UI, request_translator

ARCHIVED_ALLOWS = frozenset({"restore", "duplicate"})


def _managed(request: HttpRequest, slug: str) -> tuple[CampaignDefinition, HttpResponse | None]:
    definition = get_object_or_404(CampaignDefinition, slug=slug)
    if definitions.may_manage(definition, request.user):
        return definition, None
    ui = UI(request_translator(request))
    return definition, views_errors.error_page(request, 403, ui["FORBIDDEN_TITLE"], ui["FORBIDDEN"])


def archived_refusal(request: HttpRequest, definition: CampaignDefinition) -> HttpResponse | None:
    """The 403 page for a change to an archived campaign (read-only until restored); None when live."""
    if definition.archived_at is None:
        return None
    ui = UI(request_translator(request))
    return views_errors.error_page(request, 403, ui["FORBIDDEN_TITLE"], ui["ARCHIVED_FORBIDDEN"])


@login_required
@require_http_methods(["GET", "POST"])
def organize(request: HttpRequest, slug: str) -> HttpResponse:
    definition, refused = _managed(request, slug)
    if refused is not None:
        return refused
    t = request_translator(request)
    ui = UI(t)
    initial = {
        "description": definition.description,
        "mode": definition.mode,
        "place": definition.place,
        "event_page": definition.event_page,
    }
    event_form = EventForm(initial=initial, ui=ui, prefix="event")
    organizer_form = OrganizerForm(ui=ui, prefix="organizer")
    if request.method == "POST":
        action = request.POST.get("form", "")
        if definition.archived_at is not None and action not in ARCHIVED_ALLOWS:
            return archived_refusal(request, definition) or views_errors.bad_request(request)
        if action == "details":
            event_form = EventForm(request.POST, initial=initial, ui=ui, prefix="event")
            if event_form.is_valid():
                for field, value in event_form.cleaned_data.items():
                    setattr(definition, field, value)
                definition.save(update_fields=[*event_form.cleaned_data, "updated"])
                messages.success(request, ui["DETAILS_SAVED"])
                return redirect("campaign-organize", slug=slug)
        elif action == "add-organizer":
            organizer_form = OrganizerForm(request.POST, ui=ui, prefix="organizer")
            if organizer_form.is_valid():
                name = organizer_form.cleaned_data["username"]
                done = organizers.add(definition, name)
                messages.success(
                    request, ui["ORGANIZER_ADDED" if done else "ORGANIZER_KNOWN"].format(user=name)
                )
                return redirect("campaign-organize", slug=slug)
        elif action == "remove-organizer":
            name = request.POST.get("username", "")
            removed = organizers.remove(definition, name)
            if removed is None:
                messages.error(request, ui["ORGANIZER_LAST"])
            elif removed:
                messages.success(request, ui["ORGANIZER_REMOVED"].format(user=name))
            if removed and not definitions.may_manage(definition, request.user):
                return redirect("campaign", slug=slug)  # they took themselves off
            return redirect("campaign-organize", slug=slug)
        elif action == "archive":
            organizers.archive(definition, timezone.now())
            messages.success(request, ui["ARCHIVED"])
            return redirect("campaign", slug=slug)
        elif action == "restore":
            organizers.restore(definition)
            messages.success(request, ui["RESTORED"])
            return redirect("campaign", slug=slug)
        elif action == "duplicate":
            copy = organizers.duplicate(definition, request.user)
            messages.success(request, ui["DUPLICATED"].format(campaign=copy.name))
            return redirect("campaign-edit", slug=copy.slug)
        else:
            return views_errors.bad_request(request)
    context = {
        "definition": definition,
        "title": ui["MANAGE_TITLE"].format(campaign=definition.name),
        "event_form": event_form,
        "organizer_form": organizer_form,
        "organizers": [
            {"name": name, "label": ui["REMOVE_ORGANIZER"].format(user=name)}
            for name in definitions.organizer_names(definition)
        ],
        "archived": definition.archived_at is not None,
    }
    return render(request, "campaigns/organize.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def delete(request: HttpRequest, slug: str) -> HttpResponse:
    definition, refused = _managed(request, slug)
    if refused is not None:
        return refused
    ui = UI(request_translator(request))
    form = DeleteForm(ui=ui, expected=definition.name, prefix="delete")
    if request.method == "POST":
        form = DeleteForm(request.POST, ui=ui, expected=definition.name, prefix="delete")
        if form.is_valid():
            name = definition.name
            organizers.delete(definition)
            messages.success(request, ui["DELETED"].format(campaign=name))
            return redirect("campaign-list")
    context = {
        "definition": definition,
        "title": ui["DELETE_TITLE"].format(campaign=definition.name),
        "form": form,
    }
    return render(
        request,
        "campaigns/delete.html",
        context,
        status=400 if form.is_bound else 200,  # a valid POST has redirected
    )


def participant_rows(definition: CampaignDefinition) -> list[dict[str, str]]:
    """The enrolled people for organizers: name, how and when they came, private or not, edited or not."""
    outcome = _outcome(definition)
    done = participants.edited(outcome) if outcome is not None else None
    return [
        {
            "username": e.username,
            "source": e.source,
            "enrolled_at": e.enrolled_at.isoformat(),
            "private": "yes" if e.private else "no",
            "edited": "" if done is None else ("yes" if e.username in done else "no"),
        }
        for e in enrolments.enrolments(definition)
    ]


def _outcome(definition: CampaignDefinition) -> dict[str, object] | None:
    try:
        return figures.store().latest_outcome(figures.campaign_of(definition))
    except CampaignFileError:  # a file a newer check refuses: no outcome to tell from
        return None


@login_required
@require_safe
def participants_csv(request: HttpRequest, slug: str) -> HttpResponse:
    """Organizers only: every enrolled person, private ones included (the organizers know them)."""
    definition, refused = _managed(request, slug)
    if refused is not None:
        return refused
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=["username", "source", "enrolled_at", "private", "edited"])
    writer.writeheader()
    for row in participant_rows(definition):
        writer.writerow({k: _cell(v) for k, v in row.items()})
    response = HttpResponse("\ufeff" + out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{definition.slug}-enrolled.csv"'
    response["Cache-Control"] = "private, no-store"
    return response


def _cell(value: str) -> str:
    # A cell a spreadsheet would run as a formula (a username may start with "=", "+", "-" or "@").
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def massmessage_list(names: list[str], wikis: tuple[str, ...]) -> str:
    """A MassMessage delivery list: one {{target}} per participant and wiki, names escaped as wikitext."""
    lines = [
        f"{{{{target|page=User talk:{escape_inline(name)}|site={escape_inline(wiki)}}}}}"
        for wiki in wikis
        for name in names
    ]
    return "\n".join(lines) + ("\n" if lines else "")


@login_required
@require_safe
def massmessage(request: HttpRequest, slug: str) -> HttpResponse:
    definition, refused = _managed(request, slug)
    if refused is not None:
        return refused
    wikis = figures.campaign_of(definition).wikis
    body = massmessage_list(enrolments.usernames(definition), wikis)
    response = HttpResponse(body, content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{definition.slug}-massmessage.wiki"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def leave(request: HttpRequest, slug: str) -> HttpResponse:
    definition = get_object_or_404(CampaignDefinition, slug=slug)
    refused = archived_refusal(request, definition)
    if refused is not None:
        return refused
    name = participants.username_of(request.user)
    if name and enrolments.remove(definition, name):
        messages.success(request, UI(request_translator(request))["LEFT"])
    return redirect("campaign", slug=slug)


@login_required
@require_POST
def privacy(request: HttpRequest, slug: str) -> HttpResponse:
    definition = get_object_or_404(CampaignDefinition, slug=slug)
    name = participants.username_of(request.user)
    form = PrivacyForm(request.POST, ui=UI(request_translator(request)))
    if name and form.is_valid():
        enrolments.set_private(definition, name, bool(form.cleaned_data["private"]))
    return redirect("campaign-join", slug=slug)
