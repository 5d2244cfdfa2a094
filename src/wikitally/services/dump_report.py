"""Use-case: a campaign's outcome from ingested dump facts — the API path's model objects and metrics, without
asking any wiki.

An engine (DuckDB here, Spark in the same SQL) narrows the facts to the campaign's candidate edits and the first
edits of their authors; the rest is the API path's own code: the candidates become `Revision`, `PageState`,
`ContentFacts` and `Account` values in a `Snapshot`, and metrics.outcome.compute counts them. What a dump
cannot say is replaced the documented way (docs/metrics.md, "From dumps").
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from wikitally.errors import CampaignFileError, UsageError
from wikitally.metrics.outcome import compute
from wikitally.model import Account, Campaign, ContentFacts, PageState, Revision, SiteInfo, Snapshot
from wikitally.reports.data import ReportData
from wikitally.services.ingest import fact_files, firsts_files
from wikitally.usernames import is_ip

CANDIDATE_COLUMNS = (
    "wiki",
    "rev_id",
    "parent_id",
    "page_id",
    "namespace",
    "title",
    "redirect",
    "user",
    "timestamp",
    "bytes",
    "sizediff",
    "hashtags",
    "comment_hidden",
    "text_hidden",
    "references",
    "parent_references",
    "words_added",
    "reverted",
)


@dataclass
class DumpOutcome:
    result: dict[str, Any]
    notes: list[str] = field(default_factory=list)
    rows: int = 0  # candidate revisions the engine returned
    query_s: float = 0.0
    startup_s: float | None = None  # Spark's start-up, apart from the query
    snapshot: Snapshot | None = None  # what the metrics counted (for the publishing reports' timeline)


def report_data(campaign: Campaign, done: DumpOutcome) -> ReportData:
    """The publishing reports' data (wikitext, HTML) from a dump outcome, without asking any wiki: articles
    without coordinates or views, no translated status, no worklist; `from_dumps` makes the reports say so."""
    from wikitally.metrics.timeline import daily
    from wikitally.reports.data import ArticleRow, DayCount
    from wikitally.services.publishing import article_url

    result = done.result
    infos = {i.wiki: i for i in done.snapshot.siteinfo} if done.snapshot else {}  # the dumps' <base>
    rows = tuple(
        ArticleRow(
            wiki=a["wiki"],
            title=a["title"],
            status=a["status"],
            edits=a["edits"],
            bytes_added=a["bytes_added"],
            words_added=a["words_added"],
            references_added=a["references_added"],
            url=article_url(a["wiki"], a["title"], infos.get(a["wiki"])),
            point=None,
            views=None,
        )
        for a in result["articles"]
    )
    participants = frozenset(campaign.participants) if campaign.participants else None
    timeline = daily(done.snapshot, participants) if done.snapshot is not None else []
    return ReportData(
        outcome=result,
        articles=rows,
        timeline=tuple(DayCount(d, e, w) for d, e, w in timeline),
        from_dumps=True,
    )


@dataclass(frozen=True)
class Dialect:
    quote: str  # identifier quote
    join_array: str  # function joining an array of strings with a separator

    def q(self, name: str) -> str:
        return f"{self.quote}{name}{self.quote}"

    def literal(self, value: str) -> str:
        escaped = value.replace("'", "''")
        if self.quote == "`":  # Spark SQL reads backslash escapes in literals
            escaped = escaped.replace("\\", "\\\\")
        return f"'{escaped}'"


DUCKDB = Dialect('"', "array_to_string")
SPARK = Dialect("`", "array_join")


def candidate_sql(campaign: Campaign, participants: frozenset[str] | None, d: Dialect) -> str:
    """The campaign's candidate edits: its wikis, window and namespaces (namespace 0 unless the file says),
    its participants or, without them, a loose hashtag test (exactness is Python's). Wikis and participants
    are literal lists, not joins: both engines push an IN list of constants into the Parquet scan."""
    cols = ", ".join(d.q(c) for c in CANDIDATE_COLUMNS)
    namespaces = ", ".join(str(int(n)) for n in (campaign.namespaces or (0,)))
    where = [
        f"{d.q('wiki')} IN ({', '.join(d.literal(w) for w in sorted(campaign.wikis))})",
        f"{d.q('timestamp')} >= TIMESTAMP '{_utc(campaign.start)}'",
        f"{d.q('timestamp')} <= TIMESTAMP '{_utc(campaign.end)}'",
        f"{d.q('namespace')} IN ({namespaces})",
    ]
    if participants is not None:
        where.append(f"{d.q('user')} IN ({', '.join(d.literal(u) for u in sorted(participants)) or 'NULL'})")
    elif campaign.hashtags and not campaign.tags:
        joined = f"lower({d.join_array}({d.q('hashtags')}, ' '))"
        where.append(
            "(" + " OR ".join(f"instr({joined}, {d.literal(h.lower())}) > 0" for h in campaign.hashtags) + ")"
        )
    return f"SELECT {cols} FROM facts WHERE " + " AND ".join(where)


def first_edits_sql(d: Dialect, wikis: Sequence[str], users: Sequence[str]) -> str:
    """Each wanted user's first edit in the dumps of the campaign's wikis: the dump's "registration", from
    the ingest's small per-file tables (`firsts`: wiki, user, first_edit), the earliest over the files.
    Literal IN lists, as in candidate_sql: Spark turns `IN (SELECT …)` into a join with its own job and
    shuffle (1.3-1.9 s against 0.5-1.0 s on the 30-million-row bench; DuckDB is equally fast either way)."""
    return (
        f"SELECT {d.q('wiki')}, {d.q('user')}, min(first_edit) AS first_edit FROM firsts "
        f"WHERE {d.q('wiki')} IN ({', '.join(d.literal(w) for w in sorted(wikis))}) "
        f"AND {d.q('user')} IN ({', '.join(d.literal(u) for u in users) or 'NULL'}) "
        f"GROUP BY {d.q('wiki')}, {d.q('user')}"
    )


def firsts_of_facts_sql(d: Dialect) -> str:
    """The `firsts` rows of facts ingested before the side tables existed (view `old_facts`)."""
    return (
        f"SELECT {d.q('wiki')}, {d.q('user')}, min({d.q('timestamp')}) AS first_edit FROM old_facts "
        f"WHERE {d.q('user')} IS NOT NULL GROUP BY {d.q('wiki')}, {d.q('user')}"
    )


def latest_sql(d: Dialect, wikis: Sequence[str]) -> str:
    return (
        f"SELECT max({d.q('timestamp')}) AS latest FROM facts "
        f"WHERE {d.q('wiki')} IN ({', '.join(d.literal(w) for w in sorted(wikis))})"
    )


def article_path(base: str) -> tuple[str, str]:
    """(server, article path) from a dump's <siteinfo><base>, the main page's URL: its title is the last
    path segment ("https://sr.wikipedia.org/wiki/Главна_страна" → "/wiki/$1") or the title= value
    ("http://127.0.0.1:8080/index.php?title=Main_Page" → "/index.php?title=$1"). ("", "") when it is no URL."""
    url = urlsplit(base)
    if not url.scheme or not url.netloc:
        return "", ""
    server = f"{url.scheme}://{url.netloc}"
    query = [part for part in url.query.split("&") if part]
    for i, part in enumerate(query):
        if part.startswith("title="):
            query[i] = "title=$1"
            return server, f"{url.path}?{'&'.join(query)}"
    head = url.path.rsplit("/", 1)[0] if "/" in url.path else ""
    return server, f"{head}/$1"


def _siteinfo(wiki: str, manifest: dict[str, dict[str, Any]]) -> SiteInfo:
    """The wiki's links as its dump's <base> lays them out (Wikimedia's https://DOMAIN/wiki/ when the manifest
    has no base: facts ingested before it was recorded)."""
    bases = sorted({str(e.get("base") or "") for e in manifest.values() if e.get("wiki") == wiki} - {""})
    server, path = article_path(bases[0]) if bases else ("", "")
    return SiteInfo(wiki, (0,), {}, server=server, article_path=path)


def manifest_latest(manifest: dict[str, dict[str, Any]], wikis: Sequence[str]) -> datetime | None:
    """The campaign's wikis' latest revision time from the manifest, or None when a file has none recorded
    (ingested before `latest` was; then the engine scans)."""
    values = [e.get("latest") for e in manifest.values() if e.get("wiki") in wikis]
    if not values or any(v is None for v in values):
        return None
    times = [datetime.fromisoformat(v) for v in values if v]
    return max(times) if times else None


def _utc(t: datetime) -> str:
    return t.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S")


def _paths(files: Sequence[Path]) -> str:
    return "[" + ", ".join("'" + str(f).replace("'", "''") + "'" for f in files) + "]"


class DuckEngine:
    def __init__(self, files: Sequence[Path], firsts: Sequence[Path], old: Sequence[Path]) -> None:
        import duckdb

        self.con = duckdb.connect()
        self.con.execute("SET TimeZone = 'UTC'")
        self.con.execute(f"CREATE VIEW facts AS SELECT * FROM read_parquet({_paths(files)})")
        parts = [f'SELECT wiki, "user", first_edit FROM read_parquet({_paths(firsts)})'] if firsts else []
        if old:
            self.con.execute(f"CREATE VIEW old_facts AS SELECT * FROM read_parquet({_paths(old)})")
            parts.append(firsts_of_facts_sql(DUCKDB))
        self.con.execute(
            "CREATE VIEW firsts AS "
            + (
                " UNION ALL ".join(parts)
                or 'SELECT wiki, "user", "timestamp" AS first_edit FROM facts LIMIT 0'
            )
        )
        self.startup_s: float | None = None

    def rows(self, sql: str) -> list[dict[str, Any]]:
        cur = self.con.execute(sql)
        names = [c[0] for c in cur.description]
        return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]


class SparkEngine:
    def __init__(self, files: Sequence[Path], firsts: Sequence[Path], old: Sequence[Path]) -> None:
        from wikitally.services import spark as spark_service

        self.spark = spark_service.session()
        self.startup_s = spark_service.startup_seconds()
        facts = self.spark.read.parquet(*[str(f) for f in files])
        facts.createOrReplaceTempView("facts")
        parts = [self.spark.read.parquet(*[str(f) for f in firsts])] if firsts else []
        if old:
            self.spark.read.parquet(*[str(f) for f in old]).createOrReplaceTempView("old_facts")
            parts.append(self.spark.sql(firsts_of_facts_sql(SPARK)))
        view = parts[0] if parts else facts.selectExpr("wiki", "user", "timestamp AS first_edit").limit(0)
        for part in parts[1:]:
            view = view.unionByName(part)
        view.createOrReplaceTempView("firsts")

    def rows(self, sql: str) -> list[dict[str, Any]]:
        return [row.asDict() for row in self.spark.sql(sql).collect()]


def report(campaign: Campaign, source: Path, engine: str = "duckdb") -> DumpOutcome:
    """The campaign's outcome from the facts under `source` (see module doc)."""
    if campaign.participants_page and not campaign.participants:
        raise CampaignFileError(
            campaign.source,
            "participants_page",
            "--source reads no wiki, so it cannot read a participants page",
            "list the participants in `participants`",
        )
    files, manifest = fact_files(source)
    firsts, old = firsts_files(source, files)
    wikis_here = {entry.get("wiki") for entry in manifest.values()}
    missing = [w for w in campaign.wikis if w not in wikis_here]
    if len(missing) == len(campaign.wikis):
        raise UsageError(
            f"{source}: no ingested dump of {', '.join(campaign.wikis)} (it holds {', '.join(sorted(w for w in wikis_here if w)) or 'none'}); "
            "ingest the wiki's dump, or give --wiki DOMAIN to ingest"
        )
    participants = frozenset(campaign.participants) if campaign.participants else None
    started = time.perf_counter()
    eng: DuckEngine | SparkEngine = (
        SparkEngine(files, firsts, old) if engine == "spark" else DuckEngine(files, firsts, old)
    )
    dialect = SPARK if engine == "spark" else DUCKDB
    query_started = time.perf_counter()
    rows = eng.rows(candidate_sql(campaign, participants, dialect))
    unique: dict[tuple[str, int], dict[str, Any]] = {}
    for row in rows:  # two dumps of one wiki in one DIR: each revision once
        unique.setdefault((row["wiki"], row["rev_id"]), row)
    users = sorted({r["user"] for r in unique.values() if r["user"] is not None})
    first_edits = eng.rows(first_edits_sql(dialect, campaign.wikis, users)) if users else []
    latest = manifest_latest(manifest, campaign.wikis)
    if latest is None:  # facts from before the manifest recorded it
        latest = eng.rows(latest_sql(dialect, campaign.wikis))[0]["latest"]
    query_s = time.perf_counter() - query_started
    del started

    notes = [f"{w}: no ingested dump in {source}; its numbers are 0" for w in missing]
    kinds = {entry.get("kind") for entry in manifest.values() if entry.get("wiki") in campaign.wikis}
    if "stub" in kinds:
        notes.append(
            "stub dump: metadata only — words_added, references_added and references_removed are not counted"
        )
    if campaign.tags:
        notes.append("change tags are not in dumps: the campaign's `tags` match no edit (hashtags still do)")
    notes.append(
        "from dumps: uploads and uploads_in_use are 0 (no file tables in history dumps); new_editors use the first edit in the dump; edits_reverted are identity reverts"
    )
    revisions, pages, facts, unmeasured = _model(unique.values())
    if unmeasured:
        notes.append(
            f"{unmeasured} candidate edits were outside the ingest's scope, so their words are not counted: "
            "run `wikitally ingest … --campaign FILE` again with this campaign file"
        )
    accounts = [
        Account(r["wiki"], r["user"], _aware(r["first_edit"])) for r in first_edits if not is_ip(r["user"])
    ]
    snapshot = Snapshot(
        campaign=campaign,
        revisions=tuple(revisions),
        pages=tuple(pages.values()),
        facts=tuple(facts),
        uploads=(),
        accounts=tuple(accounts),
        siteinfo=tuple(_siteinfo(w, manifest) for w in campaign.wikis),
    )
    as_of = _aware(latest) if latest is not None else campaign.end
    outcome = compute(snapshot, participants, as_of)
    return DumpOutcome(outcome.as_json(), notes, len(rows), query_s, eng.startup_s, snapshot)


def _model(
    rows: Any,
) -> tuple[list[Revision], dict[tuple[str, int], PageState], list[ContentFacts], int]:
    revisions: list[Revision] = []
    pages: dict[tuple[str, int], PageState] = {}
    facts: list[ContentFacts] = []
    unmeasured = 0
    for r in rows:
        wiki = r["wiki"]
        comment = None if r["comment_hidden"] else " ".join("#" + h for h in (r["hashtags"] or ()))
        revisions.append(
            Revision(
                wiki=wiki,
                rev_id=r["rev_id"],
                parent_id=r["parent_id"],
                page_id=r["page_id"],
                namespace=r["namespace"],
                title=r["title"],
                user=r["user"] or "",
                timestamp=_aware(r["timestamp"]),
                comment=comment,
                size=r["bytes"],
                sizediff=r["sizediff"],
                tags=("mw-reverted",) if r["reverted"] else (),
                new=r["parent_id"] == 0,
                texthidden=bool(r["text_hidden"]),
            )
        )
        pages[(wiki, r["page_id"])] = PageState(
            wiki, r["page_id"], r["namespace"], r["title"], bool(r["redirect"])
        )
        fact = _fact(r)
        if fact is not None:
            facts.append(fact)
        if (
            r["references"] is not None
            and r["words_added"] is None
            and not r["text_hidden"]
            and not r["reverted"]
        ):
            unmeasured += 1
    return revisions, pages, facts, unmeasured


def _fact(r: dict[str, Any]) -> ContentFacts | None:
    """As services.collection.measure: hidden text credits nothing; an unknown or hidden parent, no words and
    no change in references."""
    wiki, rev_id = r["wiki"], r["rev_id"]
    if r["text_hidden"]:
        return ContentFacts(wiki, rev_id, 0, 0, 0)
    if r["references"] is None:
        return None  # a stub dump: nothing measured
    after = r["references"]
    before = r["parent_references"] if r["parent_references"] is not None else after
    words = r["words_added"] or 0
    return ContentFacts(wiki, rev_id, words, before, after)


def _aware(t: datetime) -> datetime:
    return t.replace(tzinfo=UTC) if t.tzinfo is None else t.astimezone(UTC)
