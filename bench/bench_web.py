"""The web app under load: a big campaign's page and leaderboard at a constant request rate, against the real server.

    .venv/bin/python bench/bench_web.py [--sqlite] [--server gunicorn|serve] [--workers 2] [--threads 8]
                                        [--rate 400] [--signed-rate 50] [--duration 30]
                                        [--participants 1000] [--edits 20000] [--profile]

Seeds a throw-away store through the Store API (as tests/web/webseed.py does): a campaign on two wikis with
`--participants` people and `--edits` counted edits (hashtag #BenchWeb), their content facts and accounts, a
CampaignDefinition for it (the web form's own module), its outcome computed once (services.reporting, as
the worker does), and a signed-in session of its organizer. Then it starts the server on a free loopback
port — gunicorn with --workers processes of --threads threads (docs/web.md, "Production"), or `wikitally
serve --no-worker` (waitress, one process) — on PostgreSQL from scripts/postgres.sh by default (its own
cluster in $PG_DIR/$PG_PORT, stopped at the end; SQLite with --sqlite), warms each URL up, and for
--duration seconds each runs `wrk` (Debian's, closed-loop) paced by a Lua script to a fixed request rate
(each thread hands out send slots at a fixed interval; a request waits for its slot, so the rate cannot run
ahead, and latency is measured from the send) against

* the campaign page            /c/<slug>/                                   anonymous, at --rate
* the HTML leaderboard sort    /c/<slug>/?sort=words                        anonymous, at --rate
* the JSON leaderboard         /api/campaigns/<slug>/leaderboard?sort=words anonymous, at --rate
* the campaign page            /c/<slug>/   signed in (the organizer's controls), at --signed-rate
* the HTML leaderboard sort    /c/<slug>/?sort=words   signed in, at --signed-rate

and prints requests/s achieved, p50/p90/p99 latency, errors and PASS/FAIL: p99 ≤ 100 ms anonymous and
≤ 150 ms signed in, at ≥ 0.95 × the rate offered, without errors. --profile also times one request of each
in-process (Django's test client) and prints cProfile's top functions. Loopback only; it stops by itself.
Exit status 1 on a FAIL.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import random
import resource
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = ROOT / ".venv" / "bin"
SLUG = "benchweb"
WIKIS = ("en.wikipedia.org", "fr.wikipedia.org")
T0 = datetime(2024, 3, 1, 10, 0, tzinfo=UTC)
P99_TARGET_MS = 100.0  # anonymous
P99_SIGNED_MS = 150.0  # signed in

# wrk's Lua: a fixed send schedule per thread (LuaJIT's ffi for the clock), and the numbers as JSON at the end.
LUA = r"""
local ffi = require("ffi")
ffi.cdef[[
typedef long time_t; typedef long suseconds_t;
typedef struct { time_t tv_sec; suseconds_t tv_usec; } timeval;
int gettimeofday(timeval *tv, void *tz);
]]
local tv = ffi.new("timeval")
local function now_ms()
  ffi.C.gettimeofday(tv, nil)
  return tonumber(tv.tv_sec) * 1000 + tonumber(tv.tv_usec) / 1000
end
local interval_ms = tonumber(os.getenv("BENCH_INTERVAL_MS"))
local next_ms = nil
function delay()
  local t = now_ms()
  if next_ms == nil then next_ms = t end
  local slot = next_ms
  next_ms = next_ms + interval_ms
  local wait = slot - t
  if wait < 0 then return 0 end
  return math.floor(wait)
end
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCH_JSON {"requests": %d, "duration_us": %d, "bytes": %d, "connect": %d, "read": %d, "write": %d, ' ..
    '"status": %d, "timeout": %d, "p50": %d, "p90": %d, "p99": %d, "max": %d, "mean": %f}\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max, latency.mean))
end
"""


# -- the campaign


def campaign_toml_data(participants: int) -> dict:
    return {
        "name": "Bench Web",
        "start": datetime.fromisoformat("2024-03-01T00:00:00+00:00"),
        "end": datetime.fromisoformat("2024-03-31T23:59:59+00:00"),
        "wikis": list(WIKIS),
        "hashtags": ["#BenchWeb"],
        "language": "en",
    }


def seed(db: str, participants: int, edits: int, seed_value: int) -> dict:
    """Everything through the Store API and the web's definitions module; returns what was made."""
    os.environ["WIKITALLY_SECRET_KEY"] = "bench-only-secret-key"
    from wikitally.web import server

    server.application(db)  # Django on db, both migrations
    from django.contrib.auth.models import User

    from wikitally.campaign_file import parse_campaign
    from wikitally.model import Account, ContentFacts, PageState, Revision, SiteInfo
    from wikitally.services import reporting
    from wikitally.store import Store
    from wikitally.web.campaigns import definitions

    rng = random.Random(seed_value)
    data = campaign_toml_data(participants)
    campaign = parse_campaign(data, f"{SLUG}.toml")
    owner = User.objects.create_user("bench-organizer", password="bench only password")
    session = _session_of(owner)
    definitions.create(
        slug=SLUG, visibility="public", toml=definitions.dump_toml(data), campaign=campaign, user=owner
    )
    store = Store("default")
    users = [
        f"Bench user {i:04d} – {rng.choice(['Amara', 'José', 'Зоя', 'Λένα', 'Ингрид'])}"
        for i in range(participants)
    ]
    pages_per_wiki = max(1, edits // 10)
    # Every participant edits at least once; the rest skewed (a few prolific editors, a long tail).
    authors = users + [
        users[min(participants - 1, int(rng.paretovariate(1.2)) - 1)]
        if rng.random() < 0.3
        else rng.choice(users)
        for _ in range(edits - participants)
    ]
    rng.shuffle(authors)
    revisions: dict[str, list] = {w: [] for w in WIKIS}
    facts: dict[str, list] = {w: [] for w in WIKIS}
    seen_pages: dict[str, set] = {w: set() for w in WIKIS}
    span_min = 29 * 24 * 60
    for i, user in enumerate(authors):
        wiki = WIKIS[i % 2]
        rev_id = 1_000_000 + i
        page_id = 1 + rng.randrange(pages_per_wiki)
        new = page_id not in seen_pages[wiki]
        seen_pages[wiki].add(page_id)
        sizediff = rng.randint(1500, 6000) if new else rng.randint(-200, 2500)
        revisions[wiki].append(
            Revision(
                wiki=wiki,
                rev_id=rev_id,
                parent_id=0 if new else rev_id - 1,
                page_id=page_id,
                namespace=0,
                title=f"Bench article {page_id} ({wiki[:2]})",
                user=user,
                timestamp=T0 + timedelta(minutes=rng.randrange(span_min)),
                comment="#BenchWeb edit",
                size=max(0, 3000 + sizediff),
                sizediff=sizediff,
                tags=(),
                new=new,
            )
        )
        before = rng.randint(0, 5)
        facts[wiki].append(
            ContentFacts(
                wiki,
                rev_id,
                words_added=max(0, sizediff // 6),
                refs_before=before,
                refs_after=before + rng.randint(0, 3),
            )
        )
    collected_at = T0 + timedelta(days=31)
    for wiki in WIKIS:
        store.save_siteinfo(campaign, SiteInfo(wiki, (0,), {0: ""}))
    store.save_campaign(campaign, None)
    for wiki in WIKIS:
        store.save_facts(campaign, facts[wiki])
        store.upsert_accounts(
            campaign,
            [Account(wiki, u, T0 - timedelta(days=rng.choice([1, 400, 4000]))) for u in users],
        )
        pages = [
            PageState(wiki, p, 0, f"Bench article {p} ({wiki[:2]})", redirect=False)
            for p in sorted(seen_pages[wiki])
        ]
        store.save_wiki(
            campaign,
            wiki,
            revisions=revisions[wiki],
            pages=pages,
            uploads=[],
            sfn=["sfn"],
            watermark=collected_at,
            collected_at=collected_at,
            fingerprint="bench",
            rc_high=None,
        )
    t = time.perf_counter()
    outcome = reporting.outcome(campaign, store, collected_at)
    outcome_s = time.perf_counter() - t
    from django.db import connections

    connections.close_all()
    return {
        "participants": len(outcome["by_participant"]),
        "edits": outcome["totals"]["edits"]
        if "totals" in outcome
        else sum(m["edits"] for m in outcome["by_wiki"].values()),
        "articles": sum(len(s) for s in seen_pages.values()),
        "outcome_s": outcome_s,
        "session": session,
    }


def _session_of(user) -> str:  # type: ignore[no-untyped-def]
    """A signed-in session of user (as signing in makes it), in the database's session table: its key."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return str(session.session_key)


# -- the server and the load


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(
    db: str, port: int, log_path: Path, server: str = "serve", workers: int = 2, threads: int = 8
) -> subprocess.Popen:
    env = dict(
        os.environ,
        WIKITALLY_SECRET_KEY="bench-only-secret-key",
        WIKITALLY_DEV="",
        WIKITALLY_DB=db,
        WIKITALLY_ALLOWED_HOSTS="127.0.0.1,localhost",
    )
    if server == "gunicorn":  # as docs/web.md's "Production" runs it (the store was migrated by the seed)
        command = [
            str(VENV_BIN / "gunicorn"),
            *("--workers", str(workers), "--threads", str(threads)),
            *("--bind", f"127.0.0.1:{port}", "wikitally.web.wsgi:application"),
        ]
    else:
        command = [
            *(str(VENV_BIN / "wikitally"), "serve", "--no-worker"),
            *("--host", "127.0.0.1", "--port", str(port), "--db", db),
        ]
    with open(log_path, "wb") as log:  # the child keeps its own copy of the descriptor
        proc = subprocess.Popen(
            command,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"the server exited ({proc.returncode}); see {log_path}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/openapi.json", timeout=2):
                return proc
        except OSError:
            time.sleep(0.2)
    stop_server(proc)
    raise SystemExit(f"the server did not answer within 60 s; see {log_path}")


def stop_server(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


# -- where the 2 cores go: the server's processes, PostgreSQL's, the load generator's

_TICK_S = 1.0 / os.sysconf("SC_CLK_TCK")


def tree_cpu_s(root_pid: int | None) -> float:
    """CPU seconds (user + system) of root_pid, its children that exited (reaped: cutime/cstime) and its
    live children: a gunicorn master and its workers, a postmaster and its backends. 0 when gone."""
    if root_pid is None:
        return 0.0
    total = 0.0
    children: dict[int, list[int]] = {}
    stats: dict[int, list[str]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            raw = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        fields = raw[raw.rindex(")") + 2 :].split()  # after "(comm)": state is fields[0]
        stats[int(entry)] = fields
        children.setdefault(int(fields[1]), []).append(int(entry))
    todo = [root_pid]
    while todo:
        pid = todo.pop()
        fields = stats.get(pid)
        if fields is None:
            continue
        # utime, stime, cutime, cstime are stat's fields 14–17 (fields[11:15] here)
        total += sum(int(v) for v in fields[11:15]) * _TICK_S
        todo.extend(children.get(pid, []))
    return total


def machine_busy_s() -> float:
    """CPU seconds all cores spent not idle since boot (/proc/stat), to show what others took."""
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = values[3] + values[4]  # idle, iowait
    return (sum(values[:8]) - idle) * _TICK_S


def postmaster_pid(pg_dir: Path | None) -> int | None:
    if pg_dir is None:
        return None
    try:
        return int((pg_dir / "data" / "postmaster.pid").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return None


def one_request(url: str, cookie: str = "") -> tuple[float, int, int]:
    t = time.perf_counter()
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    with urllib.request.urlopen(request, timeout=60) as r:
        body = r.read()
        status = r.status
    return (time.perf_counter() - t) * 1000, status, len(body)


def drain(url: str, single_ms: float, limit_s: float = 180.0, cookie: str = "") -> None:
    """Wait until the server has worked off what wrk left queued (a request is about as fast as alone)."""
    deadline = time.monotonic() + limit_s
    while time.monotonic() < deadline and one_request(url, cookie)[0] > max(3 * single_ms, 50.0):
        time.sleep(1)


def run_wrk(
    url: str, rate: float, duration: int, threads: int, connections: int, lua: Path, cookie: str = ""
) -> dict:
    interval_ms = 1000.0 * threads / rate
    env = dict(os.environ, BENCH_INTERVAL_MS=f"{interval_ms:.4f}")
    cmd = [
        "wrk",
        f"-t{threads}",
        f"-c{connections}",
        f"-d{duration}s",
        "--timeout",
        "10s",
        "-s",
        str(lua),
        *(("-H", f"Cookie: {cookie}") if cookie else ()),
        url,
    ]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    out = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=duration + 60)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    line = next((row for row in out.stdout.splitlines() if row.startswith("BENCH_JSON ")), None)
    if line is None:
        raise SystemExit(f"wrk gave no result:\n{out.stdout}\n{out.stderr}")
    r = json.loads(line[len("BENCH_JSON ") :])
    r["rps"] = r["requests"] / (r["duration_us"] / 1e6)
    r["errors"] = r["connect"] + r["read"] + r["write"] + r["status"] + r["timeout"]
    r["wrk_cpu_s"] = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    return r


def profile_in_process(db: str, paths: list[str]) -> None:
    """One request of each path through Django's test client, timed, cache warm, with cProfile's top 25."""
    os.environ["WIKITALLY_SECRET_KEY"] = "bench-only-secret-key"
    from wikitally.web import server

    server.application(db)
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1")
    for path in paths:
        client.get(path)  # warm: the report data in the cache
        times = []
        for _ in range(5):
            t = time.perf_counter()
            response = client.get(path)
            times.append((time.perf_counter() - t) * 1000)
        print(
            f"\nin-process {path}: status {response.status_code}, {len(response.content):,} bytes, "
            f"min {min(times):.1f} ms, median {sorted(times)[2]:.1f} ms over 5"
        )
        prof = cProfile.Profile()
        prof.enable()
        client.get(path)
        prof.disable()
        s = io.StringIO()
        pstats.Stats(prof, stream=s).sort_stats("cumulative").print_stats(25)
        print(s.getvalue())


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sqlite", action="store_true", help="SQLite instead of PostgreSQL")
    ap.add_argument("--pg-url", help="an existing PostgreSQL URL (its database must be empty)")
    ap.add_argument("--server", choices=("gunicorn", "serve"), default="gunicorn")
    ap.add_argument("--workers", type=int, default=2, help="gunicorn's worker processes")
    ap.add_argument("--server-threads", type=int, default=8, help="gunicorn's threads per worker")
    ap.add_argument("--rate", type=float, default=400.0, help="anonymous requests/s offered")
    ap.add_argument("--signed-rate", type=float, default=50.0, help="signed-in requests/s offered")
    ap.add_argument("--duration", type=int, default=30)
    ap.add_argument("--participants", type=int, default=1000)
    ap.add_argument("--edits", type=int, default=20000)
    ap.add_argument("--seed", type=int, default=2024)
    ap.add_argument("--threads", type=int, default=1, help="wrk threads")
    ap.add_argument("--connections", type=int, default=32, help="wrk connections (enough to keep the rate)")
    ap.add_argument("--profile", action="store_true", help="also profile one request of each in-process")
    args = ap.parse_args()
    if shutil.which("wrk") is None:
        print("installing Debian's wrk", file=sys.stderr)
        subprocess.run(["bash", str(ROOT / "scripts" / "apt_install.sh"), "wrk"], check=True)  # debian.lock's

    tmp = Path(tempfile.mkdtemp(prefix="wikitally-bench-web-"))
    pg_dir = Path(tempfile.gettempdir()) / f"wikitally-bench-web-pg-{os.getpid()}"  # postgres must reach it
    pg_env = dict(os.environ, PG_DIR=str(pg_dir), PG_PORT=str(free_port()))
    started_pg = False
    proc = None
    try:
        if args.sqlite:
            db = str(tmp / "bench.sqlite3")
        elif args.pg_url:
            db = args.pg_url
        else:
            db = subprocess.run(
                [str(ROOT / "scripts" / "postgres.sh"), "start"],
                env=pg_env,
                check=True,
                capture_output=True,
                text=True,
            ).stdout.strip()
            started_pg = True
        backend = "SQLite" if args.sqlite else "PostgreSQL"
        t = time.perf_counter()
        made = (
            subprocess.run(  # a process of its own: Django set up on db, then gone
                [
                    sys.executable,
                    __file__,
                    "--_seed",
                    db,
                    str(args.participants),
                    str(args.edits),
                    str(args.seed),
                ],
                check=True,
                capture_output=True,
                text=True,
            )
            .stdout.strip()
            .splitlines()[-1]
        )
        made = json.loads(made)
        print(
            f"seeded on {backend} in {time.perf_counter() - t:.1f} s: {made['participants']:,} participants, "
            f"{made['edits']:,} counted edits, {made['articles']:,} articles on {len(WIKIS)} wikis; "
            f"outcome computed in {made['outcome_s']:.2f} s"
        )
        lua = tmp / "pace.lua"
        lua.write_text(LUA)
        port = free_port()
        proc = start_server(db, port, tmp / "server.log", args.server, args.workers, args.server_threads)
        base = f"http://127.0.0.1:{port}"
        cookie = f"sessionid={made['session']}"
        paths = [f"/c/{SLUG}/", f"/c/{SLUG}/?sort=words", f"/api/campaigns/{SLUG}/leaderboard?sort=words"]
        # (path, cookie, rate, p99 target, label)
        runs = [(p, "", args.rate, P99_TARGET_MS, "") for p in paths] + [
            (p, cookie, args.signed_rate, P99_SIGNED_MS, "signed in ") for p in paths[:2]
        ]
        load = os.getloadavg()
        print(f"load average before: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
        results = []
        for path, with_cookie, rate, target, label in runs:
            first = one_request(base + path, with_cookie)
            warm = [one_request(base + path, with_cookie) for _ in range(20)]
            single = sorted(w[0] for w in warm)
            print(
                f"\n{label}{path}: {first[2]:,} bytes, status {first[1]}; first request {first[0]:.0f} ms "
                f"(fills the cache), then one at a time: median {single[10]:.1f} ms, max {single[-1]:.1f} ms"
            )
            cpu_before = (tree_cpu_s(proc.pid), tree_cpu_s(postmaster_pid(pg_dir)), machine_busy_s())
            r = run_wrk(base + path, rate, args.duration, args.threads, args.connections, lua, with_cookie)
            cpu_after = (tree_cpu_s(proc.pid), tree_cpu_s(postmaster_pid(pg_dir)), machine_busy_s())
            seconds = r["duration_us"] / 1e6
            server_s, pg_s, busy_s = (b - a for a, b in zip(cpu_before, cpu_after, strict=True))
            r.update(  # cores used during the run, each
                server_cores=server_s / seconds,
                db_cores=pg_s / seconds,
                wrk_cores=r["wrk_cpu_s"] / seconds,
                other_cores=max(0.0, busy_s - server_s - pg_s - r["wrk_cpu_s"]) / seconds,
                server_cpu_ms_per_request=1000 * server_s / max(1, r["requests"]),
            )
            ok = r["p99"] / 1000 <= target and r["rps"] >= 0.95 * rate and r["errors"] == 0
            r.update(
                path=label + path,
                rate=rate,
                target_ms=target,
                single_median_ms=single[10],
                ok=ok,
                bytes_per_response=first[2],
                load=os.getloadavg()[0],
            )
            results.append(r)
            drain(base + path, single[10], cookie=with_cookie)
            print(
                f"  {args.duration} s at {rate:g} req/s offered: {r['rps']:.1f} req/s achieved, "
                f"p50 {r['p50'] / 1000:.1f} ms, p90 {r['p90'] / 1000:.1f} ms, p99 {r['p99'] / 1000:.1f} ms, "
                f"max {r['max'] / 1000:.1f} ms, errors {r['errors']}, load {r['load']:.2f} "
                f"-> {'PASS' if ok else 'FAIL'}\n"
                f"  cores used: server {r['server_cores']:.2f} ({r['server_cpu_ms_per_request']:.2f} ms CPU a "
                f"request), PostgreSQL {r['db_cores']:.2f}, wrk {r['wrk_cores']:.2f}, "
                f"everything else on the machine {r['other_cores']:.2f}"
            )
        server_label = (
            f"gunicorn --workers {args.workers} --threads {args.server_threads}"
            if args.server == "gunicorn"
            else "wikitally serve (waitress)"
        )
        print(f"\n{server_label} on {backend}")
        head = f"{'URL':62} {'offered':>7} {'req/s':>7} {'p50 ms':>7} {'p90 ms':>7} {'p99 ms':>7} {'err':>4}"
        print(f"{head} {'load':>5}  target")
        for r in results:
            print(
                f"{r['path']:62} {r['rate']:7g} {r['rps']:7.1f} {r['p50'] / 1000:7.1f} {r['p90'] / 1000:7.1f} "
                f"{r['p99'] / 1000:7.1f} {r['errors']:4} {r['load']:5.2f}  "
                f"p99 ≤ {r['target_ms']:g} {'PASS' if r['ok'] else 'FAIL'}"
            )
        print("\ncores used during each run (of 2): server, PostgreSQL, wrk (the load generator), the rest")
        for r in results:
            print(
                f"{r['path']:62} server {r['server_cores']:4.2f} ({r['server_cpu_ms_per_request']:5.2f} ms a "
                f"request)  db {r['db_cores']:4.2f}  wrk {r['wrk_cores']:4.2f}  other {r['other_cores']:4.2f}"
            )
        out_dir = ROOT / "bench" / "out"
        out_dir.mkdir(exist_ok=True)
        (out_dir / "web.json").write_text(
            json.dumps(
                {
                    "backend": backend,
                    "server": server_label,
                    "rate": args.rate,
                    "signed_rate": args.signed_rate,
                    "duration": args.duration,
                    "seeded": made,
                    "results": results,
                },
                indent=2,
            )
        )
        stop_server(proc)
        proc = None
        if args.profile:
            subprocess.run([sys.executable, __file__, "--_profile", db, *paths], check=True)
        return 0 if all(r["ok"] for r in results) else 1
    finally:
        if proc is not None:
            stop_server(proc)
        if started_pg:
            subprocess.run([str(ROOT / "scripts" / "postgres.sh"), "stop"], env=pg_env, capture_output=True)
            shutil.rmtree(pg_dir, ignore_errors=True)
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--_seed":
        db, participants, edits, seed_value = sys.argv[2], *map(int, sys.argv[3:6])
        print(json.dumps(seed(db, participants, edits, seed_value)))
    elif len(sys.argv) > 1 and sys.argv[1] == "--_profile":
        profile_in_process(sys.argv[2], sys.argv[3:])
    else:
        sys.exit(main())
