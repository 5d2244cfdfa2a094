"""`contest marks import` and `contest submit` on a real SQLite store (no wiki needed): idempotent imports,
refused files that change nothing, errors naming the line, the audit log, submissions' checks."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from wikitally.campaign_file import load_campaign
from wikitally.cli import main
from wikitally.store import open_store
from wikitally.store.contests import ContestStore

CAMPAIGN = """
name = "Marks {name}"
start = 2026-01-01T00:00:00+00:00
end = 2026-01-10T23:59:59+00:00
wikis = ["uk.wikipedia.org", "pl.wikipedia.org"]
participants = ["Ana", "Besa"]
[contest]
entries = "{entries}"
score = "jury"
[contest.jury]
jurors = ["Juror A", "Juror B", "Juror C"]
[[contest.jury.part]]
name = "quality"
kind = "integer"
min = 0
max = 5
[[contest.jury.part]]
name = "photo"
kind = "checkbox"
value = 1
[[contest.jury.part]]
name = "length"
kind = "choice"
options = {{long = 2, short = 0}}
"""
HEADER = "juror,wiki,title,part,value\n"
GOOD = (
    HEADER
    + "Juror A,uk.wikipedia.org,Опочка,quality,4\n"
    + "Juror B,uk.wikipedia.org,Опочка,photo,1\n"
    + "Juror C,uk.wikipedia.org,Опочка,length,long\n"
)


@pytest.fixture
def files(tmp_path):
    def make(entries="auto"):
        path = tmp_path / f"{entries}.toml"
        path.write_text(CAMPAIGN.format(name=tmp_path.name + entries, entries=entries), encoding="utf-8")
        return path

    return make


def run(*args):
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def stored(path, db):
    campaign = load_campaign(path)
    cs = ContestStore(open_store(db))
    return cs.marks(campaign), cs.audit(campaign)


def test_import_is_idempotent_and_audited(files, tmp_path):
    path, db, marks = files(), str(tmp_path / "s.sqlite3"), tmp_path / "m.csv"
    marks.write_text(GOOD, encoding="utf-8")
    assert run("contest", "marks", "import", str(path), str(marks), "--db", db) == (
        0,
        f"{marks}: 3 marks changed\n",
    )
    first = stored(path, db)
    assert run("contest", "marks", "import", str(path), str(marks), "--db", db) == (
        0,
        f"{marks}: 0 marks changed\n",
    )
    assert stored(path, db) == first
    assert [(a[2], a[5], a[6], a[7]) for a in first[1]] == [
        ("mark:Juror A", "quality", None, "4"),
        ("mark:Juror B", "photo", None, "1"),
        ("mark:Juror C", "length", None, "long"),
    ]
    marks.write_text(HEADER + "Juror A,uk.wikipedia.org,Опочка,quality,5\n", encoding="utf-8")
    assert run("contest", "marks", "import", str(path), str(marks), "--db", db)[0] == 0
    _, audit = stored(path, db)
    assert (audit[-1][6], audit[-1][7]) == ("4", "5")  # old → new


@pytest.mark.parametrize(
    ("text", "line", "says"),
    [
        ("juror,wiki,title,value\n", 1, "header"),
        (
            GOOD + "Juror D,uk.wikipedia.org,Опочка,quality,4\n",
            5,
            "'Juror D' is not in [contest.jury] jurors",
        ),
        (GOOD + "Juror A,uk.wikipedia.org,Опочка,style,4\n", 5, "unknown part 'style'"),
        (GOOD + "Juror A,uk.wikipedia.org,Опочка,quality,9\n", 5, "0…5"),
        (GOOD + "Juror A,uk.wikipedia.org,Опочка,photo,yes\n", 5, "checkbox"),
        (GOOD + "Juror A,uk.wikipedia.org,Опочка,length,medium\n", 5, "'long', 'short'"),
        (GOOD + "Juror A,uk.wikipedia.org,Опочка,quality\n", 5, "4 columns"),
        (GOOD + "Juror A,uk.wikipedia.org,,quality,1\n", 5, "empty"),
        (
            HEADER
            + "\nJuror A,uk.wikipedia.org,Опочка,quality,1\nJuror A,uk.wikipedia.org,Опочка,quality,2\n",
            4,
            "already on line 3",
        ),
    ],
)
def test_a_refused_file_changes_nothing_and_names_the_line(files, tmp_path, text, line, says):
    path, db, marks = files(), str(tmp_path / "s.sqlite3"), tmp_path / "m.csv"
    marks.write_text(GOOD, encoding="utf-8")
    run("contest", "marks", "import", str(path), str(marks), "--db", db)
    before = stored(path, db)
    marks.write_text(text, encoding="utf-8")
    code, output = run("contest", "marks", "import", str(path), str(marks), "--db", db)
    assert code == 2
    assert output.startswith(f"wikitally: {marks}: line {line}: ") and says in output
    assert output.count("\n") == 1
    assert stored(path, db) == before


def test_submit_checks_and_records_once(files, tmp_path):
    db = str(tmp_path / "s.sqlite3")
    auto = files("auto")
    code, out = run(
        "contest",
        "submit",
        str(auto),
        "--user",
        "Ana",
        "--wiki",
        "uk.wikipedia.org",
        "--title",
        "X",
        "--db",
        db,
    )
    assert code == 2 and "contest.entries" in out
    path = files("submitted")
    args = ("contest", "submit", str(path), "--wiki", "uk.wikipedia.org", "--db", db)
    assert run(*args, "--user", "ana", "--title", "опочка_фортеця") == (0, "опочка_фортеця: submitted\n")
    assert run(*args, "--user", "Ana", "--title", "Опочка фортеця") == (
        0,
        "Опочка фортеця: already submitted\n",
    )
    code, out = run(*args, "--user", "Zed", "--title", "X")
    assert code == 2 and "'Zed' is not a participant" in out
    code, out = run(
        "contest",
        "submit",
        str(path),
        "--user",
        "Ana",
        "--wiki",
        "de.wikipedia.org",
        "--title",
        "X",
        "--db",
        db,
    )
    assert code == 2 and "--wiki" in out
    code, out = run(*args, "--user", "Ana", "--title", "A [[b]]")
    assert code == 2 and "--title" in out
    subs = ContestStore(open_store(db)).submissions(load_campaign(path))
    assert [(s.user, s.wiki, s.title) for s in subs] == [("Ana", "uk.wikipedia.org", "Опочка фортеця")]


def test_a_campaign_without_contest_is_told_so(tmp_path):
    path = tmp_path / "plain.toml"
    path.write_text(CAMPAIGN.split("[contest]")[0].format(name="plain"), encoding="utf-8")
    code, out = run("contest", "results", str(path), "--db", str(tmp_path / "s.sqlite3"))
    assert code == 2 and "no [contest] table" in out


@pytest.mark.parametrize(
    ("lang", "text", "says"),
    [
        ("ru", "juror,wiki,title,value\n", "строка 1: заголовок должен быть juror,wiki,title,part,value"),
        ("uk", GOOD + "Juror D,uk.wikipedia.org,Опочка,quality,4\n", "рядок 5: 'Juror D' немає серед"),
        (
            "sr",
            GOOD + "Juror A,uk.wikipedia.org,Опочка,quality,9\n",
            "ред 5: део 'quality' прима 0…5, а не 9",
        ),
        ("pl", GOOD + "Juror A,uk.wikipedia.org,Опочка,quality\n", "wiersz 5: kolumn: 4; oczekiwano juror,"),
        ("en", GOOD + "Juror A,uk.wikipedia.org,Опочка,quality\n", "line 5: 4 columns; expected juror,"),
    ],
)
def test_a_refused_file_is_explained_in_the_users_language(files, tmp_path, monkeypatch, lang, text, says):
    # As campaign-file errors: WIKITALLY_LANG (then the locale variables) picks the catalogue.
    monkeypatch.setenv("WIKITALLY_LANG", lang)
    path, marks = files(), tmp_path / "m.csv"
    marks.write_text(text, encoding="utf-8")
    code, output = run(
        "contest", "marks", "import", str(path), str(marks), "--db", str(tmp_path / "s.sqlite3")
    )
    assert code == 2 and output.count("\n") == 1
    assert output.startswith(f"wikitally: {marks}: ") and says in output, output
