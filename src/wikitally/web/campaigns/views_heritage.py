"""Heritage at risk on the web (docs/heritage.md): volunteers report sites, organizers moderate, anyone sees
the approved reports.

/c/SLUG/heritage/ — public: approved reports on a map and in a table (no reporter; a sensitive point only on
the ~10 km grid). /c/SLUG/heritage/report/ — a signed-in user's report form (rate-limited: 429 with
Retry-After). /c/SLUG/heritage/moderate/ — organizers: every report with its reporter and exact point,
approve / reject with a reason / merge a duplicate, the audit log, and the downloads
/c/SLUG/heritage.wiki and /c/SLUG/heritage-quickstatements.txt (built from the public view, so nothing pasted
on a wiki carries a reporter or an exact sensitive point). /api/campaigns/SLUG/heritage — the approved
reports as JSON, a page at a time.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_safe

from wikitally.errors import CampaignFileError
from wikitally.metrics import heritage as rules
from wikitally.model import Campaign
from wikitally.reports.heritage import quickstatements, wikitext_table
from wikitally.services import heritage as service
from wikitally.store import heritage as store
from wikitally.store.models import CampaignDefinition, HeritageReport
from wikitally.web.campaigns import api, definitions, figures, paging, views_errors
from wikitally.web.campaigns.forms_heritage import KIND_TEXT, ReportForm
from wikitally.web.campaigns.memo import Memo
from wikitally.web.campaigns.ui import UI, request_translator

# Dot colours by kind (fill attributes: the map needs no stylesheet or script).
COLOURS = {
    "damaged": "#d73333",
    "destroyed": "#202122",
    "threatened": "#edab00",
    "neglected": "#a66200",
    "armed_conflict": "#6b4ba1",
    "site": "#72777d",  # a listed site at risk without a public report
}
STATUS_TEXT = {
    "pending": "REPORT_PENDING",
    "approved": "REPORT_APPROVED",
    "rejected": "REPORT_REJECTED",
    "merged": "REPORT_MERGED",
}


SITES_SHOWN = 500  # rows of the public site table (the rest: "… and N more")
# The public view by audience and data version: only ever the public view (no reporter, no exact sensitive
# point). Keyed by who asks as well, so an organizers' entry can never be served to anyone else, nor the
# reverse, whatever either comes to hold; CACHE_S bounds how long anything the version misses stays unseen.
PUBLIC = Memo(max_items=64, ttl_s=figures.CACHE_S)
Audience = Literal["public", "organizer"]


@dataclass(frozen=True)
class PublicView:
    """What anyone may see of a campaign's heritage: approved reports and the listed sites' table."""

    reports: tuple[rules.PublicReport, ...]
    sites: tuple[rules.SiteRow, ...]
    site_count: int  # rows before the SITES_SHOWN cut


def _campaign(definition: CampaignDefinition) -> Campaign | None:
    try:
        return figures.campaign_of(definition)
    except CampaignFileError:
        return None


def _sites(definition: CampaignDefinition) -> dict[str, rules.Site]:
    return service.sites(_campaign(definition), figures.store(), timezone.now())


def data_version(definition: CampaignDefinition) -> str:
    """Changes when anything the public view shows may: the campaign file, a collection, a worklist
    resolution, and any report's submission or moderation step (store/heritage.py `version`)."""
    parts = [
        str(definition.pk),
        hashlib.sha256(definition.toml.encode()).hexdigest()[:16],
        store.version(definition),
    ]
    campaign = _campaign(definition)
    if campaign is not None:
        st = figures.store()
        parts += [str(st.last_collected(campaign)), str(st.worklist_resolved(campaign))]
    return ":".join(parts)


def public_view(definition: CampaignDefinition, audience: Audience) -> PublicView:
    """The public view, computed once per data version (and audience, see PUBLIC)."""

    def make() -> PublicView:
        found = service.listed(_campaign(definition), figures.store(), timezone.now())
        listed = {key: site for key, (site, _) in found.items()}
        reports = service.with_site_points(store.public(definition, listed), listed)
        rows = service.site_table(found, reports)
        return PublicView(tuple(reports), tuple(rows[:SITES_SHOWN]), len(rows))

    view: PublicView = PUBLIC.get_or_make(f"heritage:{audience}:{data_version(definition)}", make)
    return view


def public_reports(definition: CampaignDefinition, audience: Audience = "public") -> list[rules.PublicReport]:
    """What anyone may see: approved reports, no reporter, sensitive points coarsened."""
    return list(public_view(definition, audience).reports)


def map_dots(points: Sequence[tuple[float, float, str, str]]) -> dict[str, Any] | None:
    """(lat, lon, tooltip, kind) as dots of a plain equirectangular frame around them (no tiles to fetch,
    no script): the template draws them, autoescaped. None when nothing has a point."""
    if not points:
        return None
    lats, lons = [p[0] for p in points], [p[1] for p in points]
    # a frame centred on the points, 10 % wider than their spread (at least ~5 km), so no dot sits on an edge
    mid_lat, mid_lon = (min(lats) + max(lats)) / 2, (min(lons) + max(lons)) / 2
    dlat = max(max(lats) - min(lats), 0.05) * 1.1
    dlon = max(max(lons) - min(lons), 0.05) * 1.1
    width = 640
    height = round(max(160.0, min(400.0, width * dlat / dlon)))
    dots = [
        {
            "x": round((lon - mid_lon + dlon / 2) / dlon * width),
            "y": round((mid_lat + dlat / 2 - lat) / dlat * height),
            "tip": tip,
            "kind": kind,
            "fill": COLOURS.get(kind, "#36c"),
        }
        for lat, lon, tip, kind in points
    ]
    return {"width": width, "height": height, "dots": dots}


def _shown(r: rules.PublicReport, ui: UI, t: Any) -> dict[str, Any]:
    return {
        "id": r.report_id,
        "label": r.label,
        "item": r.site if r.site and rules.ITEM.match(r.site) else "",
        "designation": r.designation,
        "kind": ui[KIND_TEXT[r.kind]],
        "kind_cls": r.kind,
        "observed": t.date(r.observed),
        "observed_iso": r.observed.isoformat(),
        "point": f"{r.point.lat:.4f}, {r.point.lon:.4f}" if r.point else "",
        "coarsened": r.coarsened,
        "description": r.description,
        "evidence": list(r.evidence),
        "source_url": r.source_url,
    }


def _site_shown(row: rules.SiteRow, ui: UI) -> dict[str, Any]:
    return {
        "label": row.site.label,
        "item": row.site.item or "",
        "designation": row.site.designation,
        "list_risk": row.site.risk,
        "reported": ", ".join(ui[KIND_TEXT[k]] for k in row.kinds if k in KIND_TEXT),
        "on_wikipedia": row.on_wikipedia,
        "on_commons": row.on_commons,
        "on_wikidata": row.on_wikidata,
        "point": f"{row.point.lat:.4f}, {row.point.lon:.4f}" if row.point else "",
        "coarsened": row.site.sensitive and row.point is not None,
    }


@require_safe
def heritage_page(request: HttpRequest, slug: str) -> HttpResponse:
    definition = get_object_or_404(CampaignDefinition, slug=slug)
    t = request_translator(request)
    ui = UI(t)
    organizer = definitions.may_manage(definition, request.user)
    view = public_view(definition, "organizer" if organizer else "public")
    points: list[tuple[float, float, str, str]] = [
        (r.point.lat, r.point.lon, f"{r.label} — {ui[KIND_TEXT[r.kind]]}", r.kind)
        for r in view.reports
        if r.point is not None
    ]
    reported = {r.site for r in view.reports if r.site}
    points += [  # listed sites at risk with no public report of their own: a grey dot
        (
            row.point.lat,
            row.point.lon,
            " — ".join(x for x in (row.site.label, row.site.designation, row.site.risk) if x),
            "site",
        )
        for row in view.sites
        if row.point is not None and row.site.key not in reported
    ]
    context = {
        "definition": definition,
        "title": ui["HERITAGE_TITLE"].format(campaign=definition.name),
        "rows": [_shown(r, ui, t) for r in view.reports],
        "sites": [_site_shown(row, ui) for row in view.sites],
        "sites_more": ui["HERITAGE_SITES_MORE"].format(count=t.number(view.site_count - len(view.sites)))
        if view.site_count > len(view.sites)
        else "",
        "map": map_dots(points),
        "organizer": organizer,
    }
    return render(request, "campaigns/heritage.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def report(request: HttpRequest, slug: str) -> HttpResponse:
    definition = get_object_or_404(CampaignDefinition, slug=slug)
    t = request_translator(request)
    ui = UI(t)
    now = timezone.now()
    listed = _sites(definition)
    form = ReportForm(request.POST or None, ui=ui, sites=listed, today=now.date())
    status = 200
    if request.method == "POST":
        if form.is_valid() and form.report is not None:
            try:
                store.submit(definition, request.user, form.report, now, sites=listed)
            except store.RateLimited:
                return views_errors.error_page(
                    request,
                    429,
                    ui["TOO_MANY_TITLE"],
                    ui["HERITAGE_TOO_MANY"].format(limit=t.number(rules.RATE_LIMIT)),
                    retry_after=store.retry_after(request.user, now),
                )
            except store.ReportInvalid:  # the form checks the same rules: only a race gets here
                return views_errors.bad_request(request)
            messages.success(request, ui["HERITAGE_SENT"])
            return redirect("campaign-heritage", slug=slug)
        status = 400
    context = {
        "definition": definition,
        "title": ui["HERITAGE_REPORT_TITLE"].format(campaign=definition.name),
        "form": form,
        "today": now.date().isoformat(),
    }
    return render(request, "campaigns/heritage_report.html", context, status=status)


def _organizer(request: HttpRequest, slug: str) -> tuple[CampaignDefinition, UI, HttpResponse | None]:
    definition = get_object_or_404(CampaignDefinition, slug=slug)
    ui = UI(request_translator(request))
    if not definitions.may_manage(definition, request.user):
        return (
            definition,
            ui,
            views_errors.error_page(request, 403, ui["FORBIDDEN_TITLE"], ui["FORBIDDEN_HERITAGE"]),
        )
    return definition, ui, None


@login_required
@require_http_methods(["GET", "POST"])
def moderate(request: HttpRequest, slug: str) -> HttpResponse:
    definition, ui, refused = _organizer(request, slug)
    if refused is not None:
        return refused
    t = ui.t
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            report_id = int(request.POST.get("report", ""))
            into = int(request.POST["into"]) if action == "merge" else None
        except (ValueError, KeyError):
            return views_errors.bad_request(request)
        if action not in ("approve", "reject", "merge"):
            return views_errors.bad_request(request)
        try:
            store.moderate(
                definition,
                report_id,
                request.user,
                action,
                timezone.now(),
                reason=request.POST.get("reason", "")[:2000],
                into=into,
            )
        except (rules.ModerationError, HeritageReport.DoesNotExist):
            messages.error(request, ui["HERITAGE_NOT_MODERATED"])
        else:
            messages.success(request, ui["HERITAGE_MODERATED"].format(id=t.number(report_id)))
        return redirect("campaign-heritage-moderate", slug=slug)
    listed = _sites(definition)
    rows = []
    for r in store.reports(definition):
        site = listed.get(r.site or "")
        point = r.point or (site.point if site else None)
        rows.append(
            {
                "id": r.report_id,
                "reporter": r.reporter,
                "label": r.label,
                "item": r.site if r.site and rules.ITEM.match(r.site) else "",
                "kind": ui[KIND_TEXT[r.kind]],
                "observed": t.date(r.observed),
                "point": f"{point.lat}, {point.lon}" if point else "",
                "sensitive": r.sensitive or bool(site and site.sensitive),
                "description": r.description,
                "evidence": list(r.evidence),
                "source_url": r.source_url,
                "status": ui[STATUS_TEXT[r.status]],
                "status_cls": r.status,
                "live": r.status in ("pending", "approved"),
                "pending": r.status == "pending",
                "reason": r.reason,
                "merged_into": r.merged_into,
            }
        )
    context = {
        "definition": definition,
        "title": ui["HERITAGE_MODERATE_TITLE"].format(campaign=definition.name),
        "rows": rows,
        "audit": [
            {**e, "when": e["at"][:16].replace("T", " ") + " UTC"} for e in store.audit_log(definition)
        ],
        "kinds": [(k, ui[v]) for k, v in KIND_TEXT.items()],
    }
    return render(request, "campaigns/heritage_moderate.html", context)


@login_required
@require_GET
def download_wikitext(request: HttpRequest, slug: str) -> HttpResponse:
    definition, ui, refused = _organizer(request, slug)
    if refused is not None:
        return refused
    text = wikitext_table(public_reports(definition, "organizer"), ui.t)
    response = HttpResponse(text, content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{slug}-heritage.wiki"'
    return response


@login_required
@require_GET
def download_quickstatements(request: HttpRequest, slug: str) -> HttpResponse:
    """QuickStatements lines for review; ?KIND=Q… says which item states each kind (empty: no line)."""
    definition, _, refused = _organizer(request, slug)
    if refused is not None:
        return refused
    values = {k: request.GET[k].strip() for k in rules.KINDS if request.GET.get(k, "").strip()}
    lines, notes = quickstatements(public_reports(definition, "organizer"), values)
    text = "\n".join(lines + [f"# {n}" for n in notes]) + "\n"
    response = HttpResponse(text, content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{slug}-heritage-quickstatements.txt"'
    return response


@require_safe
def api_reports(request: HttpRequest, slug: str) -> HttpResponse:
    """Approved reports, newest observation first, a page at a time (keyset: observed, then id, descending)."""
    definition = CampaignDefinition.objects.filter(slug=slug).first()
    if definition is None:
        return api.error_response(404, "not_found", f"no campaign at {slug!r}")
    try:
        page = paging.read(request, "heritage")
    except paging.PagingError as e:
        return api.error_response(400, e.code, str(e))
    shown = public_reports(definition)
    if page.after is not None:
        try:
            after = (date.fromisoformat(str(page.after[0])), int(page.after[1]))
        except (ValueError, TypeError, IndexError):
            return api.error_response(
                400, "bad_cursor", "cursor is not one this API gave; start again without it"
            )
        shown = [r for r in shown if (r.observed, r.report_id) < after]
    chosen, more = shown[: page.limit], len(shown) > page.limit
    last = chosen[-1] if chosen else None
    next_cursor = (
        paging.cursor("heritage", [last.observed.isoformat(), last.report_id]) if more and last else None
    )
    return api.paged(request, {"reports": [rules.as_dict(r) for r in chosen]}, next_cursor)
