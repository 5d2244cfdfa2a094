"""Assignment pages (views_assign.py): organizers assign and download progress, participants take items."""

from __future__ import annotations

from datetime import UTC, datetime

from django.contrib.auth.models import User
from django.test import Client
from webseed import SQ, csrf_post, define, log_in, text_of, user

from wikitally.metrics.coverage import ArticleState, Resolution
from wikitally.model import WorklistItem
from wikitally.store import enrolments
from wikitally.store.models import Assignment, WikiAccount
from wikitally.web.campaigns import figures

PAGE = "/c/wikigap/assignments/"
MINE = "/c/wikigap/mine/"


def wiki_user(username: str, wiki_name: str) -> User:
    account = user(username)
    WikiAccount.objects.create(user=account, username=wiki_name, provider="meta.wikimedia.org", sub=username)
    return account


def with_worklist() -> object:
    definition, campaign = define(user("organizer"), worklist=[f"{SQ}:List"])
    store = figures.store()
    store.save_campaign(campaign, None)
    titles = ("Alpha", "Beta", "<script>x</script>")
    states = {(SQ, t): ArticleState(SQ, t, None, False, False) for t in titles}
    listed = tuple(WorklistItem(None, SQ, t) for t in titles)
    store.save_worklist(campaign, Resolution(listed, {}, states).as_json(), datetime(2024, 3, 9, tzinfo=UTC))
    return definition


def test_organizer_assigns_by_hand_and_evenly_and_downloads_progress(client: Client) -> None:
    definition = with_worklist()
    log_in(client, "organizer")
    page = client.get(PAGE)
    assert page.status_code == 200 and "<script>x</script>" not in page.content.decode()
    assert (
        csrf_post(client, PAGE, {"form": "hand", "item": f"{SQ}:Alpha", "user": "ana"}, PAGE).status_code
        == 302
    )
    assert Assignment.objects.get().user == "Ana"  # normalised as MediaWiki does
    csrf_post(client, PAGE, {"form": "evenly", "seed": "4", "users": "Ben\nCleo"}, PAGE)
    assert sorted(Assignment.objects.values_list("user", flat=True)) == ["Ana", "Ben", "Cleo"]
    shown = text_of(client.get(PAGE).content)
    assert "not started" in shown
    csv = client.get("/c/wikigap/assignments.csv").content.decode().splitlines()
    assert csv[0] == "user,assigned,not_started,in_progress,done" and csv[1] == "Ana,1,1,0,0"
    assert definition is not None


def test_only_organizers_assign(client: Client) -> None:
    with_worklist()
    wiki_user("someone", "Someone")
    log_in(client, "someone")
    assert client.get(PAGE).status_code == 403
    assert client.get("/c/wikigap/assignments.csv").status_code == 403


def test_participant_takes_a_free_item_once(client: Client) -> None:
    definition = with_worklist()
    wiki_user("ana-site", "Ana")
    enrolments.enrol(definition, "Ana", source="join")
    log_in(client, "ana-site")
    assert "Alpha" in text_of(client.get(MINE).content)
    csrf_post(client, MINE, {"item": f"{SQ}:Alpha"}, MINE)
    row = Assignment.objects.get()
    assert (row.item, row.user, row.claimed) == (f"{SQ}:Alpha", "Ana", True)
    wiki_user("ben-site", "Ben")
    enrolments.enrol(definition, "Ben", source="join")
    client.logout()
    log_in(client, "ben-site")
    csrf_post(client, MINE, {"item": f"{SQ}:Alpha"}, MINE)  # taken already
    assert Assignment.objects.get().user == "Ana"


def test_someone_not_enrolled_cannot_take_items(client: Client) -> None:
    with_worklist()
    wiki_user("stranger-site", "Stranger")
    log_in(client, "stranger-site")
    assert 'name="item"' not in client.get(MINE).content.decode()  # no items offered
    client.post(MINE, {"item": f"{SQ}:Alpha"})  # the test client skips CSRF checks
    assert not Assignment.objects.exists()


def test_campaign_page_links_to_the_assignment_pages(client: Client) -> None:
    with_worklist()
    log_in(client, "organizer")
    page = client.get("/c/wikigap/").content.decode()
    assert 'id="mine-link"' in page and 'id="assignments-link"' in page
    client.logout()
    anonymous = client.get("/c/wikigap/").content.decode()
    assert 'id="mine-link"' in anonymous and 'id="assignments-link"' not in anonymous
