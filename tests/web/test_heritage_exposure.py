"""Risk controls (docs/heritage.md): no public page, download or API answer of a campaign with sensitive
heritage sites and a worklist with coordinates shows a sensitive site's exact coordinates — only the ~10 km
grid's. The addresses come from the URL conf itself, so a new route is tried without editing this test
(a route whose parameter this test can't fill fails it, naming the route)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from heritage_seed import (
    OPEN_SITE,
    SECRET_POINTS,
    SECRET_REPORT,
    exact_forms,
    heritage_campaign,
    reports,
    wiki_user,
)
from webseed import log_in

from wikitally.metrics.geo import coarsen
from wikitally.store import enrolments

_PARAM = re.compile(r"<(?:(\w+):)?(\w+)>")
# Routes only the site's staff reach (Django's admin asks for a staff sign-in before anything).
STAFF_ONLY = ("admin/",)


def routes(patterns: list[object] | None = None, prefix: str = "") -> Iterator[str]:
    """Every route of the URL conf as written ("c/<slug:slug>/…"), includes flattened."""
    for p in patterns if patterns is not None else get_resolver().url_patterns:
        route = prefix + str(getattr(p, "pattern", ""))
        if route.startswith(STAFF_ONLY):
            continue
        if isinstance(p, URLResolver):
            yield from routes(p.url_patterns, route)
        elif isinstance(p, URLPattern):
            yield route


def addresses(route: str, values: dict[str, list[str]]) -> list[str]:
    names = [m.group(2) for m in _PARAM.finditer(route)]
    unknown = [n for n in names if n not in values]
    assert not unknown, f"the exposure test can't fill {unknown} of route {route!r}: add values for them"
    out = ["/" + route]
    for name in names:
        out = [re.sub(rf"<(?:\w+:)?{name}>", v, a, count=1) for a in out for v in values[name]]
    return out


def bodies(client: Client, urls: list[str]) -> Iterator[tuple[str, int, str]]:
    for url in urls:
        response = client.get(url)
        content = b"".join(response.streaming_content) if response.streaming else response.content
        yield url, response.status_code, content.decode("latin-1")


def test_the_exact_forms_are_not_the_coarse_ones() -> None:
    for point in SECRET_POINTS:
        coarse = coarsen(point)
        assert not set(exact_forms(point)) & set(exact_forms(coarse))


def test_no_public_answer_shows_an_exact_sensitive_coordinate(client: Client) -> None:
    definition = heritage_campaign()
    reports(definition)
    enrolments.enrol(definition, "Participant", source="join")
    values = {
        "slug": ["wikigap"],
        "user": ["Vyolltsa", "Ana", "Participant", "Vullnetari"],
        "name": ["report.js", "report.css"],
        "number": ["1", "2"],
    }
    urls = [a for r in routes() for a in addresses(r, values)]
    assert "/c/wikigap/heritage/" in urls and "/api/campaigns/wikigap/heritage" in urls
    urls += ["/api/campaigns/wikigap/heritage?limit=1", "/c/wikigap/?lang=en"]
    forbidden = {f for p in SECRET_POINTS for f in exact_forms(p)}
    seen_ok = 0
    wiki_user("participant-site", "Participant")  # signed in, enrolled, not an organizer
    for who in (None, "participant-site"):
        client.logout()
        if who:
            log_in(client, who)
        for url, status, body in bodies(client, urls):
            leaked = sorted(f for f in forbidden if f in body)
            assert not leaked, f"{url} ({who or 'anonymous'}, {status}) shows {leaked}"
            seen_ok += status == 200
    assert seen_ok > 20  # the campaign's pages and downloads were really answered, not all errors
    # and the public heritage page does show the coarse point and the open site's own
    page = client.get("/c/wikigap/heritage/").content.decode()
    assert f"{coarsen(SECRET_REPORT).lat:.4f}" in page and f"{OPEN_SITE.lat:.4f}" in page


def test_organizers_see_the_exact_points(client: Client) -> None:
    definition = heritage_campaign()
    reports(definition)
    log_in(client, "organizer")
    page = client.get("/c/wikigap/heritage/moderate/").content.decode()
    assert str(SECRET_REPORT.lat) in page and str(SECRET_POINTS[3].lat) in page
