"""The jury in the web app (views_jury.py, services/jury.py): who may mark, conflicts of interest, hidden
marks, consensual mode, the audit log, closing and re-opening with frozen results, and the participant's
rules and verdicts. Marks made here and by `contest marks import` are the same marks."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone
from test_page_strings import leftovers, marked  # noqa: F401 (a fixture)
from webseed import (
    ATTR,
    NAME,
    SCRIPT,
    SQ,
    USER_ATTR,
    USER_SCRIPT,
    WIKITEXT,
    csrf_post,
    define,
    log_in,
    seed,
    text_of,
    user,
)

from wikitally.reports import contest as contest_report
from wikitally.services import contests
from wikitally.services import jury as jury_service
from wikitally.store.jury import JuryStore
from wikitally.store.models import ContestAudit, ContestMark, WikiAccount
from wikitally.web.campaigns import figures

JURY = "/c/wikigap/jury/"
ORGANIZE = "/c/wikigap/jury/organize/"
ROZAFA = "Kalaja e Rozafës"  # created by Vyolltsa, improved by Ana (webseed.seed)


def contest_table(**jury: Any) -> dict[str, Any]:
    return {
        "entries": "auto",
        "score": "points+jury",
        "points": "10*created + 3*improved",
        "rule": [
            {"kind": "min_words_added", "value": 100, "mode": "required"},
            {"kind": "created_in_window", "mode": "optional"},
        ],
        "jury": {
            "jurors": ["Juror A", "Juror B", "Ana"],
            "min_marks": 1,
            "hidden": True,
            "part": [
                {"name": "quality", "kind": "integer", "min": 0, "max": 5},
                {"name": "photo", "kind": "checkbox", "value": 1},
                {"name": "length", "kind": "choice", "options": {"long": 2, "short": 0}},
            ],
            **jury,
        },
    }


def wiki_user(username: str, wiki_name: str) -> User:
    account = user(username)
    WikiAccount.objects.create(user=account, username=wiki_name, provider="meta.wikimedia.org", sub=username)
    return account


def contest_site(slug: str = "wikigap", name: str = NAME, **jury: Any) -> Any:
    organizer = User.objects.filter(username="organizer").first() or user("organizer")
    _, campaign = define(organizer, name, slug=slug, contest=contest_table(**jury))
    seed(campaign, timezone.now())
    for site_name, wiki_name in (("juror-a", "Juror A"), ("juror-b", "Juror B"), ("ana", "Ana")):
        if not User.objects.filter(username=site_name).exists():
            wiki_user(site_name, wiki_name)
    return campaign


def mark(
    client: Client,
    title: str,
    quality: str = "4",
    photo: bool = True,
    length: str = "long",
    wiki: str = SQ,
) -> Any:
    data = {"wiki": wiki, "title": title, "part-quality": quality, "part-length": length, "comment": "fine"}
    if photo:
        data["part-photo"] = "1"
    return csrf_post(client, JURY, data, JURY)


def test_anonymous_users_sign_in_first_and_non_jurors_are_refused(client: Client) -> None:
    contest_site()
    assert client.get(JURY).status_code == 302  # to the sign-in page
    wiki_user("someone", "Someone")
    log_in(client, "someone")
    assert client.get(JURY).status_code == 403
    assert client.post(JURY, {"wiki": SQ, "title": ROZAFA, "part-quality": "3"}).status_code == 403
    assert not ContestMark.objects.exists()


def test_a_juror_of_another_contest_is_refused(client: Client) -> None:
    contest_site()
    contest_site(slug="other", name="Other contest", jurors=["Someone Else"], min_marks=1)
    log_in(client, "juror-a")
    assert client.get("/c/other/jury/").status_code == 403
    assert client.post("/c/other/jury/", {"wiki": SQ, "title": ROZAFA}).status_code == 403
    assert client.get(JURY).status_code == 200


def test_a_mark_without_the_csrf_token_is_refused() -> None:
    contest_site()
    browser = Client(enforce_csrf_checks=True)
    log_in(browser, "juror-a")
    assert browser.get(JURY).status_code == 200
    data = {"wiki": SQ, "title": ROZAFA, "part-quality": "4", "part-length": "long"}
    assert browser.post(JURY, data).status_code == 403
    assert not ContestMark.objects.exists()


def test_a_juror_marks_with_a_comment_and_gets_the_next_article(client: Client) -> None:
    campaign = contest_site()
    log_in(client, "juror-a")
    page = client.get(JURY)
    first = page.context["article"]
    assert first is not None and "Diff of the contest" in text_of(page.content)
    assert 'accesskey="s"' in page.content.decode() and "Enter saves" in text_of(page.content)
    response = mark(client, first.title, wiki=first.wiki)
    assert response.status_code == 302
    stored = {(m.part, m.value) for m in ContestMark.objects.filter(juror="Juror A")}
    assert stored == {("quality", "4"), ("photo", "1"), ("length", "long")}
    nxt = client.get(response["Location"]).context["article"]
    assert nxt is not None and nxt.title != first.title
    assert JuryStore(figures.store()).comments(campaign, first.wiki, first.title) == {"Juror A": "fine"}
    assert "1 of 6 articles marked" in text_of(client.get(JURY).content)


def test_a_value_the_scheme_does_not_take_is_refused_whole(client: Client) -> None:
    contest_site()
    log_in(client, "juror-a")
    response = mark(client, ROZAFA, quality="9")
    assert response.status_code == 302 and "title=" in response["Location"]
    assert not ContestMark.objects.exists()
    # the form says which part and what it takes, in the juror's language
    shown = text_of(client.get(response["Location"]).content)
    assert "Not saved: give every part a value it takes. part 'quality' takes 0…5, not 9" in shown
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "uk"
    again = mark(client, ROZAFA, quality="x")
    shown = text_of(client.get(again["Location"]).content)
    assert "'quality'" in shown and "0…5" in shown and "'x'" in shown
    assert "takes a whole number" not in shown and "Not saved" not in shown  # Ukrainian, not English


def test_a_juror_cannot_mark_an_article_they_edited(client: Client) -> None:
    """Ana is a juror and edited Rozafa and the wikitext-titled article: not in her queue, refused. (The
    queue also holds the uploads, each an entry of its own on Commons.)"""
    contest_site()
    log_in(client, "ana")
    seen = set()
    page = client.get(JURY)
    while page.context["article"] is not None and page.context["article"].title not in seen:
        seen.add(page.context["article"].title)
        page = client.get(page.context["skip"])
    assert seen == {SCRIPT, ATTR, f"File:{SCRIPT}.jpg", "File:Rozafa.jpg"}
    assert ROZAFA in text_of(page.content)  # listed as an article she edited
    refused = mark(client, ROZAFA)
    assert refused.status_code == 403
    assert not ContestMark.objects.filter(juror="Ana").exists()


def test_hidden_marks_show_only_the_jurors_own_until_closing(client: Client) -> None:
    contest_site()
    log_in(client, "juror-a")
    mark(client, ROZAFA, quality="5")
    client.logout()
    log_in(client, "juror-b")
    url = f"{JURY}?wiki={SQ}&title={ROZAFA}"
    page = client.get(url)
    assert page.context["article"].title == ROZAFA
    assert page.context["others"] == [] and page.context["hidden"]
    assert "hidden until the organizers close marking" in text_of(page.content)
    client.logout()
    log_in(client, "organizer")
    csrf_post(client, ORGANIZE, {"action": "close"})
    client.logout()
    log_in(client, "juror-b")
    page = client.get(url)
    assert ("Juror A", [("length", "long"), ("photo", "1"), ("quality", "5")]) in page.context["others"]


def test_consensual_mode_keeps_one_shared_mark(client: Client) -> None:
    campaign = contest_site(mode="consensual", min_marks=2)
    log_in(client, "juror-a")
    mark(client, ROZAFA, quality="2")
    client.logout()
    log_in(client, "juror-b")
    page = client.get(f"{JURY}?wiki={SQ}&title={ROZAFA}")
    assert [p["value"] for p in page.context["parts"]] == ["2", "1", "long"]  # the shared mark, editable
    mark(client, ROZAFA, quality="3")
    assert set(ContestMark.objects.values_list("juror", flat=True)) == {"Juror B"}
    # One shared mark on one article: every juror has marked one (a mark by three parts is one article).
    assert {p.marked for p in jury_service.progress(campaign, figures.store())} == {1}
    titles = set()
    page = client.get(JURY)
    while page.context["article"] is not None and page.context["article"].title not in titles:
        titles.add(page.context["article"].title)
        page = client.get(page.context["skip"])
    assert ROZAFA not in titles  # marked by the jury: nobody's queue offers it again
    undone = ContestAudit.objects.filter(action="mark:Juror A", new__isnull=True)
    assert {a.part for a in undone} == {"quality", "photo", "length"} and undone[0].actor == "Juror B"
    rozafa = [
        e for e in contests.results(campaign, figures.store()).as_json()["entries"] if e["title"] == ROZAFA
    ]
    assert {e["jury"] for e in rozafa} == {6} and {e["marks"] for e in rozafa} == {1}  # 3 + 1 + 2


def test_web_and_imported_marks_are_the_same_marks_and_the_audit_log_shows_both(
    client: Client, tmp_path: Path
) -> None:
    campaign = contest_site()
    log_in(client, "juror-a")
    mark(client, ROZAFA, quality="1")
    path = tmp_path / "marks.csv"
    path.write_text(f"juror,wiki,title,part,value\nJuror A,{SQ},{ROZAFA},quality,4\n", encoding="utf-8")
    store = figures.store()
    assert contests.import_marks(campaign, store, path, timezone.now()) == 1
    assert contests.import_marks(campaign, store, path, timezone.now()) == 0  # idempotent
    assert ContestMark.objects.get(juror="Juror A", part="quality").value == "4"
    client.logout()
    log_in(client, "organizer")
    audit = client.get(ORGANIZE).context["audit"]
    quality = [(a["who"], a["old"], a["new"]) for a in audit if a["part"] == "quality"]
    assert quality == [("import:marks.csv", "1", "4"), ("Juror A", "", "1")]  # newest first
    assert all(a["what"] == "mark of Juror A" for a in audit if a["part"] == "quality")


def test_only_organizers_see_the_audit_log_and_close(client: Client) -> None:
    contest_site()
    log_in(client, "juror-a")
    assert client.get(ORGANIZE).status_code == 403
    assert client.post(ORGANIZE, {"action": "close"}).status_code == 403
    assert client.get("/c/wikigap/results.json").status_code == 404  # not closed


def test_closing_freezes_the_results_with_a_version_and_reopening_is_logged(
    client: Client, tmp_path: Path
) -> None:
    campaign = contest_site()
    log_in(client, "juror-a")
    mark(client, ROZAFA, quality="5")
    client.logout()
    log_in(client, "organizer")
    assert client.get("/c/wikigap/results/").context["closed"] is False
    csrf_post(client, ORGANIZE, {"action": "close"})
    frozen = client.get("/c/wikigap/results.json")
    assert frozen.status_code == 200 and frozen["X-Results-Version"] == "1"
    first = json.loads(frozen.content)
    now = contests.results(campaign, figures.store())
    assert first == json.loads(contest_report.render_json(now))  # as `contest results --format json` prints
    assert client.get("/c/wikigap/results.csv")["X-Results-Version"] == "1"
    assert "Version 1, frozen" in text_of(client.get("/c/wikigap/results/").content)
    # closed: marks refused on the web and by the import
    client.logout()
    log_in(client, "juror-b")
    assert mark(client, ROZAFA, quality="0").status_code == 403
    path = tmp_path / "late.csv"
    path.write_text(f"juror,wiki,title,part,value\nJuror B,{SQ},{ROZAFA},quality,0\n", encoding="utf-8")
    with pytest.raises(contests.ContestError, match=r"late\.csv: marking was closed"):
        contests.import_marks(campaign, figures.store(), path, timezone.now())
    assert not ContestMark.objects.filter(juror="Juror B").exists()
    # re-opened: logged; the frozen version stays served until the next closing
    client.logout()
    log_in(client, "organizer")
    csrf_post(client, ORGANIZE, {"action": "reopen"})
    assert ContestAudit.objects.filter(action="reopen", old="1").exists()
    assert client.get("/c/wikigap/results.json").status_code == 404
    client.logout()
    log_in(client, "juror-b")
    mark(client, ROZAFA, quality="0")
    client.logout()
    log_in(client, "organizer")
    csrf_post(client, ORGANIZE, {"action": "close"})
    second = client.get("/c/wikigap/results.json")
    assert second["X-Results-Version"] == "2" and json.loads(second.content) != first
    closings = client.get(ORGANIZE).context["closings"]
    assert len(closings) == 2 and "re-opened" in closings[1]["reopened"]


def test_the_participant_page_shows_the_rules_and_their_verdicts(client: Client) -> None:
    contest_site()
    page = client.get("/c/wikigap/u/Ana/")
    text = text_of(page.content)
    assert "at least 100 words added (required)" in text
    assert "100 words added needed, you added 5" in text  # Ana's entry on the wikitext-titled article
    client.cookies["django_language"] = "ru"
    russian = text_of(client.get("/c/wikigap/u/Ana/").content)
    assert "100 words added needed" not in russian and "100" in russian


JURY_DATA = (
    ROZAFA,
    SCRIPT,
    ATTR,
    NAME,
    SQ,
    "commons.wikimedia.org",
    "Rozafa.jpg",
    "File",
    "Juror A",
    "Juror B",
    "Vyolltsa",
    "Ana",
    "quality",
    "photo",
    "length",
    "long",
    "short",
    "fine",
    "import:marks.csv",
    "wikitally",
    "English",
    "organizer",
    WIKITEXT,
    USER_SCRIPT,
    USER_ATTR,
    f"File:{SCRIPT}.jpg",
)


@pytest.mark.usefixtures("marked")  # test_page_strings' fixture: every catalogue string in ⟪…⟫
@pytest.mark.parametrize("path", [JURY, ORGANIZE, "/c/wikigap/results/", "/c/wikigap/u/Ana/"])
def test_every_word_of_the_jury_pages_comes_from_the_catalogue(client: Client, path: str) -> None:
    from django.conf import settings

    contest_site()
    log_in(client, "juror-a")
    mark(client, ROZAFA)
    client.logout()
    log_in(client, "organizer")
    csrf_post(client, ORGANIZE, {"action": "close"})
    client.logout()
    log_in(client, "juror-a" if path == JURY else "organizer")
    response = client.get(path)
    assert response.status_code == 200
    names = tuple(name for _, name in settings.LANGUAGES)
    assert leftovers(response.content.decode(), JURY_DATA + names) == []


def test_the_campaign_page_links_jurors_to_their_queue_and_everyone_to_the_results(client: Client) -> None:
    contest_site()
    wiki_user("someone", "Someone")
    log_in(client, "someone")
    html = client.get("/c/wikigap/").content.decode()
    assert 'id="results-link"' in html and 'id="jury-link"' not in html
    client.logout()
    log_in(client, "juror-a")
    html = client.get("/c/wikigap/").content.decode()
    assert 'id="jury-link"' in html and 'id="jury-organize-link"' not in html


def test_next_skips_an_article_marked_by_import_after_the_queue_was_built(
    client: Client, tmp_path: Path
) -> None:
    """The queue's open rows are a shortcut, never the truth: a mark imported after the build counts."""
    campaign = contest_site()
    log_in(client, "juror-a")
    first = client.get(JURY).context["article"]
    path = tmp_path / "marks.csv"
    path.write_text(
        f"juror,wiki,title,part,value\nJuror A,{first.wiki},{first.title},quality,3\n", encoding="utf-8"
    )
    contests.import_marks(campaign, figures.store(), path, timezone.now())
    offered = set()
    page = client.get(JURY)
    while page.context["article"] is not None and page.context["article"].title not in offered:
        offered.add(page.context["article"].title)
        page = client.get(page.context["skip"])
    assert first.title not in offered and len(offered) == 5


def test_with_rounds_a_juror_marks_one_round_at_a_time(client: Client) -> None:
    """[[contest.round]]: the juror's page marks the open round (its parts only, its articles only), saves
    the marks with the round's name, and moves on to the next round once this one has its marks."""
    organizer = User.objects.filter(username="organizer").first() or user("organizer")
    table = contest_table(hidden=False)
    table["round"] = [
        {"name": "Shortlist", "advance": 1, "parts": ["quality"]},
        {"name": "Final", "advance": 1, "parts": ["length"]},
    ]
    _, campaign = define(organizer, NAME, slug="wikigap", contest=table)
    seed(campaign, timezone.now())
    wiki_user("juror-a", "Juror A")
    log_in(client, "juror-a")
    store = figures.store()
    jury_service.ensure_queue(campaign, store, timezone.now())
    first, final = jury_service.jury_rounds(campaign, store)
    assert not first.complete and jury_service.open_round([first, final]) == first
    # kept per marks version: a view between two marks re-ranks nothing; a mark makes a new version
    assert jury_service.jury_rounds(campaign, store)[0] is first
    page = client.get(JURY)
    assert "Round 1: Shortlist" in text_of(page.content) and "Round 2: Final" in text_of(page.content)
    assert [p["name"] for p in page.context["parts"]] == ["quality"]  # the round's parts only
    seen = []
    scores = iter(range(5, 0, -1))
    while page.context["article"] is not None:
        article = page.context["article"]
        assert (article.wiki, article.title) in first.articles
        seen.append((article.wiki, article.title))
        data = {"wiki": article.wiki, "title": article.title, "part-quality": str(next(scores)), "round": "1"}
        assert csrf_post(client, JURY, data, JURY).status_code == 302
        page = client.get(JURY + "?round=1")
    assert set(seen) == first.articles  # every article of the round once, then "nothing left"
    assert len(seen) >= 2  # the seed has several eligible articles: a real cut
    mine = ContestMark.objects.filter(campaign_id=store._find(campaign))
    assert {(m.round, m.part) for m in mine} == {("Shortlist", "quality")}
    first, final = jury_service.jury_rounds(campaign, store)
    assert first.complete and final.articles == {seen[0]}  # the best-marked article advanced alone
    page = client.get(JURY)  # the open round is now the final
    assert page.context["round"] == 2 and [p["name"] for p in page.context["parts"]] == ["length"]
    assert (page.context["article"].wiki, page.context["article"].title) == seen[0]
    wiki, title = seen[1]  # did not advance: refused in the final
    data = {"wiki": wiki, "title": title, "part-length": "long", "round": "2"}
    assert csrf_post(client, JURY, data, JURY).status_code == 400
    data = {"wiki": seen[0][0], "title": seen[0][1], "part-length": "long", "round": "2"}
    assert csrf_post(client, JURY, data, JURY).status_code == 302
    assert mine.get(round="Final").value == "long"
    assert jury_service.jury_rounds(campaign, store)[1].complete
