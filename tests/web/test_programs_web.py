"""Programs: /p/SLUG/ and /api/programs/SLUG/ roll their campaigns up, each person and revision once."""

from __future__ import annotations

import json
import re
from datetime import timedelta
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone
from test_web_api import validate
from webseed import (
    ATTR,
    NAME,
    SCRIPT,
    SQ,
    T0,
    assert_inert,
    csrf_post,
    define,
    log_in,
    parse,
    seed,
    text_of,
    user,
)

from wikitally.model import PageState, Revision
from wikitally.store import Store
from wikitally.store.models import Program


def program(slug: str = "cee-spring", name: str = "CEE Spring", *definitions: Any, **fields: Any) -> Program:
    made = Program.objects.create(slug=slug, name=name, **fields)
    made.campaigns.set(definitions)
    return made


@pytest.fixture
def two(client: Client):
    """Two campaigns with the very same contributions (the same people, the same revisions), one more not
    collected yet, one unlisted; all four in one program."""
    owner = user("organizer")
    first, first_campaign = define(owner)
    second, second_campaign = define(owner, name="WikiGap again", slug="again")
    fresh, _ = define(owner, name="Not collected", slug="fresh")
    hidden, hidden_campaign = define(owner, name="Hidden one", slug="hidden-one", visibility="unlisted")
    collected = timezone.now() - timedelta(minutes=5)
    one = seed(first_campaign, collected)
    seed(second_campaign, collected)
    seed(hidden_campaign, collected)
    made = program("cee-spring", "CEE Spring", first, second, fresh, hidden, description="Three countries.")
    return made, one.outcome


def get_json(client: Client, url: str, status: int = 200) -> Any:
    response = client.get(url)
    assert response.status_code == status, (url, response.content[:300])
    assert response["Content-Type"] == "application/json"
    assert response["Access-Control-Allow-Origin"] == "*"
    return json.loads(response.content)


def test_the_program_page_counts_each_person_once(client: Client, two) -> None:
    made, outcome = two
    totals = outcome["totals"]
    response = client.get(f"/p/{made.slug}/")
    assert response.status_code == 200
    html = response.content.decode()
    text = text_of(html)
    assert "CEE Spring" in text and "Three countries." in text
    assert "Last updated 5 minutes ago" in text
    # Three collected campaigns with the same contributions: the program's numbers are one campaign's.
    assert f"{totals['participants']} editors" in text
    assert f"{totals['words_added']} words" in text
    assert f"{totals['edits']} edits" in text
    assert f"People in more than one campaign: {totals['participants']}" in text
    assert f"Edits counted by more than one campaign: {totals['edits']}" in text
    # The table: one row per campaign with its own numbers, and the program's total row.
    table = html.split('<table class="t-program">', 1)[1].split("</table>", 1)[0]
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", table, re.S)
    assert len(rows) == 1 + 4 + 1  # head, four campaigns, total
    cells = [[text_of(c) for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)] for row in rows]
    by_name = {row[0]: row for row in cells[1:-1]}
    assert set(by_name) == {NAME, "WikiGap again", "An unlisted campaign", "Not collected"}
    participants_column = 3  # after campaign, dates, last updated
    assert by_name["An unlisted campaign"][1] == ""  # not dated either
    for name in (NAME, "WikiGap again", "An unlisted campaign"):
        assert by_name[name][participants_column] == str(totals["participants"])
    assert by_name["Not collected"][2] == "Not collected yet" and by_name["Not collected"][3] == ""
    assert cells[-1][0].startswith("Program") and cells[-1][participants_column] == str(
        totals["participants"]
    )
    # Public campaigns are linked; the unlisted one is counted, neither named nor linked.
    assert '<a href="/c/wikigap/">' in html and '<a href="/c/again/">' in html
    assert "hidden-one" not in html and "Hidden one" not in html


def test_the_program_api_validates_and_rolls_up(client: Client, two) -> None:
    made, outcome = two
    body = get_json(client, f"/api/programs/{made.slug}/")
    validate(body, "/api/programs/{slug}/", 200)
    assert body["totals"] == outcome["totals"]
    assert (
        body["program"]["name"] == "CEE Spring"
        and body["program"]["url"] == "http://testserver/p/cee-spring/"
    )
    by_name = {c["name"]: c for c in body["campaigns"]}
    assert [by_name[n]["totals"] for n in (NAME, "WikiGap again", None)] == [outcome["totals"]] * 3
    assert (
        sum(c["totals"]["participants"] for c in body["campaigns"] if c["totals"])
        == 3 * (outcome["totals"]["participants"])
    )
    assert body["overlap"] == {
        "participants": outcome["totals"]["participants"],
        "edits": outcome["totals"]["edits"],
    }
    assert by_name["Not collected"]["totals"] is None and by_name["Not collected"]["last_collected"] is None
    assert by_name[None]["url"] is None and by_name[None]["api"] is None and by_name[None]["wikis"] == []
    assert by_name[NAME]["api"] == "http://testserver/api/campaigns/wikigap/"


def test_a_revision_only_one_campaign_has_adds_to_the_program(client: Client, two) -> None:
    made, outcome = two
    # A new collection of the second campaign with one more counted edit, by someone new: the program sees it.
    again = made.campaigns.get(slug="again")
    from wikitally.web.campaigns import definitions

    campaign = definitions.campaign_of(again)
    store = Store("default")
    snapshot = store.snapshot(campaign)
    extra = Revision(
        SQ, 107, 0, 9, 0, "Lura", "Drita", T0 + timedelta(hours=3), "#WikiGap", 300, 300, (), True
    )
    later = timezone.now() - timedelta(minutes=1)
    store.save_wiki(
        campaign,
        SQ,
        revisions=[*(r for r in snapshot.revisions if r.wiki == SQ), extra],
        pages=[*(p for p in snapshot.pages if p.wiki == SQ), PageState(SQ, 9, 0, "Lura", False)],
        uploads=[],
        watermark=later,
        collected_at=later,
        fingerprint="seed",
        sfn=["sfn"],
        rc_high=None,
    )
    body = get_json(client, f"/api/programs/{made.slug}/")
    totals = body["totals"]
    assert totals["participants"] == outcome["totals"]["participants"] + 1
    assert totals["edits"] == outcome["totals"]["edits"] + 1
    assert totals["articles_created"] == outcome["totals"]["articles_created"] + 1
    assert "{} editors".format(totals["participants"]) in text_of(client.get(f"/p/{made.slug}/").content)


def test_unlisted_programs_answer_by_address(client: Client, two) -> None:
    made, _ = two
    made.visibility = "unlisted"
    made.save()
    assert "only people with the link see this program" in text_of(client.get(f"/p/{made.slug}/").content)
    assert get_json(client, f"/api/programs/{made.slug}/")["program"]["slug"] == made.slug


def test_programs_with_nothing_to_show(client: Client) -> None:
    owner = user("organizer")
    fresh, _ = define(owner, name="Not collected", slug="fresh")
    program("waiting", "Waiting", fresh)
    program("empty", "Empty")
    assert "No contributions have been collected for this program" in text_of(
        client.get("/p/waiting/").content
    )
    assert "This program has no campaigns yet." in text_of(client.get("/p/empty/").content)
    for slug, status, error in [
        ("waiting", 404, "not_collected"),
        ("empty", 404, "not_collected"),
        ("nope", 404, "not_found"),
    ]:
        body = get_json(client, f"/api/programs/{slug}/", status)
        assert body["error"] == error
        validate(body, "/api/programs/{slug}/", status)
    assert client.get("/p/nope/").status_code == 404


def test_hostile_program_strings_are_inert(client: Client, two) -> None:
    made, _ = two
    made.name = f"CEE {SCRIPT}"
    made.description = f"{ATTR}\n{SCRIPT}"
    made.save()
    html = client.get(f"/p/{made.slug}/").content.decode()
    assert_inert(html, shown=(made.name, ATTR, NAME))


def test_the_program_page_and_api_are_read_only(client: Client, two) -> None:
    made, _ = two
    lax = Client()
    for url in (f"/p/{made.slug}/", f"/api/programs/{made.slug}/"):
        for method in ("POST", "PUT", "DELETE"):
            assert lax.generic(method, url).status_code == 405, (method, url)
        assert lax.head(url).status_code == 200


# -- the admin, where programs are made


def staff(username: str, *, superuser: bool = False) -> User:
    made = user(username)
    made.is_staff = True
    made.is_superuser = superuser
    made.save()
    return made


def test_a_superuser_makes_a_program_in_the_admin(client: Client, two) -> None:
    made, _ = two
    staff("admin", superuser=True)
    log_in(client, "admin")
    response = csrf_post(
        client,
        "/admin/store/program/add/",
        {
            "slug": "1lib1ref",
            "name": "1lib1ref Albania",
            "description": "",
            "visibility": "public",
            "campaigns": [str(c.pk) for c in made.campaigns.all()],
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    created = Program.objects.get(slug="1lib1ref")
    assert created.campaigns.count() == 4
    assert list(created.organizers.values_list("username", flat=True)) == ["admin"]
    page = client.get("/p/1lib1ref/").content.decode()
    assert 'href="/admin/store/program/' in page  # its organizer is offered the admin's form


def test_staff_see_and_change_only_the_programs_they_organize(client: Client, two) -> None:
    from django.contrib.auth.models import Permission

    made, _ = two
    mine = program("mine", "Mine")
    clerk = staff("clerk")
    clerk.user_permissions.set(Permission.objects.filter(codename__endswith="_program"))
    mine.organizers.add(clerk)
    log_in(client, "clerk")
    listing = client.get("/admin/store/program/").content.decode()
    assert f"/admin/store/program/{mine.pk}/change/" in listing
    assert f"/admin/store/program/{made.pk}/change/" not in listing
    assert client.get(f"/admin/store/program/{mine.pk}/change/").status_code == 200
    assert client.get(f"/admin/store/program/{made.pk}/change/").status_code == 302  # "doesn't exist"
    assert 'href="/admin/store/program/' not in client.get(f"/p/{made.slug}/").content.decode()
    assert 'href="/admin/store/program/' in client.get("/p/mine/").content.decode()
    assert parse(client.get("/p/mine/").content.decode())


def test_public_programs_are_listed_on_the_front_page_and_in_the_api(client: Client, two) -> None:
    _made, _ = two
    program("hidden-program", "Hidden program", visibility="unlisted")
    program("aa-first", f"AA {SCRIPT}")
    front = client.get("/").content.decode()
    assert_inert(front, shown=(f"AA {SCRIPT}", "CEE Spring", "Three countries."))
    programs = front.split('id="programs"')[1]
    # by name; the unlisted program is left out; counts only the public campaigns (3 of 4)
    assert re.findall(r'<a href="(/p/[^"]+/)">', programs) == ["/p/aa-first/", "/p/cee-spring/"]
    assert "campaigns: 3" in text_of(programs) and "campaigns: 0" in text_of(programs)
    assert "Hidden program" not in front
    body = get_json(client, "/api/programs/")
    validate(body, "/api/programs/", 200)
    assert [(p["slug"], p["campaigns"]) for p in body["programs"]] == [("aa-first", 0), ("cee-spring", 3)]
    assert body["programs"][1]["api"] == "http://testserver/api/programs/cee-spring/"
    assert body["programs"][1]["description"] == "Three countries."


def test_the_front_page_has_no_programs_section_without_public_programs(client: Client) -> None:
    program("hidden-program", "Hidden program", visibility="unlisted")
    assert 'id="programs"' not in client.get("/").content.decode()
    assert get_json(client, "/api/programs/") == {"programs": [], "next": None}
