"""Spark local mode (Debian's OpenJDK): the parser inside Spark tasks, one per dump file, and the same
campaign query on Spark as on DuckDB, over the same Parquet."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import synthetic
from click.testing import CliRunner

from wikitally.cli import main

pytestmark = pytest.mark.skipif(
    shutil.which("java") is None, reason="Spark needs Java (openjdk-17-jre-headless)"
)


def test_spark_ingests_and_reports_like_local_and_duckdb(tmp_path: Path) -> None:
    # One history split by page range into two files, as Wikimedia splits big wikis (disjoint revision ids).
    whole = tmp_path / "whole.xml"
    with open(whole, "wb") as f:
        synthetic.write(f, synthetic.Spec(pages=80, seed=41, users=8))
    text = whole.read_bytes()
    head_end = text.index(b"  <page>")
    pages = text[head_end : text.rindex(b"</mediawiki>")].split(b"  </page>\n")[:-1]
    files = []
    for part, chunk in enumerate((pages[:40], pages[40:]), start=1):
        path = tmp_path / f"wiki-pages-meta-history{part}.xml"
        path.write_bytes(text[:head_end] + b"".join(p + b"  </page>\n" for p in chunk) + b"</mediawiki>\n")
        files.append(str(path))
    campaign = tmp_path / "c.toml"
    campaign.write_text(
        'name = "S"\nstart = 2024-01-01T00:00:00Z\nend = 2024-03-01T00:00:00Z\nwikis = ["sr.wikipedia.org"]\n'
        'participants = ["Editor 1", "Editor 2", "Editor 3", "Editor 4", "Уредник 0"]\n',
        encoding="utf-8",
    )
    runner = CliRunner()
    for engine, out in (("local", "local"), ("spark", "spark")):
        done = runner.invoke(
            main,
            [
                "ingest",
                *files,
                "--out",
                str(tmp_path / out),
                "--engine",
                engine,
                "-q",
                "--campaign",
                str(campaign),
            ],
        )
        assert done.exit_code == 0, done.output
    reports = {}
    for source, engine in (("local", "duckdb"), ("spark", "duckdb"), ("local", "spark")):
        done = runner.invoke(
            main,
            [
                "report",
                str(campaign),
                "--source",
                str(tmp_path / source),
                "--engine",
                engine,
                "--format",
                "json",
            ],
        )
        assert done.exit_code == 0, done.output
        reports[(source, engine)] = json.loads(done.stdout)
    first = reports[("local", "duckdb")]
    assert first["totals"]["edits"] > 0 and first["totals"]["words_added"] > 0
    for other in reports.values():
        assert {k: other[k] for k in ("totals", "by_wiki", "by_participant", "articles")} == {
            k: first[k] for k in ("totals", "by_wiki", "by_participant", "articles")
        }
    assert "Spark started in" in done.stderr


def test_the_documented_spark_submit_run_works_in_local_mode(tmp_path: Path) -> None:
    """docs/dumps.md's cluster example, with `--master local[2]` for `yarn` and this virtualenv for the packed
    one: spark-submit runs wikitally's cli.py, whose ingest and report then take spark-submit's session."""
    import subprocess
    import sys

    import wikitally.cli

    spark_submit = Path(sys.executable).parent / "spark-submit"
    if not spark_submit.exists():
        pytest.skip("no spark-submit next to this Python (pyspark's)")
    dump = tmp_path / "srwiki-pages-meta-history1.xml"
    with open(dump, "wb") as f:
        synthetic.write(f, synthetic.Spec(pages=40, seed=43, users=6))
    campaign = tmp_path / "c.toml"
    campaign.write_text(
        'name = "S"\nstart = 2024-01-01T00:00:00Z\nend = 2024-03-01T00:00:00Z\nwikis = ["sr.wikipedia.org"]\n'
        'participants = ["Editor 1", "Editor 2", "Editor 3", "Editor 4"]\n',
        encoding="utf-8",
    )
    submit = [
        str(spark_submit),
        "--master",
        "local[2]",
        "--conf",
        f"spark.pyspark.python={sys.executable}",
        "--conf",
        "spark.ui.enabled=false",
        wikitally.cli.__file__,
    ]
    env = {**__import__("os").environ, "PYSPARK_PYTHON": sys.executable}
    facts = tmp_path / "facts"
    ingest = subprocess.run(
        [*submit, "ingest", str(dump), "--out", str(facts), "--engine", "spark", "--campaign", str(campaign)],
        capture_output=True,
        text=True,
        env=env,
        timeout=1200,
    )
    assert ingest.returncode == 0, ingest.stderr[-2000:]
    entries = json.loads((facts / "manifest.json").read_text())["files"]
    assert [e["status"] for e in entries.values()] == ["ingested"] and len(list((facts / "firsts").glob("*")))
    report = subprocess.run(
        [
            *submit,
            "report",
            str(campaign),
            "--source",
            str(facts),
            "--engine",
            "spark",
            "--format",
            "json",
            "-o",  # spark-submit merges the Python driver's stderr (the notes) into its stdout
            str(tmp_path / "report.json"),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=1200,
    )
    assert report.returncode == 0, report.stderr[-2000:]
    local = CliRunner().invoke(
        main, ["report", str(campaign), "--source", str(facts), "--format", "json", "--quiet"]
    )
    assert local.exit_code == 0, local.output
    got, want = json.loads((tmp_path / "report.json").read_text()), json.loads(local.stdout)
    assert got["totals"] == want["totals"] and got["by_participant"] == want["by_participant"]
    assert want["totals"]["edits"] > 0


def test_first_edits_take_hostile_usernames_literally_on_both_engines(tmp_path: Path) -> None:
    # The first-edit query lists the users as literals (Spark pushes them into the scan): a quote, a
    # backslash or SQL in a username must select that user and nothing else, on DuckDB and on Spark.
    import duckdb

    from wikitally.services.dump_report import DUCKDB, SPARK, DuckEngine, SparkEngine, first_edits_sql

    firsts = tmp_path / "firsts.parquet"
    users = ["O'Brien", "Back\\slash", "x' OR '1'='1", "Plain", "Other"]
    con = duckdb.connect()
    con.execute(
        "COPY (SELECT * FROM (VALUES "
        + ", ".join(
            f"('sr.wikipedia.org', '{u.replace(chr(39), chr(39) * 2)}', TIMESTAMPTZ '2020-01-0{i + 1} 00:00:00+00')"
            for i, u in enumerate(users)
        )
        + ') t(wiki, "user", first_edit)) TO \''
        + str(firsts)
        + "' (FORMAT parquet)"
    )
    facts = tmp_path / "facts.parquet"
    con.execute(
        f"COPY (SELECT 'sr.wikipedia.org' AS wiki, 'Plain' AS \"user\") TO '{facts}' (FORMAT parquet)"
    )
    wanted = ["O'Brien", "Back\\slash", "x' OR '1'='1"]
    for engine, dialect in (
        (DuckEngine([facts], [firsts], []), DUCKDB),
        (SparkEngine([facts], [firsts], []), SPARK),
    ):
        got = engine.rows(first_edits_sql(dialect, ["sr.wikipedia.org"], wanted))
        assert sorted(r["user"] for r in got) == sorted(wanted), dialect
        assert engine.rows(first_edits_sql(dialect, ["xx.wikipedia.org"], wanted)) == []
