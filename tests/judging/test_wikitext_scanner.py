"""judging.wikitext's template scanner agrees with mwparserfromhell (a test-only dependency) on file-page
wikitext: nested templates, links, named and positional parameters, comments."""

from __future__ import annotations

import mwparserfromhell
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wikitally.judging.wikitext import first_parameter, normalize_name, templates

NAMES = ["Site", "site", "Protected area of Serbia", "Information", "en", "Other_name", "Template:Site"]
words = st.sampled_from(["SR-1", " 42 ", "text", "a b", "", "x=y", "é", "\n", "SR 2"])


def wikitext(depth: int) -> st.SearchStrategy[str]:
    leaf = st.one_of(
        words, st.builds(lambda t, label: f"[[{t}|{label}]]", st.sampled_from(["A", "File:x.jpg"]), words)
    )
    if depth == 0:
        return leaf
    inner = wikitext(depth - 1)
    param = st.one_of(
        inner, st.builds(lambda k, v: f"{k}={v}", st.sampled_from(["1", "2", "name", "description"]), inner)
    )
    template = st.builds(
        lambda name, params: "{{" + name + "".join("|" + p for p in params) + "}}",
        st.sampled_from(NAMES),
        st.lists(param, max_size=3),
    )
    comment = st.builds(lambda w: f"<!-- {{{{Site|{w}}}}} -->", words)
    return st.lists(st.one_of(leaf, template, comment), max_size=4).map("".join)


def mwpfh_first_parameter(text: str, template: str) -> str | None:
    wanted = normalize_name(template.removeprefix("Template:"))
    for t in mwparserfromhell.parse(text).filter_templates(recursive=True):
        if normalize_name(str(t.name).strip().removeprefix("Template:")) == wanted:
            if not t.has("1"):
                return ""
            value = t.get("1").value
            for comment in value.filter_comments(recursive=True):  # MediaWiki drops comments first
                value.remove(comment)
            return str(value).strip()
    return None


@settings(derandomize=True, max_examples=250, deadline=None)
@given(wikitext(3), st.sampled_from(["Site", "Protected area of Serbia", "Information"]))
def test_first_parameter_agrees_with_mwparserfromhell(text: str, name: str) -> None:
    assert first_parameter(text, name) == mwpfh_first_parameter(text, name)


@settings(derandomize=True, max_examples=200, deadline=None)
@given(wikitext(3))
def test_template_names_in_order_agree_with_mwparserfromhell(text: str) -> None:
    ours = [t.name for t in templates(text)]
    theirs = [str(t.name).strip() for t in mwparserfromhell.parse(text).filter_templates(recursive=True)]
    assert ours == theirs


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("{{Information|description={{sr|1=Увац}} {{Protected area of Serbia|SR-123}}}}", "SR-123"),
        ("{{protected_area_of_Serbia| SR-7 }}", "SR-7"),
        ("{{Protected area of Serbia|1=SR-8|2=x}}", "SR-8"),
        ("{{Protected area of Serbia}}", ""),
        ("<!-- {{Protected area of Serbia|SR-9}} -->", None),
        ("{{Protected area of Serbia|[[a|b]]c}}", "[[a|b]]c"),
        ("no template", None),
    ],
)
def test_first_parameter_examples(text: str, expected: str | None) -> None:
    assert first_parameter(text, "Protected area of Serbia") == expected
