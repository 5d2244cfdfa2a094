"""The API's lists a page at a time (`limit`, opaque `cursor`, stable under inserts, a maximum limit) and the
campaign answers' ETag / If-None-Match (issue 10, "API")."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from test_web_api import validate
from webseed import define, seed, user

from wikitally.store.models import Program
from wikitally.web.campaigns import figures, paging


def get(client: Client, url: str, status: int = 200, **headers: str) -> Any:
    response = client.get(url, headers=headers)
    assert response.status_code == status, (url, response.content[:300])
    return response


def body(response: Any) -> Any:
    return json.loads(response.content)


def pages(client: Client, first: str, key: str) -> list[list[Any]]:
    """Every page of a list, following `next` (and checking the Link header names the same page)."""
    out, url = [], first
    while True:
        response = get(client, url)
        data = body(response)
        out.append(data[key])
        if data["next"] is None:
            assert "Link" not in response
            return out
        link = response["Link"]
        assert link.startswith("<http://testserver/") and link.endswith('>; rel="next"')
        assert f"cursor={data['next']}" in link
        url = link[len("<http://testserver") : -len('>; rel="next"')]


@pytest.fixture
def many(db: str) -> list[str]:
    owner = user("organizer")
    slugs = []
    for i in range(7):
        definition, _ = define(owner, name=f"Campaign {i}", slug=f"c{i}")
        slugs.append(definition.slug)
    return slugs[::-1]  # newest first


def test_campaigns_come_a_page_at_a_time_newest_first(client: Client, many: list[str]) -> None:
    got = pages(client, "/api/campaigns/?limit=3", "campaigns")
    assert [len(p) for p in got] == [3, 3, 1]
    assert [c["slug"] for p in got for c in p] == many
    validate(body(get(client, "/api/campaigns/?limit=3")), "/api/campaigns/", 200)


def test_a_campaign_made_while_paging_shifts_nothing(client: Client, many: list[str]) -> None:
    first = body(get(client, "/api/campaigns/?limit=3"))
    define(user("late"), name="Made meanwhile", slug="meanwhile")  # the newest: before the first page
    second = body(get(client, f"/api/campaigns/?limit=3&cursor={first['next']}"))
    assert [c["slug"] for c in first["campaigns"] + second["campaigns"]] == many[:6]


def test_the_default_and_the_maximum_limit(client: Client, many: list[str]) -> None:
    assert len(body(get(client, "/api/campaigns/"))["campaigns"]) == 7  # under DEFAULT_LIMIT
    for bad in ("0", str(paging.MAX_LIMIT + 1), "-1", "ten", "1.5"):
        error = body(get(client, f"/api/campaigns/?limit={bad}", 400))
        assert error["error"] == "bad_limit"
        validate(error, "/api/campaigns/", 400)
    assert body(get(client, f"/api/campaigns/?limit={paging.MAX_LIMIT}"))["next"] is None


@pytest.mark.parametrize("cursor", ["x", "AAAA", "eyJrIjoiY2FtcGFpZ25zIiwiYSI6W119", "%00"])
def test_a_cursor_the_api_did_not_give_is_400(client: Client, many: list[str], cursor: str) -> None:
    error = body(get(client, f"/api/campaigns/?cursor={cursor}", 400))
    assert error["error"] == "bad_cursor"


def test_a_cursor_of_another_list_is_refused(client: Client, many: list[str]) -> None:
    Program.objects.create(slug="p1", name="A")
    Program.objects.create(slug="p2", name="B")
    programs = body(get(client, "/api/programs/?limit=1"))
    assert programs["next"] is not None
    assert body(get(client, f"/api/campaigns/?cursor={programs['next']}", 400))["error"] == "bad_cursor"


def test_programs_come_a_page_at_a_time_by_name(client: Client, db: str) -> None:
    for slug, name in [("b", "Beta"), ("a", "Alpha"), ("g", "Gamma"), ("a2", "Alpha")]:
        Program.objects.create(slug=slug, name=name)
    Program.objects.create(slug="hidden", name="Delta", visibility="unlisted")
    got = pages(client, "/api/programs/?limit=2", "programs")
    assert [[p["slug"] for p in page] for page in got] == [["a", "a2"], ["b", "g"]]
    validate(body(get(client, "/api/programs/?limit=2")), "/api/programs/", 200)


@pytest.fixture
def board(db: str) -> str:
    definition, campaign = define(user("organizer"))
    seed(campaign, timezone.now() - timedelta(minutes=1))
    return definition.slug


@pytest.mark.parametrize("sort", ["edits", "words", "uploads"])
def test_the_leaderboard_in_pages_is_the_whole_leaderboard(client: Client, board: str, sort: str) -> None:
    whole = body(get(client, f"/api/campaigns/{board}/leaderboard?sort={sort}"))["participants"]
    assert len(whole) >= 3
    got = pages(client, f"/api/campaigns/{board}/leaderboard?sort={sort}&limit=2", "participants")
    assert [p for page in got for p in page] == whole
    assert all(len(page) <= 2 for page in got)
    validate(
        body(get(client, f"/api/campaigns/{board}/leaderboard?sort={sort}&limit=2")),
        "/api/campaigns/{slug}/leaderboard",
        200,
    )


def test_a_leaderboard_cursor_belongs_to_its_sort(client: Client, board: str) -> None:
    first = body(get(client, f"/api/campaigns/{board}/leaderboard?sort=edits&limit=1"))
    url = f"/api/campaigns/{board}/leaderboard?sort=words&cursor={first['next']}"
    error = body(get(client, url, 400))
    assert error["error"] == "bad_cursor"
    validate(error, "/api/campaigns/{slug}/leaderboard", 400)


def test_a_participant_who_appears_while_paging_shifts_nothing(board: str) -> None:
    """Keyset cursors: the rows after the cursor's (value, user) are the same whoever was added before it."""
    outcome = {
        "by_participant": [{"user": u, "edits": e} for u, e in [("A", 9), ("B", 5), ("C", 5), ("D", 1)]]
    }
    ranked = figures.leaderboard(outcome, "edits")
    after = (5, "B")
    keys = [(-p["edits"], p["user"]) for p in ranked]
    rest = [p["user"] for p, k in zip(ranked, keys, strict=True) if k > (-after[0], after[1])]
    grown = {"by_participant": [*outcome["by_participant"], {"user": "Z", "edits": 20}]}
    keys2 = [(-p["edits"], p["user"]) for p in figures.leaderboard(grown, "edits")]
    rest2 = [k[1] for k in keys2 if k > (-after[0], after[1])]
    assert rest == rest2 == ["C", "D"]


@pytest.mark.parametrize("path", ["/api/campaigns/{slug}/", "/api/campaigns/{slug}/leaderboard?sort=words"])
def test_campaign_answers_have_an_etag_and_answer_304(client: Client, board: str, path: str) -> None:
    url = path.format(slug=board)
    first = get(client, url)
    etag = first["ETag"]
    assert etag.startswith('"') and etag.endswith('"') and len(etag) > 10
    assert "ETag" in first["Access-Control-Expose-Headers"]
    again = get(client, url, 304, if_none_match=etag)
    assert again.content == b"" and again["ETag"] == etag
    assert again["Access-Control-Allow-Origin"] == "*"
    assert get(client, url, 304, if_none_match=f'"other", W/{etag}')["ETag"] == etag
    assert body(get(client, url, 200, if_none_match='"other"')) == body(first)


def test_the_etag_changes_with_the_figures(client: Client, db: str) -> None:
    definition, campaign = define(user("organizer"))
    seed(campaign, timezone.now() - timedelta(minutes=5))
    url = f"/api/campaigns/{definition.slug}/"
    before = get(client, url)["ETag"]
    assert "2024-03-15 23:59:59" in definition.toml
    definition.toml = definition.toml.replace(
        "2024-03-15 23:59:59", "2024-03-14 23:59:59"
    )  # a shorter window
    definition.save()
    assert get(client, url, 200, if_none_match=before)["ETag"] != before


def test_the_anonymous_campaign_page_answers_304(client: Client, board: str) -> None:
    page = get(client, f"/c/{board}/")
    etag = page["ETag"]
    assert get(client, f"/c/{board}/", 304, if_none_match=etag).content == b""
    log_in = user("someone")
    client.force_login(log_in)
    assert get(client, f"/c/{board}/", 200, if_none_match=etag).content  # signed in: their own page


def _section(html: str, name: str) -> str:
    start = html.index(f'<section id="{name}"')
    return html[start : html.index("</section>", start)]


def test_signed_in_pages_share_the_report_sections_but_keep_their_own_controls(
    client: Client, board: str
) -> None:
    from wikitally.store.models import CampaignDefinition

    shared = get(Client(), f"/c/{board}/").content.decode()
    organizer = CampaignDefinition.objects.get(slug=board).organizers.get().user
    client.force_login(organizer)
    own = get(client, f"/c/{board}/").content.decode()
    assert f'href="/c/{board}/edit/"' in own
    other = Client()
    other.force_login(user("visitor"))
    theirs = get(other, f"/c/{board}/").content.decode()
    assert f'href="/c/{board}/edit/"' not in theirs  # the kept sections carry no one's controls
    for name in ("leaderboard", "wikis", "articles"):
        assert _section(own, name) == _section(theirs, name) == _section(shared, name)
    sorted_page = get(client, f"/c/{board}/?sort=words").content.decode()
    assert _section(sorted_page, "leaderboard") != _section(own, "leaderboard")  # kept per order


def test_an_anonymous_crowd_gets_the_page_from_memory(client: Client, board: str) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from wikitally.store.models import CampaignDefinition

    first = get(Client(), f"/c/{board}/")
    with CaptureQueriesContext(connection) as queries:
        again = get(Client(), f"/c/{board}/")
        revalidated = get(Client(), f"/c/{board}/", 304, if_none_match=first["ETag"])
    assert len(queries) == 2  # one each (which version is current): no session, user or figures looked up
    assert again.content == first.content and revalidated["ETag"] == first["ETag"]
    for name in ("Content-Security-Policy", "Content-Language", "X-Frame-Options", "ETag"):
        assert again[name] == first[name], name
    russian = get(Client(headers={"Accept-Language": "ru"}), f"/c/{board}/")
    assert russian["Content-Language"] == "ru" and russian.content != first.content  # kept per language
    organizer = CampaignDefinition.objects.get(slug=board).organizers.get().user
    client.force_login(organizer)
    assert f'href="/c/{board}/edit/"' in get(client, f"/c/{board}/").content.decode()  # never the crowd's
    definition = CampaignDefinition.objects.get(slug=board)
    definition.toml = definition.toml.replace("2024-03-15 23:59:59", "2024-03-14 23:59:59")
    definition.save()  # a new version of the campaign: seen at once
    assert get(Client(), f"/c/{board}/")["ETag"] != first["ETag"]


def test_a_signed_in_page_looks_its_user_s_wiki_account_up_once(client: Client, board: str) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from wikitally.store.models import CampaignDefinition

    organizer = CampaignDefinition.objects.get(slug=board).organizers.get().user
    client.force_login(organizer)
    get(client, f"/c/{board}/")  # the shared sections made
    with CaptureQueriesContext(connection) as queries:
        page = get(client, f"/c/{board}/").content.decode()
    assert f'href="/c/{board}/edit/"' in page  # the organizer's controls: the checks that ask for it ran
    mine = '"store_wiki_account"."user_id" = '  # username_of's (organizer_names asks for all at once)
    asked = [q["sql"] for q in queries.captured_queries if mine in q["sql"]]
    assert len(asked) == 1, asked  # not once per check (organizer twice, "You are enrolled as …")
