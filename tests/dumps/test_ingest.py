"""`wikitally ingest`: any compression told by content, one process per file, nothing twice, resumable."""

from __future__ import annotations

import bz2
import gzip
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import duckdb
import pytest
import synthetic
from click.testing import CliRunner

from wikitally.cli import main
from wikitally.dumps.facts import COLUMNS
from wikitally.services import ingest
from wikitally.services.ingest import FACTS, FIRSTS, MANIFEST, read_manifest

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def _dump(path: Path, **kw: Any) -> Path:
    with open(path, "wb") as f:
        synthetic.write(f, synthetic.Spec(**kw))
    return path


def _compress(src: Path, kind: str, dest: Path) -> Path:
    data = src.read_bytes()
    if kind == "bz2":
        dest.write_bytes(bz2.compress(data))
    elif kind == "gz":
        dest.write_bytes(gzip.compress(data))
    elif kind == "7z":
        subprocess.run(
            ["7z", "a", "-bd", "-y", str(dest) + ".tmp.7z", str(src)], check=True, capture_output=True
        )
        os.replace(str(dest) + ".tmp.7z", dest)
    else:
        dest.write_bytes(data)
    return dest


def _ingest(*args: str) -> Any:
    return CliRunner().invoke(main, ["ingest", *args, "--quiet"], catch_exceptions=False)


def _rows(out: Path) -> list[tuple[Any, ...]]:
    files = sorted(str(p) for p in (out / FACTS).glob("*.parquet"))
    return duckdb.sql(
        f"SELECT * EXCLUDE (hashtags), hashtags::VARCHAR FROM read_parquet({files}) ORDER BY ALL"
    ).fetchall()


@pytest.fixture(scope="module")
def plain(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _dump(tmp_path_factory.mktemp("dump") / "wiki.xml", pages=120, seed=11, hidden=True)


@pytest.fixture(scope="module")
def reference_rows(plain: Path, tmp_path_factory: pytest.TempPathFactory) -> list[tuple[Any, ...]]:
    out = tmp_path_factory.mktemp("ref")
    assert _ingest(str(plain), "--out", str(out)).exit_code == 0
    return _rows(out)


@pytest.mark.parametrize("kind", ["bz2", "gz", "7z", "xml"])
def test_every_compression_told_by_content_gives_the_same_rows(
    kind: str, plain: Path, reference_rows: list[tuple[Any, ...]], tmp_path: Path
) -> None:
    if kind == "7z" and not shutil.which("7z"):
        pytest.skip("p7zip-full is not installed (scripts/test.sh installs it as root)")
    # A misleading name: the content decides.
    dump = _compress(plain, kind, tmp_path / "download.txt")
    result = _ingest(str(dump), "--out", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    assert _rows(tmp_path / "out") == reference_rows
    assert len(reference_rows) > 120


def test_bz2_without_lbzip2_falls_back(
    plain: Path, reference_rows: list[tuple[Any, ...]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dump = _compress(plain, "bz2", tmp_path / "d.bz2")
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))  # no lbzip2, no bzip2: Python's bz2
    assert _ingest(str(dump), "--out", str(tmp_path / "out")).exit_code == 0
    assert _rows(tmp_path / "out") == reference_rows


def test_rerun_and_renamed_copy_add_nothing(plain: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert _ingest(str(plain), "--out", str(out)).exit_code == 0
    first = _rows(out)
    copy = shutil.copy(plain, tmp_path / "renamed.xml")
    result = CliRunner().invoke(main, ["ingest", str(plain), str(copy), "--out", str(out)])
    assert result.exit_code == 0
    assert "nothing added" in result.output
    assert _rows(out) == first
    assert len(list((out / FACTS).glob("*.parquet"))) == 1


def test_split_files_in_parallel_equal_one_file(tmp_path: Path) -> None:
    """Wikimedia's page-range splits: each file in its own process, the union is the whole."""
    whole = _dump(tmp_path / "whole.xml", pages=90, seed=12)
    text = whole.read_bytes()
    head_end = text.index(b"  <page>")
    pages = text[head_end : text.rindex(b"</mediawiki>")].split(b"  </page>\n")[:-1]
    parts = []
    for i, chunk in enumerate((pages[:30], pages[30:60], pages[60:])):
        body = text[:head_end] + b"".join(p + b"  </page>\n" for p in chunk) + b"</mediawiki>\n"
        parts.append(_compress_bytes(tmp_path / f"wiki-pages-meta-history{i + 1}.xml.bz2", body))
    assert _ingest(str(whole), "--out", str(tmp_path / "one")).exit_code == 0
    assert _ingest(*map(str, parts), "--out", str(tmp_path / "split"), "--jobs", "3").exit_code == 0
    assert _rows(tmp_path / "split") == _rows(tmp_path / "one")
    assert len(read_manifest(tmp_path / "split")) == 3


def _compress_bytes(path: Path, data: bytes) -> Path:
    path.write_bytes(bz2.compress(data))
    return path


def test_killed_ingest_resumes_to_the_same_facts(tmp_path: Path) -> None:
    dumps = [_dump(tmp_path / f"part{i}.xml", pages=150, seed=20 + i, max_revisions=60) for i in range(3)]
    out = tmp_path / "out"
    cmd = [
        sys.executable,
        "-m",
        "wikitally.cli",
        "ingest",
        *map(str, dumps),
        "--out",
        str(out),
        "--jobs",
        "1",
        "--quiet",
    ]
    proc = subprocess.Popen(cmd, start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not (out / MANIFEST).exists():
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGKILL)  # mid-way: after the first file, during the next one
    proc.wait()
    done_before = len(read_manifest(out))
    assert 1 <= done_before <= 3
    result = _ingest(*map(str, dumps), "--out", str(out))
    assert result.exit_code == 0
    assert not list((out / FACTS).glob(".*tmp*"))  # a killed run's leftovers are gone
    clean = tmp_path / "clean"
    assert _ingest(*map(str, dumps), "--out", str(clean)).exit_code == 0
    assert _rows(out) == _rows(clean)


def test_another_scope_replaces_instead_of_adding(plain: Path, tmp_path: Path) -> None:
    campaign = tmp_path / "c.toml"
    campaign.write_text(
        'name = "C"\nstart = 2024-01-01T00:00:00Z\nend = 2024-12-31T00:00:00Z\nwikis = ["sr.wikipedia.org"]\nhashtags = ["wikigap", "1lib1ref", "cee2024"]\n',
        encoding="utf-8",
    )
    out = tmp_path / "out"
    assert _ingest(str(plain), "--out", str(out)).exit_code == 0
    before = _rows(out)
    assert _ingest(str(plain), "--out", str(out), "--campaign", str(campaign)).exit_code == 0
    after = _rows(out)
    assert len(after) == len(before)
    words = [c for c in COLUMNS if c != "hashtags"].index("words_added")
    assert all(r[words] is None for r in before) and any(r[words] for r in after)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"<html><body>hi</body></html>", "not a MediaWiki XML dump"),
        (bz2.compress(b"plain text, no XML"), "not a MediaWiki XML dump"),
        (bz2.compress(b"<mediawiki")[:-20], "could not read it"),  # a truncated download
        # an entity XML does not define, in a later edit's text (checked where the text is decoded)
        (
            synthetic.page_dump([b"a &lt;ref&gt;r&lt;/ref&gt;", b"a &lt;ref&gt;r&lt;/ref&gt; &nbsp;"]),
            "revision 2",
        ),
        # characters XML forbids, in a later edit's text: a control character, U+FFFE
        (
            synthetic.page_dump([b"a &lt;ref&gt;r&lt;/ref&gt;", b"a &lt;ref&gt;r&lt;/ref&gt; \x01"]),
            "revision 2",
        ),
        (synthetic.page_dump([b"a", b"a \xef\xbf\xbe"]), "revision 2"),
        # well-formed XML with values that are not what a dump holds
        (
            b'<mediawiki><siteinfo><namespaces><namespace key="x">A</namespace></namespaces></siteinfo></mediawiki>',
            "must be a number",
        ),
        (synthetic.page_dump([b"a"]).replace(b"2024-03-01", b"2024-13-01"), "revision 1's timestamp"),
        (
            synthetic.page_dump([b"a"]).replace(b"<id>1</id>\n      <timestamp>", b"<timestamp>"),
            "without <id>",
        ),
    ],
)
def test_bad_input_is_one_line_and_exit_2(content: bytes, expected: str, tmp_path: Path) -> None:
    bad = tmp_path / "enwiki-pages-meta-history.xml.bz2"
    bad.write_bytes(content)
    result = CliRunner().invoke(main, ["ingest", str(bad), "--out", str(tmp_path / "out")])
    assert result.exit_code in (1, 2)
    assert isinstance(
        result.exception, SystemExit
    )  # said in a line, not raised (CliRunner keeps a crash here)
    assert expected in result.output
    assert "Traceback" not in result.output
    assert not list((tmp_path / "out" / FACTS).glob("*.parquet"))


def test_stub_dump_is_recognised_and_says_so(tmp_path: Path) -> None:
    stub = _compress_bytes(tmp_path / "x.xml.bz2", _bytes_of(pages=40, seed=5, stub=True))
    result = CliRunner().invoke(main, ["ingest", str(stub), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0
    assert "stub" in result.output and "no words or references" in result.output
    manifest = read_manifest(tmp_path / "out")
    assert [e["kind"] for e in manifest.values()] == ["stub"]
    refs = duckdb.sql(
        f"SELECT count(*) FROM read_parquet('{tmp_path / 'out' / FACTS}/*.parquet') WHERE \"references\" IS NOT NULL"
    ).fetchall()
    assert refs == [(0,)]


def _bytes_of(**kw: Any) -> bytes:
    import io

    buf = io.BytesIO()
    synthetic.write(buf, synthetic.Spec(**kw))
    return buf.getvalue()


def test_wiki_comes_from_base_or_option(plain: Path, tmp_path: Path) -> None:
    assert _ingest(str(plain), "--out", str(tmp_path / "a")).exit_code == 0
    assert [e["wiki"] for e in read_manifest(tmp_path / "a").values()] == ["sr.wikipedia.org"]
    assert _ingest(str(plain), "--out", str(tmp_path / "b"), "--wiki", "sr.example.org").exit_code == 0
    assert [e["wiki"] for e in read_manifest(tmp_path / "b").values()] == ["sr.example.org"]


def test_a_file_finished_in_memory_equals_one_finished_by_duckdb(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A file whose facts fit one batch is sorted and summarised in memory; a bigger one is written in batches
    # and rewritten by DuckDB (summarise). Both give the same files: rows in time order, the same first edits,
    # the same latest time.
    import pyarrow.parquet as pq

    dump = _dump(tmp_path / "wiki.xml", pages=120, seed=12, spread_days=300)  # pages interleave in time

    def finished(out: Path) -> tuple[Any, ...]:
        assert _ingest(str(dump), "--out", str(out)).exit_code == 0
        (facts,) = (out / FACTS).glob("*.parquet")
        (firsts,) = (out / FIRSTS).glob("*.parquet")
        rows = duckdb.sql(
            f"SELECT * EXCLUDE (hashtags), hashtags::VARCHAR FROM read_parquet('{facts}')"
        ).fetchall()
        types = [f.type for f in pq.read_schema(facts)], [f.type for f in pq.read_schema(firsts)]
        edits = duckdb.sql(f"SELECT * FROM read_parquet('{firsts}')").fetchall()
        return rows, types, edits, [e["latest"] for e in read_manifest(out).values()]

    in_memory = finished(tmp_path / "memory")
    monkeypatch.setattr(ingest, "BATCH_ROWS", 50)
    by_duckdb = finished(tmp_path / "duckdb")
    assert in_memory == by_duckdb
    rows = in_memory[0]
    order = [(r[COLUMNS.index("timestamp")], r[COLUMNS.index("rev_id")]) for r in rows]
    assert order == sorted(order) and len(rows) > 100
    dump_order = [r[COLUMNS.index("rev_id")] for r in rows]
    assert dump_order != sorted(dump_order)  # (so the order checked is not the dump's)


@pytest.mark.parametrize("pages", [0, 1])
def test_a_dump_without_revisions_ingests_to_empty_facts(pages: int, tmp_path: Path) -> None:
    # No page, or a page with no revision: finished in memory like any small file, with nothing in it.
    dump = tmp_path / "empty.xml"
    if pages:
        dump.write_bytes(synthetic.page_dump([]))
    else:
        _dump(dump, pages=0)
    out = tmp_path / "out"
    result = _ingest(str(dump), "--out", str(out))
    assert result.exit_code == 0, result.output
    assert [e["revisions"] for e in read_manifest(out).values()] == [0]
    assert _rows(out) == []
    (firsts,) = (out / FIRSTS).glob("*.parquet")
    assert duckdb.sql(f"SELECT count(*) FROM read_parquet('{firsts}')").fetchall() == [(0,)]
