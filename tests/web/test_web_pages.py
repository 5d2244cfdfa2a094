"""The pages and downloads: what they show comes from the services, rendered as the CLI renders it."""

from __future__ import annotations

import csv
import io
import re
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from webseed import NAME, SCRIPT, SQ, USER_SCRIPT, assert_inert, define, log_in, parse, seed, user

from wikitally.reports.csv_report import TABLES
from wikitally.reports.html import render_html
from wikitally.reports.i18n import translator
from wikitally.reports.json_report import render_json
from wikitally.reports.wikitext import render_wikitext
from wikitally.services import publishing
from wikitally.store import Store
from wikitally.web.campaigns.views import user_slug


@pytest.fixture
def seeded(client: Client):
    organizer = user("organizer")
    definition, campaign = define(organizer)
    result = seed(campaign, timezone.now() - timedelta(minutes=5))
    return definition, result


def page(client: Client, url: str, status: int = 200, **headers: str) -> str:
    response = client.get(url, **headers)
    assert response.status_code == status, (url, response.status_code)
    return response.content.decode()


def texts(html: str) -> str:
    return " ".join(" ".join(parse(html).text).split())


def test_the_front_page_lists_public_campaigns_only(client: Client) -> None:
    owner = user("organizer")
    define(owner, name="Public one", slug="public-one")
    hidden, _ = define(owner, name="Hidden one", slug="hidden-one", visibility="unlisted")
    html = page(client, "/")
    assert "Public one" in html and reverse("campaign", args=["public-one"]) in html
    assert "Hidden one" not in html and "hidden-one" not in html
    assert "Not collected yet" in html
    # The unlisted campaign is reachable by its address all the same, and says it is unlisted.
    assert "only people with the link" in page(client, f"/c/{hidden.slug}/")


def test_the_front_page_says_when_there_is_nothing(client: Client) -> None:
    assert "No public campaigns yet." in page(client, "/")


def test_campaign_page_shows_the_services_numbers(client: Client, seeded) -> None:
    definition, result = seeded
    totals = result.outcome["totals"]
    html = page(client, f"/c/{definition.slug}/")
    text = texts(html)
    assert NAME in text
    assert "Last updated 5 minutes ago" in text
    stats = parse(html)
    # Headline numbers, per wiki table, leaderboard, map, articles, the timeline: all there.
    for section in ("stats", "timeline", "wikis", "leaderboard", "map-section", "articles", "downloads"):
        assert any(attrs.get("id") == section for _, attrs in stats.elements), section
    assert f"{totals['participants']} editors" in text
    assert f"{totals['words_added']} words" in text
    assert totals["participants"] == 4 and totals["edits"] == 5 and totals["uploads"] == 2
    # Every article the outcome has is a row with its link.
    for article in result.outcome["articles"]:
        assert publishing.article_url(article["wiki"], article["title"]).split("/wiki/")[1] in html
    assert 'id="map-data"' in html and "/assets/leaflet.js" in html and "/assets/report.js" in html


def test_numbers_are_written_in_the_visitors_language(client: Client, seeded) -> None:
    definition, _ = seeded
    html = page(client, f"/c/{definition.slug}/", HTTP_ACCEPT_LANGUAGE="ru")
    assert '<html lang="ru"' in html
    assert "Добавлено слов" in html or "слов" in html  # the reports' Russian catalogue
    assert "назад" in html  # "5 минут назад": Babel's relative time


@pytest.mark.parametrize(
    ("sort", "metric"),
    [
        ("edits", "edits"),
        ("articles", "articles_edited"),
        ("references", "references_added"),
        ("words", "words_added"),
        ("uploads", "uploads"),
    ],
)
def test_leaderboard_sorts_on_the_server(client: Client, seeded, sort: str, metric: str) -> None:
    definition, result = seeded
    html = page(client, f"/c/{definition.slug}/?sort={sort}")
    board = html.split('id="leaderboard"')[1].split("</section>")[0]
    users = [re.sub(r"<[^>]+>", "", cell) for cell in re.findall(r"<td><a href=[^>]+>(.*?)</a></td>", board)]
    expected = sorted(result.outcome["by_participant"], key=lambda p: (-p[metric], p["user"]))
    assert [u.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"') for u in users] == [
        p["user"] for p in expected
    ]
    # The sorted column says so (aria-sort), every column is a real link.
    headers = re.findall(
        r"<th scope=\"col\" class=\"num\"( aria-sort=\"descending\")?><a href=\"([^\"]+)\"", board
    )
    assert [href for _, href in headers] == [
        f"?sort={k}#leaderboard" for k in ("edits", "articles", "words", "references", "uploads")
    ]
    assert [bool(flag) for flag, href in headers] == [
        href.startswith(f"?sort={sort}#") for _, href in headers
    ]


def test_an_unknown_sort_falls_back_to_edits(client: Client, seeded) -> None:
    definition, _ = seeded
    html = page(client, f"/c/{definition.slug}/?sort=bytes")
    assert 'aria-sort="descending"><a href="?sort=edits#leaderboard"' in html


def test_participant_page(client: Client, seeded) -> None:
    definition, result = seeded
    row = next(p for p in result.outcome["by_participant"] if p["user"] == USER_SCRIPT)
    url = reverse("participant", args=[definition.slug, user_slug(USER_SCRIPT)])
    text = texts(page(client, url))
    assert USER_SCRIPT in text
    assert f"Edits {row['edits']}" in text
    assert f"File:{SCRIPT}.jpg" in text  # their upload
    assert f"Contributions on {SQ}" in text
    new_editor = texts(page(client, reverse("participant", args=[definition.slug, "Vyolltsa"])))
    assert "New editor" in new_editor


def test_unknown_addresses_are_404(client: Client, seeded) -> None:
    definition, _ = seeded
    page(client, "/c/nope/", 404)
    page(client, f"/c/{definition.slug}/u/Nobody/", 404)
    page(client, "/assets/../settings.py", 404)
    page(client, "/assets/secret.js", 404)


def test_a_campaign_never_collected(client: Client) -> None:
    definition, _ = define(user("organizer"), slug="fresh")
    html = page(client, "/c/fresh/")
    assert "No contributions have been collected for this campaign yet." in html
    assert "/c/fresh/campaign.toml" in html and "download.csv" not in html
    page(client, "/c/fresh/download.json", 404)
    page(client, "/c/fresh/u/Ana/", 404)
    # Its stored campaign is its own from creation (empty until the first refresh writes into it).
    assert definition.campaign is not None and definition.campaign.key == definition.name


def test_downloads_are_the_clis_renderers_on_the_services_data(client: Client, seeded) -> None:
    definition, result = seeded
    slug = definition.slug
    data = publishing.report_data(result.campaign, Store("default"), timezone.now())
    for table, render in TABLES.items():
        response = client.get(f"/c/{slug}/download.csv?table={table}")
        assert response.status_code == 200
        assert response["Content-Disposition"] == f'attachment; filename="{slug}-{table}.csv"'
        assert response.content.decode() == render(result.outcome)
    assert client.get(f"/c/{slug}/download.csv").content.decode() == TABLES["summary"](result.outcome)
    assert client.get(f"/c/{slug}/download.json").content.decode() == render_json(result.outcome)
    sq = translator("sq")  # the campaign's language, as `report` defaults
    assert client.get(f"/c/{slug}/download.wiki").content.decode() == render_wikitext(data, sq)
    assert client.get(f"/c/{slug}/download.html").content.decode() == render_html(data, sq)
    english = client.get(f"/c/{slug}/download.html?lang=en").content.decode()
    assert english == render_html(data, translator("en"))
    assert client.get(f"/c/{slug}/download.csv?table=nope").status_code == 400
    assert client.get(f"/c/{slug}/download.wiki?lang=xx").status_code == 400


def test_csv_cells_never_start_a_formula(client: Client, seeded) -> None:
    definition, _ = seeded
    body = client.get(f"/c/{definition.slug}/download.csv?table=articles").content.decode()
    for row in csv.reader(io.StringIO(body)):
        assert not any(cell.startswith(("=", "+", "-", "@")) for cell in row)


def test_the_campaign_file_is_exported_as_stored(client: Client, seeded) -> None:
    definition, _ = seeded
    response = client.get(f"/c/{definition.slug}/campaign.toml")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/toml; charset=utf-8"
    assert response.content.decode() == definition.toml


def test_a_page_is_computed_once_per_collection(client: Client, seeded, django_assert_outcomes) -> None:
    definition, _ = seeded
    store = Store("default")
    before = django_assert_outcomes(store, definition)
    page(client, f"/c/{definition.slug}/")
    page(client, f"/c/{definition.slug}/?sort=words")
    page(client, f"/api/campaigns/{definition.slug}/")
    assert django_assert_outcomes(store, definition) == before + 1
    definition.refresh_from_db()
    assert definition.campaign is not None and definition.campaign.key == NAME  # linked once collected


@pytest.fixture
def django_assert_outcomes():
    def count(store: Store, definition) -> int:
        from wikitally.web.campaigns.definitions import campaign_of

        return store.counts(campaign_of(definition))["outcome"]

    return count


def test_assets_are_the_reports_own(client: Client) -> None:
    from wikitally.reports.html import PAGE_JS, leaflet_assets

    response = client.get("/assets/report.js")
    assert response.status_code == 200 and response.content.decode() == PAGE_JS
    assert response["Content-Type"].startswith("text/javascript")
    assert client.get("/assets/leaflet.js").content.decode() == leaflet_assets()[0]
    again = client.get("/assets/report.js", HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304
    assert client.get("/static/campaigns/wikitally.css").status_code == 200


def test_every_page_has_a_content_security_policy(client: Client, seeded) -> None:
    definition, _ = seeded
    for url in ("/", f"/c/{definition.slug}/", "/api/campaigns/", "/accounts/login/"):
        policy = client.get(url)["Content-Security-Policy"]
        assert (
            "script-src 'self'" in policy
            and "'unsafe-inline'" not in policy.split("script-src")[1].split(";")[0]
        )
        assert "frame-ancestors 'none'" in policy


def test_the_language_menu_switches_the_interface(client: Client) -> None:
    menu = page(client, "/")
    # A GET form (only the visitor's own cookie changes), so the shared page carries no CSRF token.
    assert 'method="get" action="/language/"' in menu and "csrfmiddlewaretoken" not in menu
    response = client.get("/language/", {"language": "sq", "next": "/c/x/?sort=words"})
    assert response.status_code == 302 and response["Location"] == "/c/x/?sort=words"
    assert '<html lang="sq"' in page(client, "/")
    # Elsewhere than this site: back to the front page; an unknown language: the cookie stays as it was.
    assert client.get("/language/", {"language": "ru", "next": "https://evil.example/"})["Location"] == "/"
    client.get("/language/", {"language": "xx-unknown", "next": "/"})
    assert '<html lang="ru"' in page(client, "/")


def _board_users(html: str) -> list[str]:
    board = html.split('id="leaderboard"')[1].split("</section>")[0]
    cells = re.findall(r"<td><a href=[^>]+>(.*?)</a></td>", board)
    return [
        re.sub(r"<[^>]+>", "", c).replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"')
        for c in cells
    ]


def _article_titles(html: str) -> list[str]:
    table = html.split('id="articles"')[1].split("</section>")[0]
    rows = re.findall(r"<tr><td><bdi>[^<]*</bdi></td><td>(.*?)</td>", table)
    return [re.sub(r"<[^>]+>", "", r) for r in rows]


def test_big_tables_show_their_top_rows_and_link_to_full_lists(client: Client, seeded, monkeypatch) -> None:
    from wikitally.web.campaigns import views

    definition, result = seeded
    monkeypatch.setattr(views, "BOARD_ROWS", 2)
    monkeypatch.setattr(views, "ARTICLE_ROWS", 1)
    monkeypatch.setattr(views, "FULL_ROWS", 3)
    by_words = sorted(result.outcome["by_participant"], key=lambda p: (-p["words_added"], p["user"]))
    html = page(client, f"/c/{definition.slug}/?sort=words")
    assert _board_users(html) == [p["user"] for p in by_words[:2]]
    people = len(by_words)
    assert f'href="/c/{definition.slug}/leaderboard/?sort=words">All {people} participants</a>' in html
    assert "The first 2 are shown here." in texts(html)
    articles = sorted(result.outcome["articles"], key=lambda a: (-a["words_added"], a["wiki"], a["title"]))
    assert len(_article_titles(html)) == 1
    assert f'href="/c/{definition.slug}/articles/">All {len(articles)} articles</a>' in html
    # The full leaderboard: every participant once, in order, 3 a page, with its page links.
    first = page(client, f"/c/{definition.slug}/leaderboard/?sort=words")
    second = page(client, f"/c/{definition.slug}/leaderboard/?sort=words&page=2")
    assert _board_users(first) + _board_users(second) == [p["user"] for p in by_words]
    assert 'href="?sort=words&amp;page=2" rel="next"' in first and "Page 1 of 2" in texts(first)
    assert 'href="?sort=words&amp;page=1" rel="prev"' in second and 'rel="next"' not in second
    # Pages past the end show the last one; nonsense shows the first.
    assert _board_users(
        page(client, f"/c/{definition.slug}/leaderboard/?sort=words&page=99")
    ) == _board_users(second)
    assert _board_users(page(client, f"/c/{definition.slug}/leaderboard/?page=x")) == [
        p["user"]
        for p in sorted(result.outcome["by_participant"], key=lambda p: (-p["edits"], p["user"]))[:3]
    ]
    # The full article list, by words added.
    listed = page(client, f"/c/{definition.slug}/articles/")
    assert len(_article_titles(listed)) == min(3, len(articles))
    assert_inert(listed)


def test_full_lists_of_a_campaign_never_collected_are_404(client: Client) -> None:
    definition, _ = define(user("organizer"))
    page(client, f"/c/{definition.slug}/leaderboard/", status=404)
    page(client, f"/c/{definition.slug}/articles/", status=404)


def test_visitors_share_one_rendering_per_version_language_and_address(client: Client, seeded) -> None:
    from wikitally.web.campaigns import views

    definition, _ = seeded
    url = f"/c/{definition.slug}/"
    first = page(client, url)
    assert len(views.PAGES) == 1
    assert page(Client(), url) == first  # another visitor: the same bytes, no CSRF token, no user in them
    assert "csrfmiddlewaretoken" not in first
    page(client, url + "?sort=words")
    page(client, url, HTTP_ACCEPT_LANGUAGE="sq")
    assert len(views.PAGES) == 3
    # A signed-in organizer gets their own page (edit link, logout form with their token), never a shared one.
    log_in(client, "organizer")
    own = page(client, url)
    assert "Edit campaign" in own and "csrfmiddlewaretoken" in own and len(views.PAGES) == 3
    assert "Edit campaign" not in page(Client(), url)
    # A new collection is a new version: visitors see it at once, not after the page's 30 s.
    from wikitally.store.models import WikiState

    assert "5 minutes ago" in texts(first)
    WikiState.objects.filter(campaign__key=NAME).update(last_collected=timezone.now())
    assert "5 minutes ago" not in texts(page(Client(), url)) and len(views.PAGES) == 4


def test_a_visitor_with_a_message_gets_it_on_their_own_page(client: Client, seeded) -> None:
    from wikitally.web.campaigns import views

    definition, _ = seeded
    url = f"/c/{definition.slug}/"
    page(Client(), url)
    # A message waiting for this visitor (in the cookie Django's message framework keeps it in).
    from django.contrib.messages.storage.cookie import CookieStorage

    storage = CookieStorage(None)  # type: ignore[arg-type]
    client.cookies["messages"] = storage._encode(
        [
            __import__("django.contrib.messages.storage.base", fromlist=["Message"]).Message(
                25, "Hello, visitor"
            )
        ]
    )
    html = page(client, url)
    assert "Hello, visitor" in html and len(views.PAGES) == 1
    assert "Hello, visitor" not in page(Client(), url)


def test_a_participants_certificate_is_the_clis_pdf(client: Client, seeded) -> None:
    from django.contrib.auth.models import User
    from pypdf import PdfReader

    from wikitally.reports.certificate import render_certificate
    from wikitally.store.models import WikiAccount
    from wikitally.web.campaigns.definitions import campaign_of

    definition, result = seeded
    WikiAccount.objects.create(user=User.objects.get(username="organizer"), username="Besa Organizer")
    url = reverse("participant-certificate", args=[definition.slug, user_slug(USER_SCRIPT)])
    participant_page = page(client, reverse("participant", args=[definition.slug, user_slug(USER_SCRIPT)]))
    assert f'href="{url}" download' in participant_page
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    # The very bytes `wikitally certificates` writes, signed by the organizers' Wikimedia usernames.
    data = publishing.report_data(result.campaign, Store("default"), timezone.now())
    assert response.content == render_certificate(
        data, USER_SCRIPT, translator(campaign_of(definition).language), organizer="Besa Organizer"
    )
    text = " ".join(PdfReader(io.BytesIO(response.content)).pages[0].extract_text().split())
    assert USER_SCRIPT in text
    disposition = response["Content-Disposition"]
    assert disposition.startswith('attachment; filename="') and "filename*=UTF-8''" in disposition
    assert "<" not in disposition and "\n" not in disposition
    # In another language; an unknown language is one line (400); not a participant: 404.
    assert client.get(url, {"lang": "ru"}).content != response.content
    assert client.get(url, {"lang": "xx"}).status_code == 400
    assert client.get(reverse("participant-certificate", args=[definition.slug, "Nobody"])).status_code == 404
