"""Benchmark the word counter: linear on hostile input, and its speed on real articles.

Run: .venv/bin/python bench/bench_words.py [--old REV]

Times are CPU seconds of this process (time.process_time), so other work on the machine counts
less. 1. Adversarial inputs (one unclosed or nested piece of markup repeated): seconds per MB at 1 MB with
   this code, against the code at REV (default: the branch point from main) at 20 KB and 40 KB —
   old and quadratic scanners take four times as long for twice the input, so 1 MB is out of reach.
2. The 64 real articles of tests/fixtures/articles/ (0.94 MB): count_words against
   mwparserfromhell's parse + strip_code, as a ratio (best of 3), and against the code at REV.
Fails (exit 1) if any adversarial input takes more than 1 s per MB.
"""

from __future__ import annotations

import argparse
import importlib.util
import math
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import mwparserfromhell

from wikitally.metrics.words import count_words

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "tests" / "fixtures" / "articles"
MAX_S_PER_MB = 1.0
UNITS = [
    "<nowiki>a ", "<math>a ", "<gallery>a ", "<ref>a ", "<ref a ", "<pre>", "{{a|", "{{sfn|a", "[[a|",
    "[[a|x ", "[[File:a|", "[http://x a ", "<b a ", "<!-- a --><!--", "== a ", "{|\n| a ",
    "[[a" + " " * 40 + "|]]", "<table>a ", "<table a ", "''a ",
]  # fmt: skip


def adversarial(size: int) -> dict[str, str]:
    """Each unit repeated to ``size`` characters, and links nested ``size / 6`` deep, then closed."""
    texts = {repr(unit): unit * (size // len(unit)) for unit in UNITS}
    depth = size // 6
    texts["'[[a|' nested, closed"] = "[[a|" * depth + "b" + "]]" * depth
    texts["'[[File:a|' nested, closed"] = "[[File:a|" * (depth // 2) + "b" + "]]" * (depth // 2)
    return texts


def old_module(rev: str) -> ModuleType:
    """words.py as it was at rev, imported under another name."""
    source = subprocess.run(
        ["git", "show", f"{rev}:src/wikitally/metrics/words.py"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    path = Path(tempfile.mkdtemp()) / "old_words.py"
    path.write_text(source, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("old_words", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def seconds(count: Callable[[str], object], text: str, repeat: int = 1) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.process_time()
        count(text)
        best = min(best, time.process_time() - started)
    return best


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument(
        "--old", default="", help="git revision of the code to compare with (default: merge-base with main)"
    )
    args = parser.parse_args()
    rev = (
        args.old
        or subprocess.run(
            ["git", "merge-base", "HEAD", "main"], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout.strip()
    )
    old = old_module(rev)
    print(f"adversarial inputs: this code at 1 MB; the code at {rev[:10]} at 20 KB and 40 KB")
    print(f"{'input':<30}{'s/MB now':>10}{'old 20 KB':>11}{'old 40 KB':>11}{'growth':>8}{'old s/MB*':>11}")
    slow = []
    at_mb, at_20, at_40 = adversarial(1_000_000), adversarial(20_000), adversarial(40_000)
    for name, text in at_mb.items():
        now = seconds(count_words, text)
        t20, t40 = seconds(old.count_words, at_20[name]), seconds(old.count_words, at_40[name])
        growth = t40 / t20
        # Extrapolated from 40 KB to 1 MB with the measured growth: x25 if linear, x625 if quadratic.
        old_mb = t40 * 25 ** min(2.0, max(1.0, math.log2(growth)))
        print(f"{name:<30}{now:>10.3f}{t20:>11.3f}{t40:>11.3f}{growth:>8.1f}{old_mb:>11.1f}")
        if now > MAX_S_PER_MB:
            slow.append(name)
    print("* extrapolated from 40 KB with the measured growth (x25 if linear, x625 if quadratic)")

    texts = [p.read_text(encoding="utf-8") for p in sorted(ARTICLES.glob("*.txt"))]
    size = sum(len(t.encode()) for t in texts)

    def run(count: Callable[[str], object]) -> Callable[[str], object]:
        return lambda _: [count(t) for t in texts]

    now = seconds(run(count_words), "", repeat=3)
    before = seconds(run(old.count_words), "", repeat=3)
    mwpfh = seconds(run(lambda t: mwparserfromhell.parse(t).strip_code()), "", repeat=3)
    print(f"\n{len(texts)} real articles, {size / 1e6:.2f} MB (best of 3):")
    print(f"  count_words now                 {now:7.3f} s  ({size / 1e6 / now:5.1f} MB/s)")
    print(f"  count_words at {rev[:10]}      {before:7.3f} s  (now / then = {now / before:.2f})")
    print(f"  mwparserfromhell strip_code     {mwpfh:7.3f} s  (now / mwparserfromhell = {now / mwpfh:.2f})")
    if slow:
        print(f"FAIL: over {MAX_S_PER_MB} s per MB: {slow}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
