"""Every error the site answers with, as a page of the site: its layout, the visitor's language, a way back.

Django's handlers (400, 403, 404, 500) and its CSRF failure view point here (urls.py, settings.py), and the
views that refuse something themselves (429 "too soon", with Retry-After) render `error_page` too. Under
/api/ the answer is the API's JSON error instead. The 500 page is made without the database (it may be what
failed): no campaign link, the menu as for a visitor.
"""

from __future__ import annotations

import json
import logging
import re
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.urls import reverse

from wikitally.web.campaigns import ui
from wikitally.web.campaigns.ui import UI, request_translator

log = logging.getLogger(__name__)
TEMPLATE = "campaigns/error.html"
_CAMPAIGN_PATH = re.compile(r"^/c/([-a-zA-Z0-9_]+)/")
API_CODES = {400: "bad_request", 403: "forbidden", 404: "not_found", 500: "server_error"}


def way_back(request: HttpRequest, *, database: bool = True) -> list[tuple[str, str]]:
    """Links out of an error: the campaign whose address this is (when it exists), and the front page."""
    t = request_translator(request)
    links = []
    match = _CAMPAIGN_PATH.match(request.path)
    if database and match and match.group(1) != "new":
        from wikitally.store.models import CampaignDefinition

        definition = CampaignDefinition.objects.filter(slug=match.group(1)).only("slug", "name").first()
        if definition is not None and request.path != reverse("campaign", args=[definition.slug]):
            links.append(
                (
                    UI(t)["BACK_TO"].format(campaign=definition.name),
                    reverse("campaign", args=[definition.slug]),
                )
            )
    links.append((UI(t)["BACK_HOME"], reverse("campaign-list")))
    return links


def error_page(
    request: HttpRequest,
    status: int,
    title: str,
    message: str,
    *,
    retry_after: int | None = None,
    links: list[tuple[str, str]] | None = None,
) -> HttpResponse:
    """The site's error page (title and message already translated), with Retry-After when given."""
    context = {"title": title, "message": message, "links": links if links is not None else way_back(request)}
    response = HttpResponse(render_to_string(TEMPLATE, context, request), status=status)
    if retry_after is not None:
        response["Retry-After"] = str(retry_after)
    return response


def _api(request: HttpRequest, status: int, message: str) -> HttpResponse | None:
    """Under /api/, the API's JSON error (as api._error writes it; not imported: api → views_refresh → here)."""
    if not request.path.startswith("/api/"):
        return None
    body = json.dumps({"error": API_CODES[status], "message": message}, indent=2) + "\n"
    response = HttpResponse(body, content_type="application/json", status=status)
    response["Access-Control-Allow-Origin"] = "*"
    return response


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    ui_ = UI(request_translator(request))
    return _api(request, 400, "bad request") or error_page(
        request, 400, ui_["BAD_REQUEST_TITLE"], ui_["BAD_REQUEST"], links=way_back(request, database=False)
    )


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """403: the reason the view gave (the views raise PermissionDenied with a translated sentence)."""
    ui_ = UI(request_translator(request))
    reason = str(exception or "") if exception is not None and exception.args else ""
    return _api(request, 403, "forbidden") or error_page(
        request, 403, ui_["FORBIDDEN_TITLE"], reason or ui_["FORBIDDEN_PAGE"]
    )


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    ui_ = UI(request_translator(request))
    return _api(request, 404, "no such address") or error_page(
        request, 404, ui_["NOT_FOUND_TITLE"], ui_["NOT_FOUND"]
    )


def server_error(request: HttpRequest) -> HttpResponse:
    """500, made without the database and without the request's user (either may be what failed)."""
    answered = _api(request, 500, "server error")
    if answered is not None:
        return answered
    try:
        ui_ = UI(request_translator(request))
        context: dict[str, Any] = {
            **ui.context(request),
            "request": request,
            "user": AnonymousUser(),
            "noindex": False,  # no query: the database may be what failed
            "title": ui_["SERVER_ERROR_TITLE"],
            "message": ui_["SERVER_ERROR"],
            "links": way_back(request, database=False),
        }
        return HttpResponse(render_to_string(TEMPLATE, context), status=500)
    except Exception:  # the page itself failed: a line of text, never a traceback
        log.exception("the error page failed")
        return HttpResponse("Server error\n", status=500, content_type="text/plain; charset=utf-8")


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """CSRF_FAILURE_VIEW: a form refused by the CSRF check (Django's reason is logged, not shown)."""
    log.warning("CSRF check failed on %s: %s", request.path, reason)
    ui_ = UI(request_translator(request))
    return error_page(request, 403, ui_["CSRF_TITLE"], ui_["CSRF_FAILED"])
