"""A national photo round at Wiki Loves Earth scale: 30,000 photos, 10 jurors, against a stand-in Commons.

    .venv/bin/python bench/bench_photos.py [--photos 30000] [--jurors 10] [--db URL_OR_PATH] [--nexts 2000]
                                           [--baseline-files 3000]

The stand-in Commons is tests/judging/fake_commons.py (an httpx transport answering exactly the queries the
importer makes, counting them by kind), so request counts are exact and no network is used. Each measure is
printed side by side with a baseline, as a ratio:

* import: metadata requests per 50 files (target ≤ 1), against a per-file importer (the same code reading one
  file a request, on --baseline-files files: what a script asking imageinfo per file does);
* a juror's next photo (PostgreSQL with --db postgresql://…, else SQLite), p50/p99 over --nexts calls, each
  followed by that juror's vote, after half of every queue is already voted (target p99 ≤ 50 ms), against the
  naive query (the juror's tasks minus the files they voted on, without the `done` index);
* the juror's web page (services/photo_jury.queue: next photos with thumbnails, progress, closures), each
  call followed by a vote as the page casts it (target p99 ≤ 50 ms), beside the same naive query;
* round results (verdicts of every file, the round's ranking over 60,000 votes, summed in SQL; target
  ≤ 5 s), against the previous path (every vote loaded, results(in_sql=False); the JSON must be identical)
  and the floor: one SQL GROUP BY over the votes table.
Exit status 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "judging"))

from fake_commons import FakeCommons, FakeFile  # noqa: E402

from wikitally.campaign_file import load_campaign  # noqa: E402
from wikitally.collect import photos as wiki_photos  # noqa: E402
from wikitally.collect.api import ApiSession  # noqa: E402
from wikitally.services import collection, photo_jury  # noqa: E402
from wikitally.services import photos as service  # noqa: E402
from wikitally.store import open_store  # noqa: E402
from wikitally.store.photos import PhotoStore, StoredVote  # noqa: E402

CAT = "Category:Images from Wiki Loves Earth 2024 in Benchland"
API = "http://commons.bench.test/w/api.php"
NOW = datetime(2024, 6, 10, tzinfo=UTC)


def commons(n: int, jurors: list[str], rng: random.Random) -> FakeCommons:
    fake = FakeCommons()
    for pid in range(1, n + 1):
        small = rng.random() < 0.1
        w, h = (1200, 900) if small else (4000, 3000)
        user = jurors[pid % len(jurors)] if pid % 97 == 0 else f"Uploader {pid % 9095}"
        site = "{{Protected area of Benchland|BL-" + str(pid % 500) + "}}"
        text = "{{Information|description={{en|1=A lake}}}}\n" + site
        ts = f"2024-05-{1 + pid % 30:02d}T{pid % 24:02d}:00:00Z"
        fake.add(
            FakeFile(
                pid, f"File:WLE bench {pid}.jpg", [(ts, user, w, h, "image/jpeg", f"sha{pid}")], text, (CAT,)
            )
        )
    return fake


def campaign_file(folder: Path, jurors: list[str], name: str) -> Path:
    (folder / "sites.csv").write_text("id\n" + "".join(f"BL-{i}\n" for i in range(500)), encoding="utf-8")
    path = folder / "bench.toml"
    path.write_text(
        f'''name = "{name}"
start = 2024-05-01T00:00:00Z
end = 2024-05-31T23:59:59Z
[api]
"commons.wikimedia.org" = "{API}"
[photos]
wiki = "commons.wikimedia.org"
categories = ["{CAT}"]
min_megapixels = 2.0
site_template = "Protected area of Benchland"
sites = "sites.csv"
jurors = [{", ".join(f'"{j}"' for j in jurors)}]
[[photos.round]]
name = "First round"
kind = "yesno"
quorum = 2
advance = 300
[[photos.round]]
name = "Final"
kind = "rating"
quorum = 3
advance = 15
''',
        encoding="utf-8",
    )
    return path


def pct(values: list[float], q: float) -> float:
    return sorted(values)[min(len(values) - 1, int(q * len(values)))]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--photos", type=int, default=30_000)
    ap.add_argument("--jurors", type=int, default=10)
    ap.add_argument("--db", default="")
    ap.add_argument("--nexts", type=int, default=2000)
    ap.add_argument("--baseline-files", type=int, default=3000)
    args = ap.parse_args()
    rng = random.Random(2024)
    jurors = [f"Juror {i}" for i in range(1, args.jurors + 1)]
    folder = Path(tempfile.mkdtemp(prefix="bench-photos-"))
    db = args.db or str(folder / "store.sqlite3")
    fake = commons(args.photos, jurors, rng)
    path = campaign_file(folder, jurors, f"Bench photos {time.time_ns()}")
    campaign = load_campaign(path)
    store = open_store(db)
    photos = PhotoStore(store)
    sessions = collection.session_factory(transport=fake.transport(), sleep=lambda s: None)
    rows: list[tuple[str, str, str, str, str]] = []
    ok = True

    # -- import
    t0 = time.perf_counter()
    summary = service.import_photos(campaign, store, sessions, NOW)
    import_s = time.perf_counter() - t0
    per50 = summary.metadata_requests / (summary.fetched / 50)
    base_ids = list(range(1, min(args.baseline_files, args.photos) + 1))
    counted = {"n": 0}
    wiki_photos.BATCH, saved = 1, wiki_photos.BATCH  # the per-file importer: the same reads, one file each
    with ApiSession(API, transport=fake.transport(), sleep=lambda s: None) as session:
        session.on_request = lambda total: counted.__setitem__("n", counted["n"] + 1)
        t0 = time.perf_counter()
        list(wiki_photos.photos(session, base_ids, "Protected area of Benchland"))
        base_s = (time.perf_counter() - t0) * args.photos / len(base_ids)
    wiki_photos.BATCH = saved
    base_per50 = counted["n"] / (len(base_ids) / 50)
    ok &= per50 <= 1
    rows.append(
        (
            "metadata requests / 50 files",
            f"{per50:.2f}",
            f"{base_per50:.0f}",
            f"1/{base_per50 / per50:.0f}",
            f"≤ 1 {'PASS' if per50 <= 1 else 'FAIL'}",
        )
    )
    rows.append(
        (
            "  requests (listing + metadata)",
            f"{summary.listing_requests}+{summary.metadata_requests}",
            f"{args.photos:,}",
            "",
            "",
        )
    )
    rows.append(("import time (s)", f"{import_s:.1f}", f"{base_s:.1f}*", f"1/{base_s / import_s:.1f}", ""))

    # -- allocate, then half of every queue voted
    t0 = time.perf_counter()
    allocation = service.allocate_round(campaign, store, 1, seed=1, now=NOW)
    alloc_s = time.perf_counter() - t0
    pre = [
        StoredVote(1, j, f, rng.randint(0, 1)) for j, q in allocation.queues.items() for f in q[: len(q) // 2]
    ]
    photos.save_votes(campaign, pre, NOW, "bench")
    rows.append(("allocate round 1 (s)", f"{alloc_s:.1f}", "", "", ""))

    # -- next photo
    from wikitally.store import models as orm

    cid = store._cid(campaign)

    def naive_next(juror: str) -> str | None:
        voted = (
            orm.PhotoVote.objects.using(store.alias)
            .filter(campaign_id=cid, round=1, juror=juror)
            .values("file")
        )
        row = (
            orm.PhotoTask.objects.using(store.alias)
            .filter(campaign_id=cid, round=1, juror=juror)
            .exclude(file__in=voted)
            .order_by("position")
            .values_list("file", flat=True)
            .first()
        )
        return row

    ours: list[float] = []
    naive: list[float] = []
    page: list[float] = []
    for i in range(args.nexts):
        juror = jurors[i % len(jurors)]
        t0 = time.perf_counter()
        nxt = photos.next_task(campaign, 1, juror)
        ours.append((time.perf_counter() - t0) * 1000)
        # the juror's web page: the next 4 photos with thumbnails, progress, the last vote, closed rounds
        t0 = time.perf_counter()
        shown = photo_jury.queue(campaign, store, 1, juror)
        page.append((time.perf_counter() - t0) * 1000)
        assert (shown.current.file if shown.current else None) == (nxt[0] if nxt else None)
        if (
            i < args.nexts // 4
        ):  # the naive query is slow: a quarter of the calls is enough for its percentiles
            t0 = time.perf_counter()
            assert naive_next(juror) == (nxt[0] if nxt else None)
            naive.append((time.perf_counter() - t0) * 1000)
        if nxt:  # the vote as the web page casts it (checks, audit old → new)
            photo_jury.vote(campaign, store, 1, juror, nxt[0], 1, NOW)
    p99, n99, page99 = pct(ours, 0.99), pct(naive, 0.99), pct(page, 0.99)
    ok &= p99 <= 50 and page99 <= 50
    rows.append(
        (
            f"next photo p50 (ms) [{store.vendor}]",
            f"{statistics.median(ours):.2f}",
            f"{statistics.median(naive):.2f}",
            f"1/{statistics.median(naive) / statistics.median(ours):.1f}",
            "",
        )
    )
    rows.append(
        (
            f"next photo p99 (ms) [{store.vendor}]",
            f"{p99:.2f}",
            f"{n99:.2f}",
            f"1/{n99 / p99:.1f}",
            f"≤ 50 {'PASS' if p99 <= 50 else 'FAIL'}",
        )
    )

    rows.append(
        (
            f"juror's page p50 (ms) [{store.vendor}]",
            f"{statistics.median(page):.2f}",
            f"{statistics.median(naive):.2f}",
            f"1/{statistics.median(naive) / statistics.median(page):.1f}",
            "",
        )
    )
    rows.append(
        (
            f"juror's page p99 (ms) [{store.vendor}]",
            f"{page99:.2f}",
            f"{n99:.2f}",
            f"1/{n99 / page99:.1f}",
            f"≤ 50 {'PASS' if page99 <= 50 else 'FAIL'}",
        )
    )

    # -- the rest of the votes, then results
    rest = [
        StoredVote(1, j, f, rng.randint(0, 1)) for j, q in allocation.queues.items() for f in q[len(q) // 2 :]
    ]
    photos.save_votes(campaign, rest, NOW, "bench")
    t0, c0 = time.perf_counter(), time.process_time()
    old = service.results(campaign, store, 1, in_sql=False)  # the previous path: every vote in memory
    old_data = service.results_json(old)
    old_s, old_cpu = time.perf_counter() - t0, time.process_time() - c0
    t0, c0 = time.perf_counter(), time.process_time()
    result = service.results(campaign, store, 1)
    data = service.results_json(result)
    results_s, results_cpu = time.perf_counter() - t0, time.process_time() - c0
    assert data == old_data, "results summed in SQL differ from the previous path"
    from django.db import connections

    t0 = time.perf_counter()
    with connections[store.alias].cursor() as cur:
        cur.execute(
            "SELECT file, COUNT(*), SUM(value) FROM store_photo_vote WHERE campaign_id = %s AND round = 1 GROUP BY file",
            [cid],
        )
        floor_rows = cur.fetchall()
    floor_s = time.perf_counter() - t0
    ok &= results_s <= 5
    rows.append(
        (
            "round results (s) vs previous path",
            f"{results_s:.2f}",
            f"{old_s:.2f}",
            f"1/{old_s / results_s:.1f}",
            f"≤ 5 {'PASS' if results_s <= 5 else 'FAIL'}",
        )
    )
    rows.append(
        (
            "  … vs the floor (one GROUP BY)",
            f"{results_s:.2f}",
            f"{floor_s:.2f}",
            f"{results_s / floor_s:.1f}×",
            "",
        )
    )
    rows.append(
        (
            "  votes / photos ranked / complete",
            f"{data['round']['votes']:,} / {len(data['round']['ranking']):,} / {data['round']['complete']}",
            f"{len(floor_rows):,} groups",
            "",
            "",
        )
    )

    rows.append(("  of which this process's CPU (s)", f"{results_cpu:.2f}", f"{old_cpu:.2f}", "", ""))
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"{args.photos:,} photos, {args.jurors} jurors, store: {store.vendor}, load average {load:.1f}")
    print(f"{'':40} {'wikitally':>22} {'baseline':>12} {'ratio':>9}   target")
    for name, a, b, r, t in rows:
        print(f"{name:40} {a:>22} {b:>12} {r:>9}   {t}")
    print("* per-file importer timed on", len(base_ids), "files, scaled to", args.photos)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
