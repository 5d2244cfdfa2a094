"""Benchmark count_refs against a full mwparserfromhell parse on ~2 MB of wikitext.

Run: .venv/bin/python bench/bench_refs.py

Builds articles from the test corpus (tests/metrics/corpus.py), shuffled and varied with a fixed
seed, plus generated paragraphs dense with refs and shortened footnotes; checks that both counters
find the same total and that the hand-written one is at least 20 times faster (best of 3).
"""

from __future__ import annotations

import importlib.util
import random
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from types import ModuleType

from wikitally.metrics.refs import count_refs

MIN_SPEEDUP = 20
TARGET_BYTES = 2_000_000
TESTS_DIR = Path(__file__).resolve().parent.parent / "tests" / "metrics"


def load(name: str) -> ModuleType:
    """Import a helper module from tests/metrics by path (tests/ is not a package)."""
    spec = importlib.util.spec_from_file_location(name, TESTS_DIR / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def dense_paragraph(rng: random.Random) -> str:
    """A paragraph in the style of a well-sourced article: a footnote after most sentences."""
    sentences = []
    for _ in range(rng.randint(4, 9)):
        author, year, page = (
            rng.choice(["Smith", "Elsie", "Ћоровић", "Тихомиров", "鈴木"]),
            rng.randint(1900, 2024),
            rng.randint(1, 400),
        )
        sentence = " ".join(
            rng.choice(["lorem", "ipsum", "Tiranë", "Београд", "Москва", "東京", "กรุงเทพ"]) for _ in range(12)
        )
        footnote = rng.choice(
            [
                f"{{{{sfn|{author}|{year}|p={page}}}}}",
                f"{{{{Sfnp|{author}|{year}|pp={page}–{page + 3}}}}}",
                f'<ref name="{author}{year}">{{{{cite book |last={author} |year={year} |page={page}}}}}</ref>',
                f'<ref name="{author}{year}" />',
                f"<ref>{{{{cite web |url=https://example.org/{page} |title={sentence[:20]}}}}}</ref>",
                "",
            ]
        )
        sentences.append(f"{sentence}.{footnote}")
    return " ".join(sentences)


def build_texts(corpus: list[str], rng: random.Random) -> list[str]:
    texts: list[str] = []
    size = 0
    while size < TARGET_BYTES:
        parts = rng.sample(corpus, rng.randint(4, 10)) + [
            dense_paragraph(rng) for _ in range(rng.randint(2, 8))
        ]
        rng.shuffle(parts)
        text = "\n\n".join(parts).replace("2001", str(rng.randint(1950, 2024)))
        texts.append(text)
        size += len(text.encode())
    return texts


def best_of_3(count: Callable[[str], int], texts: Iterable[str]) -> tuple[int, float]:
    best = float("inf")
    total = 0
    for _ in range(3):
        start = time.perf_counter()
        total = sum(count(text) for text in texts)
        best = min(best, time.perf_counter() - start)
    return total, best


def main() -> int:
    corpus: list[str] = load("corpus").CORPUS
    reference: Callable[[str], int] = load("mwpfh_reference").count_refs_mwpfh
    texts = build_texts(corpus, random.Random(20240504))
    megabytes = sum(len(text.encode()) for text in texts) / 1e6

    ours_total, ours_s = best_of_3(count_refs, texts)
    ref_total, ref_s = best_of_3(reference, texts)
    speedup = ref_s / ours_s

    print(f"{len(texts)} texts, {megabytes:.2f} MB of wikitext, best of 3 (time.perf_counter)\n")
    print(f"{'counter':<28}{'texts':>8}{'refs':>10}{'seconds':>10}{'MB/s':>9}")
    print(
        f"{'wikitally count_refs':<28}{len(texts):>8}{ours_total:>10}{ours_s:>10.3f}{megabytes / ours_s:>9.1f}"
    )
    print(
        f"{'mwparserfromhell parse':<28}{len(texts):>8}{ref_total:>10}{ref_s:>10.3f}{megabytes / ref_s:>9.1f}"
    )
    print(f"\nspeed ratio: {speedup:.1f}x (required: {MIN_SPEEDUP}x)")

    if ours_total != ref_total:
        print(f"FAIL: totals differ ({ours_total} != {ref_total})", file=sys.stderr)
        return 1
    if speedup < MIN_SPEEDUP:
        print(f"FAIL: only {speedup:.1f}x faster", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
