"""Collection benchmark: wikitally against a naive mwclient collector, on two freshly seeded local wikis.

Run: .venv/bin/python bench/bench_collect.py [--participants 200 --edits 3000]

1. Starts two throw-away MediaWikis (tests/wikis.py: Debian's MediaWiki 1.39 on SQLite, PHP's built-in
   server, free ports, a temporary directory) and seeds them with an edit-a-thon (bench/seed_campaign.py):
   the accounts with one PHP process per wiki (User::createNew, backdated registrations), the backdated
   history with importDump.php (--no-updates: link tables are skipped, nothing read here uses them).
2. In this one process, on the same data: wikitally's collector into a fresh SQLite store, a refresh (a
   second collection, nothing new), then bench/naive_collector.py (usercontribs per user, one content
   request per revision and one per parent). Both must find the same edits, bytes, words and references.
3. Prints wikitally | naive | ratio for requests, bytes and wall time, the request floor (usercontribs at
   500 rows per 50-user batch, content at 50 revisions per request), the refresh allowance and the content
   bytes against the bytes of the revisions that really need a diff, with PASS/FAIL per target; writes
   everything to bench/out/collect.json. Exit status 1 when a target is missed or the counts disagree.

wikitally's requests are attributed by kind (content = prop=revisions) with a counting wrapper around
httpx.HTTPTransport, passed in through collection.session_factory(transport=…).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import math
import os
import platform
import subprocess
import sys
import tempfile
import time
import zlib
from collections import Counter, defaultdict
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from types import ModuleType
from typing import Any
from urllib.parse import parse_qs

import httpx
from naive_collector import collect_naive
from seed_campaign import WINDOW_END, WINDOW_START, CampaignPlan, WikiPlan, plan_campaign

from wikitally.collect.reader import BATCH, LIST_LIMIT, chunks
from wikitally.metrics.filters import in_window, tracked_namespaces
from wikitally.metrics.outcome import compute
from wikitally.model import Campaign
from wikitally.services import collection
from wikitally.store import open_store

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out" / "collect.json"
CONTACT = "bench@wikitally.invalid"
SANITY = ("edits", "edits_reverted", "bytes_added", "words_added", "references_added")
TARGET_REQUESTS = 1 / 10  # of the naive collector's
TARGET_WALL = 1 / 5
TARGET_FLOOR = 1.25
TARGET_CONTENT_BYTES = 1.5
REFRESH_PER = 50  # participants per allowed refresh request and wiki (plus siteinfo)

CREATE_USERS_PHP = """<?php
require_once getenv( 'MW_INSTALL_PATH' ) . '/maintenance/Maintenance.php';
class BenchCreateUsers extends Maintenance {
	public function __construct() {
		parent::__construct();
		$this->addArg( 'file', 'JSON: [[name, registration YYYYMMDDHHMMSS], ...]' );
	}
	public function execute() {
		$made = 0;
		foreach ( json_decode( file_get_contents( $this->getArg( 0 ) ), true ) as [ $name, $reg ] ) {
			$made += User::createNew( $name, [ 'registration' => $reg ] ) ? 1 : 0;
		}
		$this->output( "created $made\\n" );
	}
}
$maintClass = BenchCreateUsers::class;
require_once RUN_MAINTENANCE_IF_MAIN;
"""


def load_wikis() -> ModuleType:
    """tests/wikis.py by path (tests/ is not a package)."""
    spec = importlib.util.spec_from_file_location("wikis", ROOT / "tests" / "wikis.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["wikis"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


wikis = load_wikis()


# -- seeding ----------------------------------------------------------------------------------------------


def seed(wiki: Any, plan: WikiPlan, work: Path) -> dict[str, float]:
    """Accounts (one PHP process), then the whole history (one importDump.php). Returns timings."""
    work.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    script = work / "create_users.php"
    script.write_text(CREATE_USERS_PHP)
    accounts = work / "accounts.json"
    accounts.write_text(json.dumps([[name, wikis.mw_timestamp(reg)] for name, reg in plan.accounts]))
    env = dict(os.environ, MW_SERVER=wiki.server, MW_INSTALL_PATH=str(wikis.MW_IP))
    env.pop("MW_CONFIG_FILE", None)
    proc = subprocess.run(
        ["php", str(script), "--conf", str(wiki.local_settings), str(accounts)],
        cwd=wikis.MW_IP,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode != 0 or f"created {len(plan.accounts)}" not in proc.stdout:
        raise RuntimeError(f"creating accounts on {wiki.domain} failed:\n{proc.stdout}{proc.stderr}")
    t1 = time.perf_counter()
    dump = work / "history.xml"
    dump.write_text(wikis.export_xml(plan.pages), encoding="utf-8")
    out = wiki.maintenance("importDump", "--no-updates", str(dump))
    if "Done!" not in out:
        raise RuntimeError(f"importDump.php on {wiki.domain} did not finish:\n{out[-2000:]}")
    return {"accounts_s": t1 - t0, "import_s": time.perf_counter() - t1}


# -- counting wikitally's traffic by kind -----------------------------------------------------------------


def request_kind(params: dict[str, str]) -> str:
    if "revisions" in params.get("prop", "").split("|"):
        return "content"
    if params.get("list") == "usercontribs":
        return "list"
    if params.get("meta") == "siteinfo":
        return "siteinfo"
    if params.get("list") in ("recentchanges", "users"):
        return params["list"]
    if params.get("prop"):
        return "pages"
    return "other"


class _CountingStream(httpx.SyncByteStream):
    def __init__(self, inner: httpx.SyncByteStream, tally: Counter[str], gzipped: bool) -> None:
        self._inner, self._tally = inner, tally
        self._gunzip = zlib.decompressobj(wbits=31) if gzipped else None

    def __iter__(self) -> Iterator[bytes]:
        t0 = time.perf_counter_ns()
        for chunk in self._inner:
            self._tally["wire"] += len(chunk)
            self._tally["decoded"] += len(self._gunzip.decompress(chunk)) if self._gunzip else len(chunk)
            self._tally["ns"] += time.perf_counter_ns() - t0
            yield chunk
            t0 = time.perf_counter_ns()

    def close(self) -> None:
        self._inner.close()


class CountingTransport(httpx.BaseTransport):
    """httpx.HTTPTransport that tallies requests and response bytes (wire, decoded) per (wiki, kind).

    Shared by every session of a run: `close` (called by each session's client) keeps it open."""

    def __init__(self, wiki_by_port: dict[int, str]) -> None:
        self._inner = httpx.HTTPTransport()
        self._wiki_by_port = wiki_by_port
        self.tally: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        params = {k: v for k, v in request.url.params.items()}
        if request.method == "POST":
            params.update({k: v[0] for k, v in parse_qs(request.read().decode()).items()})
        tally = self.tally[(self._wiki_by_port.get(request.url.port or 80, "?"), request_kind(params))]
        tally["requests"] += 1
        t0 = time.perf_counter_ns()
        response = self._inner.handle_request(request)
        tally["ns"] += time.perf_counter_ns() - t0
        assert isinstance(response.stream, httpx.SyncByteStream)
        gzipped = response.headers.get("content-encoding", "").lower() == "gzip"
        return httpx.Response(
            status_code=response.status_code,
            headers=response.headers,
            stream=_CountingStream(response.stream, tally, gzipped),
            extensions=response.extensions,
        )

    def reset(self) -> dict[tuple[str, str], Counter[str]]:
        tally, self.tally = self.tally, defaultdict(Counter)
        return tally

    def close(self) -> None:
        pass

    def shutdown(self) -> None:
        self._inner.close()


# -- the benchmark ----------------------------------------------------------------------------------------


def floor_and_needs(
    campaign: Campaign, store: Any, participants: frozenset[str]
) -> dict[str, dict[str, int]]:
    """Per wiki, from the stored listing: the request floor, and the revisions a diff really needs."""
    snap = store.snapshot(campaign)
    infos = {info.wiki: info for info in snap.siteinfo}
    out: dict[str, dict[str, int]] = {}
    for wiki in campaign.wikis:
        revs = [r for r in snap.revisions if r.wiki == wiki]
        rows = Counter(r.user for r in revs)
        # usercontribs: 50 users a request, 500 rows an answer; even an empty batch needs its one request.
        list_floor = sum(
            max(1, math.ceil(sum(rows[u] for u in batch) / LIST_LIMIT))
            for batch in chunks(sorted(participants), BATCH)
        )
        tracked = tracked_namespaces(campaign, infos.get(wiki))
        measured = [
            r
            for r in revs
            if r.namespace in tracked and in_window(r, campaign) and not r.reverted and not r.texthidden
        ]
        sizes = {r.rev_id: r.size for r in measured}  # rev_len: UTF-8 bytes of the text
        for r in measured:
            if r.parent_id and r.parent_id not in sizes:
                sizes[r.parent_id] = r.size - (r.sizediff or 0)
        out[wiki] = {
            "rows": len(revs),
            "measured": len(measured),
            "texts_needed": len(sizes),
            "text_bytes_needed": sum(sizes.values()),
            "floor_list": list_floor,
            "floor_content": math.ceil(len(sizes) / BATCH),
        }
    return out


def run(local: list[Any], plan: CampaignPlan, work: Path) -> dict[str, Any]:
    campaign = Campaign(
        name="WikiGap 2024 (benchmark)",
        start=WINDOW_START,
        end=WINDOW_END,
        wikis=tuple(w.domain for w in local),
        participants=tuple(plan.participants),
        api=wikis.api_table(*local),
    )
    transport = CountingTransport({w.port: w.domain for w in local})
    sessions = collection.session_factory(contact=CONTACT, transport=transport)
    store = open_store(str(work / "store.sqlite3"))

    print("wikitally: collecting …", flush=True)
    t0 = time.perf_counter()
    summary = collection.collect(campaign, store, sessions, progress=None)
    wall = time.perf_counter() - t0
    first = transport.reset()
    participants = store.participants(campaign)
    assert participants is not None
    outcome = compute(store.snapshot(campaign), participants, datetime.now(UTC))

    print("wikitally: refreshing (nothing new) …", flush=True)
    t0 = time.perf_counter()
    refresh = collection.collect(campaign, store, sessions, progress=None)
    refresh_wall = time.perf_counter() - t0
    second = transport.reset()
    transport.shutdown()
    needs = floor_and_needs(campaign, store, participants)
    store.close()

    print(
        f"naive: {len(plan.participants)} × {len(local)} usercontribs, 2 content requests an edit …",
        flush=True,
    )
    naive = collect_naive(campaign, plan.participants)

    per_wiki = {}
    for wiki in campaign.wikis:
        kinds = {kind: dict(c) for (w, kind), c in sorted(first.items()) if w == wiki}
        ws = summary.wikis[wiki]
        per_wiki[wiki] = {
            "requests": ws.requests,
            "bytes_received": ws.bytes_received,
            "by_kind": kinds,
            "content_fetched": ws.content_fetched,
            "revisions_listed": ws.revisions,
            "refresh_requests": refresh.wikis[wiki].requests,
            "refresh_mode": refresh.wikis[wiki].mode,
            "refresh_by_kind": {kind: c["requests"] for (w, kind), c in sorted(second.items()) if w == wiki},
            "naive": dict(naive.per_wiki.get(wiki, {})),
            **needs[wiki],
        }
    expected = {
        "edits": sum(p.edits_in_window for p in plan.wikis),
        "bytes_added": plan_bytes_added(plan),
    }
    return {
        "wikitally": {
            "requests": summary.requests,
            "bytes_received": summary.bytes_received,
            "bytes_decoded": sum(c["decoded"] for c in first.values()),
            "wall_s": wall,
            "http_s": sum(c["ns"] for c in first.values()) / 1e9,
            "content_requests": sum(c["requests"] for (_, k), c in first.items() if k == "content"),
            "content_bytes": sum(c["decoded"] for (_, k), c in first.items() if k == "content"),
            "content_bytes_wire": sum(c["wire"] for (_, k), c in first.items() if k == "content"),
            "refresh_requests": refresh.requests,
            "refresh_wall_s": refresh_wall,
            "totals": {k: outcome.totals[k] for k in SANITY},
        },
        "naive": {
            "requests": naive.requests,
            "bytes_received": naive.bytes_received,
            "bytes_decoded": naive.bytes_decoded,
            "wall_s": naive.wall_s,
            "http_s": naive.http_s,
            "content_requests": naive.content_requests,
            "content_bytes": naive.content_bytes,
            "totals": {k: getattr(naive, k) for k in SANITY},
        },
        "expected_from_seed": expected,
        "per_wiki": per_wiki,
    }


def plan_bytes_added(plan: CampaignPlan) -> int:
    """Σ max(0, size − parent size) over participants' main-namespace edits in the window, from the seed."""
    people = set(plan.participants)
    total = 0
    for wiki in plan.wikis:
        for page in wiki.pages:
            if page["title"].startswith("Talk:"):
                continue
            before = 0
            for rev in page["revisions"]:
                size = len(rev["text"].encode())
                if rev["user"] in people and WINDOW_START <= rev["timestamp"] <= WINDOW_END:
                    total += max(0, size - before)
                before = size
    return total


def evaluate(r: dict[str, Any], participants: int) -> dict[str, Any]:
    wt, nv, pw = r["wikitally"], r["naive"], r["per_wiki"]
    floor = sum(w["floor_list"] + w["floor_content"] for w in pw.values())
    needed = sum(w["text_bytes_needed"] for w in pw.values())
    allowance = math.ceil(participants / REFRESH_PER) + 1  # per wiki, the +1 being its siteinfo
    worst_refresh = max(w["refresh_requests"] for w in pw.values())
    mismatches = [k for k in SANITY if wt["totals"][k] != nv["totals"][k]]
    mismatches += [
        f"{k} (seed)"
        for k, v in r["expected_from_seed"].items()
        if v not in (wt["totals"][k], nv["totals"][k])
    ]
    targets = {
        "requests ≤ 1/10 of naive": wt["requests"] <= nv["requests"] * TARGET_REQUESTS,
        "wall time ≤ 1/5 of naive": wt["wall_s"] <= nv["wall_s"] * TARGET_WALL,
        "requests ≤ 1.25 × floor": wt["requests"] <= floor * TARGET_FLOOR,
        f"refresh ≤ {allowance} requests per wiki": worst_refresh <= allowance,
        "content bytes ≤ 1.5 × needed": wt["content_bytes"] <= needed * TARGET_CONTENT_BYTES,
        "same counts as naive": not mismatches,
    }
    return {
        "floor": floor,
        "floor_list": sum(w["floor_list"] for w in pw.values()),
        "floor_content": sum(w["floor_content"] for w in pw.values()),
        "text_bytes_needed": needed,
        "refresh_allowance_per_wiki": allowance,
        "mismatches": mismatches,
        "targets": targets,
    }


def mb(n: float) -> str:
    return f"{n / 1e6:.2f} MB"


def ratio(a: float, b: float) -> str:
    return f"1/{b / a:.1f}" if a and a < b else f"{a / b:.2f}×" if b else "–"


def report(r: dict[str, Any], ev: dict[str, Any]) -> str:
    wt, nv, pw = r["wikitally"], r["naive"], r["per_wiki"]
    ok = {True: "PASS", False: "FAIL"}
    t = ev["targets"]
    rows: list[tuple[str, ...] | None] = [
        ("", "wikitally", "naive", "ratio", "target"),
        None,
        (
            "HTTP requests",
            f"{wt['requests']:,}",
            f"{nv['requests']:,}",
            ratio(wt["requests"], nv["requests"]),
            f"≤ 1/10 {ok[t['requests ≤ 1/10 of naive']]}",
        ),
        (
            "bytes received",
            mb(wt["bytes_received"]),
            mb(nv["bytes_received"]),
            ratio(wt["bytes_received"], nv["bytes_received"]),
            "",
        ),
        (
            "wall time",
            f"{wt['wall_s']:.1f} s",
            f"{nv['wall_s']:.1f} s",
            ratio(wt["wall_s"], nv["wall_s"]),
            f"≤ 1/5 {ok[t['wall time ≤ 1/5 of naive']]}",
        ),
        (
            "  of which waiting for HTTP",
            f"{wt['http_s']:.1f} s",
            f"{nv['http_s']:.1f} s",
            ratio(wt["http_s"], nv["http_s"]),
            "",
        ),
        (
            "content requests",
            f"{wt['content_requests']:,}",
            f"{nv['content_requests']:,}",
            ratio(wt["content_requests"], nv["content_requests"]),
            "",
        ),
        (
            "content bytes",
            mb(wt["content_bytes"]),
            mb(nv["content_bytes"]),
            ratio(wt["content_bytes"], nv["content_bytes"]),
            "",
        ),
        None,
        (
            "request floor (list + content)",
            f"{ev['floor']:,} = {ev['floor_list']} + {ev['floor_content']}",
            "",
            f"{wt['requests'] / ev['floor']:.2f}×",
            f"≤ 1.25× {ok[t['requests ≤ 1.25 × floor']]}",
        ),
        (
            "refresh, nothing new (per wiki)",
            ", ".join(str(w["refresh_requests"]) for w in pw.values()),
            "",
            f"allowed {ev['refresh_allowance_per_wiki']}",
            ok[next(v for k, v in t.items() if k.startswith("refresh"))],
        ),
        (
            "content bytes / needed text bytes",
            f"{mb(wt['content_bytes'])} / {mb(ev['text_bytes_needed'])}",
            "",
            f"{wt['content_bytes'] / ev['text_bytes_needed']:.2f}×",
            f"≤ 1.5× {ok[t['content bytes ≤ 1.5 × needed']]}",
        ),
        None,
        *((k, f"{wt['totals'][k]:,}", f"{nv['totals'][k]:,}", "", "") for k in SANITY),
    ]
    cells = [row for row in rows if row is not None]
    widths = [max(len(row[i]) for row in cells) for i in range(5)]
    rule = "-" * (sum(widths) + 2 * 4)
    lines = [
        rule
        if row is None
        else "  ".join(
            c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths, strict=True))
        )
        for row in rows
    ]
    lines.append(
        "counts: " + ("same in both" if not ev["mismatches"] else "MISMATCH " + ", ".join(ev["mismatches"]))
    )
    lines.append("")
    lines.append(
        "per wiki        requests  list/floor  content/floor  other                           texts fetched/needed  content/needed bytes"
    )
    for wiki, w in pw.items():
        kinds = w["by_kind"]
        other = ", ".join(f"{k} {c['requests']}" for k, c in kinds.items() if k not in ("list", "content"))
        lines.append(
            f"{wiki:<15} {w['requests']:>8}  {kinds.get('list', {}).get('requests', 0):>4}/{w['floor_list']:<5}"
            f"  {kinds.get('content', {}).get('requests', 0):>6}/{w['floor_content']:<6}  {other:<30}"
            f"  {w['content_fetched']:>8}/{w['texts_needed']:<11}"
            f"  {mb(kinds.get('content', {}).get('decoded', 0))}/{mb(w['text_bytes_needed'])}"
        )
    return "\n".join(lines)


def machine() -> dict[str, Any]:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    php = subprocess.run(
        ["php", "-r", "echo PHP_VERSION;"], capture_output=True, text=True, check=False
    ).stdout
    return {
        "cpus": os.cpu_count(),
        "cpu": model,
        "python": platform.python_version(),
        "php": php,
        "system": f"{platform.system()} {platform.release()}",
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--participants", type=int, default=200)
    ap.add_argument("--edits", type=int, default=3000, help="participants' counted edits, both wikis")
    ap.add_argument("--seed", type=int, default=2024)
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    if args.edits < args.participants:
        ap.error("--edits must be at least --participants (every active participant edits once)")
    started = time.perf_counter()
    plan = plan_campaign(args.participants, args.edits, args.seed)
    plan_s = time.perf_counter() - started
    with tempfile.TemporaryDirectory(prefix="wikitally-bench-") as tmp:
        base = Path(tmp)
        specs = [
            wikis.WikiSpec(base / "en", wikis.free_port(0), "en.bench.test", "bench_en"),
            wikis.WikiSpec(base / "fr", wikis.free_port(0), "fr.bench.test", "bench_fr"),
        ]
        t0 = time.perf_counter()
        try:
            local = wikis.start_wikis(specs)
        except wikis.WikiUnavailable as e:
            print(f"cannot run: {e}", file=sys.stderr)
            return 2
        start_s = time.perf_counter() - t0
        try:
            print(f"wikis up in {start_s:.1f} s; seeding …", flush=True)
            t0 = time.perf_counter()
            with ThreadPoolExecutor(max_workers=len(local)) as pool:
                timings = list(pool.map(seed, local, plan.wikis, [base / f"seed-{w.domain}" for w in local]))
            seed_s = time.perf_counter() - t0 + plan_s
            mw_version = local[0].api_get(action="query", meta="siteinfo")["query"]["general"]["generator"]
            for w, p, tm in zip(local, plan.wikis, timings, strict=True):
                print(
                    f"  {w.domain}: {len(p.accounts)} accounts in {tm['accounts_s']:.1f} s, {len(p.pages)} pages / "
                    f"{p.revisions} revisions / {mb(p.text_bytes)} imported in {tm['import_s']:.1f} s"
                )
            print(f"seeded in {seed_s:.1f} s (plan {plan_s:.1f} s)", flush=True)
            result = run(local, plan, base)
        finally:
            for w in local:
                w.stop()
    ev = evaluate(result, args.participants)
    table = report(result, ev)
    print()
    print(table)
    print()
    for name, passed in ev["targets"].items():
        print(f"{'PASS' if passed else 'FAIL'}  {name}")
    total_s = time.perf_counter() - started
    print(f"\ntotal {total_s:.0f} s (wikis {start_s:.1f} s, seeding {seed_s:.1f} s)")
    record = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "args": {k: str(v) if isinstance(v, Path) else v for k, v in vars(args).items()},
        "machine": {**machine(), "mediawiki": mw_version},
        "seed": {
            "participants": len(plan.participants),
            "participants_active": len({u for p in plan.wikis for u in p.editors}),
            "edits_in_window": sum(p.edits_in_window for p in plan.wikis),
            "wikis": {
                w.domain: {"pages": len(p.pages), "revisions": p.revisions, "text_bytes": p.text_bytes, **tm}
                for w, p, tm in zip(local, plan.wikis, timings, strict=True)
            },
            "wiki_start_s": start_s,
            "seed_s": seed_s,
        },
        **result,
        "evaluation": {k: v for k, v in ev.items()},
        "table": table,
        "total_s": total_s,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(record, indent=2, ensure_ascii=False) + "\n")
    print(f"wrote {args.out}")
    return 0 if all(ev["targets"].values()) else 1


if __name__ == "__main__":
    sys.exit(main())
