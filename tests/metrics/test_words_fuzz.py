"""The word counter on hostile input: it never raises, and every pass stays linear.

A vandal's page of a thousand unclosed tags is still a revision a participant may revert, and the
collection measures it like any other. Bounded: the whole file runs in well under 20 s.
"""

import random
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wikitally.metrics.words import count_words, strip_markup, tokenize, words_added

MB = 1_000_000
HANG_GUARD_S = 5.0  # a hang guard, not a speed test: bench/bench_words.py measures ~0.1–0.7 s per MB

# Each repeated to 1 MB: every one of them took seconds to hours before the scanners were linear.
ADVERSARIAL_UNITS = [
    "<nowiki>a ",
    "<math>a ",
    "<gallery>a ",
    "<ref>a ",
    "<ref a ",
    "<pre>",
    "{{a|",
    "[[a|",
    "[[File:a|",
    "[http://x a ",
    "<b a ",
    "<!-- a --><!--",
    "== a ",
    "{|\n| a ",
    "[[a" + " " * 40 + "|]]",
    "<table>a ",
    "<table a ",
    "''a ",
]
# Pieces of markup, mixed at random into 1 MB texts with a fixed seed.
FRAGMENTS = [
    "<ref>", "</ref>", "<ref name=a/>", "<nowiki>", "</nowiki>", "<pre>", "</pre>", "<math>", "<!--",
    "-->", "{{", "}}", "{|", "\n{|\n", "\n|}\n", "\n|-\n", "\n| ", "[[", "]]", "[[File:x|", "|", "[",
    "]", "[http://x ", "\n== ", " ==\n", "''", "'''", "<b>", "<div ", ">", "&amp;", "&#91;", "\U000f0000",
    "word ", "слово ", "東京", " ", "\n", "__NOTOC__", ":", "*", "http://a.b/c ",
]  # fmt: skip


@pytest.mark.parametrize("unit", ADVERSARIAL_UNITS)
def test_a_megabyte_of_unclosed_markup_is_counted_quickly(unit: str) -> None:
    text = unit * (MB // len(unit))
    started = time.perf_counter()
    count = count_words(text)
    assert time.perf_counter() - started < HANG_GUARD_S
    assert count >= 0


@pytest.mark.parametrize("unit", ["[[a|", "[[File:a|", "{{a|", "<table>"])
def test_a_megabyte_of_nested_and_closed_markup_is_counted_quickly(unit: str) -> None:
    depth = MB // (len(unit) + 2)
    text = unit * depth + "b" + {"[": "]]", "{": "}}", "<": "</table>"}[unit[0]] * depth
    started = time.perf_counter()
    count = count_words(text)
    assert time.perf_counter() - started < HANG_GUARD_S
    assert count >= 0


@pytest.mark.parametrize("seed", range(2))
def test_a_megabyte_of_random_markup_is_counted_quickly(seed: int) -> None:
    rng = random.Random(seed)
    parts: list[str] = []
    size = 0
    while size < MB:
        parts.append(rng.choice(FRAGMENTS))
        size += len(parts[-1])
    text = "".join(parts)
    started = time.perf_counter()
    count = count_words(text)
    assert time.perf_counter() - started < HANG_GUARD_S
    assert count >= 0


markup = st.lists(st.sampled_from(FRAGMENTS + list("[]{}<>|=!'\n :;*#-/&x")), max_size=60).map("".join)
any_text = st.text(max_size=200)
# Letters of several scripts, digits, spaces and punctuation that is never markup.
plain = st.lists(
    st.sampled_from([*'abcXYZ019 \t.,?()"', "é", "ж", "ά", "ש", "ب", "क्", "東", "ก", "\U000f0003"]),
    max_size=200,
).map("".join)


@settings(derandomize=True, max_examples=150, deadline=None)
@given(st.one_of(markup, any_text))
def test_never_raises_and_counts_are_never_negative(text: str) -> None:
    assert count_words(text) >= 0
    assert words_added(text, text + text) >= 0
    assert words_added(text, "") == 0


@settings(derandomize=True, max_examples=150, deadline=None)
@given(plain)
def test_plain_text_counts_its_own_words(text: str) -> None:
    assert count_words(text) == len(tokenize(text))
    assert tokenize(strip_markup(text)) == tokenize(text)


@settings(derandomize=True, max_examples=100, deadline=None)
@given(plain, plain)
def test_private_use_characters_never_change_what_nowiki_shows(before: str, inside: str) -> None:
    text = f"{before} <nowiki>{inside}</nowiki> \U000f0000\U000f0001"
    assert count_words(text) == len(tokenize(before)) + len(tokenize(inside))
