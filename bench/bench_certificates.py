"""Time to write a run of certificates, with the fonts cut down to the run's letters vs loaded whole.

    .venv/bin/python bench/bench_certificates.py [--participants 60] [--seed 2024]

Participants get usernames in Latin, Cyrillic, Arabic, Devanagari, Thai, Chinese and Korean script (an
even mix), each certificate in Russian. Times write_certificates (which cuts the fonts down once per run)
and the same certificates rendered one by one with the whole fonts (render_certificate alone), in CPU
seconds, and prints the ratio. Target: the run at most 1/2 of the whole-font time. Exits with status 1 when
it is missed. Needs fonts-noto-core and fonts-wqy-microhei (bash scripts/bootstrap.sh as root).
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from wikitally.metrics.outcome import METRICS
from wikitally.reports.certificate import render_certificate
from wikitally.reports.data import ReportData
from wikitally.reports.i18n import translator
from wikitally.services.certificates import write_certificates

STEMS = {
    "Latin": ["Łukasz", "Vyolltsa", "Jiří", "Ștefan", "Nguyễn"],
    "Cyrillic": ["Љубица", "Ана", "Пётр", "Олена", "Драгана"],
    "Arabic": ["عبد الرحمن", "علی‌رضا", "نعمان", "مریم", "فاطمة"],
    "Devanagari": ["अनिल", "सुनीता", "क्षमा", "राहुल", "प्रिया"],
    "Thai": ["สมชาย", "ใจดี", "นภา", "วิชัย", "มาลี"],
    "Chinese": ["李小龍", "王芳", "张伟", "陳美玲", "劉德華"],
    "Korean": ["김민준", "이서연", "박지훈", "최유나", "정하늘"],
}
TARGET_RATIO = 0.5


def campaign(participants: int, rng: random.Random) -> ReportData:
    scripts = list(STEMS)
    rows: list[dict[str, Any]] = []
    for n in range(participants):
        user = f"{rng.choice(STEMS[scripts[n % len(scripts)]])} {n}"
        numbers = {metric: 0 for metric in METRICS}
        numbers.update(edits=rng.randint(1, 300), articles_created=rng.randint(0, 5), participants=1)
        rows.append({"user": user, **numbers})
    outcome = {
        "campaign": {
            "name": "Wiki Loves Everyone 2026",
            "start": "2026-03-01T00:00:00+00:00",
            "end": "2026-03-31T23:59:59+00:00",
            "as_of": "2026-04-01T10:00:00+00:00",
        },
        "by_participant": rows,
    }
    return ReportData(outcome=outcome, articles=(), timeline=())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=60)
    parser.add_argument("--seed", type=int, default=2024)
    args = parser.parse_args(argv)
    data = campaign(args.participants, random.Random(args.seed))
    t = translator("ru")
    users = [row["user"] for row in data.outcome["by_participant"]]
    render_certificate(data, users[0], t, organizer="Ana Marković")  # warm-up: imports, Babel, cmaps

    start = time.process_time()
    for user in users:
        render_certificate(data, user, t, organizer="Ana Marković")
    whole = time.process_time() - start
    with tempfile.TemporaryDirectory() as out:
        start = time.process_time()
        write_certificates(data, Path(out), lambda user: t, "Ana Marković", None)
        cut = time.process_time() - start

    n = len(users)
    ratio = cut / whole
    verdict = "PASS" if ratio <= TARGET_RATIO else "FAIL"
    print(f"{n} certificates, scripts: {', '.join(STEMS)}")
    print(f"{'whole fonts (render_certificate)':40} {whole:6.1f} s  {whole / n * 1000:5.0f} ms each")
    print(f"{'cut-down fonts (write_certificates)':40} {cut:6.1f} s  {cut / n * 1000:5.0f} ms each")
    print(f"{'ratio':40} {ratio:6.2f}    target ≤ {TARGET_RATIO} {verdict}")
    return 0 if verdict == "PASS" else 1


if __name__ == "__main__":
    sys.exit(main())
