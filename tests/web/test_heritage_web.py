"""Heritage-at-risk pages (views_heritage.py, docs/heritage.md): the report form, moderation, the public map,
table and API, the organizers' downloads, the rate limit and the audit log."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from heritage_seed import OPEN_SITE, SECRET_REPORT, heritage_campaign, reports, wiki_user
from webseed import SCRIPT, csrf_post, log_in, text_of

from wikitally.metrics import heritage as rules
from wikitally.metrics.geo import coarsen
from wikitally.store.models import HeritageAudit, HeritageReport
from wikitally.web.campaigns import openapi

PAGE, FORM, MODERATE = "/c/wikigap/heritage/", "/c/wikigap/heritage/report/", "/c/wikigap/heritage/moderate/"
API = "/api/campaigns/wikigap/heritage"


def valid(**changes: str) -> dict[str, str]:
    data = {
        "site": "",
        "label": f"Mulliri {SCRIPT}",
        "lat": "41.2",
        "lon": "19.9",
        "kind": "damaged",
        "observed": (timezone.now().date() - timedelta(days=1)).isoformat(),
        "description": "The mill's wall fell.",
        "evidence": "File:Mill wall.jpg",
        "source_url": "https://example.org/mill",
    }
    data.update(changes)
    return data


def test_a_signed_in_user_reports_a_new_site_and_it_waits_for_an_organizer(client: Client) -> None:
    heritage_campaign()
    assert client.get(FORM).status_code == 302  # signed-in users only
    wiki_user("vol", "Vol")
    log_in(client, "vol")
    page = client.get(FORM).content.decode()
    assert "Kisha e Fshehtë" in page and "41.123456" not in page  # the sites by name, never by place
    assert csrf_post(client, FORM, valid()).status_code == 302
    row = HeritageReport.objects.get()
    assert (row.status, row.reporter.username, row.sensitive) == ("pending", "vol", True)  # a new site
    assert HeritageAudit.objects.get().action == "submitted"
    assert "Mulliri" not in text_of(client.get(PAGE).content)  # pending: not public


def test_a_report_on_a_listed_site_takes_its_name(client: Client) -> None:
    heritage_campaign()
    wiki_user("vol", "Vol")
    log_in(client, "vol")
    csrf_post(client, FORM, valid(site="Q1003", label="", lat="", lon=""))
    row = HeritageReport.objects.get()
    assert (row.site, row.label, row.lat, row.sensitive) == ("Q1003", "Ura e Hapur", None, False)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"kind": "burnt"}, "kind"),
        ({"lat": "", "lon": ""}, "lat"),
        ({"lat": "91"}, "lat"),
        ({"label": ""}, "label"),
        ({"observed": "2999-01-01"}, "observed"),
        ({"description": " "}, "description"),
        ({"evidence": "Mill.jpg"}, "evidence"),
        ({"source_url": "javascript:alert(1)"}, "source_url"),
    ],
)
def test_each_mistake_is_shown_at_its_field(client: Client, changes: dict[str, str], field: str) -> None:
    heritage_campaign()
    wiki_user("vol", "Vol")
    log_in(client, "vol")
    response = csrf_post(client, FORM, valid(**changes))
    assert response.status_code == 400
    assert list(response.context["form"].errors) == [field]
    assert not HeritageReport.objects.exists()


def test_form_errors_speak_the_page_language(client: Client) -> None:
    heritage_campaign()
    wiki_user("vol", "Vol")
    log_in(client, "vol")
    client.cookies["django_language"] = "sq"
    response = csrf_post(client, FORM, valid(observed="2999-01-01", evidence="Mill.jpg"))
    errors = response.context["form"].errors
    english = ("The date cannot be in the future.", "is not a Commons file name")
    assert errors["observed"] and errors["evidence"]
    assert not any(e in str(errors) for e in english)


def test_the_sixth_report_in_an_hour_is_refused_with_retry_after(client: Client) -> None:
    heritage_campaign()
    wiki_user("vol", "Vol")
    log_in(client, "vol")
    for _ in range(rules.RATE_LIMIT):
        assert csrf_post(client, FORM, valid()).status_code == 302
    refused = csrf_post(client, FORM, valid())
    assert refused.status_code == 429
    assert 0 < int(refused["Retry-After"]) <= rules.RATE_WINDOW.total_seconds() + 1
    assert 'id="content"' in refused.content.decode() or "<nav" in refused.content.decode()  # site layout
    assert HeritageReport.objects.count() == rules.RATE_LIMIT


def test_organizers_moderate_and_see_reporters_and_exact_points(client: Client) -> None:
    definition = heritage_campaign()
    ids = reports(definition)
    wiki_user("vol2", "Vol2")
    log_in(client, "vol2")
    assert client.get(MODERATE).status_code == 403
    assert (
        csrf_post(client, MODERATE, {"report": ids["pending"], "action": "approve"}, PAGE).status_code == 403
    )
    assert client.get("/c/wikigap/heritage.wiki").status_code == 403
    assert client.get("/c/wikigap/heritage-quickstatements.txt").status_code == 403
    client.logout()
    log_in(client, "organizer")
    page = client.get(MODERATE).content.decode()
    assert "Vullnetari" in page or "volunteer-site" in page  # the reporter, to organizers only
    assert str(SECRET_REPORT.lat) in page  # exact, to organizers only
    # reject needs a reason
    csrf_post(client, MODERATE, {"report": ids["pending"], "action": "reject", "reason": ""})
    assert HeritageReport.objects.get(pk=ids["pending"]).status == "pending"
    csrf_post(client, MODERATE, {"report": ids["pending"], "action": "reject", "reason": "a duplicate photo"})
    assert HeritageReport.objects.get(pk=ids["pending"]).reason == "a duplicate photo"
    csrf_post(client, MODERATE, {"report": ids["open"], "action": "merge", "into": ids["secret"]})
    assert HeritageReport.objects.get(pk=ids["open"]).status == "merged"
    shown = text_of(client.get(MODERATE).content)
    assert "a duplicate photo" in shown and "merge" in shown and "reject" in shown  # the audit log
    assert csrf_post(client, MODERATE, {"report": "x", "action": "approve"}).status_code == 400


def test_only_approved_reports_are_public_without_reporter(client: Client) -> None:
    definition = heritage_campaign()
    ids = reports(definition)
    page = client.get(PAGE).content.decode()
    assert "Mulliri i Ri" in page and "Kulla e Humbur" in page
    assert "Vullnetari" not in page and "volunteer-site" not in page
    assert f"{coarsen(SECRET_REPORT).lat:.4f}" in page and str(SECRET_REPORT.lat) not in page
    assert f"{OPEN_SITE.lat:.4f}" in page  # a site that is not sensitive shows where it is
    assert 'id="heritage-map"' in page and page.count("<circle") == 4
    answer = json.loads(client.get(API).content)
    assert sorted(r["id"] for r in answer["reports"]) == sorted(v for k, v in ids.items() if k != "pending")
    assert all("reporter" not in r for r in answer["reports"])


def test_the_api_pages_like_the_other_lists(client: Client) -> None:
    definition = heritage_campaign()
    reports(definition)
    seen, url = [], f"{API}?limit=3"
    while url:
        answer = client.get(url)
        body = json.loads(answer.content)
        seen += [r["id"] for r in body["reports"]]
        url = answer.get("Link", "").split(">")[0].lstrip("<").replace("http://testserver", "")
        assert (body["next"] is None) == (url == "")
    assert len(seen) == 4 and len(set(seen)) == 4
    assert client.get(f"{API}?cursor=garbage").status_code == 400
    assert client.get("/api/campaigns/nothing/heritage").status_code == 404
    assert "/api/campaigns/{slug}/heritage" in openapi.document()["paths"]


def test_organizers_download_the_wikitext_table_and_quickstatements(client: Client) -> None:
    definition = heritage_campaign()
    reports(definition)
    log_in(client, "organizer")
    wiki = client.get("/c/wikigap/heritage.wiki").content.decode()
    assert wiki.startswith('{| class="wikitable sortable"') and "Mulliri i Ri" in wiki
    assert str(SECRET_REPORT.lat) not in wiki and "Vullnetari" not in wiki
    qs = client.get("/c/wikigap/heritage-quickstatements.txt?damaged=Q123&destroyed=Q456").content.decode()
    lines = [line for line in qs.splitlines() if not line.startswith("#")]
    assert sorted(line.split("\t")[:3] for line in lines) == [
        ["Q1001", "P5816", "Q123"],
        ["Q1002", "P5816", "Q456"],
    ]
    assert "# report" in qs  # the new site has no item: a note, not a line


def test_the_map_frames_its_dots_inside() -> None:
    from wikitally.web.campaigns.views_heritage import map_dots

    for points in (
        [(41.0, 19.0, "a", "damaged")],
        [(41.0, 19.0, "a", "damaged"), (42.5, 21.0, "b", "neglected")],
    ):
        drawn = map_dots(points)
        assert drawn is not None
        assert all(0 < d["x"] < drawn["width"] and 0 < d["y"] < drawn["height"] for d in drawn["dots"])
    assert map_dots([]) is None
