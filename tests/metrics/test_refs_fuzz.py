"""Fuzzing count_refs: adversarial inputs must not hang it, generated wikitext must count as the
mwparserfromhell reference counts it. Seeded and bounded (the whole file runs in well under 20 s)."""

from __future__ import annotations

import random
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mwpfh_reference import count_refs_mwpfh

from wikitally.metrics.refs import count_refs

MB = 1_000_000
HANG_GUARD_S = 5.0  # generous: the scanner takes well under 1 s per MB (bench/bench_refs.py)

# Repeated, each of these grew with the square of its length (ISSUE8 §3.2: 100 KB took 4–23 s).
ADVERSARIAL_UNITS = [
    "{{sfn|a",
    "<ref>a",
    "<ref a",
    "<nowiki>",
    "<math>",
    "<gallery>",
    "[[a|",
    "{{a|[[b",
    "{{sfn|{{sfn|",
    "{{#tag:ref|",
    "<references>",
    "<ref name=a/>",
    "<ref><ref>x",
    "<!--{{sfn|a",
    "{{{{{a|",
    "<pre",
]
# Pieces of markup for random adversarial pages: unbalanced on purpose.
FRAGMENTS = [
    "{{", "}}", "{{{", "}}}", "[[", "]]", "|", "=", "<ref>", "</ref>", "<ref name=a>", "<ref name=b/>",
    "<ref group=n>", "<references>", "</references>", "<nowiki>", "</nowiki>", "<!--", "-->", "{{sfn|",
    "{{efn|", "{{refn|", "{{#tag:ref|", "<gallery>", "</gallery>", "<pre", ">", "/>", "a", " ", "\n",
    "<math>", "<ref", "<", "x<ref>y",
]  # fmt: skip


@pytest.mark.parametrize("unit", ADVERSARIAL_UNITS)
def test_one_megabyte_of_repeated_markup_finishes(unit: str) -> None:
    text = unit * (MB // len(unit))
    start = time.perf_counter()
    count_refs(text)
    assert time.perf_counter() - start < HANG_GUARD_S


@pytest.mark.parametrize("seed", range(3))
def test_one_megabyte_of_random_markup_finishes(seed: int) -> None:
    rng = random.Random(seed)
    text = "".join(rng.choices(FRAGMENTS, k=MB // 4))
    start = time.perf_counter()
    assert count_refs(text) >= 0
    assert time.perf_counter() - start < HANG_GUARD_S


@settings(max_examples=300, derandomize=True, deadline=None)
@given(st.text(alphabet=st.sampled_from("<>{}[]|=/!-#:refnamgroupsfnwikitag \n\"'"), max_size=200))
def test_any_text_counts_without_error(text: str) -> None:
    assert count_refs(text) >= 0


# Well-formed wikitext from the constructs that decide the count, where MediaWiki, mwparserfromhell and
# the scanner must agree. Few names and authors, so that names and shortened footnotes collide.
_words = st.sampled_from(["Claim.", "Text", "Más", "Београд", "東京", " ", "\n", "a b"])
_names = st.sampled_from(["a", "b", '"a"', "'b c'"])
_groups = st.sampled_from(["n", '"note"', '""', "lower-alpha"])
_sfn = st.builds(
    lambda tpl, author, year, page: f"{{{{{tpl}|{author}|{year}{page}}}}}",
    st.sampled_from(["sfn", "Sfn", "sfnp", "harvnb"]),
    st.sampled_from(["Smith", "Jones"]),
    st.sampled_from(["2000", "2001"]),
    st.sampled_from(["", "|p=5", "|p=6", "|pp=5–7"]),
)


def _fragments(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    body = st.lists(st.one_of(_words, _sfn), max_size=3).map("".join)
    return st.one_of(
        _words,
        _sfn,
        body.map(lambda b: f"<ref>{b}</ref>"),
        st.tuples(_names, body).map(lambda t: f"<ref name={t[0]}>{t[1]}</ref>"),
        _names.map(lambda n: f"<ref name={n} />"),
        st.tuples(_groups, body).map(lambda t: f"<ref group={t[0]}>{t[1]}</ref>"),
        inner.map(lambda i: f"{{{{efn|{i}}}}}"),
        inner.map(lambda i: f"{{{{refn|{i}}}}}"),
        st.tuples(_groups, inner).map(lambda t: f"{{{{refn|group={t[0]}|{t[1]}}}}}"),
        st.tuples(body, _names).map(lambda t: f"{{{{#tag:ref|{t[0]}|name={t[1]}}}}}"),
        st.tuples(body, _groups).map(lambda t: f"{{{{#tag:ref|{t[0]}|group={t[1]}}}}}"),
        inner.map(lambda i: f"{{{{Infobox|caption={i}|x=1}}}}"),
        inner.map(lambda i: f"[[Target|{i}]]"),
        inner.map(lambda i: f"<!-- {i} -->"),
        inner.map(lambda i: f"<nowiki>{i}</nowiki>"),
        st.tuples(_names, body).map(
            lambda t: f"\n<references>\n<ref name={t[0]}>{t[1]}</ref>\n</references>\n"
        ),
    )


_wikitext = st.lists(st.recursive(_words, _fragments, max_leaves=12), max_size=12).map("".join)


@settings(max_examples=400, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_wikitext)
def test_generated_wikitext_counts_as_the_reference_does(text: str) -> None:
    assert count_refs(text) == count_refs_mwpfh(text)
    with_harvnb = ("sfn", "sfnp", "harvnb")
    assert count_refs(text, with_harvnb) == count_refs_mwpfh(text, with_harvnb)


def test_ref_holding_many_distinct_unclosed_tags_finishes() -> None:
    # Cite's own check (a regex per "<x …>…</x>") is quadratic here; the counter's must not be.
    body = "".join(f"<t{i}>" for i in range(MB // 10))
    text = f"<ref>a{body}<ref>b</ref> <ref>c{body}</ref>"
    start = time.perf_counter()
    assert count_refs(text) == 1  # the first holds "<ref": an error; the second counts
    assert time.perf_counter() - start < HANG_GUARD_S


def _scan(text: str, sfn: tuple[str, ...]) -> int:
    from wikitally.metrics.refs import _normalized, _Scanner

    scanner = _Scanner(text, _normalized(sfn))
    scanner.run()
    return scanner.count()


PRECHECK_FRAGMENTS = [
    "{{", "}}", "|", "=", "sfn", "Sfn", "SFN", "efn", "{{Refn|", "{{refn|", "{{#TAG:ref|", "{{#tag : REF|",
    "<!--", "-->", "a", " ", "_", "\n", "Template:", "{{Harvard_citation|", "{{harvard  citation|", "x",
    "{{ sfn |", "{{sfnp|", "<", ">", "</ref>",
]  # fmt: skip


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PRECHECK_FRAGMENTS), max_size=40))
def test_the_pre_check_never_skips_a_text_the_scanner_counts(parts: list[str]) -> None:
    """count_refs skips the scan when there is no <ref and no call that could make a footnote: the skip must
    be exact (a text it skips counts 0 when scanned)."""
    text = "".join(parts)
    for sfn in (("sfn", "sfnp"), ("Harvard citation", "sfn")):
        assert count_refs(text, sfn) == _scan(text, sfn)


# Markup the top level's whole-match alternatives take or must refuse: attributes, case, spaces before ">",
# blank bodies, bodies holding markup, calls with markup in them, calls of ours with "=" in odd places.
WHOLE_FRAGMENTS = [
    "<ref>a</ref>", "<REF>a</Ref >", "<ref >a</ref\n>", "<ref> </ref>", "<ref>\0</ref>", "<ref/>", "<ref />",
    "<ref name=a/>", "<ref name=a>", "<ref name=a>x</ref>", "<references><ref name=a>x</ref></references>", "<ref name = 'a b' >x</ref>", "<ref name=1>x</ref>", "<ref dir=x>y</ref>",
    "<ref follow=a>x</ref>", "<ref group=n>x</ref>", "<ref group=\"\">x</ref>", "<ref foo=a>x</ref>", "</ref>",
    "<ref>a<b>c</b></ref>", "<ref>{{x|[[y]]}}</ref>", "<ref", "<refx>", "<references>", "</references>",
    "{{sfn|A|2000}}", "{{Sfn |A|2000|p=5}}", "{{sfn|A|p=5=6|p=7}}", "{{sfnp|A|2000|loc=x|at=y}}", "{{sfn}}",
    "{{refn|x|name=a}}", "{{refn|group=n|x}}", "{{#tag:ref|x|name=b}}", "{{ #tag : ref |x}}", "{{efn|x}}",
    "{{x|y=z}}", "{{x|[[y]]}}", "{{{x}}}", "{{x}}}", "{{", "}}", "[[", "]]", "<!--", "-->", "<nowiki>", "a", " ",
    "\n", "|", "=", ">", "/>", "{{sfn|A|<!-- c -->2000}}", "{{sfn|" + "b" * 2001 + "}}",
]  # fmt: skip


@settings(max_examples=500, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(WHOLE_FRAGMENTS), max_size=25).map("".join))
def test_the_top_levels_whole_matches_count_as_its_tokens_do(text: str) -> None:
    """The scan takes a plain ref or call at the top level whole (refs._TOP_WHOLE); read as tokens instead,
    every text must count the same."""
    import re

    from wikitally.metrics import refs

    whole = [_scan(text, sfn) for sfn in (("sfn", "sfnp"), ("Sfn",))]
    tokens_only = re.compile(r"(?!)()()()|" + refs._TOP_TOKENS, re.IGNORECASE)  # groups 1–3 never match
    saved = refs._TOKEN_TOP_RE
    refs._TOKEN_TOP_RE = tokens_only
    try:
        assert [_scan(text, sfn) for sfn in (("sfn", "sfnp"), ("Sfn",))] == whole
    finally:
        refs._TOKEN_TOP_RE = saved
