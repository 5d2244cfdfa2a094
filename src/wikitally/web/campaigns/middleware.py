"""A Content-Security-Policy on every response: the app's own scripts and styles, map tiles, nothing else."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlsplit

from django.http import HttpRequest, HttpResponse

from wikitally.reports.html import OSM_TILES


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


class NoIndexUnlisted:
    """X-Robots-Tag: noindex on every answer under an unlisted campaign's or program's address."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if noindex(request):
            response.headers["X-Robots-Tag"] = "noindex"
        return response
