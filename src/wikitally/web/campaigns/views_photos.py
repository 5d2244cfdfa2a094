"""A photo contest's jury on the web (docs/photos.md, "The jury on the web").

/c/SLUG/photos/ — the rounds: jurors' progress and links; /c/SLUG/photos/N/ — a juror votes in round N (one
photo at a time, keys Y/N/1–5, undo, flag, favourite; a ranking round: an ordered list); /c/SLUG/photos/N/round/
— organizers: each juror's progress, what closing now would do, redistribute or close; /c/SLUG/photos/N/results/
— the ranking and per-juror statistics, jurors as "Juror 1" … (real names for organizers);
/c/SLUG/photos/log/ — organizers: every vote (who, when, old → new), decision and flag.
Every write is a POST answered by a redirect (works without JavaScript; photos.js adds the keys).
"""

from __future__ import annotations

import random
from typing import Any
from urllib.parse import urlsplit

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from wikitally.errors import CampaignFileError, UsageError
from wikitally.model import Campaign
from wikitally.reports import photos as photo_reports
from wikitally.services import photo_jury as jury
from wikitally.services import photos as service
from wikitally.store.models import CampaignDefinition
from wikitally.web.campaigns import definitions, figures, participants, views_errors
from wikitally.web.campaigns.middleware import POLICY
from wikitally.web.campaigns.ui import UI, request_translator

MAX_SEED = 2**63


def _contest(request: HttpRequest, slug: str) -> tuple[CampaignDefinition, Campaign | None]:
    definition = get_object_or_404(CampaignDefinition, slug=slug)
    try:
        campaign = figures.campaign_of(definition)
    except CampaignFileError:
        return definition, None
    return definition, campaign if campaign.photos is not None else None


def _with_images(response: HttpResponse, urls: list[str]) -> HttpResponse:
    """The site's policy, with the thumbnails' origins allowed as images (Commons' upload server)."""
    origins = sorted({f"{p.scheme}://{p.netloc}" for p in map(urlsplit, urls) if p.scheme and p.netloc})
    if origins:
        response.headers["Content-Security-Policy"] = POLICY.replace(
            "img-src 'self' data:", "img-src 'self' data: " + " ".join(origins)
        )
    return response


def _forbidden(request: HttpRequest, text: str) -> HttpResponse:
    ui = UI(request_translator(request))
    return views_errors.error_page(request, 403, ui["FORBIDDEN_TITLE"], ui[text])


def _round_or_404(campaign: Campaign, number: int) -> None:
    assert campaign.photos is not None
    if not 1 <= number <= len(campaign.photos.all_rounds()):
        from django.http import Http404

        raise Http404("no such round")


@require_GET
def home(request: HttpRequest, slug: str) -> HttpResponse:
    definition, campaign = _contest(request, slug)
    if campaign is None or campaign.photos is None:
        return views_errors.page_not_found(request)
    ui = UI(request_translator(request))
    username = participants.username_of(request.user)
    juror = jury.is_juror(campaign, username)
    store = figures.store()
    rounds = []
    for number, r, _nomination in campaign.photos.all_rounds():
        mine = juror and jury.is_juror(campaign, username, number)
        done, assigned = (
            jury.PhotoStore(store).juror_progress(campaign, number, username or "") if mine else (0, 0)
        )
        name = service.round_title(campaign.photos, number)
        rounds.append(
            {"number": number, "name": name, "kind": r.kind, "done": done, "assigned": assigned, "mine": mine}
        )
    context = {
        "definition": definition,
        "title": ui["PHOTOS_TITLE"].format(campaign=definition.name),
        "rounds": rounds,
        "juror": juror,
        "organizer": definitions.may_manage(definition, request.user),
    }
    return render(request, "campaigns/photos_home.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def vote(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    definition, campaign = _contest(request, slug)
    if campaign is None:
        return views_errors.page_not_found(request)
    _round_or_404(campaign, number)
    t = request_translator(request)
    ui = UI(t)
    username = participants.username_of(request.user)
    if username is None or not jury.is_juror(campaign, username, number):
        return _forbidden(request, "PHOTOS_NOT_JUROR")
    store, now = figures.store(), timezone.now()
    if request.method == "POST":
        try:
            _act(request, campaign, store, number, username, now, ui)
        except (UsageError, ValueError):
            return views_errors.bad_request(request)
        batch = request.POST.get("batch", "")
        if request.POST.get("move") and batch.isdigit():  # ↑/↓ saved the order: the same batch again
            return redirect(reverse("photos-vote", args=[slug, number]) + f"?batch={int(batch)}")
        return redirect("photos-vote", slug=slug, number=number)
    q = jury.queue(campaign, store, number, username)
    context: dict[str, Any] = {
        "definition": definition,
        "title": ui["PHOTOS_ROUND"].format(number=number, name=service.round_title(campaign.photos, number)),  # type: ignore[arg-type]
        "q": q,
        "progress": ui["PHOTOS_PROGRESS"].format(done=t.number(q.done), assigned=t.number(q.assigned)),
        "percent": round(100 * q.done / q.assigned) if q.assigned else 100,
        "stars": [(s, ui["PHOTOS_RATE"].format(stars=s)) for s in range(1, 6)],
    }
    urls = [s.thumb for s in ([q.current] if q.current else []) + q.ahead]
    if q.kind == "ranking":
        count = len(jury.batches(campaign, store, number, username))
        wanted = request.GET.get("batch", "")
        batch = int(wanted) if wanted.isdigit() and 1 <= int(wanted) <= count else None
        batch = batch or jury.open_batch(campaign, store, number, username)
        entries = jury.ballot(campaign, store, number, username, batch)
        context["ballot"] = [
            {"place": i, "file": s.file, "thumb": s.thumb, "rank": r} for i, (s, r) in enumerate(entries, 1)
        ]
        if count > 1:  # a batched round: the juror ranks one batch at a time
            context["batch"] = batch
            context["batches"] = [
                (k, ui["PHOTOS_BATCH"].format(number=t.number(k), count=t.number(count)))
                for k in range(1, count + 1)
            ]
        urls = [s.thumb for s, _ in entries]
    if q.current is not None:
        favourites = {
            f for _j, f, k, _n, _a in jury.PhotoStore(store).marks(campaign, username) if k == "favourite"
        }
        context["favourite"] = q.current.file in favourites
    return _with_images(render(request, "campaigns/photos_vote.html", context), urls)


def _act(
    request: HttpRequest, campaign: Campaign, store: Any, number: int, username: str, now: Any, ui: UI
) -> None:
    action = "rank" if request.POST.get("move") else request.POST.get("action", "")
    file = request.POST.get("file", "")
    if action == "vote":
        jury.vote(campaign, store, number, username, file, int(request.POST.get("value", "x")), now)
    elif action == "undo":
        jury.undo(campaign, store, number, username, now)
    elif action in ("favourite", "unfavourite"):
        jury.mark(campaign, store, username, file, "favourite", action == "favourite", "", now)
    elif action == "flag":
        note = request.POST.get("note", "") or ui["PHOTOS_FLAG_DEFAULT"]
        jury.mark(campaign, store, username, file, "flag", True, note, now)
        messages.success(request, ui["PHOTOS_FLAGGED"])
    elif action == "rank":
        wanted = request.POST.get("batch", "1")
        batch = int(wanted) if wanted.isdigit() else 0
        jury.rank(campaign, store, number, username, _order(request), now, batch)
        messages.success(request, ui["PHOTOS_RANKING_SAVED"])
    else:
        raise ValueError(action)


def _order(request: HttpRequest) -> list[str]:
    """The ranking form: files[i] with the number typed for it; Up/Down move one place (no JavaScript)."""
    files = request.POST.getlist("files")
    typed = request.POST.getlist("ranks")
    if len(typed) != len(files):
        raise ValueError("ranks")
    keys = [(float(x) if x.strip() else float(len(files) + 1), i) for i, x in enumerate(typed)]
    order = [files[i] for _k, i in sorted(keys)]
    action, _, moved = request.POST.get("move", "").partition("|")
    if action in ("up", "down") and moved in order:
        i = order.index(moved)
        j = i - 1 if action == "up" else i + 1
        if 0 <= j < len(order):
            order[i], order[j] = order[j], order[i]
    return order


@login_required
@require_http_methods(["GET", "POST"])
def round_page(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    definition, campaign = _contest(request, slug)
    if campaign is None or campaign.photos is None:
        return views_errors.page_not_found(request)
    _round_or_404(campaign, number)
    if not definitions.may_manage(definition, request.user):
        return _forbidden(request, "PHOTOS_ORGANIZERS_ONLY")
    t = request_translator(request)
    ui = UI(t)
    store, now = figures.store(), timezone.now()
    by = participants.username_of(request.user) or request.user.get_username()
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action in ("close", "reopen"):
            jury.close_round(campaign, store, number, by, now, reopen=action == "reopen")
        elif action == "allocate":
            seed = request.POST.get("seed", "").strip() or str(random.SystemRandom().randrange(MAX_SEED))
            if not seed.isdigit() or int(seed) >= MAX_SEED:
                return views_errors.bad_request(request)
            without = [j for j in request.POST.getlist("without") if j]
            try:
                allocation = service.allocate_round(campaign, store, number, int(seed), now, by, without)
            except UsageError:
                return views_errors.bad_request(request)
            tasks = sum(len(q) for q in allocation.queues.values())
            messages.success(request, ui["PHOTOS_ALLOCATED"].format(count=t.number(tasks)))
        else:
            return views_errors.bad_request(request)
        return redirect("photos-round", slug=slug, number=number)
    status = service.round_status(campaign, store, number)
    effect = status.effect
    numbers = jury.aliases(campaign.photos)
    context = {
        "definition": definition,
        "title": ui["PHOTOS_ROUND"].format(number=number, name=service.round_title(campaign.photos, number)),
        "number": number,
        "closed": number in jury.closed_rounds(campaign, store),
        "jurors": [
            {
                "name": s.juror,
                "alias": ui["PHOTOS_JUROR_ALIAS"].format(number=numbers.get(s.juror, 0)),
                "done": t.number(s.done),
                "assigned": t.number(s.assigned),
                "votes": t.number(s.votes),
                "mean": "" if s.mean is None else t.number(round(s.mean, 2)),
                "unfinished": s.done < s.assigned,
            }
            for s in status.jurors
        ],
        "photos": t.number(status.photos),
        "missing": sorted(effect.missing.items())[:500],
        "missing_title": ui["PHOTOS_MISSING"].format(count=t.number(len(effect.missing))),
        "drop": effect.could_drop[:500],
        "drop_title": ui["PHOTOS_COULD_DROP"].format(count=t.number(len(effect.could_drop))),
        "enter": effect.could_enter[:500],
        "enter_title": ui["PHOTOS_COULD_ENTER"].format(count=t.number(len(effect.could_enter))),
        "advancing": ui["PHOTOS_ADVANCING"].format(count=t.number(len(effect.advancing))),
    }
    return render(request, "campaigns/photos_round.html", context)


@login_required
@require_GET
def juror_stats(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    """The round's per-juror statistics as CSV, with real names: organizers only (the public sees aliases)."""
    definition, campaign = _contest(request, slug)
    if campaign is None or campaign.photos is None:
        return views_errors.page_not_found(request)
    _round_or_404(campaign, number)
    if not definitions.may_manage(definition, request.user):
        return _forbidden(request, "PHOTOS_ORGANIZERS_ONLY")
    rows = jury.juror_stats(campaign, figures.store(), number)
    response = HttpResponse(
        photo_reports.render_juror_stats_csv(rows, jury.JUROR_STATS_COLUMNS),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{slug}-round-{number}-jurors.csv"'
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
def results(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    definition, campaign = _contest(request, slug)
    if campaign is None or campaign.photos is None:
        return views_errors.page_not_found(request)
    _round_or_404(campaign, number)
    t = request_translator(request)
    ui = UI(t)
    store = figures.store()
    organizer = definitions.may_manage(definition, request.user)
    r = service.results(campaign, store, number)
    context = {
        "definition": definition,
        "title": ui["PHOTOS_ROUND"].format(number=number, name=service.round_title(campaign.photos, number)),
        "ranking": [
            {"rank": p.rank, "file": p.entry, "score": t.number(round(p.score, 2)), "votes": p.votes}
            for p in r.result.ranking[:1000]
        ],
        "jurors": [
            {
                "name": row["juror"] or ui["PHOTOS_JUROR_ALIAS"].format(number=row["alias"]),
                "done": t.number(row["done"]),
                "assigned": t.number(row["assigned"]),
                "mean": "" if row["mean"] is None else t.number(round(row["mean"], 2)),
            }
            for row in jury.juror_table(campaign, store, number, real_names=organizer)
        ],
    }
    return render(request, "campaigns/photos_results.html", context)


@login_required
@require_GET
def log(request: HttpRequest, slug: str) -> HttpResponse:
    definition, campaign = _contest(request, slug)
    if campaign is None:
        return views_errors.page_not_found(request)
    if not definitions.may_manage(definition, request.user):
        return _forbidden(request, "PHOTOS_ORGANIZERS_ONLY")
    ui = UI(request_translator(request))
    store = figures.store()
    rows = [
        {"at": at, "actor": actor, "action": action, "detail": _detail(action, detail)}
        for at, actor, action, detail in reversed(jury.vote_log(campaign, store)[-5000:])
    ]
    flags = [
        {"juror": j, "file": f, "note": n, "at": a}
        for j, f, k, n, a in jury.PhotoStore(store).marks(campaign)
        if k == "flag"
    ]
    context = {
        "definition": definition,
        "title": ui["PHOTOS_LOG_LINK"],
        "rows": rows,
        "flags": flags,
    }
    return render(request, "campaigns/photos_log.html", context)


def _detail(action: str, detail: dict[str, Any]) -> str:
    """One line of the log: a vote as round, file, old → new; anything else as its fields."""
    if action in ("vote", "undo"):
        old = "–" if detail.get("old") is None else detail["old"]
        new = "–" if detail.get("new") is None else detail["new"]
        return f"{detail.get('round')} · {detail.get('juror', '')} · {detail.get('file')} · {old} → {new}"
    return ", ".join(f"{k}: {v}" for k, v in sorted(detail.items()))
