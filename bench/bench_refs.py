"""Benchmark count_refs: against a full mwparserfromhell parse on ~2 MB of wikitext, and on adversarial input.

Run: .venv/bin/python bench/bench_refs.py [--before REV]

1. Realistic: articles from the test corpus (tests/metrics/corpus.py) and the real articles in
   tests/fixtures/articles, shuffled and varied with a fixed seed, plus generated paragraphs dense with
   refs and shortened footnotes; both counters must find the same total and the hand-written one must
   be at least MIN_SPEEDUP times faster (best of 3).
2. Adversarial: 1 MB of each markup that once made a scanner quadratic (tests/metrics/test_refs_fuzz.py)
   and of random unbalanced markup; each must take at most 1 CPU second per MB. mwparserfromhell is timed on the
   first 10 KB of each (more takes it minutes).
With --before REV (e.g. a1f34fb), count_refs as it was at that git revision is timed on 10 and 20 KB of
each adversarial input too (the old scanners need minutes at 100 KB).
"""

from __future__ import annotations

import argparse
import importlib.util
import random
import re
import subprocess
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from types import ModuleType

from wikitally.metrics.refs import count_refs

MIN_SPEEDUP = 20
MAX_S_PER_MB = 1.0
TARGET_BYTES = 2_000_000
ROOT = Path(__file__).resolve().parent.parent
TESTS_DIR = ROOT / "tests" / "metrics"
ARTICLES = ROOT / "tests" / "fixtures" / "articles"
OPEN_REF = re.compile(r"<ref(?:\s[^>]*)?(?<!/)>", re.IGNORECASE)
CLOSE_REF = re.compile(r"</ref\s*>", re.IGNORECASE)


def load(name: str) -> ModuleType:
    """Import a helper module from tests/metrics by path (tests/ is not a package)."""
    if str(TESTS_DIR) not in sys.path:
        sys.path.insert(0, str(TESTS_DIR))  # the helpers import each other
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
        start = time.process_time()
        total = sum(count(text) for text in texts)
        best = min(best, time.process_time() - start)
    return total, best


def load_revision(rev: str) -> Callable[[str], int]:
    """count_refs as it was at git revision ``rev``."""
    source = subprocess.run(
        ["git", "show", f"{rev}:src/wikitally/metrics/refs.py"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    module = ModuleType(f"refs_{rev}")
    exec(compile(source, f"refs@{rev}", "exec"), module.__dict__)
    count: Callable[[str], int] = module.count_refs
    return count


def adversarial(fuzz: ModuleType) -> list[tuple[str, str]]:
    """(label, 1 MB text) for each adversarial unit and three random unbalanced pages."""
    out = [(repr(unit), unit * (1_000_000 // len(unit))) for unit in fuzz.ADVERSARIAL_UNITS]
    for seed in range(3):
        rng = random.Random(seed)
        out.append((f"random markup, seed {seed}", "".join(rng.choices(fuzz.FRAGMENTS, k=250_000))))
    return out


def timed(count: Callable[[str], int], text: str) -> float:
    start = time.process_time()
    count(text)
    return time.process_time() - start


def bench_adversarial(reference: Callable[[str], int], before: Callable[[str], int] | None) -> bool:
    """Time each adversarial input: ours on 1 MB and 100 KB, mwparserfromhell on 10 KB (it is itself
    superlinear there: 30 KB of "{{sfn|a" takes it about a minute), ``before`` on 10 and 20 KB (its
    quadratic scanners need minutes at 100 KB)."""
    fuzz = load("test_refs_fuzz")
    print("\nadversarial input, CPU seconds (ours: best of 2)")
    head = f"{'input':<26}{'ours 1 MB':>10}{'ours 100 KB':>12}{'mwpfh 10 KB':>12}"
    print(head + (f"{'before 10 KB':>13}{'before 20 KB':>13}{'before/ours 20 KB':>18}" if before else ""))
    ok = True
    for label, text in adversarial(fuzz):
        ours = min(timed(count_refs, text) for _ in range(2))
        ours_small = min(timed(count_refs, text[:100_000]) for _ in range(2))
        row = f"{label:<26}{ours:>10.3f}{ours_small:>12.4f}{timed(reference, text[:10_000]):>12.3f}"
        if before is not None:
            ours_20 = min(timed(count_refs, text[:20_000]) for _ in range(3))
            old_20 = timed(before, text[:20_000])
            row += f"{timed(before, text[:10_000]):>13.2f}{old_20:>13.2f}{old_20 / ours_20:>17.0f}x"
        print(row, flush=True)
        if ours > MAX_S_PER_MB:
            print(f"FAIL: {label} took {ours:.2f} s for 1 MB (allowed {MAX_S_PER_MB} s)", file=sys.stderr)
            ok = False
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", metavar="REV", help="also time count_refs at this git revision")
    args = parser.parse_args()
    corpus: list[str] = load("corpus").CORPUS
    corpus += [path.read_text(encoding="utf-8") for path in sorted(ARTICLES.glob("*.txt"))]
    # An unclosed <ref> swallows the texts glued after it up to their first </ref>, as MediaWiki does;
    # mwparserfromhell gives up on it instead, so such texts are left out of the comparison.
    corpus = [text for text in corpus if len(OPEN_REF.findall(text)) == len(CLOSE_REF.findall(text))]
    reference: Callable[[str], int] = load("mwpfh_reference").count_refs_mwpfh
    texts = build_texts(corpus, random.Random(20240504))
    megabytes = sum(len(text.encode()) for text in texts) / 1e6

    ours_total, ours_s = best_of_3(count_refs, texts)
    ref_total, ref_s = best_of_3(reference, texts)
    speedup = ref_s / ours_s

    print(
        f"{len(texts)} texts, {megabytes:.2f} MB of wikitext, best of 3, CPU seconds (time.process_time: the machine may be shared)\n"
    )
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
    before = load_revision(args.before) if args.before else None
    return 0 if bench_adversarial(reference, before) else 1


if __name__ == "__main__":
    sys.exit(main())
