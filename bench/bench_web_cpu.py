"""CPU time of one request of the web app, in-process, side by side with a baseline: a measure that a shared
machine disturbs far less than wrk's latencies (bench_web.py), so that a change can be judged while others
load the cores.

    .venv/bin/python bench/bench_web_cpu.py [--participants 1000] [--edits 20000] [--repeat 30]

Seeds the same campaign as bench_web.py (a throw-away SQLite store), then times with Django's test client,
in CPU seconds of this process (time.process_time), the median of --repeat requests of each:

* anonymous campaign page (the shared rendering): replayed by middleware.AnonymousPages before sessions and
  the database (now), and the view's own shared rendering, which asks the database for the figures'
  version (baseline); and its revalidation with If-None-Match (304)
* signed-in campaign page (the organizer's), with the shared report context and sections kept (now) and
  made again for each request (baseline: how the page was made before they were kept)
* the JSON leaderboard, one page of 100 (now) and all 1,000 rows at once (baseline: before pages), the second
  request of each (the encoded answer kept)
* the campaign's JSON answer, and its 304
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from bench_web import SLUG  # noqa: E402


def cpu_ms(call: Callable[[], Any], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.process_time()
        call()
        times.append((time.process_time() - t) * 1000)
    return statistics.median(times)


def measure(db: str, repeat: int) -> list[tuple[str, float, float | None]]:
    os.environ["WIKITALLY_SECRET_KEY"] = "bench-only-secret-key"
    from wikitally.web import server

    server.application(db)
    from django.contrib.auth.models import User
    from django.core.cache import cache
    from django.test import Client

    from wikitally.web.campaigns import figures

    anonymous = Client(HTTP_HOST="127.0.0.1")
    signed = Client(HTTP_HOST="127.0.0.1")
    # The baseline of the anonymous page: a cookie that keeps the middleware's replay out (an empty messages
    # cookie: no message, so the view still gives the shared rendering, as before the middleware)
    unreplayed = Client(HTTP_HOST="127.0.0.1")
    unreplayed.cookies["messages"] = "x"
    signed.force_login(User.objects.get(username="bench-organizer"))
    page = f"/c/{SLUG}/"
    api = f"/api/campaigns/{SLUG}/"
    board = f"/api/campaigns/{SLUG}/leaderboard?sort=words"

    def get(client: Any, path: str, status: int = 200, **headers: str) -> Any:
        response = client.get(path, headers=headers)
        assert response.status_code == status, (path, response.status_code)
        return response

    def drop_contexts() -> None:  # the baseline: the report's context and sections made for every request
        cache.clear()  # campaign.html's kept sections ({% cache %})
        with figures.DERIVED._lock:
            for key in [k for k in figures.DERIVED._items if ":context:" in k]:
                del figures.DERIVED._items[key]

    def signed_baseline() -> None:
        drop_contexts()
        get(signed, page)

    page_etag = get(anonymous, page)["ETag"]
    api_etag = get(anonymous, api)["ETag"]
    get(signed, page)
    get(anonymous, board + "&limit=100")
    get(anonymous, board + "&limit=500")
    rows = [
        (
            "anonymous campaign page (from memory | asking the database)",
            cpu_ms(lambda: get(anonymous, page), repeat),
            cpu_ms(lambda: get(unreplayed, page), repeat),
        ),
        (
            "anonymous campaign page, If-None-Match (304)",
            cpu_ms(lambda: get(anonymous, page, 304, if_none_match=page_etag), repeat),
            cpu_ms(lambda: get(anonymous, page), repeat),
        ),
        (
            "signed-in campaign page (sections kept | made each time)",
            cpu_ms(lambda: get(signed, page), repeat),
            cpu_ms(signed_baseline, repeat),
        ),
        (
            "JSON leaderboard, a page of 100 | 500 rows",
            cpu_ms(lambda: get(anonymous, board + "&limit=100"), repeat),
            cpu_ms(lambda: get(anonymous, board + "&limit=500"), repeat),
        ),
        (
            "campaign JSON, If-None-Match (304) | 200",
            cpu_ms(lambda: get(anonymous, api, 304, if_none_match=api_etag), repeat),
            cpu_ms(lambda: get(anonymous, api), repeat),
        ),
    ]
    return rows


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--participants", type=int, default=1000)
    ap.add_argument("--edits", type=int, default=20000)
    ap.add_argument("--seed", type=int, default=2024)
    ap.add_argument("--repeat", type=int, default=30)
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="wikitally-bench-web-cpu-"))
    try:
        db = str(tmp / "bench.sqlite3")
        seed_cmd = [sys.executable, str(ROOT / "bench" / "bench_web.py"), "--_seed", db]
        seeded = subprocess.run(
            [*seed_cmd, str(args.participants), str(args.edits), str(args.seed)],
            check=True,
            capture_output=True,
            text=True,
        )
        made = json.loads(seeded.stdout.strip().splitlines()[-1])
        print(f"seeded: {made['participants']:,} participants, {made['edits']:,} edits (SQLite)")
        done = subprocess.run(
            [sys.executable, __file__, "--_measure", db, str(args.repeat)],
            check=True,
            capture_output=True,
            text=True,
        )
        rows = json.loads(done.stdout.strip().splitlines()[-1])
        load = os.getloadavg()
        print(
            f"CPU ms per request, median of {args.repeat}; load average {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}"
        )
        print(f"{'request':58} {'now':>8} {'baseline':>9} {'ratio':>7}")
        for name, now, base in rows:
            if base is None:
                print(f"{name:58} {now:8.2f}")
            else:
                print(f"{name:58} {now:8.2f} {base:9.2f} {'1/' + format(base / now, '.1f'):>7}")
        return 0
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--_measure":
        print(json.dumps(measure(sys.argv[2], int(sys.argv[3]))))
    else:
        sys.exit(main())
