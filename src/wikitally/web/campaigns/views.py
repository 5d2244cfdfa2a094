"""The pages: campaigns, a campaign, a participant, the campaign form, downloads and the page's assets.

Views hold no numbers of their own: everything comes from figures (publishing.report_data, the CLI's
use-case) and is rendered by Django templates, which escape every wiki string. The timeline and the map are
the HTML report's own sections (reports/html.py), whose single escaper the report's tests hold to account.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any
from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.http import require_http_methods, require_safe

from wikitally.errors import CampaignFileError
from wikitally.metrics.contributions import contributions
from wikitally.reports import messages as report_messages
from wikitally.reports.certificate import render_certificate
from wikitally.reports.columns import WIKI_COLUMNS, columns
from wikitally.reports.csv_report import TABLES
from wikitally.reports.data import ArticleRow, ReportData
from wikitally.reports.html import (
    OSM_ATTRIBUTION,
    OSM_TILES,
    PAGE_JS,
    REPORT_CSS,
    ReportPage,
    leaflet_assets,
    render_html,
)
from wikitally.reports.i18n import LanguageError, Translator, translator
from wikitally.reports.wikitext import render_wikitext
from wikitally.services import reporting
from wikitally.services.certificates import file_names
from wikitally.services.publishing import article_url
from wikitally.store import enrolments
from wikitally.store.models import CampaignDefinition
from wikitally.store.page_versions import campaign_page_version
from wikitally.web import messages as web_messages
from wikitally.web.campaigns import (
    contest_section,
    definitions,
    etags,
    event,
    figures,
    middleware,
    views_errors,
    views_jury,
    views_manage,
    views_programs,
    views_refresh,
)
from wikitally.web.campaigns.cells import campaign_dates, number_cell, updated_text
from wikitally.web.campaigns.forms import CampaignForm, ImportForm
from wikitally.web.campaigns.memo import Memo
from wikitally.web.campaigns.participants import username_of
from wikitally.web.campaigns.ui import UI, request_translator

# Leaderboard: (?sort= key, column label); the metric is figures.SORTS[key].
LEADERBOARD_COLUMNS = (
    ("edits", report_messages.COL_EDITS),
    ("articles", "COL_ARTICLES_EDITED"),
    ("words", report_messages.COL_WORDS),
    ("references", report_messages.COL_REFERENCES),
    ("uploads", report_messages.COL_UPLOADS),
)
# A participant's page: (metric, column label).
PARTICIPANT_ROWS = columns(
    "edits",
    "edits_reverted",
    "articles_created",
    "articles_improved",
    "bytes_added",
    "words_added",
    "references_added",
    "uploads",
    "uploads_in_use",
)
TABLE_NAMES = tuple(TABLES)
WORKLIST_TABLES = ("coverage", "missing")  # offered only for a campaign with a worklist
BOARD_ROWS = 100  # the campaign page's leaderboard: its top rows; the full list is paged
ARTICLE_ROWS = 200  # the campaign page's articles: the top rows by words added
FULL_ROWS = 500  # rows a page of a full list
PAGE_CACHE_S = 30
PAGES = Memo(max_items=256, ttl_s=PAGE_CACHE_S)  # anonymous campaign pages' HTML


# -- helpers


def _definition(slug: str) -> CampaignDefinition:
    return get_object_or_404(CampaignDefinition, slug=slug)


def _collected(slug: str) -> figures.Figures:
    """The campaign's figures; 404 before its first collection (nothing to download yet)."""
    found = figures.figures(_definition(slug), timezone.now())
    if found.data is None:
        raise Http404("nothing collected yet")
    return found


def _label(t: Translator, label: str) -> str:
    """A column label: a reports message (English text) or the name of one of the web's own strings."""
    return UI(t)[label] if label.isupper() else t.gettext(label)


def user_slug(user: str) -> str:
    """A username in a URL as MediaWiki writes it: underscores for spaces."""
    return user.replace(" ", "_")


def _attachment(body: str, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _report_translator(request: HttpRequest, found: figures.Figures) -> Translator:
    """?lang= or the campaign's `language`, as `report --lang` defaults."""
    return translator(request.GET.get("lang") or found.campaign.language)


# -- pages


@require_safe
def campaign_list(request: HttpRequest) -> HttpResponse:
    t = request_translator(request)
    rows = []
    for definition in figures.listed():
        try:
            campaign = figures.campaign_of(definition)
        except CampaignFileError:  # a file a newer check refuses: listed by name all the same
            campaign = None
        rows.append(
            {
                "slug": definition.slug,
                "name": definition.name,
                "dates": campaign_dates(t, campaign) if campaign else "",
                "wikis": list(campaign.wikis) if campaign else [],
                "updated": (
                    updated_text(t, definition.last_collected, timezone.now())
                    if definition.last_collected
                    else UI(t)["NOT_COLLECTED"]
                ),
            }
        )
    programs = [
        {**item, "count": UI(t)["PROGRAM_CAMPAIGNS"].format(count=t.number(item["campaigns"]))}
        for item in views_programs.listed()
    ]
    return render(request, "campaigns/campaign_list.html", {"rows": rows, "programs": programs})


@require_safe
def campaign_page(request: HttpRequest, slug: str) -> HttpResponse:
    now = timezone.now()
    found = _current_figures(slug, now)
    definition = found.definition
    middleware.set_noindex(request, definition.visibility == "unlisted")
    t = request_translator(request)
    sort = _sort(request)
    # Anonymous visitors all see the same page: it is rendered once per version of the figures, language and
    # address, and kept PAGE_CACHE_S (its "last updated 5 minutes ago" stays right to the minute). Signed-in
    # users get their own controls, and a page with a message to show is not shared.
    shared = bool(found.key) and not request.user.is_authenticated and not len(messages.get_messages(request))
    if shared:
        # definition.updated: the event's details and archiving change the page without a new collection.
        key = f"{found.key}:{definition.updated.isoformat()}:page:{t.language}:{request.get_full_path()}"

        def make() -> tuple[bytes, str]:
            body = _render_campaign_page(request, found, t, sort, now).encode()
            return body, etags.etag_of(body)

        body, etag = PAGES.get_or_make(key, make)
        response = etags.tagged(request, body, etag, "text/html; charset=utf-8")  # 304 for a revalidation
        setattr(response, middleware.SHARED, True)  # the next anonymous visitors get it from memory
        return response
    if found.key and request.user.is_authenticated and not len(messages.get_messages(request)):
        return _signed_in_page(request, found, t, sort, now)
    return render(request, "campaigns/campaign.html", _campaign_context(request, found, t, sort, now))


# A signed-in campaign page differs from user to user only in a few facts (may they manage it, are they
# enrolled, are they a juror, the refresh panel they see), their name and their CSRF token. The page is
# rendered once per version, language, address and those facts, with marks where the name and the token go,
# and each request fills the marks in: its cost is the facts' queries, not a template rendering
# (bench/README.md, "Web app under load"). The marks hold "<" and '"', which no escaped text can contain,
# so nothing a wiki or a user wrote can be mistaken for one.
SIGNED_PAGES = Memo(max_items=256, ttl_s=PAGE_CACHE_S)
_USER_MARK = "<!--wikitally:user-->"
_CSRF_MARK = "wikitally-csrf-mark"
_CSRF_INPUT = f'<input type="hidden" name="csrfmiddlewaretoken" value="{_CSRF_MARK}">'


def _signed_in_page(
    request: HttpRequest, found: figures.Figures, t: Translator, sort: str, now: datetime
) -> HttpResponse:
    from django.middleware.csrf import get_token
    from django.utils.html import conditional_escape, escape

    definition = found.definition
    name = username_of(request.user)
    enrolled = name is not None and enrolments.find(definition, name) is not None
    personal = {
        "can_edit": definitions.may_manage(definition, request.user),
        "juror": _juror(request, found.campaign),
        "refresh": views_refresh.page_status(definition, found.campaign, request.user, t, now),
    }
    key = (
        f"{found.key}:{definition.updated.isoformat()}:signed:{t.language}:{request.get_full_path()}:"
        f"{enrolled}:{sorted((k, str(v)) for k, v in personal.items())}"
    )

    def make() -> str:
        context = _campaign_context(request, found, t, sort, now, personal)
        context["csrf_token"] = _CSRF_MARK
        context["enrolled_as"] = (
            SafeString(conditional_escape(UI(t)["YOU_ARE_ENROLLED"]).format(user=_USER_MARK))
            if enrolled
            else ""
        )
        html = render_to_string("campaigns/campaign.html", context, request)
        return html  # campaign.html puts its token only in {% csrf_token %} inputs (tests/web/test_signed_in_page.py)

    page = SIGNED_PAGES.get_or_make(key, make)
    html = page.replace(_CSRF_INPUT, _CSRF_INPUT.replace(_CSRF_MARK, escape(get_token(request))))
    return HttpResponse(html.replace(_USER_MARK, escape(name or "")))


# The campaign's figures for the page's current version (store/page_versions.py: the definition's last change
# and newest collection; enrolments and privacy make a new version too), kept PAGE_CACHE_S: one raw query a
# request instead of the definition's and the figures' four (a signed-in page's cost is mostly queries).
FIGURES = Memo(max_items=256, ttl_s=PAGE_CACHE_S)


def _current_figures(slug: str, now: datetime) -> figures.Figures:
    version = campaign_page_version(slug)
    if version is None:
        raise Http404("no such campaign")
    return FIGURES.get_or_make(f"{slug}\n{version}", lambda: figures.figures(_definition(slug), now))


def _render_campaign_page(
    request: HttpRequest, found: figures.Figures, t: Translator, sort: str, now: datetime
) -> str:
    return render_to_string(
        "campaigns/campaign.html", _campaign_context(request, found, t, sort, now), request
    )


def _campaign_context(
    request: HttpRequest,
    found: figures.Figures,
    t: Translator,
    sort: str,
    now: datetime,
    personal: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The page's context; `personal` (can_edit, juror, refresh) when the caller has them already."""
    definition, slug = found.definition, found.definition.slug
    campaign = found.campaign
    context: dict[str, Any] = {
        "definition": definition,
        "campaign": campaign,
        "dates": campaign_dates(t, campaign),
        "tags": [*("#" + h for h in campaign.hashtags), *campaign.tags],
        "unlisted": definition.visibility == "unlisted",
        "archived": definition.archived_at is not None,
        "can_edit": (
            personal["can_edit"] if personal is not None else definitions.may_manage(definition, request.user)
        ),
        "enrolled_as": "" if personal is not None else _enrolled_as(request, definition, t),
        "event": event.details(t, definition, campaign),
        "last_collected": found.last_collected,
        "updated": updated_text(t, found.last_collected, now) if found.last_collected else "",
        "data": found.data,
        "downloads": _downloads(t, slug, found.data is not None, found.campaign.has_worklist),
        # Called by the template only when its cached report sections are rendered anew (a callable).
        "contest_html": (lambda: contest_section.contest_html(found, t)) if campaign.contest else "",
        "contest": campaign.contest is not None,
        "juror": personal["juror"] if personal is not None else _juror(request, campaign),
    }
    if personal is not None:
        context["refresh_status"] = personal["refresh"]
    data = found.data
    if data is not None:
        # The same for everyone who sees this version of the figures in this language and order: made once
        # (its values are only read), so a signed-in user's page costs only its own controls.
        key = f"{found.key}:context:{slug}:{t.language}:{sort}"
        context.update(figures.DERIVED.get_or_make(key, lambda: _report_context(t, slug, data, sort)))
        # campaign.html keeps its rendering of those sections (tables, map …) under this key for
        # PAGE_CACHE_S: the same for everyone, so only the page's head is rendered per signed-in request.
        # With the definition's version: the contest section changes when the jury's marking closes.
        context["report_key"] = f"{key}:{found.definition.updated.isoformat()}"
    return context


def _juror(request: HttpRequest, campaign: Any) -> bool:
    """A signed-in juror of the contest (their page links to the jury's marking page)."""
    jury = campaign.contest.jury if campaign.contest else None
    return jury is not None and request.user.is_authenticated and username_of(request.user) in jury.jurors


def _enrolled_as(request: HttpRequest, definition: CampaignDefinition, t: Translator) -> str:
    """'You are enrolled as NAME.' for a signed-in participant; empty for anyone else."""
    name = username_of(request.user)
    if not name or enrolments.find(definition, name) is None:
        return ""
    return UI(t)["YOU_ARE_ENROLLED"].format(user=name)


def _sort(request: HttpRequest) -> str:
    sort = request.GET.get("sort", figures.DEFAULT_SORT)
    return sort if sort in figures.SORTS else figures.DEFAULT_SORT


def _board(t: Translator, slug: str, ranked: list[dict[str, Any]], sort: str) -> dict[str, Any]:
    """The leaderboard's rows (already ranked and cut to what the page shows) and its sorting columns."""
    return {
        "board": [
            {
                "rank": t.number(p["rank"]),
                "user": p["user"],
                "url": reverse("participant", args=[slug, user_slug(p["user"])]),
                "cells": [number_cell(t, p[figures.SORTS[key]]) for key, _ in LEADERBOARD_COLUMNS],
            }
            for p in ranked
        ],
        "board_columns": [
            {"label": _label(t, label), "url": f"?sort={key}#leaderboard", "sorted": key == sort}
            for key, label in LEADERBOARD_COLUMNS
        ],
        "sort": sort,
    }


def _articles(t: Translator, data: ReportData, rows: Sequence[ArticleRow]) -> dict[str, Any]:
    """The article table's rows (those given) and its columns; views only when the campaign has them."""
    with_views = any(a.views is not None for a in data.articles)
    statuses = {
        "created": t.gettext(report_messages.STATUS_CREATED),
        "improved": t.gettext(report_messages.STATUS_IMPROVED),
        "translated": t.gettext(report_messages.STATUS_TRANSLATED),
    }
    labels = [report_messages.COL_EDITS, report_messages.COL_BYTES, report_messages.COL_WORDS]
    labels += [report_messages.COL_REFERENCES] + ([report_messages.COL_VIEWS] if with_views else [])
    return {
        "article_columns": [t.gettext(label) for label in labels],
        "articles": [
            {
                "wiki": a.wiki,
                "title": a.title,
                "url": a.url if a.url.startswith("https://") else "",
                "status": a.status,
                "status_label": statuses[a.status],
                "cells": [
                    number_cell(t, n)
                    for n in (a.edits, a.bytes_added, a.words_added, a.references_added)
                    + ((a.views,) if with_views else ())
                ],
            }
            for a in rows
        ],
    }


def top_articles(data: ReportData) -> list[ArticleRow]:
    """Articles by words added, largest first (ties: wiki, title): the order of the page's and the full list."""
    return sorted(data.articles, key=lambda a: (-a.words_added, a.wiki, a.title))


def _report_context(t: Translator, slug: str, data: ReportData, sort: str) -> dict[str, Any]:
    outcome = data.outcome
    wiki_rows = [
        {"wiki": wiki, "cells": [number_cell(t, m[key]) for key, _ in WIKI_COLUMNS]}
        for wiki, m in outcome["by_wiki"].items()
    ]
    ranked = figures.leaderboard(outcome, sort)
    page = ReportPage(data, t)
    return {
        **_board(t, slug, ranked[:BOARD_ROWS], sort),
        **_articles(t, data, top_articles(data)[:ARTICLE_ROWS]),
        "wiki_columns": [t.gettext(label) for _, label in WIKI_COLUMNS],
        "wiki_rows": wiki_rows,
        "board_more": _more(
            web_messages.ALL_PARTICIPANTS, t, len(ranked), BOARD_ROWS, "campaign-leaderboard", slug, sort
        ),
        "articles_more": _more(
            web_messages.ALL_ARTICLES, t, len(data.articles), ARTICLE_ROWS, "campaign-articles", slug
        ),
        "has_map": page.has_map,
        # The report's own sections, escaped by its one escaper (reports/html.py `esc`), so marked safe here.
        "stats_html": _report_section(page.stats),
        "timeline_html": _report_section(page.timeline),
        "map_html": _report_section(lambda: page.map_section(OSM_TILES, OSM_ATTRIBUTION)),
        "wikidata_html": _report_section(page.wikidata),  # empty without a Wikibase wiki
    }


def _more(
    label: tuple[str, str], t: Translator, count: int, shown: int, route: str, slug: str, sort: str = ""
) -> dict[str, str]:
    """The link under a table cut to its top rows: 'All 1,000 participants' (nothing when all are shown)."""
    if count <= shown:
        return {}
    url = reverse(route, args=[slug]) + (f"?sort={sort}" if sort else "")
    return {
        "text": t.count(label, count),
        "note": UI(t)["TOP_ROWS"].format(shown=t.number(shown)),
        "url": url,
    }


def _report_section(render_section: Callable[[], str]) -> SafeString:
    return mark_safe(render_section())  # reports/html.py escapes every wiki string it writes


def _downloads(t: Translator, slug: str, collected: bool, worklist: bool) -> list[tuple[str, str]]:
    ui = UI(t)
    links = [(ui["DOWNLOAD_TOML"], reverse("campaign-toml", args=[slug]))]
    if collected:
        csv_url = reverse("download-csv", args=[slug])
        names = [n for n in TABLE_NAMES if worklist or n not in WORKLIST_TABLES]
        links += [(ui[f"DOWNLOAD_CSV_{name.upper()}"], f"{csv_url}?table={name}") for name in names]
        links += [
            (ui["DOWNLOAD_JSON"], reverse("download-json", args=[slug])),
            (ui["DOWNLOAD_WIKITEXT"], reverse("download-wiki", args=[slug])),
            (ui["DOWNLOAD_HTML"], reverse("download-html", args=[slug])),
        ]
    return links


@require_safe
def participant(request: HttpRequest, slug: str, user: str) -> HttpResponse:
    found = _collected(slug)
    outcome = found.data.outcome if found.data is not None else {}
    name = user.replace("_", " ")
    row = figures.participant(outcome, name)
    if row is None:
        raise Http404("no such participant")
    t = request_translator(request)
    ui = UI(t)
    articles, own_uploads = _contributions(found, name)
    my_columns = [
        t.gettext(label)
        for label in (
            report_messages.COL_EDITS,
            report_messages.COL_BYTES,
            report_messages.COL_WORDS,
            report_messages.COL_REFERENCES,
        )
    ]
    infos = _siteinfo(found)
    uploads = [
        {
            "wiki": u.wiki,
            "title": u.title,
            "url": article_url(u.wiki, u.title, infos.get(u.wiki)),
            "in_use": u.in_use,
        }
        for u in own_uploads
    ]
    context = {
        "definition": found.definition,
        "campaign": found.campaign,
        "user_name": name,
        "rank": ui["RANK_OF"].format(
            rank=t.number(row["rank"]), count=t.number(len(outcome["by_participant"]))
        ),
        "new_editor": row["new_editors"] > 0,
        "numbers": [(t.gettext(label), t.number(row[key])) for key, label in PARTICIPANT_ROWS],
        "uploads": uploads,
        "my_articles": [
            {
                "wiki": a.wiki,
                "title": a.title,
                "url": article_url(a.wiki, a.title, infos.get(a.wiki)),
                "status": t.gettext(
                    report_messages.STATUS_CREATED if a.created else report_messages.STATUS_IMPROVED
                ),
                "cells": list(
                    zip(
                        my_columns,
                        [t.number(n) for n in (a.edits, a.bytes_added, a.words_added, a.references_added)],
                        strict=True,
                    )
                ),
                "diff": article_url(a.wiki, _diff_target(a.first_parent, a.last_rev), infos.get(a.wiki)),
                "diff_label": ui["DIFF_OF"].format(title=a.title),
            }
            for a in articles
        ],
        "contributions": [
            (
                ui["CONTRIBUTIONS"].format(wiki=wiki),
                article_url(wiki, f"Special:Contributions/{name}"),
            )
            for wiki in found.campaign.wikis
        ],
        "back": ui["BACK_TO"].format(campaign=found.campaign.name),
        "certificate": reverse("participant-certificate", args=[slug, user_slug(name)]),
        **views_jury.participant_contest(found.campaign, name, t),  # the rules and their entries' verdicts
    }
    return render(request, "campaigns/participant.html", context)


def _contributions(found: figures.Figures, name: str) -> tuple[list[Any], list[Any]]:
    """The participant's own articles and uploads (metrics/contributions.py on the store's revisions of
    that one user), kept with the figures they belong to."""
    key = f"{found.key}:contributions:{name}"
    return figures.DERIVED.get_or_make(
        key,
        lambda: contributions(
            figures.store().user_snapshot(found.campaign, name),
            figures.store().participants(found.campaign),
            name,
        ),
    )


def _siteinfo(found: figures.Figures) -> dict[str, Any]:
    st = figures.store()
    infos = {wiki: st.siteinfo(found.campaign, wiki) for wiki in found.campaign.wikis}
    return {wiki: info for wiki, info in infos.items() if info is not None}


def _diff_target(parent: int, last: int) -> str:
    """The page that shows what the participant changed: from the revision before their first counted edit
    to their last (Special:Diff/OLD/NEW), or, when they created the page, their last revision's diff."""
    return f"Special:Diff/{parent}/{last}" if parent else f"Special:Diff/{last}"


@require_safe
def participant_certificate(request: HttpRequest, slug: str, user: str) -> HttpResponse:
    """The participant's certificate (PDF), as `wikitally certificates` makes it: in ?lang= or the
    campaign's language, signed by the campaign's organizers (their Wikimedia usernames)."""
    found = _collected(slug)
    assert found.data is not None
    name = user.replace("_", " ")
    if figures.participant(found.data.outcome, name) is None:
        raise Http404("no such participant")
    try:
        t = _report_translator(request, found)
    except LanguageError:
        return views_errors.bad_request(request)
    organizers = ", ".join(definitions.organizer_names(found.definition))
    data = found.data
    # Kept with the figures they come from: a PDF is tens of milliseconds of work, asked for by anyone.
    key = f"{found.key}:certificate:{t.language}:{organizers}:{name}"
    pdf = figures.DERIVED.get_or_make(key, lambda: render_certificate(data, name, t, organizer=organizers))
    filename = file_names([name])[name]
    response = HttpResponse(pdf, content_type="application/pdf")
    # RFC 6266/5987: an ASCII fallback and the UTF-8 name (safe_stem left no quote, slash or control).
    ascii_name = filename.encode("ascii", "replace").decode().replace("?", "_")
    response["Content-Disposition"] = (
        f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"
    )
    return response


@require_safe
def leaderboard_page(request: HttpRequest, slug: str) -> HttpResponse:
    """Every participant, ranked by ?sort=, FULL_ROWS a page (?page=)."""
    found = _collected(slug)
    assert found.data is not None
    t = request_translator(request)
    sort = _sort(request)
    pager = Paginator(figures.leaderboard(found.data.outcome, sort), FULL_ROWS)
    page = pager.get_page(request.GET.get("page"))
    return _full_list(
        request,
        found,
        t,
        UI(t)["SECTION_LEADERBOARD"],
        page,
        _board(t, slug, list(page.object_list), sort),
        sort,
    )


@require_safe
def articles_page(request: HttpRequest, slug: str) -> HttpResponse:
    """Every article, by words added, FULL_ROWS a page (?page=)."""
    found = _collected(slug)
    assert found.data is not None
    t = request_translator(request)
    page = Paginator(top_articles(found.data), FULL_ROWS).get_page(request.GET.get("page"))
    return _full_list(
        request, found, t, UI(t)["SECTION_ARTICLES"], page, _articles(t, found.data, list(page.object_list))
    )


def _full_list(
    request: HttpRequest,
    found: figures.Figures,
    t: Translator,
    heading: str,
    page: Any,
    table: dict[str, Any],
    sort: str = "",
) -> HttpResponse:
    ui = UI(t)
    query = f"sort={sort}&" if sort else ""
    context = {
        **table,
        "kind": "board" if "board" in table else "articles",
        "definition": found.definition,
        "campaign": found.campaign,
        "heading": heading,
        "back": ui["BACK_TO"].format(campaign=found.campaign.name),
        "position": ui["PAGE_OF"].format(
            page=t.number(page.number), count=t.number(page.paginator.num_pages)
        ),
        "previous": f"?{query}page={page.previous_page_number()}" if page.has_previous() else "",
        "next": f"?{query}page={page.next_page_number()}" if page.has_next() else "",
    }
    return render(request, "campaigns/full_list.html", context)


# -- the form


@login_required
@require_http_methods(["GET", "POST"])
def campaign_new(request: HttpRequest) -> HttpResponse:
    t = request_translator(request)
    form = CampaignForm(t=t)
    import_form = ImportForm(t=t, prefix="import")
    if request.method == "POST":
        chosen: CampaignForm | ImportForm
        if request.POST.get("form") == "import":
            chosen = import_form = ImportForm(
                request.POST, request.FILES, t=t, prefix="import", may_adopt=request.user.is_superuser
            )
        else:
            chosen = form = CampaignForm(request.POST, t=t, may_adopt=request.user.is_superuser)
        if chosen.is_valid() and chosen.campaign is not None:
            definition = definitions.create(
                slug=chosen.slug,
                visibility=chosen.cleaned_data["visibility"],
                toml=chosen.toml,
                campaign=chosen.campaign,
                user=request.user,  # login_required: a real user
            )
            messages.success(request, UI(t)["CREATED"])
            for note in chosen.notes:
                messages.warning(request, note)
            return redirect("campaign", slug=definition.slug)
    context = {"form": form, "import_form": import_form, "title": UI(t)["FORM_NEW"], "kept": ""}
    return render(request, "campaigns/campaign_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def campaign_edit(request: HttpRequest, slug: str) -> HttpResponse:
    definition = _definition(slug)
    t = request_translator(request)
    ui = UI(t)
    if not definitions.may_manage(definition, request.user):
        raise PermissionDenied(ui["FORBIDDEN"])
    refused = views_manage.archived_refusal(request, definition)
    if refused is not None:
        return refused
    data = definitions.read_toml(definition.toml, definitions.source_name(definition))
    initial = {**definitions.initial(data), "visibility": definition.visibility}
    form = CampaignForm(initial=initial, t=t, definition=definition)
    import_form = ImportForm(t=t, definition=definition, prefix="import")
    if request.method == "POST":
        chosen: CampaignForm | ImportForm
        if request.POST.get("form") == "import":
            chosen = import_form = ImportForm(
                request.POST,
                request.FILES,
                t=t,
                definition=definition,
                prefix="import",
                may_adopt=request.user.is_superuser,
            )
        else:
            chosen = form = CampaignForm(
                request.POST, initial=initial, t=t, definition=definition, may_adopt=request.user.is_superuser
            )
        if chosen.is_valid() and chosen.campaign is not None:
            definitions.update(
                definition,
                toml=chosen.toml,
                campaign=chosen.campaign,
                visibility=chosen.cleaned_data.get("visibility"),
            )
            messages.success(request, ui["SAVED"])
            for note in chosen.notes:
                messages.warning(request, note)
            return redirect("campaign", slug=definition.slug)
    kept = sorted(definitions.extras(data))
    context = {
        "form": form,
        "import_form": import_form,
        "definition": definition,
        "title": ui["FORM_EDIT"].format(campaign=definition.name),
        "kept": ui["EXTRA_KEYS"].format(keys=", ".join(kept)) if kept else "",
    }
    return render(request, "campaigns/campaign_form.html", context)


# -- downloads: the CLI's renderers on the CLI's use-case


@require_safe
def campaign_toml(request: HttpRequest, slug: str) -> HttpResponse:
    definition = _definition(slug)
    return _attachment(definition.toml, "application/toml; charset=utf-8", f"{definition.slug}.toml")


@require_safe
def download_csv(request: HttpRequest, slug: str) -> HttpResponse:
    table = request.GET.get("table", "summary")
    if table not in TABLES:
        return views_errors.bad_request(request)
    found = _collected(slug)
    assert found.outcome is not None
    return _attachment(TABLES[table](found.outcome), "text/csv; charset=utf-8", f"{slug}-{table}.csv")


@require_safe
def download_json(request: HttpRequest, slug: str) -> HttpResponse:
    found = _collected(slug)
    assert found.outcome is not None
    return _attachment(reporting.render(found.outcome, "json"), "application/json", f"{slug}.json")


@require_safe
def download_wikitext(request: HttpRequest, slug: str) -> HttpResponse:
    found = _collected(slug)
    assert found.data is not None
    try:
        t = _report_translator(request, found)
    except LanguageError:
        return views_errors.bad_request(request)
    return _attachment(render_wikitext(found.data, t), "text/plain; charset=utf-8", f"{slug}.wiki")


@require_safe
def download_html(request: HttpRequest, slug: str) -> HttpResponse:
    found = _collected(slug)
    assert found.data is not None
    try:
        t = _report_translator(request, found)
    except LanguageError:
        return views_errors.bad_request(request)
    return _attachment(render_html(found.data, t), "text/html; charset=utf-8", f"{slug}.html")


# -- the campaign page's scripts and styles: the HTML report's own (sortable tables, map), and Leaflet


def _assets() -> dict[str, tuple[str, str]]:
    leaflet_js, leaflet_css = leaflet_assets()
    return {
        "report.js": (PAGE_JS, "text/javascript; charset=utf-8"),
        "report.css": (REPORT_CSS, "text/css; charset=utf-8"),
        "leaflet.js": (leaflet_js, "text/javascript; charset=utf-8"),
        "leaflet.css": (leaflet_css, "text/css; charset=utf-8"),
    }


@require_safe
def asset(request: HttpRequest, name: str) -> HttpResponse:
    found = _assets().get(name)
    if found is None:
        raise Http404("no such asset")
    body, content_type = found
    etag = '"' + hashlib.sha256(body.encode()).hexdigest()[:20] + '"'
    if request.headers.get("If-None-Match") == etag:
        response = HttpResponse(status=304)
    else:
        response = HttpResponse(body, content_type=content_type)
    response["ETag"] = etag
    response["Cache-Control"] = "public, max-age=3600"
    return response
