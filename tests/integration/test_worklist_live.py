"""Worklists end to end on real local wikis (docs/worklists.md): a list page's links, an interwiki table, a
PetScan-style CSV, categories; coverage numbers checked against a hand count."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from wikis import LocalWiki

from wikitally.collect.api import ApiSession
from wikitally.collect.worklist import category_items

pytestmark = pytest.mark.wiki
WIKITALLY = [sys.executable, "-m", "wikitally.cli"]


def interwiki(wiki: LocalWiki, prefix: str, target: LocalWiki) -> None:
    """A row of `wiki`'s interwiki table: `prefix` names `target` (as Special:Interwiki would add it)."""
    with sqlite3.connect(wiki.db_path) as db:
        db.execute(
            "INSERT OR REPLACE INTO interwiki (iw_prefix, iw_url, iw_api, iw_wikiid, iw_local, iw_trans) "
            "VALUES (?, ?, ?, '', 0, 0)",
            (prefix, f"{target.server}/index.php?title=$1", target.api),
        )


def run(args: list[str], db: str) -> subprocess.CompletedProcess[str]:
    env = dict(
        os.environ, WIKITALLY_DB=db, WIKITALLY_CONTACT="tests@wikitally.invalid", WIKITALLY_WIKIDATA_API="off"
    )
    return subprocess.run([*WIKITALLY, *args], capture_output=True, text=True, env=env, timeout=300)


def campaign(path: Path, name: str, wikis: list[LocalWiki], start: datetime, body: str) -> Path:
    api = "\n".join(f'"{w.domain}" = "{w.api}"' for w in wikis)
    domains = ", ".join(f'"{w.domain}"' for w in wikis)
    path.write_text(
        f'name = "{name}"\nstart = {start.isoformat()}\nend = {(start + timedelta(days=1)).isoformat()}\n'
        f"wikis = [{domains}]\n{body}\n[api]\n{api}\n",
        encoding="utf-8",
    )
    return path


def test_worklist_page_coverage_matches_a_hand_count(tmp_path, wiki_a, wiki_b):
    s = hashlib.sha1(str(tmp_path).encode()).hexdigest()[:6]
    T = {n: f"Village {n} {s}" for n in range(1, 11)}
    interwiki(wiki_a, "wb", wiki_b)  # not a language: [[wb:X]] and [[:wb:X]] are inline links
    interwiki(wiki_a, "sq", wiki_b)  # a language: [[sq:X]] is the page's own translation (sidebar)
    long_ago = datetime.now(UTC) - timedelta(days=2)
    wiki_a.import_xml(
        [
            {
                "title": T[1],
                "revisions": [{"user": "Old", "timestamp": long_ago, "text": "Old village one."}],
            },
            {
                "title": T[2],
                "revisions": [{"user": "Old", "timestamp": long_ago, "text": "Old village two."}],
            },
            {
                "title": T[3],
                "revisions": [{"user": "Old", "timestamp": long_ago, "text": f"#REDIRECT [[{T[3]} target]]"}],
            },
            {
                "title": f"{T[3]} target",
                "revisions": [{"user": "Old", "timestamp": long_ago, "text": "Target."}],
            },
        ]
    )
    admin = wiki_a.admin()
    links = "\n".join(f"* [[{T[n]}]]" for n in range(1, 9))
    admin.edit(
        f"Worklist {s}",
        f"{links}\n* [[:wb:{T[9]}]]\n* [[:sq:{T[10]}]]\n* [[{T[1]}|again]]\n* [[User:Someone {s}]]\n"
        f"[[sq:Lista {s}]]\n",
    )
    start = datetime.now(UTC).replace(microsecond=0) - timedelta(seconds=2)
    writer = wiki_a.create_user(f"Wl Writer {s}")
    writer_b = wiki_b.create_user(f"Wl Writer {s}")
    writer.edit(T[4], "A new village article.")
    writer.edit(T[5], "Another new village article.")
    writer.edit(T[1], "Old village one, improved with more words.")
    writer.edit(f"{T[3]} target", "Target, improved through the list's redirect.")
    writer.edit(f"Off list {s}", "A page that is not on the list.")
    writer_b.edit(T[9], "Created on the other wiki.")
    admin.edit(T[6], "Created by someone who is not a participant.")
    admin.delete(T[2], "deleted during the window")

    db = str(tmp_path / "w.sqlite3")
    body = f'participants = ["Wl Writer {s}"]\nworklist = ["{wiki_a.domain}:Worklist_{s}"]\n'
    path = campaign(tmp_path / "c.toml", f"WL {s}", [wiki_a, wiki_b], start, body)
    done = run(["report", str(path), "--format", "json", "--quiet"], db)
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    cov = out["coverage"]
    # Hand count: 10 items (T1 twice is one; the user page and the sidebar translation are not items).
    # Before on a: T1, T2 (deleted in the window still counts), T3 (redirect to an existing page) = 3.
    # Now on a: T1, T3, T4, T5, T6 = 5; created T4, T5; improved T1, T3 (through its redirect).
    # On b: T9 created. Missing everywhere: T2 (deleted), T7, T8, T10.
    assert cov["items"] == 10
    assert cov["by_wiki"] == {
        wiki_a.domain: {"before": 3, "now": 5, "created": 2, "improved": 2},
        wiki_b.domain: {"before": 0, "now": 1, "created": 1, "improved": 0},
    }
    assert sorted(m["title"] for m in cov["missing"]) == sorted([T[2], T[7], T[8], T[10]])
    assert all(m["item"] is None and m["label"] is None for m in cov["missing"])
    assert set(cov) == {"items", "by_wiki", "with_image", "with_coordinates", "missing"}
    # without scope the off-list page counts too: T4, T5, T9 and it; improved T1 and T3's target
    assert (out["totals"]["articles_created"], out["totals"]["articles_improved"]) == (4, 2)

    # scope = "worklist": only the list's articles count
    scoped = campaign(tmp_path / "s.toml", f"WLS {s}", [wiki_a, wiki_b], start, body + 'scope = "worklist"\n')
    done = run(["report", str(scoped), "--format", "json", "--quiet"], db)
    assert done.returncode == 0, done.stderr
    totals = json.loads(done.stdout)["totals"]
    assert (totals["articles_created"], totals["articles_improved"]) == (3, 2)

    # the other outputs show it too
    csv = run(["report", str(path), "--format", "csv", "--table", "coverage", "--no-collect"], db)
    assert csv.stdout.splitlines() == [
        "wiki,before,now,created,improved",
        f"{wiki_a.domain},3,5,2,2",
        f"{wiki_b.domain},0,1,1,0",
    ]
    missing = run(["report", str(path), "--format", "csv", "--table", "missing", "--no-collect"], db)
    assert len(missing.stdout.splitlines()) == 5
    wikitext = run(["report", str(path), "--format", "wikitext", "--no-collect"], db)
    assert (
        "=== Worklist coverage ===" in wikitext.stdout
        and "6 of 10 items have an article (60 %)." in wikitext.stdout
    )
    html = run(["report", str(path), "--format", "html", "--no-collect"], db)
    assert 'id="coverage"' in html.stdout and 'aria-valuenow="60"' in html.stdout


def test_worklist_from_a_petscan_csv(tmp_path, wiki_a):
    s = hashlib.sha1(str(tmp_path).encode()).hexdigest()[:6]
    long_ago = datetime.now(UTC) - timedelta(days=2)
    wiki_a.import_xml(
        [{"title": f"Csv old {s}", "revisions": [{"user": "Old", "timestamp": long_ago, "text": "Old."}]}]
    )
    start = datetime.now(UTC).replace(microsecond=0) - timedelta(seconds=2)
    writer = wiki_a.create_user(f"Csv Writer {s}")
    writer.edit(f"Csv new {s}", "New from the list.")
    writer.edit(f"Csv old {s}", "Old, improved.")
    folder = tmp_path / "drive"
    folder.mkdir()
    (folder / "villages.csv").write_text(
        '"number","title","pageid","namespace","length","touched"\n'
        f'"1","Csv_old_{s}","1","","10","20240101000000"\n'
        f'"2","Csv_new_{s}","2","","10","20240101000000"\n'
        f'"3","Csv_missing_{s}","3","","10","20240101000000"\n'
        f'"4","Csv_old_{s}","1","","10","20240101000000"\n'
        f'"5","Villages_{s}","9","Category","0","20240101000000"\n',
        encoding="utf-8",
    )
    body = f'participants = ["Csv Writer {s}"]\nworklist_files = ["villages.csv"]\n'
    path = campaign(folder / "c.toml", f"CSV {s}", [wiki_a], start, body)
    db = str(tmp_path / "c.sqlite3")
    done = run(
        ["report", str(path), "--format", "json", "--quiet"], str(db)
    )  # run from elsewhere: path is relative to the file
    assert done.returncode == 0, done.stderr
    cov = json.loads(done.stdout)["coverage"]
    assert cov["items"] == 3
    assert cov["by_wiki"][wiki_a.domain] == {"before": 1, "now": 2, "created": 1, "improved": 1}
    assert cov["missing"] == [{"item": None, "title": f"Csv missing {s}", "label": None}]


def test_bad_scope_and_missing_list_page_exit_2(tmp_path, wiki_a):
    start = datetime.now(UTC).replace(microsecond=0)
    bad = campaign(
        tmp_path / "b.toml",
        "Bad",
        [wiki_a],
        start,
        f'hashtags = ["#x"]\nworklist = ["{wiki_a.domain}:X"]\nscope = "all"\n',
    )
    done = run(["report", str(bad), "--format", "json", "-q"], str(tmp_path / "b.sqlite3"))
    assert done.returncode == 2 and "scope" in done.stderr and "'all'" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    gone = campaign(
        tmp_path / "g.toml",
        "Gone",
        [wiki_a],
        start,
        f'hashtags = ["#x"]\nworklist = ["{wiki_a.domain}:No such list page"]\n',
    )
    done = run(["report", str(gone), "--format", "json", "-q"], str(tmp_path / "g.sqlite3"))
    assert done.returncode == 2 and "worklist" in done.stderr and "does not exist" in done.stderr
    assert "Traceback" not in done.stderr


def test_category_members_main_namespace_and_depth(tmp_path, wiki_a):
    s = hashlib.sha1(str(tmp_path).encode()).hexdigest()[:6]
    admin = wiki_a.admin()
    admin.edit(f"Cat direct {s}", f"[[Category:Villages {s}]]")
    admin.edit(f"Talk:Cat talk {s}", f"[[Category:Villages {s}]]")
    admin.edit(f"Category:Hamlets {s}", f"[[Category:Villages {s}]]")
    admin.edit(f"Cat deep {s}", f"[[Category:Hamlets {s}]]")
    wiki_a.run_jobs()
    with ApiSession(wiki_a.api) as session:
        direct = category_items(session, wiki_a.domain, f"Category:Villages {s}", 0)
        deeper = category_items(session, wiki_a.domain, f"Category:Villages {s}", 1)
    assert [i.title for i in direct] == [f"Cat direct {s}"]
    assert sorted(i.title for i in deeper) == sorted([f"Cat direct {s}", f"Cat deep {s}"])
