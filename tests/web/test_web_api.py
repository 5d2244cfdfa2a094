"""The read-only JSON API: every /api/ route is in the OpenAPI document, and every answer validates."""

from __future__ import annotations

import json
import re
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone
from jsonschema import Draft202012Validator
from webseed import NAME, define, seed, user

from wikitally.reports.json_report import render_json
from wikitally.store.models import CampaignDefinition
from wikitally.web.campaigns.openapi import document


def routes(patterns: list[Any], prefix: str = "") -> list[str]:
    out: list[str] = []
    for p in patterns:
        if isinstance(p, URLResolver):
            out += routes(p.url_patterns, prefix + str(p.pattern))
        elif isinstance(p, URLPattern):
            out.append(prefix + str(p.pattern))
    return out


def openapi_path(route: str) -> str:
    return "/" + re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", route)


def validate(body: Any, path: str, status: int) -> None:
    doc = document()
    schema = doc["paths"][path]["get"]["responses"][str(status)]["content"]["application/json"]["schema"]
    Draft202012Validator({**schema, "components": doc["components"]}).validate(body)


@pytest.fixture
def api(client: Client):
    owner = user("organizer")
    definition, campaign = define(owner)
    result = seed(campaign, timezone.now() - timedelta(minutes=1))
    define(owner, name="Unlisted one", slug="unlisted", visibility="unlisted")
    define(owner, name="Not collected", slug="fresh")
    return definition, result


def get(client: Client, url: str, status: int = 200) -> Any:
    response = client.get(url)
    assert response.status_code == status, (url, response.content[:300])
    assert response["Content-Type"] == "application/json"
    assert response["Access-Control-Allow-Origin"] == "*"
    return json.loads(response.content)


def test_every_api_route_is_in_the_openapi_document() -> None:
    api_routes = {openapi_path(r) for r in routes(get_resolver().url_patterns) if r.startswith("api/")}
    assert api_routes == set(document()["paths"])
    assert (
        len(api_routes) == 8
    )  # campaigns, campaign, its lists, leaderboard, heritage, programs, program, openapi


def test_the_document_is_served_and_its_schemas_are_valid(client: Client) -> None:
    doc = get(client, "/api/openapi.json")
    assert doc == json.loads(json.dumps(document()))
    assert doc["openapi"].startswith("3.1")
    for name, schema in doc["components"]["schemas"].items():
        Draft202012Validator.check_schema(schema), name
    validate(doc, "/api/openapi.json", 200)


def test_campaign_list(client: Client, api) -> None:
    definition, _ = api
    body = get(client, "/api/campaigns/")
    validate(body, "/api/campaigns/", 200)
    slugs = [c["slug"] for c in body["campaigns"]]
    assert "unlisted" not in slugs and set(slugs) == {definition.slug, "fresh"}
    ours = next(c for c in body["campaigns"] if c["slug"] == definition.slug)
    assert ours["name"] == NAME and ours["last_collected"] is not None
    assert ours["url"] == f"http://testserver/c/{definition.slug}/"
    assert next(c for c in body["campaigns"] if c["slug"] == "fresh")["last_collected"] is None


def test_campaign_outcome_is_the_spine_json(client: Client, api) -> None:
    definition, result = api
    response = client.get(f"/api/campaigns/{definition.slug}/")
    body = json.loads(response.content)
    validate(body, "/api/campaigns/{slug}/", 200)
    # The spine's JSON key for key (in its order), then the worker's refresh status (test_refresh_views.py).
    assert body.pop("refresh") == {"status": "idle", "last_ok": None, "next_due": None}
    lists = body.pop("lists")  # each list under the cap: whole, and nothing more to read
    assert all(lists[name]["next"] is None for name in lists)
    assert render_json(body) == render_json(result.outcome)


@pytest.mark.parametrize("name", ["by_participant", "articles", "uploads"])
def test_campaign_answer_lists_are_bounded_and_the_rest_comes_a_page_at_a_time(
    client: Client, api, monkeypatch, name: str
) -> None:
    from wikitally.web.campaigns import api as api_views

    definition, result = api
    whole = result.outcome[name]
    assert len(whole) >= 2
    monkeypatch.setattr(api_views, "LIST_CAP", 1)  # the seed's lists are short; the rule is the same at 100
    body = json.loads(client.get(f"/api/campaigns/{definition.slug}/").content)
    validate(body, "/api/campaigns/{slug}/", 200)
    assert body[name] == whole[:1]
    link = body["lists"][name]
    assert link["total"] == len(whole)
    assert link["url"] == f"http://testserver/api/campaigns/{definition.slug}/lists/{name}"
    got, url = list(body[name]), link["next"].removeprefix("http://testserver")
    while url:  # the rest, a page at a time (limit=1 so that it takes several)
        response = client.get(url + "&limit=1")
        assert response.status_code == 200, response.content
        page = json.loads(response.content)
        validate(page, "/api/campaigns/{slug}/lists/{name}", 200)
        assert page["total"] == len(whole) and len(page[name]) == 1
        got += page[name]
        url = response["Link"][len("<http://testserver") : -len('>; rel="next"')] if page["next"] else ""
    assert got == whole
    everything = json.loads(client.get(f"{link['url'].removeprefix('http://testserver')}?limit=500").content)
    assert everything[name] == whole and everything["next"] is None
    other = "articles" if name != "articles" else "uploads"
    foreign = client.get(
        f"/api/campaigns/{definition.slug}/lists/{other}?cursor={link['next'].split('=')[-1]}"
    )
    assert foreign.status_code == 400 and json.loads(foreign.content)["error"] == "bad_cursor"
    assert client.get(f"/api/campaigns/{definition.slug}/lists/totals").status_code == 404


@pytest.mark.parametrize("sort", ["edits", "articles", "references", "words", "uploads"])
def test_leaderboard(client: Client, api, sort: str) -> None:
    definition, result = api
    body = get(client, f"/api/campaigns/{definition.slug}/leaderboard?sort={sort}")
    validate(body, "/api/campaigns/{slug}/leaderboard", 200)
    metric = {"articles": "articles_edited", "references": "references_added", "words": "words_added"}.get(
        sort, sort
    )
    values = [p[metric] for p in body["participants"]]
    assert values == sorted(values, reverse=True) and body["sort"] == sort
    assert {p["user"] for p in body["participants"]} == {p["user"] for p in result.outcome["by_participant"]}
    ranks = [p["rank"] for p in body["participants"]]
    assert ranks[0] == 1 and all(
        r == (prev_r if v == prev_v else i + 1)
        for i, (r, v, prev_r, prev_v) in enumerate(
            zip(ranks[1:], values[1:], ranks, values, strict=False), start=1
        )
    )


def test_unlisted_campaigns_answer_by_address(client: Client, api) -> None:
    slug = CampaignDefinition.objects.get(name="Unlisted one").slug
    body = get(client, f"/api/campaigns/{slug}/", 404)  # reachable, but not collected
    assert body["error"] == "not_collected"


@pytest.mark.parametrize(
    ("url", "status", "error", "path"),
    [
        ("/api/campaigns/nope/", 404, "not_found", "/api/campaigns/{slug}/"),
        ("/api/campaigns/fresh/", 404, "not_collected", "/api/campaigns/{slug}/"),
        ("/api/campaigns/nope/leaderboard", 404, "not_found", "/api/campaigns/{slug}/leaderboard"),
        (
            "/api/campaigns/wikigap/leaderboard?sort=bytes",
            400,
            "bad_sort",
            "/api/campaigns/{slug}/leaderboard",
        ),
    ],
)
def test_errors(client: Client, api, url: str, status: int, error: str, path: str) -> None:
    body = get(client, url, status)
    assert body["error"] == error
    validate(body, path, status)


def test_the_api_is_read_only(client: Client, api) -> None:
    definition, _ = api
    lax = Client()  # no CSRF check: the method itself is refused
    for url in ("/api/campaigns/", f"/api/campaigns/{definition.slug}/", "/api/openapi.json"):
        assert client.post(url).status_code == 403
        for method in ("POST", "PUT", "PATCH", "DELETE"):
            assert lax.generic(method, url).status_code == 405, (method, url)
        assert lax.head(url).status_code == 200
