"""The campaign page shows a contest's results (winners per category, ranking, entries) when the campaign has
a [contest]: escaped, without private participants, and without a hidden jury's marks until marking closes."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
from django.test import Client
from test_enrolment import wiki_user
from webseed import ATTR, SCRIPT, USER_ATTR, USER_SCRIPT, define, seed

from wikitally.judging.jury import Mark
from wikitally.store import Store, enrolments
from wikitally.store.contests import ContestStore

SLUG = "wikigap"
COLLECTED = datetime(2024, 3, 16, tzinfo=UTC)
CONTEST = {"entries": "auto", "score": "points+jury", "points": "10*created + words_added/10"}
JURY = {"jurors": ["Juror A"], "min_marks": 1, "part": [{"name": "q", "kind": "integer", "min": 0, "max": 9}]}


def page(hidden: bool | None = None) -> tuple[str, object]:
    contest = dict(CONTEST) | (
        {"jury": JURY | {"hidden": hidden}} if hidden is not None else {"score": "points"}
    )
    definition, campaign = define(wiki_user("creator", "Creator"), slug=SLUG, contest=contest)
    seed(campaign, COLLECTED)
    return definition, campaign


def section(html: str) -> str:
    found = re.search(r'<section id="contest".*?</table></div></section></section>', html, re.S)
    assert found, "no contest section"
    return found.group(0)


def ranking_rows(html: str) -> list[tuple[str, str, str]]:
    ranking = html.split('id="contest-ranking"')[1].split("</table>")[0]
    return re.findall(r'<tr><td class="num">(\d+)<td><bdi>(.*?)</bdi><td class="num">([\d.]+)', ranking)


def test_the_page_shows_the_ranking_escaped(db):
    page()
    html = Client().get(f"/c/{SLUG}/").content.decode()
    shown = section(html)
    # Vyolltsa created an article with 250 words: 10 + 25; USER_ATTR created one with 180: 10 + 18;
    # USER_SCRIPT improved one with 40: 4; Ana improved two with 5 and 12 words: 1.7.
    assert ranking_rows(shown) == [
        ("1", "Vyolltsa", "35.00"),
        ("2", USER_ATTR.replace('"', "&quot;").replace("<", "&lt;").replace(">", "&gt;"), "28.00"),
        ("3", USER_SCRIPT.replace("<", "&lt;").replace(">", "&gt;"), "4.00"),
        ("4", "Ana", "1.70"),
    ]
    assert SCRIPT not in shown and ATTR not in shown
    assert 'id="contest-winners"' in shown and 'id="contest-entries"' in shown


def test_a_private_participant_is_not_named(db):
    definition, _ = page()
    enrolments.enrol(definition, "Vyolltsa", private=True)
    shown = section(Client().get(f"/c/{SLUG}/").content.decode())
    assert "Vyolltsa" not in shown
    assert [r[0] for r in ranking_rows(shown)] == ["2", "3", "4"]  # the others keep their ranks


@pytest.mark.parametrize("hidden", [True, False])
def test_a_hidden_jurys_marks_stay_off_the_page(db, hidden):
    _, campaign = page(hidden=hidden)
    ContestStore(Store("default")).save_marks(
        campaign, [Mark("Juror A", "sq.wikipedia.org", "Kalaja e Rozafës", "q", "7")], COLLECTED, "test"
    )
    shown = section(Client().get(f"/c/{SLUG}/").content.decode())
    top = ranking_rows(shown)[0]
    assert top == ("1", "Vyolltsa", "35.00" if hidden else "42.00")
    assert ('class="note"' in shown) == hidden


def test_a_hidden_jurys_marks_show_once_organizers_close_marking(db):
    creator = wiki_user("creator", "Creator")
    _, campaign = define(creator, slug=SLUG, contest=CONTEST | {"jury": JURY | {"hidden": True}})
    seed(campaign, COLLECTED)
    ContestStore(Store("default")).save_marks(
        campaign, [Mark("Juror A", "sq.wikipedia.org", "Kalaja e Rozafës", "q", "7")], COLLECTED, "test"
    )
    visitor = Client()
    assert ranking_rows(section(visitor.get(f"/c/{SLUG}/").content.decode()))[0][2] == "35.00"
    organizer = Client()
    organizer.force_login(creator)
    assert organizer.post(f"/c/{SLUG}/jury/organize/", {"action": "close"}).status_code == 302
    shown = section(visitor.get(f"/c/{SLUG}/").content.decode())  # no stale copy from the page memory
    assert ranking_rows(shown)[0] == ("1", "Vyolltsa", "42.00")
    assert 'class="note"' not in shown
    assert organizer.post(f"/c/{SLUG}/jury/organize/", {"action": "reopen"}).status_code == 302
    assert ranking_rows(section(visitor.get(f"/c/{SLUG}/").content.decode()))[0][2] == "35.00"


def test_imported_marks_of_an_open_jury_show_at_the_next_view(db, tmp_path):
    """No stale copy: importing marks a visible jury gave is a new version of the page (page memory and the
    report fragments), not something seen only when a cache runs out."""
    from wikitally.services import contests

    _, campaign = page(hidden=False)
    visitor = Client()
    assert ranking_rows(section(visitor.get(f"/c/{SLUG}/").content.decode()))[0][2] == "35.00"
    marks = tmp_path / "marks.csv"
    marks.write_text("juror,wiki,title,part,value\nJuror A,sq.wikipedia.org,Kalaja e Rozafës,q,7\n")
    assert contests.import_marks(campaign, Store("default"), marks, COLLECTED) == 1
    assert ranking_rows(section(visitor.get(f"/c/{SLUG}/").content.decode()))[0] == ("1", "Vyolltsa", "42.00")


def test_no_contest_no_section(db):
    _, campaign = define(wiki_user("creator", "Creator"), slug=SLUG)
    seed(campaign, COLLECTED)
    assert 'id="contest"' not in Client().get(f"/c/{SLUG}/").content.decode()
