"""The campaign file's [contest] table: the issue's example parses; every bad value is one line naming the
key, exit 2; a campaign without the table is exactly as before."""

import os
import string
import subprocess
import sys
import tomllib
from datetime import date
from decimal import Decimal

import pytest

from wikitally import contest_file
from wikitally.campaign_file import parse_campaign, username_template
from wikitally.contest_file import parse_contest
from wikitally.errors import CampaignFileError
from wikitally.judging.spec import RULE_KINDS
from wikitally.reports.i18n import LANGUAGES, translator

BASE = """
name = "Winter Marathon"
start = 2026-01-01T00:00:00+00:00
end = 2026-01-10T23:59:59+00:00
wikis = ["uk.wikipedia.org"]
participants = ["Ana", "Besa"]
"""
EXAMPLE = """
[contest]
entries = "auto"
score = "points"
points = "10*created + 3*improved + words_added/100 + 0.5*references_added"
[[contest.rule]]
kind = "min_words"
value = 300
mode = "required"
[contest.jury]
jurors = ["Juror A", "Juror B", "Juror C"]
min_marks = 2
hidden = true
[[contest.jury.part]]
name = "quality"
kind = "integer"
min = 0
max = 5
"""


def parse(text):
    return parse_campaign(tomllib.loads(BASE + text), "c.toml")


def test_the_issues_example_parses():
    contest = parse(EXAMPLE).contest
    assert contest.entries == "auto" and contest.score == "points"
    assert contest.points.evaluate({"created": 1, "words_added": 250}) == Decimal("12.5")
    assert [(r.kind, r.mode, r.value) for r in contest.rules] == [("min_words", "required", 300)]
    assert contest.jury.jurors == ("Juror A", "Juror B", "Juror C")
    assert contest.jury.min_marks == 2 and contest.jury.hidden
    assert contest.jury.parts[0].kind == "integer" and contest.jury.parts[0].max == 5


def test_a_campaign_without_contest_is_as_before():
    campaign = parse("")
    assert campaign.contest is None
    assert parse_campaign(tomllib.loads(BASE), "c.toml") == campaign


@pytest.mark.parametrize(
    ("kind", "value", "expected"),
    [
        ("created_in_window", None, None),
        ("min_bytes", 1000, 1000),
        ("min_words", 0, 0),
        ("min_words_added", 50, 50),
        ("min_references", 3, 3),
        ("creator_is_participant", None, None),
        ("registered_after", date(2025, 12, 1), date(2025, 12, 1)),
        ("namespace", [118, 0], (0, 118)),
        ("in_category", "Opochka district", "Opochka district"),
        ("in_category", "opochka_district", "Opochka district"),
        ("not_translated", None, None),
    ],
)
def test_every_rule_kind(kind, value, expected):
    rule = {"kind": kind, "mode": "optional"} | ({} if value is None else {"value": value})
    contest = parse_contest({"contest": {"points": "edits", "rule": [rule]}}, "c.toml", username_template)
    assert (
        contest.rules[0].kind == kind
        and contest.rules[0].value == expected
        and contest.rules[0].mode == "optional"
    )


def test_every_kind_is_tested():
    assert set(RULE_KINDS) - {"on_worklist"} == {
        "created_in_window",
        "min_bytes",
        "min_words",
        "min_words_added",
        "min_references",
        "creator_is_participant",
        "registered_after",
        "namespace",
        "in_category",
        "not_translated",
    }


def test_on_worklist_needs_a_worklist_key():
    rule = {"kind": "on_worklist"}
    with pytest.raises(CampaignFileError) as e:
        parse_contest({"contest": {"points": "edits", "rule": [rule]}}, "c.toml", username_template)
    assert "contest.rule[1].kind" in str(e.value) and "worklist" in str(e.value)
    for key in ("worklist", "worklist_categories", "worklist_files"):
        contest = parse_contest(
            {key: ["x"], "contest": {"points": "edits", "rule": [rule]}}, "c.toml", username_template
        )
        assert contest.rules[0].kind == "on_worklist" and contest.worklist_keys == (key,)


# Bad [contest] tables and the key each error names.
BAD = [
    ('points = "1"\n[[contest.rule]]\nkind = "on_worklist"', "contest.rule[1].kind"),
    ('points = "1"\n[[contest.rule]]\nkind = "in_category"\nvalue = 3', "contest.rule[1].value"),
    ('points = "1"\nrule = 3', "contest.rule"),
    ('points = "1"\nrule = [3]', "contest.rule[1]"),
    ('points = "1"\n[[contest.round]]\nadvance = 1', "contest.round"),
    (
        'score = "jury"\n[contest.jury]\njurors = ["A|B"]\n[[contest.jury.part]]\nname = "q"\nkind = "integer"\nmax = 1',
        "contest.jury.jurors",
    ),
    (
        'score = "jury"\n[contest.jury]\njurors = ["A"]\nmode = "shared"\n[[contest.jury.part]]\nname = "q"\nkind = "integer"\nmax = 1',
        "contest.jury.mode",
    ),
    (
        'score = "jury"\n[contest.jury]\njurors = ["A"]\n[[contest.jury.part]]\nname = "q"\nkind = "integer"\nmax = 1\n[[contest.jury.part]]\nname = ""\nkind = "integer"\nmax = 1',
        "contest.jury.part[2].name",
    ),
    (
        'score = "jury"\n[contest.jury]\njurors = ["A"]\n[[contest.jury.part]]\nname = "q"\nkind = "integer"\nmax = 1\nmin = 0.5',
        "contest.jury.part[1].min",
    ),
    (
        'score = "jury"\n[contest.jury]\njurors = ["A"]\n[[contest.jury.part]]\nname = "q"\nkind = "choice"\noptions = 2',
        "contest.jury.part[1].options",
    ),
    (
        'score = "jury"\n[contest.jury]\njurors = ["A"]\n[[contest.jury.part]]\nname = "q"\nkind = "integer"\nmax = 1\n[[contest.round]]\nname = ""\nadvance = 1',
        "contest.round[1].name",
    ),
    (
        'score = "jury"\n[contest.jury]\njurors = ["A"]\n[[contest.jury.part]]\nname = "q"\nkind = "integer"\nmax = 1\n[[contest.round]]\nadvance = 0',
        "contest.round[1].advance",
    ),
    (
        'score = "jury"\n[contest.jury]\njurors = ["A"]\n[[contest.jury.part]]\nname = "q"\nkind = "integer"\nmax = 1\n[[contest.round]]\nadvance = 1\nparts = "q"',
        "contest.round[1].parts",
    ),
    (
        'score = "jury"\n[contest.jury]\njurors = ["A"]\n[[contest.jury.part]]\nname = "q"\nkind = "integer"\nmax = 1\n[[contest.round]]\nadvance = 1\nparts = ["z"]',
        "contest.round[1].parts",
    ),
    ('entries = "all"\npoints = "1"', "contest.entries"),
    ('score = "votes"\npoints = "1"', "contest.score"),
    ('score = "points"', "contest.points"),
    ('points = "10*createdd"', "contest.points"),
    ('points = "1 +"', "contest.points"),
    ("points = 3", "contest.points"),
    ('points = "1"\nprizes = 3', "contest.prizes"),
    ('points = "1"\n[[contest.rule]]\nkind = "min_wordz"\nvalue = 3', "contest.rule[1].kind"),
    ('points = "1"\n[[contest.rule]]\nkind = "min_words"', "contest.rule[1].value"),
    ('points = "1"\n[[contest.rule]]\nkind = "min_words"\nvalue = -1', "contest.rule[1].value"),
    ('points = "1"\n[[contest.rule]]\nkind = "min_words"\nvalue = "300"', "contest.rule[1].value"),
    (
        'points = "1"\n[[contest.rule]]\nkind = "min_words"\nvalue = 3\nmode = "must"',
        "contest.rule[1].mode",
    ),
    ('points = "1"\n[[contest.rule]]\nkind = "created_in_window"\nvalue = 3', "contest.rule[1].value"),
    (
        'points = "1"\n[[contest.rule]]\nkind = "registered_after"\nvalue = "2024-01-01"',
        "contest.rule[1].value",
    ),
    (
        'points = "1"\n[[contest.rule]]\nkind = "registered_after"\nvalue = 2024-01-01T00:00:00Z',
        "contest.rule[1].value",
    ),
    ('points = "1"\n[[contest.rule]]\nkind = "namespace"\nvalue = ["0"]', "contest.rule[1].value"),
    (
        'points = "1"\n[[contest.rule]]\nkind = "in_category"\nvalue = "Category:X"',
        "contest.rule[1].value",
    ),
    ('points = "1"\n[[contest.rule]]\nkind = "min_words"\nvalue = 3\nextra = 1', "contest.rule[1].extra"),
    ('score = "jury"', "contest.jury"),
    ('score = "jury"\n[contest.jury]\njurors = []', "contest.jury.jurors"),
    (
        'score = "jury"\n[contest.jury]\njurors = ["A", "a"]\n[[contest.jury.part]]\nname = "q"\nkind = "integer"\nmax = 1',
        "contest.jury.jurors",
    ),
    (
        'score = "jury"\n[contest.jury]\njurors = ["A"]\nmin_marks = 2\n[[contest.jury.part]]\nname = "q"\nkind = "integer"\nmax = 1',
        "contest.jury.min_marks",
    ),
    (
        'score = "jury"\n[contest.jury]\njurors = ["A"]\nhidden = "yes"\n[[contest.jury.part]]\nname = "q"\nkind = "integer"\nmax = 1',
        "contest.jury.hidden",
    ),
    ('score = "jury"\n[contest.jury]\njurors = ["A"]', "contest.jury.part"),
    (
        'score = "jury"\n[contest.jury]\njurors = ["A"]\n[[contest.jury.part]]\nname = "q"\nkind = "stars"',
        "contest.jury.part[1].kind",
    ),
    (
        'score = "jury"\n[contest.jury]\njurors = ["A"]\n[[contest.jury.part]]\nname = "q"\nkind = "integer"',
        "contest.jury.part[1].max",
    ),
    (
        'score = "jury"\n[contest.jury]\njurors = ["A"]\n[[contest.jury.part]]\nname = "q"\nkind = "integer"\nmin = 5\nmax = 1',
        "contest.jury.part[1].max",
    ),
    (
        'score = "jury"\n[contest.jury]\njurors = ["A"]\n[[contest.jury.part]]\nname = "q"\nkind = "checkbox"',
        "contest.jury.part[1].value",
    ),
    (
        'score = "jury"\n[contest.jury]\njurors = ["A"]\n[[contest.jury.part]]\nname = "q"\nkind = "checkbox"\nvalue = 1\nmax = 2',
        "contest.jury.part[1].max",
    ),
    (
        'score = "jury"\n[contest.jury]\njurors = ["A"]\n[[contest.jury.part]]\nname = "q"\nkind = "choice"\noptions = {good = "two"}',
        "contest.jury.part[1].options.good",
    ),
    (
        'score = "jury"\n[contest.jury]\njurors = ["A"]\n[[contest.jury.part]]\nname = "q"\nkind = "integer"\nmax = 1\n[[contest.jury.part]]\nname = "q"\nkind = "integer"\nmax = 1',
        "contest.jury.part[2].name",
    ),
]


@pytest.mark.parametrize(
    ("table", "field"),
    BAD,
)
def test_bad_values_name_the_key(table, field):
    with pytest.raises(CampaignFileError) as e:
        parse("[contest]\n" + table)
    assert e.value.field == field
    assert str(e.value).startswith(f"c.toml: {field}: ") and "\n" not in str(e.value)


def test_bad_points_names_the_column():
    with pytest.raises(CampaignFileError) as e:
        parse('[contest]\npoints = "10*created + 3*improvd"')
    assert "column 16: unknown name 'improvd' (did you mean improved?)" in str(e.value)


def test_the_cli_exits_2_with_one_line(tmp_path):
    path = tmp_path / "c.toml"
    path.write_text(BASE + '[contest]\npoints = "words_added ** 2"\n', encoding="utf-8")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "wikitally.cli",
            "contest",
            "results",
            str(path),
            "--db",
            str(tmp_path / "x.sqlite3"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [done.stderr.strip()]
    assert "contest.points: column 14" in done.stderr


@pytest.mark.parametrize(("line", "mode"), [("", "independent"), ('mode = "consensual"\n', "consensual")])
def test_the_jurys_mode_defaults_to_independent(line, mode):
    text = EXAMPLE.replace("hidden = true\n", "hidden = true\n" + line)
    assert parse(text).contest.jury.mode == mode


def test_an_unknown_jury_mode_names_the_key():
    with pytest.raises(
        CampaignFileError, match=r"contest\.jury\.mode: must be one of independent, consensual"
    ):
        parse(EXAMPLE.replace("hidden = true\n", 'hidden = true\nmode = "shared"\n'))


def _fields(template):
    return {name for _text, name, _spec, _conv in string.Formatter().parse(template) if name}


def test_every_template_is_met_by_a_bad_table():
    met: set[str] = set()
    for table, _field in BAD:
        with pytest.raises(CampaignFileError) as e:
            parse("[contest]\n" + table)
        met |= {e.value.problem_template, e.value.fix_template}
    marked = {
        value
        for name, value in vars(contest_file).items()
        if name.isupper() and isinstance(value, str) and name not in ("WORKLIST_KEYS",)
    }
    assert marked - met == set()


@pytest.mark.parametrize(("table", "field"), BAD)
def test_every_error_is_a_template_translated_in_every_language(table, field):
    with pytest.raises(CampaignFileError) as e:
        parse("[contest]\n" + table)
    error = e.value
    assert error.params is not None, str(error)  # a marked template with its values, not a finished sentence
    templates = [t for t in (error.problem_template, error.fix_template) if t]
    for template in templates:
        assert _fields(template) <= set(error.params), (template, error.params)
    for language in sorted(set(LANGUAGES) - {"en"}):
        gettext = translator(language).gettext
        for template in templates:
            assert gettext(template) != template, (language, template)  # translated, not fuzzy
            assert _fields(gettext(template)) == _fields(template), (language, template)
        line = error.line(gettext)
        assert line.startswith(f"c.toml: {field}: ") and "\n" not in line


@pytest.mark.parametrize(
    ("env", "words"),
    [
        (
            {"WIKITALLY_LANG": "uk"},
            "має бути цілим числом від 1 до кількості членів журі (1); напишіть min_marks = 2",
        ),
        (
            {"LANG": "ru_RU.UTF-8"},
            "должно быть целым числом от 1 до числа членов жюри (1); напишите min_marks = 2",
        ),
        (
            {"LANG": "C.UTF-8"},
            "must be a whole number from 1 to the number of jurors (1); write min_marks = 2",
        ),
    ],
)
def test_the_cli_says_a_contest_error_in_the_users_language(tmp_path, env, words):
    path = tmp_path / "c.toml"
    contest = '[contest]\nscore = "jury"\n[contest.jury]\njurors = ["A"]\nmin_marks = 3\n'
    path.write_text(
        BASE + contest + '[[contest.jury.part]]\nname = "q"\nkind = "integer"\nmax = 5\n', "utf-8"
    )
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in ("WIKITALLY_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES")
    }
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "wikitally.cli",
            "contest",
            "results",
            str(path),
            "--db",
            str(tmp_path / "x.db"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        env={**clean, **env},
    )
    assert done.returncode == 2
    assert done.stderr == f"wikitally: {path}: contest.jury.min_marks: {words}\n"
