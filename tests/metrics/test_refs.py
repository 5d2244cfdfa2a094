import pytest
from corpus import CORPUS
from mwpfh_reference import count_refs_mwpfh

from wikitally.metrics.refs import count_refs, normalize_template_name


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Fact.<ref>Source.</ref>", 1),
        ('Fact.<ref name="a">Source.</ref>', 1),
        ("Fact.<ref name=a group=n>Source.</ref>", 1),
        ("Fact.<ref name='a'>Source.</ref>", 1),
        ('Fact.<ref group=note name = "a b" >Source.</ref >', 1),
        ("Fact.<REF>Source.</REF>", 1),
        ("Fact.<Ref name=a>Source.</rEf>", 1),
        ('Fact.<ref name="a/b">Slash inside a quoted name.</ref>', 1),
        ("Two.<ref>One.</ref><ref>Two.</ref>", 2),
    ],
)
def test_refs_with_content_count(text: str, expected: int) -> None:
    assert count_refs(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Again.<ref name=x/>",
        'Again.<ref name="x" />',
        "Again.<ref name='x'/>",
        "Again.<REF NAME=x />",
    ],
)
def test_self_closing_reuse_is_not_a_reference(text: str) -> None:
    assert count_refs(text) == 0


def test_named_ref_counts_once_however_often_reused() -> None:
    text = 'A.<ref name="s">Source.</ref> B.<ref name="s"/> C.<ref name=s />'
    assert count_refs(text) == 1


@pytest.mark.parametrize(
    "text", ["<ref></ref>", "<ref>  \n\t </ref>", '<ref name="a"></ref>', "<ref name=a> </ref>"]
)
def test_empty_or_blank_ref_is_not_a_reference(text: str) -> None:
    assert count_refs(text) == 0


def test_list_defined_refs_inside_references_count() -> None:
    text = (
        "A.<ref name=a /> B.<ref name=b />\n"
        '<references>\n<ref name=a>First.</ref>\n<ref name="b">Second.</ref>\n</references>'
    )
    assert count_refs(text) == 2


def test_list_defined_refs_in_reflist_refs_parameter_count() -> None:
    assert count_refs("A.<ref name=a/>\n{{Reflist|refs=\n<ref name=a>First.</ref>\n}}") == 1


def test_ref_in_template_argument_counts() -> None:
    assert count_refs("{{Infobox|x=<ref>a</ref>|y=1}}") == 1


@pytest.mark.parametrize(
    "text",
    [
        "<!-- <ref>hidden</ref> -->",
        "<!--\n{{sfn|Smith|2000}}\n-->",
        "<nowiki><ref>shown as code</ref></nowiki>",
        "<nowiki>{{sfn|Smith|2000}}</nowiki>",
        "<pre><ref>x</ref>{{sfn|a}}</pre>",
        '<syntaxhighlight lang="html"><ref>x</ref></syntaxhighlight>',
        "<source><ref>x</ref></source>",
        "<math>a<ref>b</ref>{{sfn|c}}</math>",
        "<MATH>a<ref>b</ref></math>",
    ],
)
def test_markup_in_comments_and_literal_tags_does_not_count(text: str) -> None:
    assert count_refs(text) == 0


def test_self_closing_nowiki_does_not_hide_what_follows() -> None:
    assert count_refs("a<nowiki />b<ref>c</ref> <nowiki>d</nowiki>") == 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Fact.<ref>Never closed", 0),
        ('Fact.<ref>Closed.</ref> More.<ref name="b">Never closed', 1),
    ],
)
def test_unclosed_ref_does_not_count(text: str, expected: int) -> None:
    assert count_refs(text) == expected


# MediaWiki's preprocessor, not mwparserfromhell, decides these malformed cases.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<ref>a</ref><!-- unclosed <ref>b</ref> {{sfn|c}}", 1),  # an unclosed comment runs to the end
        ("<ref>a<ref>b</ref></ref>", 1),  # content runs to the first </ref>: one ref, one stray tag
        ("<ref><!-- to do --></ref>", 1),  # content is not blank before comments are removed
        ("<ref\nname=a>x</ref>", 1),  # any whitespace may follow the tag name
    ],
)
def test_malformed_markup_follows_mediawiki(text: str, expected: int) -> None:
    assert count_refs(text) == expected


@pytest.mark.parametrize(
    "call",
    [
        "{{sfn|Smith|2000|p=1}}",
        "{{Sfn|Smith|2000}}",
        "{{ sfn |Smith|2000}}",
        "{{sfn\n|Smith|2000}}",
        "{{Template:Sfn|Smith|2000}}",
        "{{template : sfn|Smith|2000}}",
        "{{sfn}}",
        "{{sfnp|Smith|2000}}",
        "{{Harvnb|Smith|2000}}",
        "{{harvnb|Smith|2000}}",
        "{{sfn<!-- short form -->|Smith|2000}}",
        "{{efn|Note.{{sfn|Smith|2000}}}}",
    ],
)
def test_sfn_calls_count_whatever_the_spelling(call: str) -> None:
    assert count_refs(f"Claim.{call}") == 1


@pytest.mark.parametrize(
    "call",
    [
        "{{SFN|Smith|2000}}",  # only the first letter is case-insensitive
        "{{sfnref|Smith|2000}}",
        "{{{sfn|}}}",  # a template parameter, not a call
        "{{sfn|Smith|2000",  # never closed: plain text
        "{{cite book|title=sfn}}",
        "{{Harv|Smith|2000}}",
    ],
)
def test_other_templates_do_not_count(call: str) -> None:
    assert count_refs(f"Claim.{call}") == 0


def test_underscores_and_spaces_are_the_same_in_template_names() -> None:
    text = "A.{{Harvard_citation_no_brackets|Smith|2000}} B.{{Harvard  citation no brackets|Jones|1999}}"
    assert count_refs(text, ["Harvard citation no brackets"]) == 2
    assert count_refs(text, ["harvard_citation_no_brackets"]) == 2


def test_sfn_templates_are_configured_per_wiki() -> None:
    text = "А.{{Sfn|Ћоровић|1997}} Б.{{Харвнб|Поповић|2006}} В.{{харвнб|Поповић|2006}} Г.{{sfnp|X|1}}"
    assert count_refs(text) == 2  # default list: Sfn, sfnp
    assert count_refs(text, ("Sfn", "Харвнб")) == 3  # srwiki-style list: Sfn, Харвнб twice
    assert count_refs(text, ()) == 0
    assert count_refs("{{Шаблон:Sfn|a}}", ["Шаблон:Sfn"]) == 1


def test_refs_and_sfn_add_up() -> None:
    assert count_refs("A.<ref>x</ref>{{sfn|a}} B.<ref name=x/>{{sfnp|b}}") == 3


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("sfn", "Sfn"),
        (" sfn ", "Sfn"),
        ("Template:sfn", "Sfn"),
        ("template_:_harvard_citation", "Harvard citation"),
        ("sFN", "SFN"),
        ("шаблон", "Шаблон"),
    ],
)
def test_normalize_template_name(name: str, expected: str) -> None:
    assert normalize_template_name(name) == expected


def test_corpus_is_big_and_varied_enough() -> None:
    assert len(CORPUS) >= 30
    assert sum(count_refs(text) for text in CORPUS) > 80


@pytest.mark.parametrize("index", range(len(CORPUS)))
def test_count_refs_matches_mwparserfromhell(index: int) -> None:
    text = CORPUS[index]
    assert count_refs(text) == count_refs_mwpfh(text)
    srwiki = ("Sfn", "Харвнб", "Refn")
    assert count_refs(text, srwiki) == count_refs_mwpfh(text, srwiki)
