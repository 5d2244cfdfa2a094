"""Use-case: dump files → per-revision facts in Parquet under DIR — one process per file, resumable.

Layout of DIR: `facts/<key>.parquet`, one file per dump file, written to a temporary name and renamed when
complete; `manifest.json` lists the finished ones. `key` is the dump file's identity by content (its size and
a hash of its first and last MiB), so re-running on the same dump — moved or renamed — adds nothing twice;
a killed run leaves only temporary files, which the next run removes before doing the unfinished files again.
A file ingested with another scope (campaign files) or other counting rules is ingested again, replacing its
facts.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pyarrow as pa
import pyarrow.parquet as pq

from wikitally.collect.dumpfile import open_dump
from wikitally.dumps.facts import COLUMNS, FactBuilder, InScope
from wikitally.dumps.parse import DumpRevision, DumpSite, NotADump, read_dump
from wikitally.errors import SourceError, UsageError
from wikitally.metrics.filters import has_hashtag
from wikitally.metrics.words import link_names
from wikitally.model import DEFAULT_SFN_TEMPLATES, Campaign, SiteInfo

MANIFEST = "manifest.json"
FACTS = "facts"
# Per facts file, each user's first edit in it: a report's "registration" lookups read this small table
# instead of every row of the facts (docs/dumps.md). The file's latest timestamp goes into the manifest.
FIRSTS = "firsts"
BATCH_ROWS = 20_000
# Rows per row group of the time-sorted facts: a month of a big wiki is a few groups, the rest is skipped.
ROW_GROUP = 122_880
# The version of the facts' layout and counting (with services.collection.COUNTING_RULES' meaning): raise it
# when a column or a rule changes, so older facts are ingested again instead of mixed.
FACTS_VERSION = 1

SCHEMA = pa.schema(
    [
        ("wiki", pa.string()),
        ("rev_id", pa.int64()),
        ("parent_id", pa.int64()),
        ("page_id", pa.int64()),
        ("namespace", pa.int32()),
        ("title", pa.string()),
        ("redirect", pa.bool_()),
        ("user", pa.string()),
        ("user_id", pa.int64()),
        ("timestamp", pa.timestamp("s", tz="UTC")),
        ("bytes", pa.int64()),
        ("sizediff", pa.int64()),
        ("sha1", pa.string()),
        ("hashtags", pa.list_(pa.string())),
        ("minor", pa.bool_()),
        ("references", pa.int32()),
        ("parent_references", pa.int32()),
        ("words_added", pa.int32()),
        ("identity_revert", pa.bool_()),
        ("reverted", pa.bool_()),
        ("text_hidden", pa.bool_()),
        ("comment_hidden", pa.bool_()),
    ]
)
assert tuple(SCHEMA.names) == COLUMNS


@dataclass(frozen=True)
class Scope:
    """Which revisions get their words measured: those any of the campaigns could count, on this wiki."""

    campaigns: tuple[Campaign, ...] = ()

    def fingerprint(self) -> str:
        key = [
            {
                "wikis": sorted(c.wikis),
                "start": c.start.isoformat(),
                "end": c.end.isoformat(),
                "participants": sorted(c.participants),
                "participants_page": c.participants_page,
                "hashtags": sorted(h.lower() for h in c.hashtags),
                "tags": sorted(c.tags),
                "namespaces": c.namespaces,
            }
            for c in self.campaigns
        ]
        return hashlib.sha256(json.dumps(key, sort_keys=True).encode()).hexdigest()[:16]

    def sfn(self, wiki: str) -> tuple[str, ...]:
        for c in self.campaigns:
            if wiki in c.wikis:
                return c.sfn_for(wiki)
        return DEFAULT_SFN_TEMPLATES

    def predicate(self, wiki: str) -> InScope | None:
        mine = [c for c in self.campaigns if wiki in c.wikis]
        if not mine:
            return None

        def in_scope(rev: DumpRevision, ts: datetime) -> bool:
            return any(_could_count(c, rev, ts) for c in mine)

        return in_scope


def _could_count(c: Campaign, rev: DumpRevision, ts: datetime) -> bool:
    if not c.start <= ts <= c.end or rev.namespace not in (c.namespaces or (0,)):
        return False
    if c.participants and rev.user not in c.participants:
        return False
    if c.hashtags and not c.tags:  # change tags are not in dumps: with them, measure every candidate
        return has_hashtag(rev.comment, c.hashtags)
    return True


@dataclass
class FileResult:
    source: str
    key: str
    status: str  # "ingested", "unchanged" or "replaced"
    wiki: str = ""
    kind: str = ""  # "full" or "stub"
    revisions: int = 0
    pages: int = 0
    bytes_read: int = 0  # of uncompressed XML
    seconds: float = 0.0
    scope: str = ""
    version: int = FACTS_VERSION
    sfn: tuple[str, ...] = ()
    latest: str = ""  # the file's latest revision time (ISO, UTC); "" before summarise
    base: str = ""  # <siteinfo><base>: the main page's URL (where the wiki's pages are read)
    # Finished where it was parsed (time-sorted facts, first edits, `latest`); else the caller runs summarise.
    # Not written to the manifest.
    finished: bool = False


def file_key(path: Path) -> str:
    """A dump file's identity by content: size and a hash of its first and last MiB."""
    size = path.stat().st_size
    h = hashlib.sha256(str(size).encode())
    with open(path, "rb") as f:
        h.update(f.read(1 << 20))
        if size > 2 << 20:
            f.seek(-(1 << 20), os.SEEK_END)
            h.update(f.read(1 << 20))
    return h.hexdigest()[:24]


def read_manifest(out: Path) -> dict[str, dict[str, Any]]:
    path = out / MANIFEST
    if not path.exists():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except ValueError:
        raise UsageError(
            f"{path}: not a wikitally manifest (unreadable JSON); remove DIR or use another --out"
        ) from None
    files = data.get("files") if isinstance(data, dict) else None
    if not isinstance(files, dict):
        raise UsageError(f'{path}: not a wikitally manifest (no "files"); use another --out')
    return files


def _write_manifest(out: Path, files: dict[str, dict[str, Any]]) -> None:
    tmp = out / f".{MANIFEST}.tmp-{os.getpid()}"
    tmp.write_text(json.dumps({"version": FACTS_VERSION, "files": files}, indent=1, sort_keys=True), "utf-8")
    os.replace(tmp, out / MANIFEST)


class _Counting:
    """A byte stream that counts what was read (for MB/s)."""

    def __init__(self, raw: Any) -> None:
        self.raw, self.count = raw, 0

    def read(self, n: int = -1) -> bytes:
        data: bytes = self.raw.read(n)
        self.count += len(data)
        return data

    def __enter__(self) -> _Counting:
        return self

    def __exit__(self, *exc: object) -> None:
        pass


def ingest_file(
    source: str, out: str, key: str, wiki: str | None, scope: Scope, threads: int = 1
) -> FileResult:
    """One dump file → facts/<key>.parquet (atomically). Runs in a worker process or a Spark task. A file whose
    facts fit one batch is also finished here (see _finish_in_memory); a bigger one is finished by the caller
    with summarise(), out of the parser's process: DuckDB would add ~40 MB to it."""
    started = time.perf_counter()
    path = Path(source)
    facts_dir = Path(out) / FACTS
    facts_dir.mkdir(parents=True, exist_ok=True)
    tmp = facts_dir / f".{key}.parquet.tmp-{os.getpid()}"
    result = FileResult(source, key, "ingested", scope=scope.fingerprint())
    counted: list[_Counting] = []

    def opener() -> Any:
        return _stream(path, threads, counted)

    writer: pq.ParquetWriter | None = None
    builder: FactBuilder | None = None
    batch: list[list[object]] = []
    pages: set[int] = set()

    def flush() -> None:
        nonlocal writer
        if batch:
            if writer is None:
                writer = pq.ParquetWriter(tmp, SCHEMA, compression="zstd")
            writer.write_batch(_record_batch(batch))
            result.revisions += len(batch)
            batch.clear()

    def add(rows: Iterable[list[object]]) -> None:
        batch.extend(rows)
        if len(batch) >= BATCH_ROWS:
            flush()

    try:
        for item in read_dump(opener):
            if isinstance(item, DumpSite):
                result.wiki = wiki or _domain(item, path)
                result.base = item.base
                info = SiteInfo(result.wiki, (0,), dict(item.namespaces))
                result.sfn = scope.sfn(result.wiki)
                builder = FactBuilder(result.wiki, link_names(info), scope.predicate(result.wiki), result.sfn)
                continue
            assert builder is not None
            if not result.kind:
                result.kind = "stub" if item.stub else "full"
            pages.add(item.page_id)
            add(builder.feed(item))
        if builder is not None:
            add(builder.finish())
        in_memory = writer is None  # every row is still in the batch: a small wiki's file
        if writer is not None:
            flush()
            writer.close()
            writer = None
        if in_memory:
            result.revisions, result.finished = len(batch), True
            result.latest = _finish_in_memory(batch, tmp, Path(out), key)
        if result.revisions == 0 and not result.kind:
            result.kind = "full"
        os.replace(tmp, facts_dir / f"{key}.parquet")
    except NotADump as e:
        raise UsageError(
            f"{source}: not a MediaWiki XML dump ({e}); give pages-meta-history or stub-meta-history files"
        ) from None
    except UnicodeDecodeError:
        raise UsageError(f"{source}: not UTF-8 XML; give a MediaWiki XML dump") from None
    finally:
        if writer is not None:
            writer.close()
        tmp.unlink(missing_ok=True)
    result.pages = len(pages)
    result.bytes_read = counted[-1].count if counted else 0
    result.seconds = time.perf_counter() - started
    return result


def _record_batch(rows: list[list[object]], schema: pa.Schema = SCHEMA) -> pa.RecordBatch:
    columns = zip(*rows, strict=True) if rows else ([] for _ in schema)  # rows → columns in C
    return pa.record_batch(
        [pa.array(c, t) for c, t in zip(columns, schema.types, strict=True)], schema=schema
    )


# The facts as summarise() rewrites them (DuckDB keeps time in microseconds), and its first-edit table.
_SORTED = SCHEMA.set(SCHEMA.get_field_index("timestamp"), pa.field("timestamp", pa.timestamp("us", tz="UTC")))
_FIRSTS = pa.schema(
    [("wiki", pa.string()), ("user", pa.string()), ("first_edit", pa.timestamp("us", tz="UTC"))]
)
_WIKI, _REV_ID, _USER, _TIME = (COLUMNS.index(c) for c in ("wiki", "rev_id", "user", "timestamp"))


def _finish_in_memory(rows: list[list[object]], facts_tmp: Path, out: Path, key: str) -> str:
    """summarise() for a file whose rows all fit one batch, without DuckDB's second pass over the written
    file: the rows sorted here by (wiki, time, rev_id) and written to facts_tmp, the first edits written to
    firsts/<key>.parquet. Returns the latest revision time ("" if none). The rows are used up (emptied before
    the write, so that they and the writer's buffers are never held at once)."""
    rows.sort(key=lambda r: (r[_WIKI], r[_TIME], r[_REV_ID]))
    first: dict[tuple[str, str], datetime] = {}
    for row in rows:  # in time order: a user's first row is their first edit
        if row[_USER] is not None:
            first.setdefault((row[_WIKI], row[_USER]), row[_TIME])  # type: ignore[arg-type]
    # (a file is one wiki's: its last row in this order is its latest)
    latest = rows[-1][_TIME].astimezone(UTC).isoformat() if rows else ""  # type: ignore[attr-defined]
    # (made in DuckDB's schema at once: a cast would import pyarrow.compute, 60 ms)
    table = pa.Table.from_batches([_record_batch(rows, _SORTED)])
    rows.clear()
    pq.write_table(table, facts_tmp, compression="zstd", row_group_size=ROW_GROUP)
    del table
    keys = sorted(first)
    dest_dir = out / FIRSTS
    dest_dir.mkdir(parents=True, exist_ok=True)
    tmp = dest_dir / f".{key}.parquet.tmp-{os.getpid()}"
    firsts = [[w for w, _ in keys], [u for _, u in keys], [first[k] for k in keys]]
    pq.write_table(pa.table(firsts, schema=_FIRSTS), tmp, compression="zstd")
    os.replace(tmp, dest_dir / f"{key}.parquet")
    return latest


def summarise(out: Path, key: str) -> str:
    """Finish facts/<key>.parquet for queries: rewrite it sorted by time (so a campaign's window reads only
    the row groups whose time range meets it, instead of every row: a dump's page order spreads each row
    group over years), write firsts/<key>.parquet (wiki, user, first_edit: each user's first edit in the
    file), and return the file's latest revision time ("" if none). Both files are replaced atomically;
    the manifest lists the file only afterwards, so a kill here redoes the file. Runs in the driver, after
    the parser process; DuckDB spills to disk past its memory limit (a big wiki's split has millions of
    rows and users)."""
    import duckdb

    facts = out / FACTS / f"{key}.parquet"
    dest_dir = out / FIRSTS
    dest_dir.mkdir(parents=True, exist_ok=True)
    tmp = dest_dir / f".{key}.parquet.tmp-{os.getpid()}"
    sorted_tmp = out / FACTS / f".{key}.sorted.parquet.tmp-{os.getpid()}"
    con = duckdb.connect(
        config={"memory_limit": "1GB", "threads": 1, "temp_directory": str(out / FACTS / ".spill")}
    )
    try:
        con.execute("SET TimeZone = 'UTC'")
        con.execute("SET preserve_insertion_order = false")
        con.execute(
            f"COPY (SELECT * FROM read_parquet({_sql_string(str(facts))}) "
            'ORDER BY wiki, "timestamp", rev_id) '
            f"TO {_sql_string(str(sorted_tmp))} (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE {ROW_GROUP})"
        )
        source = _sql_string(str(sorted_tmp))
        con.execute(
            f'COPY (SELECT wiki, "user", min("timestamp") AS first_edit FROM read_parquet({source}) '
            f'WHERE "user" IS NOT NULL GROUP BY ALL ORDER BY ALL) TO {_sql_string(str(tmp))} '
            "(FORMAT parquet, COMPRESSION zstd)"
        )
        row = con.execute(f'SELECT max("timestamp") FROM read_parquet({source})').fetchone()
        os.replace(sorted_tmp, facts)
        os.replace(tmp, dest_dir / f"{key}.parquet")
    finally:
        con.close()
        sorted_tmp.unlink(missing_ok=True)
        tmp.unlink(missing_ok=True)
    latest = row[0] if row else None
    return latest.astimezone(UTC).isoformat() if isinstance(latest, datetime) else ""


def _sql_string(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _stream(path: Path, threads: int, counted: list[_Counting]) -> Any:
    import contextlib

    @contextlib.contextmanager
    def cm() -> Any:
        with open_dump(path, threads) as raw:
            c = _Counting(raw)
            counted.append(c)
            yield c

    return cm()


def _domain(site: DumpSite, path: Path) -> str:
    host = urlsplit(site.base).netloc
    if not host:
        raise UsageError(f"{path}: the dump names no wiki (<siteinfo><base> is empty); give --wiki DOMAIN")
    return host


Progress = Callable[[FileResult], None]


def ingest(
    sources: Sequence[str],
    out: Path,
    wiki: str | None = None,
    scope: Scope = Scope(),
    jobs: int | None = None,
    engine: str = "local",
    progress: Progress | None = None,
) -> list[FileResult]:
    """Ingest every dump file not ingested yet (same content, same scope): one process per file."""
    out.mkdir(parents=True, exist_ok=True)
    for path in map(Path, sources):
        if not path.is_file():
            raise UsageError(f"{path}: no such file; give dump files (pages-meta-history, stub-meta-history)")
    for folder in (out / FACTS, out / FIRSTS):
        for stale in folder.glob(".*.tmp-*") if folder.exists() else ():
            stale.unlink(missing_ok=True)  # left by a killed run
    manifest = read_manifest(out)
    fingerprint = scope.fingerprint()
    results: list[FileResult] = []
    todo: list[tuple[str, str]] = []
    seen: set[str] = set()
    for source in sources:
        key = file_key(Path(source))
        if key in seen:
            continue  # the same file given twice
        seen.add(key)
        done = manifest.get(key)
        if (
            done
            and done.get("scope") == fingerprint
            and done.get("version") == FACTS_VERSION
            and (wiki is None or done.get("wiki") == wiki)
            and (out / FACTS / f"{key}.parquet").exists()
        ):
            if "latest" not in done or not (out / FIRSTS / f"{key}.parquet").exists():
                done["latest"] = summarise(out, key)  # facts from before the side tables
                _write_manifest(out, manifest)
            results.append(
                FileResult(source, key, "unchanged", done["wiki"], done["kind"], done["revisions"])
            )
            continue
        todo.append((source, key))
    if not todo:
        return results
    jobs = jobs or min(len(todo), os.cpu_count() or 1)
    threads = max(1, (os.cpu_count() or 1) // max(1, min(jobs, len(todo))))
    replaced = {key for _, key in todo if key in manifest}

    def record(r: FileResult) -> None:
        if r.key in replaced:
            r.status = "replaced"
        if not r.finished:
            r.latest = summarise(out, r.key)  # before the manifest lists the file: a kill here redoes it
        entry = asdict(r)
        del entry["finished"]
        entry["sfn"] = list(r.sfn)
        manifest[r.key] = entry
        _write_manifest(out, manifest)
        results.append(r)
        if progress:
            progress(r)

    if engine == "spark":
        from wikitally.services.spark import run_tasks

        for r in run_tasks([(source, str(out), key, wiki, scope, 1) for source, key in todo], ingest_file):
            record(r)
    elif len(todo) == 1 or jobs == 1:
        for source, key in todo:
            record(ingest_file(source, str(out), key, wiki, scope, threads))
    else:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            futures = [
                pool.submit(ingest_file, source, str(out), key, wiki, scope, threads) for source, key in todo
            ]
            for future in as_completed(futures):
                try:
                    record(future.result())
                except (UsageError, SourceError):
                    for f in futures:
                        f.cancel()
                    raise
    return results


def fact_files(source: Path) -> tuple[list[Path], dict[str, dict[str, Any]]]:
    """The finished facts files under DIR, and the manifest's entries for them."""
    manifest = read_manifest(source)
    if not manifest:
        raise UsageError(
            f"{source}: no ingested dumps here (no {MANIFEST}); run `wikitally ingest DUMP… --out {source}`"
        )
    files = [source / FACTS / f"{key}.parquet" for key in sorted(manifest)]
    return [f for f in files if f.exists()], manifest


def firsts_files(source: Path, facts: Sequence[Path]) -> tuple[list[Path], list[Path]]:
    """The first-edit tables of these facts files, and the facts files that have none (ingested before the
    side tables existed: a report aggregates those itself)."""
    have: list[Path] = []
    lacking: list[Path] = []
    for f in facts:
        side = source / FIRSTS / f.name
        (have if side.exists() else lacking).append(side if side.exists() else f)
    return have, lacking
