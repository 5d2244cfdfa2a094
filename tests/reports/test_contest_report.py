"""The contest's renderers: every format carries every entry; hostile wiki strings stay data."""

import csv
import io
import json

from wikitally.judging.entries import NUMBERS, Entry
from wikitally.judging.expression import parse
from wikitally.judging.results import judge
from wikitally.judging.rules import Context
from wikitally.judging.spec import Contest, Rule
from wikitally.reports.contest import render_csv, render_json, render_table, render_wikitext

HOSTILE = "[[Evil]] {{x}} ''b'' =cmd|' /C calc'!A0 \u202e"


def results():
    rows = []
    for title, user, words in (("Опочка", "Ana", 500), (HOSTILE, "=HYPERLINK(1)", 20), ("Zeta", "Besa", 500)):
        numbers = dict.fromkeys(NUMBERS, 0) | {"words_added": words, "created": 1}
        rows.append(Entry("uk.wikipedia.org", title, user, None, 0, numbers, ()))
    contest = Contest(
        points=parse("words_added/100 + 10*created"), rules=(Rule("min_words_added", "required", 100),)
    )
    return judge(contest, rows, {}, [], Context())


def test_json_is_the_contract_shape():
    data = json.loads(render_json(results()))
    assert set(data) == {"entries", "ranking", "categories"}  # the contract's keys, extended by categories
    assert set(data["entries"][0]) == {
        "wiki",
        "title",
        "participant",
        "eligible",
        "failed",
        "warnings",
        "info",
        "points",
        "jury",
        "marks",
        "score",
        "deleted",
    }
    assert [(r["rank"], r["participant"], r["score"]) for r in data["ranking"]] == [
        (1, "Ana", 15),
        (1, "Besa", 15),
        (2, "=HYPERLINK(1)", 0),
    ]


def test_csv_defuses_formulas():
    rows = list(csv.reader(io.StringIO(render_csv(results()))))
    assert rows[0][:3] == ["wiki", "title", "participant"] and len(rows) == 4
    assert all(not cell.startswith(("=", "+", "-", "@")) for row in rows[1:] for cell in row)


def test_wikitext_escapes_and_names_winners():
    text = render_wikitext(results(), "Marathon ''2026''", "uk.wikipedia.org")
    assert "[[Evil]]" not in text and "{{x}}" not in text and "''b''" not in text and "''2026''" not in text
    assert "[[:uk:Опочка|Опочка]]" in text
    winners = text.split("=== Ranking ===")[0]
    assert "[[User:Ana|Ana]], [[User:Besa|Besa]]" in winners


def test_table_lists_reasons():
    table = render_table(results())
    assert "min_words_added" in table and "Опочка" in table and "\u202e" not in table
