"""Benchmark dump ingestion and dump queries, side by side with their baselines, in one run.

Run: .venv/bin/python bench/bench_dumps.py [--mb 150] [--rows 30000000] [--skip-spark]

Inputs are made here, never checked in (bench/out/, gitignored): a synthetic full-history dump of about --mb
MB of XML in two page-range files (tests/dumps/synthetic.py, revisions of 2–30 KB, half Cyrillic), their bz2
(lbzip2) and stub; a facts table of --rows rows in Parquet made by DuckDB.

1. bz2 → facts with references, both files at once on the machine's cores (ingest, one process per file, each
   with an lbzip2 pipe) vs `lbzip2 -n2 -dc` of the same files (the floor), and vs mwxml.map over the same
   files (parse, count references); the rows (rev id, page, user, sha1, references) must be identical. The
   three run in turn, INGEST_ROUNDS times; the ratios are each round's, and the goals are judged on the median.
2. Parse alone on uncompressed XML, one core: the fast reader vs the conforming (pyexpat) one, MB/s.
3. Stub dump: revisions/s on one core (parse + facts).
4. Peak memory (VmHWM) of one parser process, in a fresh spawned interpreter, on the largest file.
5. A campaign query (50 participants, a month, namespace 0) over --rows rows: DuckDB, then Spark local mode
   (its start-up timed apart).
Prints a table and writes bench/out/dumps.json.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "dumps"))
OUT = ROOT / "bench" / "out"

import synthetic  # noqa: E402

from wikitally.dumps.facts import FactBuilder  # noqa: E402
from wikitally.dumps.parse import DumpRevision, _conforming, read_dump  # noqa: E402
from wikitally.metrics.refs import count_refs  # noqa: E402
from wikitally.metrics.words import DEFAULT_LINK_NAMES  # noqa: E402
from wikitally.services.ingest import Scope, ingest, summarise  # noqa: E402


def make_inputs(mb: int) -> tuple[list[Path], list[Path], list[Path]]:
    OUT.mkdir(parents=True, exist_ok=True)
    xmls, bz2s, stubs = [], [], []
    for part in (1, 2):
        # The shape of ../shared/reference/dumps.md's input: revisions per page median ~7, mean ~15, a few
        # pages with a thousand or more (here at most 2,000, so one page can't double a file); revisions of
        # 2–30 KB in paragraphs of ~120 words, a page at 30 paragraphs rewriting one instead of adding one.
        spec = synthetic.Spec(
            pages=10**6,
            max_revisions=2000,
            revisions_scale=4.1,
            max_paragraphs=30,
            users=2000,
            seed=part,
            paragraph_words=120,
            max_bytes=mb * 500_000,
        )
        xml = OUT / f"bench2-pages-meta-history{part}.xml"  # "2": this shape (the first bench had 80 at most)
        stub = OUT / f"bench2-stub-meta-history{part}.xml"
        if not xml.exists():
            with open(xml, "wb") as f:
                synthetic.write(f, spec)
            with open(stub, "wb") as f:
                synthetic.write(
                    f, synthetic.Spec(**{**spec.__dict__, "stub": True, "max_bytes": mb * 50_000})
                )
        bz = xml.with_suffix(".xml.bz2")
        if not bz.exists():
            subprocess.run(["lbzip2", "-k", "-f", "-n2", str(xml)], check=True)
        xmls.append(xml)
        bz2s.append(bz)
        stubs.append(stub)
    return xmls, bz2s, stubs


def timed(fn: Any) -> tuple[float, Any]:
    t = time.perf_counter()
    result = fn()
    return time.perf_counter() - t, result


ROUNDS = 3
INGEST_ROUNDS = 5  # of the ingest comparison (each ~15 s, mostly mwxml's)
WARM = 5  # campaign reports run before the timed ones, for both engines


def lbzip2_floor(files: list[Path]) -> float:
    t = time.perf_counter()
    for f in files:
        subprocess.run(["lbzip2", "-n2", "-dc", str(f)], stdout=subprocess.DEVNULL, check=True)
    return time.perf_counter() - t


def ours(files: list[Path]) -> tuple[float, list[tuple[Any, ...]]]:
    out = OUT / "facts"
    shutil.rmtree(out, ignore_errors=True)
    seconds, _ = timed(lambda: ingest([str(f) for f in files], out, None, Scope(), jobs=len(files)))
    import duckdb

    rows = duckdb.sql(
        f'SELECT rev_id, page_id, "user", sha1, "references" FROM read_parquet(\'{out}/facts/*.parquet\') ORDER BY ALL'
    ).fetchall()
    return seconds, rows


def _mwxml_rows(dump: Any, path: str) -> Any:
    for page in dump:
        for r in page:
            yield (
                r.id,
                page.id,
                r.user.text if r.user else None,
                r.sha1,
                count_refs(r.text or "") if not r.deleted.text else None,
            )


def mwxml_map(files: list[Path]) -> tuple[float, list[tuple[Any, ...]]]:
    import mwxml

    def run() -> list[tuple[Any, ...]]:
        return sorted(
            mwxml.map(_mwxml_rows, [str(f) for f in files], threads=len(files)),
            key=lambda r: tuple("" if v is None else v for v in r),
        )

    seconds, rows = timed(run)
    return seconds, rows


def cpu_timed(fn: Any) -> tuple[float, Any]:
    """CPU seconds of this process (not wall): the machine is shared, a core's time is what we spend."""
    t = time.process_time()
    result = fn()
    return time.process_time() - t, result


def parse_alone(xml: Path) -> dict[str, float]:
    """MB/s per CPU second on one core: the fast reader (texts left undecoded unless read), the same with
    every text read (decoded), the conforming pyexpat reader, and mwxml (every text read)."""
    import mwxml

    size = xml.stat().st_size / 1e6

    def fast() -> int:
        return sum(1 for _ in read_dump(lambda: open(xml, "rb")))

    def fast_texts() -> int:
        return sum(
            len(r.text or "") for r in read_dump(lambda: open(xml, "rb")) if isinstance(r, DumpRevision)
        )

    def conforming() -> int:
        with open(xml, "rb") as f:
            return sum(1 for _ in _conforming(f))

    def mw() -> int:
        with open(xml, "rb") as f:
            return sum(len(r.text or "") for page in mwxml.Dump.from_file(f) for r in page)

    return {
        name: size / min(cpu_timed(fn)[0] for _ in range(ROUNDS))
        for name, fn in (("fast", fast), ("fast_texts", fast_texts), ("pyexpat", conforming), ("mwxml", mw))
    }


def stub_rate(stub: Path) -> float:
    def run() -> int:
        builder = FactBuilder("w", DEFAULT_LINK_NAMES)
        n = 0
        for item in read_dump(lambda: open(stub, "rb")):  # noqa: SIM115
            if isinstance(item, DumpRevision):
                n += sum(1 for _ in builder.feed(item))
        return n + sum(1 for _ in builder.finish())

    best = min(cpu_timed(run) for _ in range(ROUNDS))
    return best[1] / best[0]


def _peak_child(path: str) -> int:
    from wikitally.services.ingest import ingest_file

    ingest_file(path, str(OUT / "mem"), "mem", None, Scope(), 1)
    # The peak of this interpreter's own memory (VmHWM, reset by exec): ru_maxrss would keep the peak of the
    # process it was forked from before the exec (Linux keeps it across execve).
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) // 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024


def peak_memory_mb(path: Path) -> int:
    # A fresh interpreter (spawn, not fork): a forked child's resident set starts with all of this process's
    # pages (the rows and texts the runs above hold), which its peak would then count.
    import multiprocessing

    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
        return pool.submit(_peak_child, str(path)).result()


def make_facts(rows: int) -> Path:
    import duckdb

    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"facts-dump-order-{rows}.parquet"
    if path.exists():
        return path
    duckdb.sql(
        f"""
        COPY (
          SELECT 'sr.wikipedia.org' AS wiki, i AS rev_id, CASE WHEN i % 7 = 0 THEN 0 ELSE i - 1 END AS parent_id,
                 i // 7 AS page_id, CAST(CASE WHEN i % 5 = 0 THEN 1 ELSE 0 END AS INTEGER) AS namespace,
                 'Page ' || (i // 7) AS title, i % 97 = 0 AS redirect, 'Editor ' || (hash(i) % 200000) AS "user",
                 hash(i) % 200000 AS user_id,
                 -- dump order: page by page, each page created at a time spread over 20 years and its 7
                 -- revisions spread from then to the end (a row group spans years: little to prune)
                 TIMESTAMPTZ '2004-01-01 00:00:00+00' + to_seconds(CAST(
                   (i // 7) * {630_000_000 * 7 // rows} + (i % 7) * ((630_000_000 - (i // 7) * {630_000_000 * 7 // rows}) // 7)
                   AS BIGINT)) AS timestamp,
                 CAST(hash(i * 3) % 30000 AS BIGINT) AS bytes, CAST(hash(i * 5) % 2000 AS BIGINT) - 500 AS sizediff,
                 's' || (i % 100003) AS sha1,
                 CASE WHEN i % 11 = 0 THEN ['wikigap'] ELSE [] END::VARCHAR[] AS hashtags, i % 9 = 0 AS minor,
                 CAST(hash(i) % 40 AS INTEGER) AS "references", CAST(hash(i - 1) % 40 AS INTEGER) AS parent_references,
                 CAST(hash(i * 7) % 300 AS INTEGER) AS words_added, i % 31 = 0 AS identity_revert,
                 i % 29 = 0 AS reverted, false AS text_hidden, false AS comment_hidden
          FROM range({rows}) t(i)
        ) TO '{path}' (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 1000000)
        """
    )
    return path


def campaign_query(facts: Path, engine: str) -> tuple[float, float | None, int]:
    from wikitally.model import Campaign
    from wikitally.services import dump_report

    source = OUT / f"source-{facts.stem}"
    (source / "facts").mkdir(parents=True, exist_ok=True)
    link = source / "facts" / "k.parquet"
    if not link.exists():
        link.symlink_to(facts)
    if not (source / "manifest.json").exists():  # the side tables, made as `ingest` makes them
        started = time.perf_counter()
        latest = summarise(source, "k")
        print(
            f"summarise (sort by time, first edits, latest): {time.perf_counter() - started:.1f} s",
            flush=True,
        )
        (source / "manifest.json").write_text(
            json.dumps(
                {"version": 1, "files": {"k": {"wiki": "sr.wikipedia.org", "kind": "full", "latest": latest}}}
            ),
            "utf-8",
        )
    start = datetime(2016, 3, 1, tzinfo=UTC)
    campaign = Campaign(
        "bench",
        start,
        start + timedelta(days=31),
        ("sr.wikipedia.org",),
        participants=tuple(f"Editor {i}" for i in range(0, 200000, 4000)),
    )
    for _ in range(WARM):  # the OS cache, and Spark's JIT: its queries keep speeding up for ~15 queries
        dump_report.report(campaign, source, engine)
    runs = [dump_report.report(campaign, source, engine) for _ in range(ROUNDS)]  # the same for both engines
    print(f"{engine}: queries {', '.join(f'{r.query_s:.3f}' for r in runs)} s", flush=True)
    best = min(runs, key=lambda r: r.query_s)
    return best.query_s, runs[0].startup_s, best.rows


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mb", type=int, default=150)
    ap.add_argument("--rows", type=int, default=30_000_000)
    ap.add_argument("--skip-spark", action="store_true")
    args = ap.parse_args()
    load = os.getloadavg()
    xmls, bz2s, stubs = make_inputs(args.mb)
    xml_mb = sum(f.stat().st_size for f in xmls) / 1e6
    res: dict[str, Any] = {
        "load_average": load,
        "xml_mb": xml_mb,
        "bz2_mb": sum(f.stat().st_size for f in bz2s) / 1e6,
    }

    def show(name: str) -> None:
        print(f"{name}: {res[name]}", flush=True)

    print(f"load average {load}; {xml_mb:.0f} MB of XML", flush=True)
    # Interleaved rounds (the floor, ours, mwxml, then again): this machine's speed moves by up to 3× within
    # minutes (neighbours on the host), and not alike for every workload, so each round's ratios compare runs
    # made within seconds of each other, and the goals are judged on the median round. The best run of each is
    # kept for the absolute rates; every run is in dumps.json.
    floors, runs, mws = [], [], []
    for _ in range(INGEST_ROUNDS):
        floors.append(lbzip2_floor(bz2s))
        seconds, our_rows = ours(bz2s)
        runs.append(seconds)
        seconds, mw_rows = mwxml_map(bz2s)
        mws.append(seconds)
        print(f"lbzip2 {floors[-1]:.2f} s, ours {runs[-1]:.2f} s, mwxml {mws[-1]:.2f} s", flush=True)
    res["lbzip2_runs_s"], res["ours_runs_s"], res["mwxml_runs_s"] = floors, runs, mws
    res["lbzip2_s"], res["ours_s"], res["mwxml_s"] = min(floors), min(runs), min(mws)
    res["vs_lbzip2_rounds"] = [f / o for f, o in zip(floors, runs, strict=True)]
    res["vs_mwxml_rounds"] = [m / o for m, o in zip(mws, runs, strict=True)]
    res["vs_lbzip2"] = statistics.median(res["vs_lbzip2_rounds"])
    res["vs_mwxml"] = statistics.median(res["vs_mwxml_rounds"])
    show("lbzip2_s")
    show("ours_s")
    show("mwxml_s")
    key = lambda r: tuple("" if v is None else v for v in r)  # noqa: E731
    res["identical_rows"] = sorted(our_rows, key=key) == sorted(mw_rows, key=key)
    res["revisions"] = len(our_rows)
    res["parse_cpu_mb_s"] = parse_alone(xmls[0])
    show("parse_cpu_mb_s")
    res["stub_revisions_s"] = stub_rate(stubs[0])
    show("stub_revisions_s")
    res["peak_rss_mb"] = peak_memory_mb(bz2s[0])
    show("peak_rss_mb")
    facts = make_facts(args.rows)
    res["rows"] = args.rows
    res["duckdb_query_s"], _, res["candidates"] = campaign_query(facts, "duckdb")
    show("duckdb_query_s")
    show("candidates")
    if not args.skip_spark:
        res["spark_query_s"], res["spark_startup_s"], _ = campaign_query(facts, "spark")
    res["load_average_after"] = os.getloadavg()
    (OUT / "dumps.json").write_text(json.dumps(res, indent=1), "utf-8")
    if not res["identical_rows"]:
        raise SystemExit("ingest's rows and mwxml's differ: the speeds above compare different work")

    rate = lambda s: xml_mb / s  # noqa: E731
    print(
        f"load average {load[0]:.1f} → {res['load_average_after'][0]:.1f}; {xml_mb:.0f} MB of XML, {res['revisions']:,} revisions"
    )
    print(f"lbzip2 -n2 -dc        {rate(res['lbzip2_s']):7.1f} MB/s")
    span = lambda xs: f"{min(xs):.2f}–{max(xs):.2f}"  # noqa: E731
    print(
        f"ingest (bz2 → facts)  {rate(res['ours_s']):7.1f} MB/s  = {res['vs_lbzip2']:.2f}× lbzip2, median of "
        f"{INGEST_ROUNDS} rounds ({span(res['vs_lbzip2_rounds'])}; goal ≥ 0.65)"
    )
    print(
        f"mwxml.map             {rate(res['mwxml_s']):7.1f} MB/s  ours = {res['vs_mwxml']:.1f}×, median of {INGEST_ROUNDS} "
        f"rounds ({span(res['vs_mwxml_rounds'])}; goal ≥ 3); identical rows: {res['identical_rows']}"
    )
    p = res["parse_cpu_mb_s"]
    print(
        f"parse alone, per CPU s  fast {p['fast']:.0f} MB/s (goal ≥ 180), with every text decoded {p['fast_texts']:.0f}, "
        f"pyexpat {p['pyexpat']:.0f}, mwxml {p['mwxml']:.0f}: fast = {p['fast'] / p['mwxml']:.1f}× mwxml "
        f"({p['fast_texts'] / p['mwxml']:.1f}× with texts)"
    )
    print(f"stub, per CPU s       {res['stub_revisions_s']:,.0f} revisions/s (goal ≥ 60,000)")
    print(f"peak memory           {res['peak_rss_mb']} MB per parser process (goal < 100)")
    print(
        f"DuckDB query          {res['duckdb_query_s']:.3f} s over {args.rows:,} rows ({res['candidates']:,} candidates; goal < 0.5)"
    )
    if "spark_query_s" in res:
        print(
            f"Spark local query     {res['spark_query_s']:.3f} s = {res['spark_query_s'] / res['duckdb_query_s']:.1f}× DuckDB (goal ≤ 10×); start-up {res['spark_startup_s'] or 0:.1f} s"
        )
    if not res["identical_rows"]:
        sys.exit(1)


if __name__ == "__main__":
    main()
