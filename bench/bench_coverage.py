"""Benchmark: worklist coverage of 20,000 Wikidata items on 3 local wikis (docs/worklists.md).

Three throw-away MediaWikis get backdated articles for part of the items (importDump.php); a local stand-in
for Wikidata answers wbgetentities in its real JSON shape (every item has a sitelink on all three wikis, the
costliest case: 20,000 titles to look up on each). The worklist is a Wikidata Query Service CSV export.
wikitally resolves it (services/worklist.py) in a child process, so its peak RSS is its own; a baseline
asks one request per item and wiki (wbgetentities for one id, then one titles= query per wiki) on a sample
of the items, and wikitally resolves the same sample, side by side.

    .venv/bin/python bench/bench_coverage.py [--items 20000 --existing 2000 --sample 500]

Targets: ≤ 1 request per 50 items on each wiki (and on Wikidata), under 30 s, peak RSS under 300 MB.
Writes bench/out/coverage.json (gitignored); exits 1 if a target is missed.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import math
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import ModuleType
from typing import Any, ClassVar
from urllib.parse import parse_qs

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out" / "coverage.json"
CONTACT = "bench@wikitally.invalid"
PER_REQUEST = 50
TARGET_S = 30.0
TARGET_RSS_MB = 300.0


def load_wikis() -> ModuleType:
    spec = importlib.util.spec_from_file_location("wikis", ROOT / "tests" / "wikis.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["wikis"] = module
    spec.loader.exec_module(module)
    return module


def title(i: int, k: int) -> str:
    return f"Village {i} w{k}"


# -- the Wikidata stand-in: wbgetentities as Wikidata writes it (formatversion=2) ------------------------
class Wikidata(BaseHTTPRequestHandler):
    site_ids: ClassVar[list[str]] = []
    items = 0
    requests = 0

    def do_GET(self) -> None:
        self._answer(parse_qs(self.path.split("?", 1)[1] if "?" in self.path else ""))

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length", 0))
        self._answer(parse_qs(self.rfile.read(length).decode()))

    def _answer(self, q: dict[str, list[str]]) -> None:
        type(self).requests += 1
        entities = {}
        for qid in q.get("ids", [""])[0].split("|"):
            n = int(qid[1:]) if qid[1:].isdigit() else 0
            if not 1 <= n <= self.items:
                entities[qid] = {"id": qid, "missing": ""}
                continue
            entities[qid] = {
                "type": "item",
                "id": qid,
                "labels": {"en": {"language": "en", "value": f"Village {n}"}},
                "sitelinks": {
                    site: {"site": site, "title": title(n, k), "badges": []}
                    for k, site in enumerate(self.site_ids)
                },
            }
        body = json.dumps({"entities": entities, "success": 1}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: Any) -> None:
        pass


# -- the child: wikitally, or the baseline, on a worklist; its own time, requests and peak RSS -------------
def child(config: dict[str, Any]) -> dict[str, Any]:
    os.environ["WIKITALLY_WIKIDATA_API"] = config["wikidata"]
    from wikitally.campaign_file import load_campaign
    from wikitally.services import collection, worklist
    from wikitally.store import open_store

    campaign = load_campaign(config["campaign"])
    store = open_store(config["db"])
    sessions = collection.session_factory(CONTACT)
    if config["mode"] == "baseline":
        return baseline(campaign, sessions, config)
    collection.collect(campaign, store, sessions)  # the report's own collection: stores each wiki's siteinfo
    waits = profile_requests()
    t0, cpu0 = time.perf_counter(), time.process_time()
    resolve = serial_resolve if config.get("serial") else worklist.resolve_worklist
    profile = os.environ.get("BENCH_COVERAGE_PROFILE")  # a path: cProfile stats of the resolve written there
    if profile:
        import cProfile

        with cProfile.Profile() as prof:
            summary = resolve(campaign, store, sessions, datetime.now(UTC))
        prof.dump_stats(f"{profile}.{config['name']}")
    else:
        summary = resolve(campaign, store, sessions, datetime.now(UTC))
    resolved, cpu = time.perf_counter() - t0, time.process_time() - cpu0
    result = worklist.coverage_json(campaign, store, [])
    return {
        "seconds": resolved + 0.0,
        "cpu_s": cpu,  # this process's CPU time while resolving (Python: parsing, resolving, the store)
        "waits": {
            host: {k: round(v - (t0 if k != "in_requests_s" else 0), 2) for k, v in w.items()}
            for host, w in waits.items()
        },
        "coverage_s": time.perf_counter() - t0 - resolved,
        "requests": summary.requests,
        "items": summary.items,
        "coverage": {k: result[k] for k in ("items", "by_wiki")} if result else None,
        "missing": len(result["missing"]) if result else None,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def serial_resolve(campaign: Any, store: Any, sessions: Any, now: datetime) -> Any:
    """The resolve as it was before the wikis worked side by side with Wikidata: every wbgetentities batch
    first, then the wikis (in parallel, each in series). Same requests; the comparison for the pipeline."""
    from concurrent.futures import ThreadPoolExecutor
    from dataclasses import replace

    from wikitally.collect import worklist as wl
    from wikitally.metrics.coverage import Resolution, unique, wanted_titles
    from wikitally.services import worklist

    summary = worklist.Summary()
    items = unique(worklist.read_items(campaign, sessions, summary))
    summary.items = len(items)
    qids = sorted({i.item for i in items if i.item})
    facts = worklist._entities(campaign, store, sessions, qids, summary)
    items = [replace(i, label=i.label or facts.labels.get(i.item or "")) for i in items]
    wanted = wanted_titles(items, facts.links, campaign.wikis)

    def one_wiki(wiki: str) -> tuple[str, Any, int]:
        with sessions(wiki, campaign.api_url(wiki)) as session:
            return (
                wiki,
                wl.article_states(session, wiki, wanted[wiki], campaign.start),
                session.stats.requests,
            )

    states: dict[Any, Any] = {}
    with ThreadPoolExecutor(max_workers=3) as pool:
        for wiki, found, requests in pool.map(one_wiki, [w for w in campaign.wikis if wanted[w]]):
            states.update(found)
            summary.requests[wiki] = requests
    store.save_worklist(campaign, Resolution(tuple(items), facts.links, states).as_json(), now)
    return summary


def profile_requests() -> dict[str, dict[str, float]]:
    """Where the resolve's wall time goes: per host, the seconds spent inside requests (sending, the server's
    work, reading the answer) and when its first and last request ended (perf_counter)."""
    import urllib.parse

    from wikitally.collect import api

    waits: dict[str, dict[str, float]] = {}
    lock = threading.Lock()
    send = api.ApiSession._send

    def timed(self: Any, method: str, url: str, **kwargs: Any) -> Any:
        t = time.perf_counter()
        try:
            return send(self, method, url, **kwargs)
        finally:
            end = time.perf_counter()
            host = urllib.parse.urlsplit(url).netloc
            with lock:
                w = waits.setdefault(host, {"in_requests_s": 0.0, "first_end_s": end, "last_end_s": end})
                w["in_requests_s"] += end - t
                w["last_end_s"] = end

    api.ApiSession._send = timed  # type: ignore[method-assign]
    return waits


def baseline(campaign: Any, sessions: Any, config: dict[str, Any]) -> dict[str, Any]:
    """What a script would do: each item's sitelinks alone, then each title alone on each wiki."""
    from wikitally.metrics.worklist_files import parse_export

    items = parse_export(Path(config["file"]).read_text(encoding="utf-8"), "x.csv", campaign.wikis[0])
    t0 = time.perf_counter()
    requests: dict[str, int] = {}
    with sessions("www.wikidata.org", config["wikidata"]) as wd:
        links = {}
        for it in items:
            data = wd.get({"action": "wbgetentities", "ids": it.item, "props": "sitelinks"})
            links[it.item] = data["entities"][it.item].get("sitelinks", {})
        requests["www.wikidata.org"] = wd.stats.requests
    now = {w: 0 for w in campaign.wikis}
    for k, wiki in enumerate(campaign.wikis):
        with sessions(wiki, campaign.api_url(wiki)) as s:
            site = config["sites"][k]
            for it in items:
                t = links[it.item][site]["title"]
                data = s.get({"titles": t, "redirects": "1", "prop": "info"})
                now[wiki] += sum(1 for p in data["query"]["pages"] if "missing" not in p)
            requests[wiki] = s.stats.requests
    return {
        "seconds": time.perf_counter() - t0,
        "requests": requests,
        "now": now,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def run_child(config: dict[str, Any], work: Path) -> dict[str, Any]:
    path = work / f"config-{config['mode']}-{config['name']}.json"
    path.write_text(json.dumps(config))
    proc = subprocess.run(
        [sys.executable, __file__, "--child", str(path)], capture_output=True, text=True, check=False
    )
    if proc.returncode != 0:
        raise RuntimeError(proc.stderr[-3000:])
    result: dict[str, Any] = json.loads(proc.stdout)
    return result


# -- seeding and the campaign ------------------------------------------------------------------------------
def seed(wiki: Any, k: int, existing: int, when: datetime, work: Path) -> float:
    t0 = time.perf_counter()
    pages = [
        {"title": title(i, k), "revisions": [{"user": "Old", "timestamp": when, "text": f"Village {i}."}]}
        for i in range(1, existing + 1)
    ]
    dump = work / f"seed-{k}.xml"
    dump.write_text(wikis.export_xml(pages), encoding="utf-8")
    out = wiki.maintenance("importDump", "--no-updates", str(dump))
    if "Done!" not in out:
        raise RuntimeError(f"importDump.php on {wiki.domain} did not finish:\n{out[-2000:]}")
    return time.perf_counter() - t0


def write_campaign(work: Path, name: str, started: list[Any], start: datetime, items: range) -> Path:
    export = work / f"{name}.csv"
    with export.open("w", encoding="utf-8") as f:  # as the Query Service writes it
        f.write("item,itemLabel,coord\n")
        for i in items:
            f.write(
                f"http://www.wikidata.org/entity/Q{i},Village {i},Point({19 + i % 200 / 100} {40 + i % 300 / 100})\n"
            )
    api = "\n".join(f'"{w.domain}" = "{w.api}"' for w in started)
    path = work / f"{name}.toml"
    path.write_text(
        f'name = "Coverage bench {name}"\nstart = {start.isoformat()}\nend = {(start + timedelta(days=1)).isoformat()}\n'
        f"wikis = [{', '.join(repr(w.domain).replace(chr(39), chr(34)) for w in started)}]\n"
        f'participants = ["Nobody in particular"]\nworklist_files = ["{export.name}"]\n[api]\n{api}\n',
        encoding="utf-8",
    )
    return path


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--items", type=int, default=20_000)
    ap.add_argument("--existing", type=int, default=2_000, help="articles per wiki that exist")
    ap.add_argument("--sample", type=int, default=500, help="items the baseline is compared on")
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-coverage-"))
    specs = [
        wikis.WikiSpec(work / f"w{k}", wikis.free_port(0), f"w{k}.bench.test", f"w{k}wiki") for k in range(3)
    ]
    t0 = time.perf_counter()
    started = wikis.start_wikis(specs)
    server = ThreadingHTTPServer(("127.0.0.1", 0), Wikidata)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        Wikidata.site_ids = [s.dbname for s in specs]  # the wiki's global id is its database name
        Wikidata.items = args.items
        start = datetime.now(UTC).replace(microsecond=0)
        seeded = [seed(w, k, args.existing, start - timedelta(days=3), work) for k, w in enumerate(started)]
        setup_s = time.perf_counter() - t0
        wd = f"http://127.0.0.1:{server.server_address[1]}/w/api.php"
        full = write_campaign(work, "full", started, start, range(1, args.items + 1))
        sample = write_campaign(work, "sample", started, start, range(1, args.sample + 1))
        base = {"wikidata": wd, "sites": Wikidata.site_ids}
        ours = run_child(
            {
                **base,
                "mode": "wikitally",
                "name": "full",
                "campaign": str(full),
                "db": str(work / "full.sqlite3"),
            },
            work,
        )
        serial = run_child(
            {
                **base,
                "mode": "wikitally",
                "serial": True,
                "name": "serial",
                "campaign": str(full),
                "db": str(work / "serial.sqlite3"),
            },
            work,
        )
        ours_sample = run_child(
            {
                **base,
                "mode": "wikitally",
                "name": "sample",
                "campaign": str(sample),
                "db": str(work / "s.sqlite3"),
            },
            work,
        )
        naive = run_child(
            {
                **base,
                "mode": "baseline",
                "name": "sample",
                "campaign": str(sample),
                "db": str(work / "b.sqlite3"),
                "file": str(work / "sample.csv"),
            },
            work,
        )
    finally:
        server.shutdown()
        for w in started:
            w.stop()
    return report(args, ours, ours_sample, naive, setup_s, seeded, started, serial)


def report(
    args: Any,
    ours: dict[str, Any],
    small: dict[str, Any],
    naive: dict[str, Any],
    setup_s: float,
    seeded: list[float],
    started: list[Any],
    serial: dict[str, Any],
) -> int:
    allowed = math.ceil(args.items / PER_REQUEST)
    ok_requests = all(n <= allowed for n in ours["requests"].values())
    ok_time = ours["seconds"] < TARGET_S
    ok_rss = ours["peak_rss_mb"] < TARGET_RSS_MB
    expected = {
        w.domain: {"before": args.existing, "now": args.existing, "created": 0, "improved": 0}
        for w in started
    }
    ok_counts = serial["coverage"] == ours["coverage"] == {"items": args.items, "by_wiki": expected} and all(
        n == min(args.sample, args.existing) for n in naive["now"].values()
    )
    lines = [
        f"worklist of {args.items:,} Wikidata items on 3 wikis ({args.existing:,} articles each exist)",
        f"{'':34}{'wikitally':>12}  {'target':>14}",
        f"{'wall time (resolve)':34}{ours['seconds']:>11.1f}s  {'< 30 s':>14} {'PASS' if ok_time else 'FAIL'}",
        f"{'coverage computation':34}{ours['coverage_s']:>11.2f}s",
        f"{'peak RSS (child process)':34}{ours['peak_rss_mb']:>10.0f}MB  {'< 300 MB':>14} {'PASS' if ok_rss else 'FAIL'}",
    ]
    lines.append(f"{'  CPU time of the process (Python)':34}{ours['cpu_s']:>11.1f}s")
    for host, w in sorted(ours["waits"].items(), key=lambda hw: hw[1]["first_end_s"]):
        lines.append(
            f"{'  in requests to ' + host:34}{w['in_requests_s']:>11.1f}s  "
            f"(answers from {w['first_end_s']:.1f} s to {w['last_end_s']:.1f} s)"
        )
    lines.append(f"load average at the end: {', '.join(f'{x:.1f}' for x in os.getloadavg())}")
    for wiki, n in ours["requests"].items():
        lines.append(
            f"{'requests ' + wiki:34}{n:>12,}  {'≤ ' + format(allowed, ','):>14} {'PASS' if n <= allowed else 'FAIL'}"
        )
    lines += [
        "",
        "the resolve with Wikidata and the wikis side by side (pipelined) vs in turn (serial), same requests:",
        f"{'':34}{'pipelined':>12}{'serial':>12}{'ratio':>10}",
        f"{'wall time (resolve)':34}{ours['seconds']:>11.1f}s{serial['seconds']:>11.1f}s"
        f"{format(ours['seconds'] / serial['seconds'], '.2f'):>10}",
        f"{'CPU time of the process':34}{ours['cpu_s']:>11.1f}s{serial['cpu_s']:>11.1f}s",
    ]
    for host, w in sorted(serial["waits"].items(), key=lambda hw: hw[1]["first_end_s"]):
        lines.append(
            f"{'  serial: in requests to ' + host:34}{w['in_requests_s']:>11.1f}s  "
            f"(answers from {w['first_end_s']:.1f} s to {w['last_end_s']:.1f} s)"
        )
    lines.append(f"counts as seeded (before/now on each wiki, items): {'PASS' if ok_counts else 'FAIL'}")
    lines += [
        "",
        f"same {args.sample:,} items, side by side with one request per item and wiki:",
        f"{'':34}{'wikitally':>12}{'baseline':>12}{'ratio':>10}",
    ]
    ours_req, naive_req = sum(small["requests"].values()), sum(naive["requests"].values())
    lines.append(
        f"{'requests (all wikis + Wikidata)':34}{ours_req:>12,}{naive_req:>12,}{'1/' + format(naive_req / ours_req, '.1f'):>10}"
    )
    lines.append(
        f"{'wall time':34}{small['seconds']:>11.2f}s{naive['seconds']:>11.2f}s{'1/' + format(naive['seconds'] / small['seconds'], '.1f'):>10}"
    )
    lines.append(
        f"setup: wikis started and seeded in {setup_s:.0f} s (imports {', '.join(f'{s:.0f}' for s in seeded)} s)"
    )
    print("\n".join(lines))
    OUT.parent.mkdir(exist_ok=True)
    OUT.write_text(
        json.dumps(
            {"args": vars(args), "wikitally": ours, "serial": serial, "sample": small, "baseline": naive},
            indent=2,
        )
    )
    return 0 if ok_requests and ok_time and ok_rss and ok_counts else 1


wikis: Any = None

if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--child":
        print(json.dumps(child(json.loads(Path(sys.argv[2]).read_text()))))
        sys.exit(0)
    wikis = load_wikis()
    sys.exit(main())
