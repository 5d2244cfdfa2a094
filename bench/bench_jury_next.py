"""Benchmark the juror's "next entry" (services.jury.next_article): 10,000 entries × 5 jurors.

Run: .venv/bin/python bench/bench_jury_next.py --db postgresql://…/DB [--entries 10000 --jurors 5 --seed 11]
     (a throw-away database: it is seeded, and the campaign's rows are replaced; SQLite paths work too)

The store is seeded as bench_contest.py seeds it (10,000 entries, a rule, a 3-part scheme), one entry in a
hundred made by a juror (so they conflict on it), and partly marked: juror j has marked the first
18 % × (j + 1) of the queue (18 % … 90 %), so "next" has to skip up to 9,000 marked articles. The queue is
built once (services.jury.build_queue, timed). Then each juror asks for their next article 200 times from a
random place in the queue (`after`, as Skip does) — wikitally's two indexed anti-joins with LIMIT 1 — side by
side with a naive baseline that computes the queue in Python per request (reads every queued article, the
juror's marks and conflicts, and walks the list). Both must return the same article. Goal: p99 ≤ 50 ms.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from dataclasses import replace
from datetime import UTC, datetime

from bench_contest import FORMULA, PARTS, calibration, data, seed_store

from wikitally.judging.expression import parse
from wikitally.judging.spec import Contest, Jury, Rule
from wikitally.services import jury as jury_service
from wikitally.store import open_store
from wikitally.store.contests import ContestStore
from wikitally.store.jury import JuryStore, QueueArticle

TARGET_P99_MS = 50.0
CALLS = 200


def naive_next(store, campaign, juror: str, after: int | None) -> QueueArticle | None:  # type: ignore[no-untyped-def]
    """The queue computed in Python per request: everything read, filtered here."""
    js = JuryStore(store)
    queue = js.articles(campaign)
    marked = {(m.wiki, m.title) for m in ContestStore(store).marks(campaign) if m.juror == juror}
    conflicts = {(w, t) for j, w, t in js.conflicts(campaign) if j == juror}
    open_ = [a for a in queue if (a.wiki, a.title) not in marked and (a.wiki, a.title) not in conflicts]
    later = [a for a in open_ if after is not None and a.ord > after]
    return (later or open_ or [None])[0]


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True, help="A throw-away store: postgresql://… (or a SQLite path).")
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--jurors", type=int, default=5)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--naive-calls", type=int, default=20, help="Baseline calls per juror (it is slow).")
    args = parser.parse_args()
    print(f"calibration loop (1M additions): {calibration():.2f} s (≈ 0.05 s on a quiet core)")
    entries, articles, marks, jurors = data(args.entries, args.jurors, args.seed)
    entries = [
        replace(e, participant=jurors[i // 100 % len(jurors)]) if i % 100 == 0 else e
        for i, e in enumerate(entries)
    ]
    order = sorted(articles)  # the queue's order: (wiki, title)
    rank = {key: i for i, key in enumerate(order)}
    share = {juror: 0.18 * (j + 1) for j, juror in enumerate(jurors)}
    marks = [m for m in marks if rank[(m.wiki, m.title)] < share[m.juror] * len(order)]
    contest = Contest(
        entries="auto",
        score="points+jury",
        points=parse(FORMULA),
        rules=(Rule("min_words", "required", 300),),
        jury=Jury(tuple(jurors), PARTS, min_marks=2),
    )
    t = time.perf_counter()
    campaign = seed_store(args.db, entries, articles, marks, contest)
    print(f"seeded {len(entries):,} entries, {len(marks):,} marks in {time.perf_counter() - t:.1f} s")
    store = open_store(args.db)
    t = time.perf_counter()
    size = jury_service.build_queue(campaign, store, datetime.now(UTC))
    print(f"queue built: {size:,} articles in {time.perf_counter() - t:.2f} s (once per collection)")
    rng = random.Random(args.seed)
    ours: list[float] = []
    naive: list[float] = []
    agree = True
    for juror in jurors:
        for call in range(CALLS):
            after = rng.randrange(size) if call else None
            t = time.perf_counter()
            got = jury_service.next_article(campaign, store, juror, after)
            ours.append((time.perf_counter() - t) * 1000)
            if call < args.naive_calls:
                t = time.perf_counter()
                expected = naive_next(store, campaign, juror, after)
                naive.append((time.perf_counter() - t) * 1000)
                agree = agree and (got is None) == (expected is None)
                agree = agree and (got is None or expected is None or got.title == expected.title)
    backend = "PostgreSQL" if args.db.startswith("postgres") else "SQLite"
    print(
        f"{len(entries):,} entries × {len(jurors)} jurors on {backend}; {len(ours)} calls, baseline {len(naive)}"
    )
    print(f"{'':28}{'wikitally':>12}{'naive':>12}{'ratio':>10}")
    for label, p in (("p50", 50.0), ("p99", 99.0)):
        a, b = percentile(ours, p), percentile(naive, p)
        print(f"{'next entry ' + label:28}{a:>10.1f}ms{b:>10.1f}ms{a / b:>10.3f}")
    print(f"{'next entry mean':28}{statistics.mean(ours):>10.1f}ms{statistics.mean(naive):>10.1f}ms")
    p99 = percentile(ours, 99.0)
    ok = p99 <= TARGET_P99_MS and agree
    print(f"same article as the baseline: {'yes' if agree else 'NO'}")
    print(f"p99 {p99:.1f} ms (goal ≤ {TARGET_P99_MS:.0f} ms): {'PASS' if ok else 'FAIL'}")
    print(f"calibration loop after: {calibration():.2f} s")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
