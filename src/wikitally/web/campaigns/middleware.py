"""A Content-Security-Policy on every response: the app's own scripts and styles, map tiles, nothing else."""

from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import urlsplit

from django.http import HttpRequest, HttpResponse

from wikitally.reports.html import OSM_TILES
from wikitally.web.campaigns import etags
from wikitally.web.campaigns.memo import Memo


def _tile_origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc.replace('{s}', '*')}"


# style-src 'unsafe-inline': the report's SVG charts size themselves with style attributes.
POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    f"img-src 'self' data: {_tile_origin(OSM_TILES)}; connect-src 'self'; object-src 'none'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)


class ContentSecurityPolicy:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", POLICY)
        return response


# Routes whose `slug` is a program's; every other route with a `slug` is a campaign's.
PROGRAM_ROUTES = frozenset({"program", "api-program"})
_NOINDEX = "_wikitally_noindex"


def noindex(request: HttpRequest) -> bool:
    """True when the request is for an unlisted campaign's (or program's) address: search engines are asked
    not to index it (meta robots, X-Robots-Tag). Looked up once per request, only for such routes."""
    known = getattr(request, _NOINDEX, None)
    if known is not None:
        return bool(known)
    from wikitally.store.models import CampaignDefinition, Program

    match = request.resolver_match
    slug = match.kwargs.get("slug") if match is not None else None
    found = False
    if isinstance(slug, str):
        model = Program if match is not None and match.url_name in PROGRAM_ROUTES else CampaignDefinition
        found = model.objects.filter(slug=slug, visibility="unlisted").exists()
    setattr(request, _NOINDEX, found)
    return found


def set_noindex(request: HttpRequest, unlisted: bool) -> None:
    """A view that has read the campaign's definition already says whether it is unlisted (no query more)."""
    setattr(request, _NOINDEX, unlisted)


class NoIndexUnlisted:
    """X-Robots-Tag: noindex on every answer under an unlisted campaign's or program's address."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if noindex(request):
            response.headers["X-Robots-Tag"] = "noindex"
        return response


# -- anonymous campaign pages straight from memory

SHARED = "_wikitally_shared"  # set on a response that every anonymous visitor of its address may get
FAST_TTL_S = 30  # as views.PAGE_CACHE_S: its "last updated 5 minutes ago" stays right to the minute
_CAMPAIGN_PAGE = re.compile(r"/c/([-a-zA-Z0-9_]+)/")
_FAST = Memo(max_items=256, ttl_s=FAST_TTL_S)
_REPLAYED = ("Content-Type", "Content-Language", "ETag", "Vary", "X-Robots-Tag", "X-Frame-Options")


class AnonymousPages:
    """A campaign page a visitor who isn't signed in gets (views.campaign_page's shared rendering) is
    replayed to the next such visitors of the same address and language, of the same version of the
    campaign, before sessions, users, CSRF or the figures are looked at: one small query (the definition's
    last change and newest collection) instead of the whole request. A saved form or a new collection is a
    new version, seen at once; FAST_TTL_S only bounds how long an entry is kept."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.pages = _FAST  # one per process, whichever handler (test clients make several)

    def _key(self, request: HttpRequest) -> str | None:
        from django.conf import settings
        from django.utils.translation import get_language_from_request

        from wikitally.store.page_versions import campaign_page_version

        match = _CAMPAIGN_PAGE.fullmatch(request.path)
        if request.method not in ("GET", "HEAD") or match is None:
            return None
        if settings.SESSION_COOKIE_NAME in request.COOKIES or "messages" in request.COOKIES:
            return None  # signed in, or a message to show: their own page
        version = campaign_page_version(match[1])
        if version is None:
            return None
        return f"{version}\n{get_language_from_request(request)}\n{request.get_full_path()}"

    def __call__(self, request: HttpRequest) -> HttpResponse:
        key = self._key(request)
        kept = self.pages.get(key) if key is not None else None
        if kept is not None:
            body, headers = kept
            response = etags.tagged(request, body, headers["ETag"], headers["Content-Type"])
            for name, value in headers.items():
                response.headers.setdefault(name, value)
            return response
        response = self.get_response(request)
        if key is not None and getattr(response, SHARED, False) and response.status_code == 200:
            headers = {name: response[name] for name in _REPLAYED if name in response}
            self.pages.set(key, (response.content, headers))
        return response
