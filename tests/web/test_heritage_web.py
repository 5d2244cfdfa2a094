"""Heritage-at-risk pages (views_heritage.py, docs/heritage.md): the report form, moderation, the public map,
table and API, the organizers' downloads, the rate limit and the audit log."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from heritage_seed import (
    OPEN_SITE,
    PENDING_REPORT,
    SECRET_REPORT,
    heritage_campaign,
    reports,
    wiki_user,
)
from webseed import ATTR, SCRIPT, csrf_post, log_in, text_of

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


def test_the_site_table_shows_the_lists_designation_and_risk_escaped(client: Client) -> None:
    from heritage_seed import MISSING_SITE, SECRET_SITE, exact_forms

    definition = heritage_campaign(designation=f"Monument {SCRIPT}", risk=f"at risk {ATTR}")
    reports(definition)
    page = client.get(PAGE).content.decode()
    table = page.split('id="heritage-sites"', 1)[1].split("</table>", 1)[0]
    assert SCRIPT not in page and ATTR not in page  # escaped, not markup
    text = text_of(table)
    assert f"Monument {SCRIPT}" in text and f"at risk {ATTR}" in text  # as data
    rows = {r.split("</td>")[0]: text_of(r) for r in table.split("<tr>")[2:]}
    assert len(rows) == 3  # Q1001 has a designation; Q1002 and Q1003 have public reports
    kisha = next(v for v in rows.values() if "Kisha" in v)
    assert "damaged" in kisha and "yes yes" not in kisha.split("damaged")[0]
    assert "Kisha e Fshehtë Q1001 Monument" in kisha and "yes no yes" in kisha  # Wikipedia, Commons, Wikidata
    assert f"{coarsen(SECRET_SITE).lat:.4f}" in kisha and "rounded" in kisha
    for point in (SECRET_SITE, MISSING_SITE):
        assert not any(form in page for form in exact_forms(point))
    # the report of the listed site carries its designation, in the table, the API and the wikitext
    assert page.count(f"Monument {SCRIPT}".replace("<", "&lt;").replace(">", "&gt;")) == 2
    answer = json.loads(client.get(API).content)
    kisha_report = next(r for r in answer["reports"] if r["item"] == "Q1001")
    assert (kisha_report["designation"], kisha_report["site_risk"]) == (
        f"Monument {SCRIPT}",
        f"at risk {ATTR}",
    )
    assert {r["designation"] for r in answer["reports"] if r["item"] != "Q1001"} == {""}
    log_in(client, "organizer")
    wiki = client.get("/c/wikigap/heritage.wiki").content.decode()
    assert "! Designation" in wiki and "! Status on the list" in wiki
    assert "<script>" not in wiki and "Monument &lt;script&gt;" in wiki


def test_a_site_at_risk_on_the_list_without_a_report_is_a_grey_dot(client: Client) -> None:
    heritage_campaign(risk="threatened by a road")
    page = client.get(PAGE).content.decode()
    assert "No report is public yet." in page
    assert page.count("<circle") == 1 and 'class="site"' in page  # Q1001: sensitive, so coarsened
    assert "threatened by a road" in text_of(page.split('id="heritage-sites"', 1)[1])


def test_a_moderation_step_shows_on_the_cached_page_at_once(client: Client) -> None:
    from wikitally.services import heritage as service

    definition = heritage_campaign()
    ids = reports(definition)
    computed = []
    listed = service.listed
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(service, "listed", lambda *a: computed.append(1) or listed(*a))
        first = text_of(client.get(PAGE).content)
        assert "Ura e Hapur" in first and client.get(PAGE).status_code == 200
        assert len(computed) == 1  # the second view is the cached one
        log_in(client, "organizer")
        csrf_post(client, MODERATE, {"report": ids["pending"], "action": "approve"})
        client.logout()
        after = client.get(PAGE).content.decode()
        assert f"{PENDING_REPORT.lat:.4f}" in after  # approved: public at once, not after the cache's time
        answer = json.loads(client.get(API).content)
        assert ids["pending"] in [r["id"] for r in answer["reports"]]
        log_in(client, "organizer")
        csrf_post(client, MODERATE, {"report": ids["pending"], "action": "merge", "into": ids["open"]})
        client.logout()
        assert f"{PENDING_REPORT.lat:.4f}" not in client.get(PAGE).content.decode()  # merged: gone at once


def test_the_cache_never_serves_the_organizers_entry_to_anyone_else_or_the_reverse(client: Client) -> None:
    from wikitally.web.campaigns import views_heritage

    definition = heritage_campaign()
    reports(definition)
    version = views_heritage.data_version(definition)
    seen: list[str] = []
    make = views_heritage.PUBLIC.get_or_make
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(views_heritage.PUBLIC, "get_or_make", lambda key, f: seen.append(key) or make(key, f))
        client.get(PAGE)
        log_in(client, "organizer")
        client.get(PAGE)
        client.get("/c/wikigap/heritage.wiki")
        client.logout()
        client.get(API)
    assert seen == [f"heritage:{who}:{version}" for who in ("public", "organizer", "organizer", "public")]
    # an entry planted under one audience never shows to the other
    marked = views_heritage.public_view(definition, "organizer")
    only = next(iter(marked.reports))
    views_heritage.PUBLIC.set(
        f"heritage:organizer:{version}",
        views_heritage.PublicView((replace(only, label="ORGANIZERS-ENTRY"),), (), 0),
    )
    assert "ORGANIZERS-ENTRY" not in client.get(PAGE).content.decode()
    views_heritage.PUBLIC.set(
        f"heritage:public:{version}",
        views_heritage.PublicView((replace(only, label="ANONYMOUS-ENTRY"),), (), 0),
    )
    assert "ANONYMOUS-ENTRY" in client.get(PAGE).content.decode()
    log_in(client, "organizer")
    organizer_page = client.get(PAGE).content.decode()
    assert "ORGANIZERS-ENTRY" in organizer_page and "ANONYMOUS-ENTRY" not in organizer_page
