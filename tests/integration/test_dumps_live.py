"""The same numbers two ways: a real MediaWiki's own dump (dumpBackup.php --full), ingested and reported with
--source, against the API collection of the same campaign — every field of `totals` and `by_participant`."""

from __future__ import annotations

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


def _run(*args: str, db: str = "") -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, WIKITALLY_CONTACT="tests@wikitally.invalid")
    if db:
        env["WIKITALLY_DB"] = db
    return subprocess.run([*WIKITALLY, *args], capture_output=True, text=True, env=env, timeout=600)


def test_dump_and_api_give_the_same_numbers(tmp_path: Path, wiki_a: LocalWiki) -> None:
    start = datetime.now(UTC).replace(microsecond=0) - timedelta(minutes=1)
    alice = wiki_a.create_user("Dump Alice")
    bob = wiki_a.create_user("Dump Bob")
    first = "Дамп is a river in the north.<ref>Atlas, p. 4.</ref> It flows west."
    alice.edit("Dump River", first, summary="new article #dumpcheck")
    bob.edit("Dump River", first + "\n\nA bridge crosses it.<ref name=b>Bridges.</ref> Fish live there.")
    bad = first + "\n\nVANDALISM VANDALISM"
    bob.edit("Dump River", bad, summary="oops")
    bob.edit("Dump River", bad + " more", summary="more oops")
    # Alice restores an earlier text exactly: an identity revert. With RC patrol on (MediaWiki's default) and
    # Alice not autopatrolled, MediaWiki tags Bob's two edits mw-reverted only once the revert is patrolled.
    revert = alice.edit(
        "Dump River",
        first + "\n\nA bridge crosses it.<ref name=b>Bridges.</ref> Fish live there.",
        summary="rv",
    )
    alice.edit(
        "Dump Town", "A town of '''many''' [[Dump River|rivers]].{{sfn|Smith|2020|p=3}}", summary="#dumpcheck"
    )
    alice.edit("Talk:Dump Town", "Not counted: a talk page.")
    bob.edit("Dump Alias", "#REDIRECT [[Dump Town]]")
    bob.edit("Dump Town", "A town of '''many''' [[Dump River|rivers]]. Its footnote went.")
    wiki_a.admin().patrol(revert)
    wiki_a.run_jobs()

    campaign = tmp_path / "campaign.toml"
    campaign.write_text(
        f'name = "Dump check {tmp_path.name}"\nstart = {start.isoformat()}\n'
        f'end = {(start + timedelta(days=1)).isoformat()}\nwikis = ["{wiki_a.domain}"]\n'
        'participants = ["Dump Alice", "Dump Bob"]\n'
        f'[api]\n"{wiki_a.domain}" = "{wiki_a.api}"\n',
        encoding="utf-8",
    )
    api = _run("report", str(campaign), "--format", "json", "--quiet", db=str(tmp_path / "api.sqlite3"))
    assert api.returncode == 0, api.stderr

    dump = tmp_path / "testwiki-pages-meta-history.xml.bz2"
    wiki_a.maintenance("dumpBackup", "--full", "--quiet", f"--output=bzip2:{dump}")
    out = tmp_path / "facts"
    ingested = _run(
        "ingest", str(dump), "--out", str(out), "--wiki", wiki_a.domain, "--campaign", str(campaign)
    )
    assert ingested.returncode == 0, ingested.stderr
    # --source asks no wiki: the campaign's api address now points nowhere.
    offline = campaign.read_text(encoding="utf-8").replace(wiki_a.api, "http://127.0.0.1:9/api.php")
    campaign.write_text(offline, encoding="utf-8")
    dumped = _run("report", str(campaign), "--source", str(out), "--format", "json", "--quiet")
    assert dumped.returncode == 0, dumped.stderr

    from_api, from_dump = json.loads(api.stdout), json.loads(dumped.stdout)
    assert from_dump["totals"] == from_api["totals"]
    assert from_dump["by_participant"] == from_api["by_participant"]
    totals = from_api["totals"]
    assert totals["edits"] == 7 and totals["edits_reverted"] == 2 and totals["participants"] == 2
    assert (
        totals["references_added"] >= 2 and totals["references_removed"] >= 1 and totals["words_added"] > 10
    )
    # Spark reads the same facts and gives the same answer.
    spark = _run(
        "report", str(campaign), "--source", str(out), "--engine", "spark", "--format", "json", "--quiet"
    )
    assert spark.returncode == 0, spark.stderr
    assert json.loads(spark.stdout)["totals"] == from_api["totals"]
