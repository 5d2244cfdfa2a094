"""The command line on the web's store: people who registered privately on the web are counted in every
total and named in no output of `report` (table, json, csv tables, wikitext, html), `certificates`,
`thank` or `newsletter` (both read publishing.report_data), like the public web pages."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from test_enrolment import wiki_user
from webseed import define, seed

from wikitally.cli import main
from wikitally.reports.csv_report import TABLES
from wikitally.reports.i18n import translator
from wikitally.services import publishing, thanks
from wikitally.store import Store, enrolments

SLUG = "wikigap"
SECRET = "Vyolltsa"  # a participant with edits and an upload in the seed
COLLECTED = datetime(2024, 3, 16, tzinfo=UTC)
NOW = datetime(2024, 3, 20, tzinfo=UTC)


@pytest.fixture
def campaign_file(db: str, tmp_path: Path) -> tuple[Any, Path, str]:
    from django.conf import settings

    if db != "sqlite":
        pytest.skip("the CLI is run in-process on the web tests' SQLite file")
    definition, campaign = define(wiki_user("creator", "Creator"), slug=SLUG)
    seed(campaign, COLLECTED)
    path = tmp_path / "wikigap.toml"
    path.write_text(definition.toml, encoding="utf-8")
    return definition, path, str(settings.DATABASES["default"]["NAME"])


def run(*args: str) -> str:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


FORMATS = [
    ("table", None),
    ("json", None),
    ("wikitext", None),
    ("html", None),
    *(("csv", table) for table in TABLES),
]


@pytest.mark.parametrize(("fmt", "table"), FORMATS)
def test_report_counts_private_people_but_never_names_them(
    campaign_file, fmt: str, table: str | None
) -> None:
    definition, path, db = campaign_file
    args = [
        "report",
        str(path),
        "--no-collect",
        "--db",
        db,
        "--format",
        fmt,
        *(["--table", table] if table else []),
    ]
    before = run(*args)
    totals_before = json.loads(run("report", str(path), "--no-collect", "--db", db, "--format", "json"))[
        "totals"
    ]
    names_people = fmt != "csv" or table in ("participants", "uploads")
    if names_people:
        assert SECRET in before  # this output names people: the test can fail
    enrolments.enrol(definition, SECRET, private=True)
    after = run(*args)
    assert SECRET not in after
    shown = json.loads(run("report", str(path), "--no-collect", "--db", db, "--format", "json"))
    assert shown["totals"] == totals_before  # still counted
    assert SECRET not in [p["user"] for p in shown["by_participant"]]
    enrolments.set_private(definition, SECRET, False)  # a change of mind shows at once
    assert run(*args) == before


def test_thanks_and_certificates_leave_private_people_out(campaign_file, tmp_path: Path) -> None:
    definition, path, db = campaign_file
    campaign = publishing_campaign(path)
    store = Store("default")
    template = thanks.load_template(None)
    before = [
        m.page
        for m in thanks.compose(publishing.report_data(campaign, store, NOW), template, translator("en"))
    ]
    assert any(SECRET in page for page in before)
    enrolments.enrol(definition, SECRET, private=True)
    data = publishing.report_data(campaign, store, NOW)  # what `thank`, `certificates` and `newsletter` read
    after = [m.page for m in thanks.compose(data, template, translator("en"))]
    assert not any(SECRET in page for page in after) and len(after) == len(before) - 1
    assert SECRET not in [p["user"] for p in data.outcome["by_participant"]]
    assert data.outcome["totals"]["participants"] == len(before)  # counted
    out = tmp_path / "certificates"
    run("certificates", str(path), "--no-collect", "--db", db, "--out", str(out))
    assert not any(SECRET in f.name for f in out.iterdir()) and any(out.iterdir())


def publishing_campaign(path: Path) -> Any:
    from wikitally.campaign_file import load_campaign

    return load_campaign(str(path))
