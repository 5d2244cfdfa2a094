"""Wikidata numbers end to end on a real MediaWiki 1.39: entity documents in the documented Wikibase JSON
serialization, saved as pages of a JSON-content-model namespace (Item:, 120; scripts/start-wiki.sh), collected
and reported through the command line in every format."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from wikis import LocalWiki

pytestmark = pytest.mark.wiki
WIKITALLY = [sys.executable, "-m", "wikitally.cli"]
FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "wikibase"


def fixture(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def campaign_file(tmp_path: Path, wiki: LocalWiki, start: datetime, body: str, name: str) -> Path:
    text = (
        f'name = "{name}"\nstart = {start.isoformat()}\nend = {(start + timedelta(days=1)).isoformat()}\n'
        f'wikis = ["{wiki.domain}"]\n{body}\n[api]\n"{wiki.domain}" = "{wiki.api}"\n'
    )
    path = tmp_path / f"{name}.toml"
    path.write_text(text, encoding="utf-8")
    return path


def wikitally(*args: str, db: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, WIKITALLY_DB=db, WIKITALLY_CONTACT="tests@wikitally.invalid")
    return subprocess.run([*WIKITALLY, *args], capture_output=True, text=True, env=env, timeout=300)


@pytest.fixture(scope="module")
def edits(wiki_a: LocalWiki) -> datetime:
    """Ana writes item Q4115189 in three revisions and creates an empty item; Besa writes an article."""
    start = datetime.now(UTC).replace(microsecond=0) - timedelta(minutes=1)
    ana = wiki_a.create_user("Wd Ana")
    besa = wiki_a.create_user("Wd Besa")
    for i in (1, 2, 3):
        ana.edit("Item:Q4115189", fixture(f"Q4115189.r{i}.json"), summary=f"r{i}")
    ana.edit("Item:Q99", fixture("Q99.empty.json"))
    besa.edit("Wd Berat", "The castle of Berat is old.<ref>Source.</ref>")
    return start


WIKIBASE = 'participants = ["Wd Ana", "Wd Besa"]\nnamespaces = [0, 120]\n[wikibase_namespaces]\n"a.wiki.test" = [120]'


def test_the_wikidata_numbers_of_a_campaign_on_a_wikibase_wiki(tmp_path, wiki_a, edits):
    path = campaign_file(tmp_path, wiki_a, edits, WIKIBASE, "Wd live")
    db = str(tmp_path / "wd.sqlite3")
    done = wikitally("report", str(path), "--format", "json", "--quiet", db=db)
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    # By hand from the fixtures (tests/metrics/test_wikibase.py): r1 +2 statements, +1 reference, +4 terms,
    # +1 sitelink; r2 +1 reference, +2 terms; r3 +1/-1 statement, +1 reference, +1 sitelink; Q99 nothing.
    expected = {
        "wikidata_edits": 4,
        "wikidata_items_created": 2,
        "wikidata_statements_added": 3,
        "wikidata_statements_removed": 1,
        "wikidata_references_added": 3,
        "wikidata_labels_added": 6,
        "wikidata_sitelinks_added": 2,
    }
    assert {k: out["totals"][k] for k in expected} == expected
    assert {k: out["by_wiki"][wiki_a.domain][k] for k in expected} == expected
    people = {row["user"]: row for row in out["by_participant"]}
    assert {k: people["Wd Ana"][k] for k in expected} == expected
    assert people["Wd Besa"]["wikidata_edits"] == 0 and people["Wd Besa"]["words_added"] == 6
    assert out["totals"]["edits"] == 5 and out["totals"]["words_added"] == 6  # JSON adds no words
    assert out["campaign"]["wikibase_wikis"] == [wiki_a.domain]

    # Collecting again measures nothing again and changes nothing.
    again = wikitally("report", str(path), "--format", "json", "--quiet", db=db)
    assert json.loads(again.stdout)["totals"] == out["totals"]

    rows = list(
        csv.DictReader(
            io.StringIO(wikitally("report", str(path), "--format", "csv", "--no-collect", db=db).stdout)
        )
    )
    assert rows[0]["scope"] == "campaign" and rows[0]["wikidata_statements_added"] == "3"
    wikitext = wikitally("report", str(path), "--format", "wikitext", "--no-collect", db=db).stdout
    assert "=== Wikidata ===" in wikitext and "Wikidata: 4 revisions, 3 statements." in wikitext
    html = wikitally("report", str(path), "--format", "html", "--no-collect", db=db).stdout
    assert 'id="wikidata"' in html and "Statements added" in html
    table = wikitally("report", str(path), "--no-collect", db=db).stdout
    assert "Wikidata statements added" in table


def test_the_same_wiki_without_a_wikibase_namespace_shows_nothing_new(tmp_path, wiki_a, edits):
    body = 'participants = ["Wd Ana", "Wd Besa"]\nnamespaces = [0, 120]'
    path = campaign_file(tmp_path, wiki_a, edits, body, "Wd plain")
    db = str(tmp_path / "plain.sqlite3")
    done = wikitally("report", str(path), "--format", "json", "--quiet", db=db)
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert out["totals"]["edits"] == 5 and "wikidata" not in json.dumps(out)
    for fmt in ("csv", "wikitext", "html"):
        shown = wikitally("report", str(path), "--format", fmt, "--no-collect", db=db).stdout
        assert "Statements" not in shown and "revisions" not in shown
        if fmt == "html":  # the stylesheet names the section's tables; the page has no such section
            assert 'id="wikidata"' not in shown and "Wikidata" not in shown
        else:
            assert "wikidata" not in shown.lower()
