"""The jury in the web app (docs/contests.md, "The jury in the web app").

/c/SLUG/jury/ — a juror (a signed-in user whose wiki name is in `[contest.jury] jurors`): their next
article, its diff and entries with the rules' verdicts, the marking form (keyboard: numbers, Enter, S),
their progress. /c/SLUG/jury/organize/ — organizers: progress per juror, the audit log, close / re-open /
rebuild. /c/SLUG/results/ (+ results.json, results.csv, results.wiki) — the frozen results once closed.
The work is services/jury.py's; these views only check who asks and render.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from wikitally.errors import CampaignFileError
from wikitally.judging.spec import RULE_KINDS, Jury, Part, Rule
from wikitally.model import Campaign
from wikitally.reports import messages as report_messages
from wikitally.reports.i18n import Translator
from wikitally.services import jury as jury_service
from wikitally.services.publishing import article_url
from wikitally.store import Store
from wikitally.store.jury import JuryStore, QueueArticle
from wikitally.store.models import CampaignDefinition
from wikitally.store.page_versions import new_version
from wikitally.web.campaigns import definitions, figures, participants, views_errors
from wikitally.web.campaigns.ui import UI, request_translator

AUDIT_ROWS = 500  # the organizers' page shows the newest changes; the whole log is in the store
REFUSALS = {
    "closed": "JURY_CLOSED",
    "conflict": "JURY_CONFLICT",
    "value": "JURY_BAD_VALUE",
    "unknown": "JURY_UNKNOWN",
    "not_juror": "FORBIDDEN_JURY",
    "no_jury": "JURY_NONE",
}
RULE_TEXT = {kind: f"RULE_{kind.upper()}" for kind in RULE_KINDS}  # every kind has its sentence
MODE_TEXT = {"required": "MODE_REQUIRED", "optional": "MODE_OPTIONAL", "informational": "MODE_INFORMATIONAL"}


def _contest(slug: str) -> tuple[CampaignDefinition, Campaign, Jury]:
    definition = get_object_or_404(CampaignDefinition, slug=slug)
    try:
        campaign = figures.campaign_of(definition)
    except CampaignFileError:
        raise Http404("the campaign file does not parse") from None
    if campaign.contest is None or campaign.contest.jury is None:
        raise Http404("no jury")
    return definition, campaign, campaign.contest.jury


def _infos(campaign: Campaign, store: Store) -> dict[str, Any]:
    found = {wiki: store.siteinfo(campaign, wiki) for wiki in campaign.wikis}
    return {wiki: info for wiki, info in found.items() if info is not None}


# -- texts: rules and verdicts, translated


def rule_text(ui: UI, t: Translator, rule: Rule) -> str:
    value = rule.value
    if isinstance(value, int):
        shown: str = t.number(value)
    elif isinstance(value, tuple):
        shown = ", ".join(str(v) for v in value)
    elif value is not None and not isinstance(value, str):
        shown = t.date(value)
    else:
        shown = value or ""
    return ui[RULE_TEXT[rule.kind]].format(value=shown)


def verdict_text(ui: UI, t: Translator, rule: Rule, entry: dict[str, Any], article: QueueArticle) -> str:
    """ "300 words needed, you have 212": what a failed rule asks and what the entry has."""
    have = {
        "min_words": article.words or 0,
        "min_references": article.references or 0,
        "min_words_added": entry["numbers"].get("words_added", 0),
        "min_bytes": entry["numbers"].get("bytes_added", 0),
    }
    if rule.kind in have:
        assert isinstance(rule.value, int)
        return ui[f"VERDICT_{rule.kind.upper()}"].format(
            value=t.number(rule.value), have=t.number(have[rule.kind])
        )
    return ui["VERDICT_NOT_MET"].format(rule=rule_text(ui, t, rule))


def _verdicts(
    ui: UI, t: Translator, rules: tuple[Rule, ...], entry: dict[str, Any], article: QueueArticle
) -> list[tuple[str, list[str]]]:
    """(label, failed rules' verdicts) for required, optional and informational failures."""
    out = []
    for key, label, mode in (
        ("failed", "JURY_FAILED", "required"),
        ("warnings", "JURY_WARNINGS", "optional"),
        ("info", "JURY_INFO", "informational"),
    ):
        failed = [
            verdict_text(ui, t, r, entry, article) for r in rules if r.mode == mode and r.kind in entry[key]
        ]
        if failed:
            out.append((ui[label], failed))
    return out


def _entries(
    ui: UI, t: Translator, campaign: Campaign, article: QueueArticle, only: str | None = None
) -> list[dict[str, Any]]:
    rules = campaign.contest.rules if campaign.contest else ()
    shown = []
    for e in article.entries:
        if only is not None and e["participant"] != only:
            continue
        n = e["numbers"]
        status = report_messages.STATUS_CREATED if n.get("created") else report_messages.STATUS_IMPROVED
        shown.append(
            {
                "participant": e["participant"],
                "status": t.gettext(status),
                "eligible": ui["JURY_ELIGIBLE" if e["eligible"] else "JURY_INELIGIBLE"],
                "ok": e["eligible"],
                "cells": [
                    (t.gettext(report_messages.COL_EDITS), t.number(n.get("edits", 0))),
                    (t.gettext(report_messages.COL_BYTES), t.number(n.get("bytes_added", 0))),
                    (t.gettext(report_messages.COL_WORDS), t.number(n.get("words_added", 0))),
                    (t.gettext(report_messages.COL_REFERENCES), t.number(n.get("references_added", 0))),
                    (ui["COL_POINTS"], t.number(e["points"])),
                ],
                "verdicts": _verdicts(ui, t, rules, e, article),
            }
        )
    return shown


def _article_links(campaign: Campaign, store: Store, article: QueueArticle) -> tuple[str, str]:
    info = _infos(campaign, store).get(article.wiki)
    if article.first_parent:
        target = f"Special:Diff/{article.first_parent}/{article.last_rev}"
    else:  # created in the window: the diff of its last counted revision shows the whole page
        target = f"Special:Diff/{article.last_rev}"
    return article_url(article.wiki, target, info), article_url(article.wiki, article.title, info)


def _localized(t: Translator, template: str, params: dict[str, object]) -> str:
    try:
        return t.gettext(template).format(**params)
    except (KeyError, IndexError, ValueError):  # a broken catalogue entry: English, not a failure
        return template.format(**params)


def _form_parts(parts: tuple[Part, ...], own: dict[str, str]) -> list[dict[str, Any]]:
    return [
        {
            "name": p.name,
            "kind": p.kind,
            "min": p.min,
            "max": p.max,
            "value": own.get(p.name, ""),
            "options": [label for label, _ in p.options],
            "key": i,
        }
        for i, p in enumerate(parts, 1)
    ]


# -- the juror's page


@login_required
@require_http_methods(["GET", "POST"])
def juror_page(request: HttpRequest, slug: str) -> HttpResponse:
    definition, campaign, jury = _contest(slug)
    t = request_translator(request)
    ui = UI(t)
    name = participants.username_of(request.user)
    if name is None or name not in jury.jurors:
        return views_errors.error_page(request, 403, ui["FORBIDDEN_TITLE"], ui["FORBIDDEN_JURY"])
    store, now = figures.store(), timezone.now()
    jury_service.ensure_queue(campaign, store, now)
    # [[contest.round]]: the juror marks one round at a time (the open one unless they pick another)
    rounds = jury_service.jury_rounds(campaign, store)
    wanted_round = (request.POST if request.method == "POST" else request.GET).get("round", "")
    chosen = next((r for r in rounds if str(r.number) == wanted_round), jury_service.open_round(rounds))
    here = reverse("jury", args=[slug]) + (f"?round={chosen.number}&" if chosen else "?")
    parts = chosen.parts if chosen else jury.parts
    if request.method == "POST":
        wiki, title = request.POST.get("wiki", ""), request.POST.get("title", "")
        values = {
            p.name: (
                ("1" if request.POST.get(f"part-{p.name}") else "0")
                if p.kind == "checkbox"
                else request.POST.get(f"part-{p.name}", "")
            )
            for p in parts
        }
        try:
            jury_service.save(
                campaign, store, name, wiki, title, values, request.POST.get("comment", ""), now, chosen
            )
        except jury_service.JuryError as e:
            text = ui[REFUSALS[e.reason]].format(title=title)
            if e.detail is not None:  # which part and what it takes, in the juror's language
                text += " " + _localized(t, e.detail.template, e.detail.params)
            if e.reason != "value":  # refused outright: not theirs to mark (or not marking any more)
                status = 400 if e.reason == "unknown" else 403
                return views_errors.error_page(request, status, ui["FORBIDDEN_TITLE"], text)
            messages.error(request, text)  # the same article again, to correct
            return redirect(here + urlencode({"wiki": wiki, "title": title}))
        messages.success(request, ui["JURY_SAVED"].format(title=title))
        article = JuryStore(store).article(campaign, wiki, title)
        after = article.ord if article else None
        return redirect(f"{here}after={'' if after is None else after}")
    js = JuryStore(store)
    wanted = (request.GET.get("wiki", ""), request.GET.get("title", ""))
    article = js.article(campaign, *wanted) if all(wanted) else None
    if article is not None and js.conflicted(campaign, name, article.wiki, article.title):
        article = None
    if article is not None and chosen is not None and (article.wiki, article.title) not in chosen.articles:
        article = None
    where = jury_service.standing(campaign, store, name, chosen) if chosen is not None else None
    if article is None:
        text = request.GET.get("after", "")
        after = int(text) if text.isdigit() else None
        if where is not None:
            article = jury_service.next_in_round(campaign, store, where, after)
        else:
            article = jury_service.next_article(campaign, store, name, after)
    closed = jury_service.closing(campaign, store)
    if where is not None:
        marked, total = where.progress
    else:
        mine = next((p for p in jury_service.progress(campaign, store) if p.juror == name), None)
        marked, total = (mine.marked, mine.total - mine.conflicts) if mine else (0, 0)
    conflicts = sorted(where.barred if where is not None else js.conflicts_of(campaign, name))
    context: dict[str, Any] = {
        "definition": definition,
        "title": ui["JURY_TITLE"].format(campaign=campaign.name),
        "progress": ui["JURY_PROGRESS"].format(marked=t.number(marked), total=t.number(total)),
        "progress_marked": marked,
        "progress_total": total,
        "rounds": [
            {
                "number": r.number,
                "label": ui["PHOTOS_ROUND"].format(number=r.number, name=r.round.name),
                "current": r is chosen,
            }
            for r in rounds
        ],
        "round": chosen.number if chosen else None,
        "closed": closed is not None,
        "conflicts": conflicts,
        "organizer": definitions.may_manage(definition, request.user),
        "consensual": jury.mode == "consensual",
        "article": None,
    }
    if article is not None:
        round_name = chosen.round.name if chosen else ""
        shown = jury_service.shown_marks(campaign, store, name, article.wiki, article.title, round_name)
        own_juror = name
        if jury.mode == "consensual" and shown:
            own_juror = shown[0].juror
        own = {m.part: m.value for m in shown if m.juror == own_juror}
        comments = js.comments(campaign, article.wiki, article.title)
        diff, url = _article_links(campaign, store, article)
        others: dict[str, list[tuple[str, str]]] = {}
        for m in shown:
            if m.juror != own_juror:
                others.setdefault(m.juror, []).append((m.part, m.value))
        context.update(
            {
                "article": article,
                "diff": diff,
                "url": url,
                "entries": _entries(ui, t, campaign, article),
                "parts": _form_parts(parts, own),
                "comment": comments.get(own_juror, ""),
                "others": sorted(others.items()),
                "hidden": jury.hidden and closed is None and jury.mode != "consensual",
                "skip": f"{here}after={article.ord}",
            }
        )
    return render(request, "campaigns/jury_marking.html", context)


# -- the organizers' page


def _action(ui: UI, action: str) -> str:
    kind, _, who = action.partition(":")
    if kind == "mark":
        return ui["ACTION_MARK"].format(juror=who)
    if kind == "comment":
        return ui["ACTION_COMMENT"].format(juror=who)
    named = {"close": "ACTION_CLOSE", "reopen": "ACTION_REOPEN", "submit": "ACTION_SUBMIT"}
    return ui[named[kind]] if kind in named else action


@login_required
@require_http_methods(["GET", "POST"])
def organize(request: HttpRequest, slug: str) -> HttpResponse:
    definition, campaign, _ = _contest(slug)
    t = request_translator(request)
    ui = UI(t)
    if not definitions.may_manage(definition, request.user):
        return views_errors.error_page(request, 403, ui["FORBIDDEN_TITLE"], ui["FORBIDDEN_JURY_ORGANIZE"])
    store, now = figures.store(), timezone.now()
    actor = participants.username_of(request.user) or request.user.get_username()
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "close":
            version = jury_service.close(campaign, store, actor, now)
            if version is not None:
                new_version(definition.pk)  # the public page shows the jury's marks now
                messages.success(request, ui["JURY_CLOSED_DONE"].format(version=t.number(version)))
        elif action == "reopen":
            if jury_service.reopen(campaign, store, actor, now) is not None:
                new_version(definition.pk)
                messages.success(request, ui["JURY_REOPENED_DONE"])
        elif action == "rebuild":
            count = jury_service.build_queue(campaign, store, now)
            messages.success(request, ui["JURY_REBUILT"].format(count=t.number(count)))
        else:
            return views_errors.bad_request(request)
        return redirect("jury-organize", slug=slug)
    jury_service.ensure_queue(campaign, store, now)
    closings = JuryStore(store).closings(campaign)
    audit = list(reversed(jury_service.ContestStore(store).audit(campaign)))[:AUDIT_ROWS]
    context = {
        "definition": definition,
        "title": ui["JURY_ORGANIZE_TITLE"].format(campaign=campaign.name),
        "progress": [
            {
                "juror": p.juror,
                "marked": t.number(p.marked),
                "conflicts": t.number(p.conflicts),
                "left": t.number(p.left),
            }
            for p in jury_service.progress(campaign, store)
        ],
        "closed": jury_service.closing(campaign, store) is not None,
        "closings": [
            {
                "text": ui["JURY_CLOSED_AT"].format(
                    version=t.number(c.version), when=t.datetime(c.closed_at), name=c.closed_by
                ),
                "reopened": ui["JURY_REOPENED_AT"].format(when=t.datetime(c.reopened_at), name=c.reopened_by)
                if c.reopened_at
                else "",
            }
            for c in closings
        ],
        "audit": [
            {
                "when": t.datetime(at),
                "who": actor_name,
                "what": _action(ui, action),
                "title": title,
                "part": part,
                "old": old if old is not None else "",
                "new": new if new is not None else "",
            }
            for at, actor_name, action, _wiki, title, part, old, new in audit
        ],
    }
    return render(request, "campaigns/jury_organize.html", context)


# -- frozen results


def _frozen(slug: str) -> tuple[CampaignDefinition, Campaign, Any]:
    definition, campaign, _ = _contest(slug)
    return definition, campaign, jury_service.closing(campaign, figures.store())


@require_safe
def results_page(request: HttpRequest, slug: str) -> HttpResponse:
    definition, campaign, closed = _frozen(slug)
    t = request_translator(request)
    ui = UI(t)
    context: dict[str, Any] = {
        "definition": definition,
        "title": ui["RESULTS_TITLE"].format(campaign=campaign.name),
        "closed": closed is not None,
    }
    if closed is not None:
        context.update(
            {
                "frozen": ui["RESULTS_FROZEN"].format(
                    version=t.number(closed.version), when=t.datetime(closed.closed_at)
                ),
                "ranking": [
                    {
                        "rank": t.number(r["rank"]),
                        "participant": r["participant"],
                        "score": t.number(r["score"]),
                        "entries": t.number(r["entries"]),
                    }
                    for r in closed.results["ranking"]
                ],
            }
        )
    return render(request, "campaigns/jury_results.html", context)


@require_safe
def results_json(request: HttpRequest, slug: str) -> HttpResponse:
    _, _, closed = _frozen(slug)
    if closed is None:
        raise Http404("marking is open")
    response = JsonResponse(closed.results, json_dumps_params={"ensure_ascii": False})
    response["X-Results-Version"] = str(closed.version)
    response["Last-Modified"] = closed.closed_at.strftime("%a, %d %b %Y %H:%M:%S GMT")
    return response


def _attachment(slug: str, closed: Any, body: str, content_type: str, ext: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{slug}-results-v{closed.version}.{ext}"'
    response["X-Results-Version"] = str(closed.version)
    return response


@require_safe
def results_csv(request: HttpRequest, slug: str) -> HttpResponse:
    _, _, closed = _frozen(slug)
    if closed is None:
        raise Http404("marking is open")
    return _attachment(slug, closed, closed.csv, "text/csv; charset=utf-8", "csv")


@require_safe
def results_wiki(request: HttpRequest, slug: str) -> HttpResponse:
    _, _, closed = _frozen(slug)
    if closed is None:
        raise Http404("marking is open")
    return _attachment(slug, closed, closed.wikitext, "text/plain; charset=utf-8", "wiki")


# -- a participant's page: the rules and their own entries' verdicts


def participant_contest(campaign: Campaign, user: str, t: Translator) -> dict[str, Any]:
    """Context for the participant page's contest sections (empty for a campaign without [contest])."""
    if campaign.contest is None:
        return {}
    ui = UI(t)
    store = figures.store()
    jury_service.ensure_queue(campaign, store, timezone.now())
    rules = [
        ui["RULE_WITH_MODE"].format(rule=rule_text(ui, t, r), mode=ui[MODE_TEXT[r.mode]])
        for r in campaign.contest.rules
    ]
    infos = _infos(campaign, store)
    entries = []
    for article in JuryStore(store).articles_of(campaign, user):
        for e in _entries(ui, t, campaign, article, only=user):
            entries.append(
                {
                    **e,
                    "title": article.title,
                    "wiki": article.wiki,
                    "url": article_url(article.wiki, article.title, infos.get(article.wiki)),
                }
            )
    return {"contest_rules": rules, "contest_entries": entries, "contest": True}
