"""Winners per category (overall, created / improved / translated, the worklist, each wiki) in every output,
and the outputs in the campaign's language: hand-computed expectations."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest

from wikitally.judging.categories import categories
from wikitally.judging.entries import NUMBERS, Entry
from wikitally.judging.expression import parse
from wikitally.judging.results import judge
from wikitally.judging.rules import Context
from wikitally.judging.spec import Contest, Rule
from wikitally.reports.contest import place, render_csv, render_json, render_table, render_wikitext
from wikitally.reports.contest_html import render_html
from wikitally.reports.i18n import translator

UK, PL = "uk.wikipedia.org", "pl.wikipedia.org"
HOSTILE = "<script>alert(1)</script> [[Evil]] {{x}} \u202e"


def entry(wiki, title, user, words=200, **status):
    return Entry(wiki, title, user, None, 0, dict.fromkeys(NUMBERS, 0) | {"words_added": words} | status, ())


def results(worklist=frozenset({(UK, "P1"), (PL, "P4")})):
    # points: 10 per created, 3 per improved, 5 per translated; min_words_added 100 is required.
    entries = [
        entry(UK, "P1", "Ana", created=1),  # 10
        entry(PL, "P2", "Ana", improved=1),  # 3
        entry(UK, "P3", "Besa", created=1, translated=1),  # 15
        entry(PL, "P4", "Cleo", improved=1),  # 3
        entry(UK, "P5", "Cleo", words=0, created=1),  # ineligible: 0, never in a category
    ]
    contest = Contest(
        points=parse("10*created + 3*improved + 5*translated"),
        rules=(Rule("min_words_added", "required", 100),),
    )
    return judge(contest, entries, {}, [], Context(worklist=worklist))


EXPECTED = {
    "overall": [(1, "Besa", 15, 1), (2, "Ana", 13, 2), (3, "Cleo", 3, 1)],
    "created": [(1, "Besa", 15, 1), (2, "Ana", 10, 1)],
    "improved": [(1, "Ana", 3, 1), (1, "Cleo", 3, 1)],
    "translated": [(1, "Besa", 15, 1)],
    "worklist": [(1, "Ana", 10, 1), (2, "Cleo", 3, 1)],
    f"wiki:{PL}": [(1, "Ana", 3, 1), (1, "Cleo", 3, 1)],
    f"wiki:{UK}": [(1, "Besa", 15, 1), (2, "Ana", 10, 1)],
}


def test_categories_hand_computed():
    got = {
        k: [(s.rank, s.participant, s.score, s.entries) for s in v] for k, v in categories(results()).items()
    }
    assert got == EXPECTED
    assert list(got) == list(EXPECTED)  # the order the outputs show them in


def test_no_worklist_no_topic_category():
    assert "worklist" not in categories(results(worklist=None))


def test_json_keeps_the_contract_and_adds_categories():
    data = json.loads(render_json(results()))
    assert {"entries", "ranking"} < set(data)
    got = {
        c["category"]: [(r["rank"], r["participant"], r["score"], r["entries"]) for r in c["ranking"]]
        for c in data["categories"]
    }
    assert got == EXPECTED
    assert [(c["kind"], c["wiki"]) for c in data["categories"]][-2:] == [("wiki", PL), ("wiki", UK)]


def test_csv_of_categories():
    rows = list(csv.reader(io.StringIO(render_csv(results(), "categories"))))
    assert rows[0] == ["category", "rank", "participant", "score", "entries"]
    assert rows[1:4] == [
        ["overall", "1", "Besa", "15.00", "1"],
        ["overall", "2", "Ana", "13.00", "2"],
        ["overall", "3", "Cleo", "3.00", "1"],
    ]
    assert len(rows) == 1 + sum(len(v) for v in EXPECTED.values())


@pytest.mark.parametrize(
    ("lang", "rank", "text"),
    [
        ("en", 1, "1st place"),
        ("en", 3, "3rd place"),
        ("en", 4, "Place 4"),
        ("ru", 2, "2-е место"),
        ("pl", 12, "12. miejsce"),
    ],
)
def test_places_are_translated(lang, rank, text):
    assert place(translator(lang), rank) == text


def test_wikitext_winners_per_category_in_russian():
    text = render_wikitext(results(), "Марафон", UK, translator("ru"))
    assert text.startswith("== <bdi>Марафон</bdi>&#58; итоги ==")  # as the report escapes its title
    winners = text.split("=== Рейтинг ===")[0]
    assert "! Номинация !! 1-е место !! 2-е место !! 3-е место" in winners
    assert (
        "| Общий зачёт || [[User:Besa|Besa]] (15.00) || [[User:Ana|Ana]] (13.00) || [[User:Cleo|Cleo]] (3.00)"
        in winners
    )
    assert f"| {PL} || [[User:Ana|Ana]], [[User:Cleo|Cleo]] (3.00) || – || –" in winners
    assert "| Статьи из списка тем || [[User:Ana|Ana]] (10.00) || [[User:Cleo|Cleo]] (3.00) || –" in winners
    assert "| нет || min_words_added ||" in text  # Cleo's ineligible entry, with its reason


def test_table_in_the_campaigns_language():
    table = render_table(results(), t=translator("uk"))
    assert "Рейтинг" in table and "Заявки" in table and "так" in table and "ні" in table


def test_html_is_translated_escaped_and_scriptless():
    rows = [*results().entries]
    hostile = judge(Contest(points=parse("1")), [entry(UK, HOSTILE, HOSTILE, created=1)], {}, [], Context())
    page = render_html(hostile, HOSTILE, translator("ru"))
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "script-src" not in page and "default-src &#x27;none&#x27;" in page  # no script allowed
    page = render_html(results(), "Марафон", translator("ru"))
    assert '<html lang="ru" dir="ltr">' in page and "Победители" in page and "1-е место" in page
    assert "5 заявок · 3 участника" in page  # real plurals
    assert len(re.findall(r"<tr[ >]", page)) == 1 + len(EXPECTED) + 1 + 3 + 1 + len(rows)
    assert 'href="https://uk.wikipedia.org/wiki/P1"' in page


def test_html_with_no_entries_says_so():
    empty = judge(Contest(points=parse("1")), [], {}, [], Context())
    assert "Заявок пока нет." in render_html(empty, "X", translator("ru"))
