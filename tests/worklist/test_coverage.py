"""Coverage from resolved facts (metrics/coverage.py): the rules of docs/worklists.md, one test each."""

import pytest

from wikitally.metrics.coverage import ArticleState, Resolution, coverage, resolve
from wikitally.metrics.geo import coarsen
from wikitally.model import Point, WorklistItem

SQ, EN = "sq.wikipedia.org", "en.wikipedia.org"
WIKIS = (SQ, EN)


def state(wiki, title, *, now=True, before=True, target=None, image=False, sensitive=False, item=None):
    return ArticleState(wiki, title, (target or title) if now else None, now, before, image, sensitive, item)


def run(items, states, articles=(), sitelinks=None, **kw):
    covered = resolve(items, sitelinks or {}, {(s.wiki, s.title): s for s in states}, WIKIS, articles, **kw)
    return covered, coverage(covered, WIKIS)


def test_hand_count():
    items = [WorklistItem(None, SQ, t) for t in ("A", "B", "C", "D", "E")]
    states = [
        state(SQ, "A"),  # existed, untouched
        state(SQ, "B"),  # existed, improved
        state(SQ, "C", before=False),  # created by the campaign
        state(SQ, "D", now=False, before=False),  # still missing
        state(SQ, "E", now=False, before=True),  # deleted during the window
    ]
    articles = [
        {"wiki": SQ, "title": "B", "status": "improved"},
        {"wiki": SQ, "title": "C", "status": "created"},
    ]
    covered, cov = run(items, states, articles)
    assert cov["items"] == 5
    assert cov["by_wiki"][SQ] == {"before": 3, "now": 3, "created": 1, "improved": 1}
    assert cov["by_wiki"][EN] == {"before": 0, "now": 0, "created": 0, "improved": 0}
    assert cov["missing"] == [
        {"item": None, "title": "D", "label": None},
        {"item": None, "title": "E", "label": None},
    ]
    assert [c.status for c in covered] == ["existing", "improved", "created", "missing", "missing"]


def test_item_listed_twice_is_one_item():
    items = [WorklistItem("Q1", SQ, None, "One"), WorklistItem("Q1", None, None, None, Point(1, 2))]
    _, cov = run(items, [state(SQ, "Uno")], sitelinks={"Q1": {SQ: "Uno"}})
    assert cov["items"] == 1 and cov["with_coordinates"] == 1 and cov["by_wiki"][SQ]["now"] == 1


def test_titles_redirecting_to_one_page_are_one_item():
    items = [WorklistItem(None, SQ, "Tirana"), WorklistItem(None, SQ, "Tiranë")]
    states = [state(SQ, "Tirana", target="Tiranë"), state(SQ, "Tiranë")]
    _, cov = run(items, states)
    assert cov["items"] == 1 and cov["by_wiki"][SQ]["now"] == 1


def test_sitelink_decides_the_article_on_each_wiki_and_title_only_the_list_wiki():
    items = [WorklistItem("Q1", None, None), WorklistItem(None, SQ, "Only here")]
    states = [state(SQ, "Një"), state(EN, "One", before=False), state(SQ, "Only here")]
    articles = [{"wiki": EN, "title": "One", "status": "created"}]
    covered, cov = run(items, states, articles, sitelinks={"Q1": {SQ: "Një", EN: "One"}})
    assert cov["by_wiki"][SQ]["now"] == 2 and cov["by_wiki"][EN] == {
        "before": 0,
        "now": 1,
        "created": 1,
        "improved": 0,
    }
    assert set(covered[1].articles) == {SQ}


def test_edit_to_redirect_target_counts_for_the_item():
    items = [WorklistItem(None, SQ, "Old name")]
    states = [state(SQ, "Old name", target="New name")]
    _, cov = run(items, states, [{"wiki": SQ, "title": "New name", "status": "improved"}])
    assert cov["by_wiki"][SQ]["improved"] == 1


def test_item_without_article_anywhere_is_missing_with_its_label():
    items = [WorklistItem("Q7", SQ, None, "Dardhë")]
    _, cov = run(items, [], sitelinks={"Q7": {}})
    assert cov["missing"] == [{"item": "Q7", "title": None, "label": "Dardhë"}]


def test_image_from_list_or_page():
    items = [
        WorklistItem(None, SQ, "A", image="a.jpg"),
        WorklistItem(None, SQ, "B"),
        WorklistItem(None, SQ, "C"),
    ]
    _, cov = run(items, [state(SQ, "A"), state(SQ, "B", image=True), state(SQ, "C")])
    assert cov["with_image"] == 2


P = Point(41.327953, 19.819025)


@pytest.mark.parametrize(
    ("sensitive_state", "everywhere", "now", "coarse"),
    [
        (False, False, True, False),
        (True, False, True, True),
        (False, True, True, True),
        (False, False, False, True),
    ],
)
def test_sensitive_locations_are_coarsened(sensitive_state, everywhere, now, coarse):
    items = [WorklistItem(None, SQ, "A", point=P)]
    covered, _ = run(
        items, [state(SQ, "A", sensitive=sensitive_state, now=now)], sensitive_everywhere=everywhere
    )
    assert covered[0].point == (coarsen(P) if coarse else P)


def test_resolution_round_trips_and_gives_pages():
    r = Resolution(
        (WorklistItem("Q1", SQ, "A", "a", Point(1.5, 2.5), "x.jpg"),),
        {"Q1": {SQ: "A"}},
        {(SQ, "A"): state(SQ, "A", target="B"), (SQ, "Z"): state(SQ, "Z", now=False)},
    )
    again = Resolution.from_json(r.as_json())
    assert again == r
    assert again.pages() == frozenset({(SQ, "B")})
