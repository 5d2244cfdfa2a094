import pytest
from corpus import CORPUS
from mwpfh_reference import count_refs_mwpfh

from wikitally.metrics.refs import count_refs, normalize_template_name


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Fact.<ref>Source.</ref>", 1),
        ('Fact.<ref name="a">Source.</ref>', 1),
        ("Fact.<ref name='a'>Source.</ref>", 1),
        ('Fact.<ref group="" name = "a b" >Source.</ref >', 1),
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
        ("<ref>a<ref>b</ref></ref>", 0),  # content "a<ref>b" holds a <ref: Cite shows an error, no footnote
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
        "{{Harvnb|Smith|2000}}",  # a Harvard citation in the text makes no footnote
        "{{harvnb|Smith|2000}}",
    ],
)
def test_other_templates_do_not_count(call: str) -> None:
    assert count_refs(f"Claim.{call}") == 0


def test_underscores_and_spaces_are_the_same_in_template_names() -> None:
    text = "A.{{Harvard_citation_no_brackets|Smith|2000}} B.{{Harvard  citation no brackets|Jones|1999}}"
    assert count_refs(text, ["Harvard citation no brackets"]) == 2
    assert count_refs(text, ["harvard_citation_no_brackets"]) == 2


def test_sfn_templates_are_configured_per_wiki() -> None:
    text = "А.{{Sfn|Ћоровић|1997}} Б.{{Харвнб|Поповић|2006|p=1}} В.{{харвнб|Поповић|2006|p=2}} Г.{{sfnp|X|1}}"
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
    srwiki = ("Sfn", "Харвнб", "Refn")  # Refn stays a note template: its group decides
    assert count_refs(text, srwiki) == count_refs_mwpfh(text, srwiki)


# ISSUE8 §2: a shortened-footnote or Harvard template inside a <ref> is part of that reference.
@pytest.mark.parametrize(
    "text",
    [
        "Claim.<ref>{{Harvnb|Smith|2000|p=5}}</ref>",
        "Claim.<ref>{{sfn|Smith|2000|p=5}}</ref>",
        "Claim.<ref>See {{harvnb|Smith|2000}} and {{harvnb|Jones|1999}}.</ref>",
        "Claim.<ref name=s>{{Sfnp|Smith|2000}}</ref> Again.<ref name=s/>",
        "Claim.<ref>{{#tag:ref|inner}} {{refn|inner}}</ref>",
    ],
)
def test_template_inside_a_ref_is_part_of_that_ref(text: str) -> None:
    assert count_refs(text, ("sfn", "sfnp", "harvnb")) == 1


def test_harvard_citations_inside_refs_count_once_each_ref() -> None:
    text = "".join(f"Claim {i}.<ref>{{{{Harvnb|Author{i}|2000|p={i}}}}}</ref>" for i in range(135))
    assert count_refs(text, ("sfn", "sfnp", "harvnb")) == 135


# ISSUE8 §2: a named reference defined twice is one footnote, as Cite shows it.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A.<ref name=a>x</ref> B.<ref name=a>x</ref>", 1),
        ('A.<ref name="a">x</ref> B.<ref name=a>other text</ref> C.<ref name=a/>', 1),
        ('A.<ref name="a  b">x</ref> B.<ref name=" a b ">x</ref>', 1),  # whitespace as Cite trims it
        ("A.<ref name=a>x</ref> B.<ref name=b>x</ref>", 2),
        ("A.<ref name=a>x</ref> B.{{#tag:ref|x|name=a}}", 1),
        ("A.<ref name=a>x</ref> B.{{refn|name=a|x}}", 1),
        ("A.<ref name=a>x</ref> B.<ref>x</ref> C.<ref>x</ref>", 3),  # unnamed ones are each new
        ("A.<ref name=zz/>", 0),  # reused but never defined: Cite lists only an error
    ],
)
def test_a_name_is_one_reference(text: str, expected: int) -> None:
    assert count_refs(text) == expected


# ISSUE8 §2: Module:Footnotes names each {{sfn}}'s ref after its arguments: identical calls merge.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A.{{sfn|Smith|2000|p=5}} B.{{sfn|Smith|2000|p=5}}", 1),
        ("A.{{sfn|Smith|2000|p=5}} B.{{sfn | Smith | 2000 | p = 5 }}", 1),
        ("A.{{sfn|Smith|2000|p=5}} B.{{sfnp|Smith|2000|p=5}}", 1),  # same name, one footnote
        ("A.{{sfn|Smith|2000|p=5}} B.{{sfn|Smith|2000|page=5}}", 1),
        ("A.{{sfn|Smith|2000|p=5}} B.{{sfn|Smith|2000|p=6}}", 2),
        ("A.{{sfn|Smith|2000|p=5}} B.{{sfn|Smith|2000|pp=5–6}}", 2),
        ("A.{{sfn|Smith|2000}} B.{{sfn|Smith|2001}}", 2),
        ("A.{{sfn|Smith|2000|loc=ch. 2}} B.{{sfn|Smith|2000|loc=ch. 3}}", 2),
        ("A.{{sfn|Smith|2000|p=5|ps=: quoted}} B.{{sfn|Smith|2000|p=5}}", 1),  # ps is not in the name
    ],
)
def test_identical_sfn_calls_are_one_footnote(text: str, expected: int) -> None:
    assert count_refs(text) == expected


# ISSUE8 §2: notes are not citations; references_added counts the default group.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A.<ref group=note>A note.</ref>", 0),
        ('A.<ref group="lower-alpha" name=n>A note.</ref>', 0),
        ('A.<ref group="">A citation.</ref>', 1),
        ("A.{{efn|A note.}}", 0),
        ("A.{{Efn|name=n|A note.}}", 0),
        ("A.{{refn|A citation.}}", 1),  # {{refn}} without group is a citation on enwiki
        ("A.{{refn|group=note|A note.}}", 0),
        ("A.{{#tag:ref|A citation.}}", 1),
        ("A.{{#tag:ref|A citation.|name=c}}", 1),
        ("A.{{#tag:ref|A note.|group=note}}", 0),
        ('A.{{#tag:ref|A citation.|group=""}}', 1),
        ("A.{{#tag:ref|}}", 0),  # no content: an error
        # What a note cites is a citation: on the wiki it makes a footnote in the reference list.
        ("A.{{efn|A note.{{sfn|Smith|2000|p=5}}}}", 1),
        ("A.{{efn|A note.<ref>Its source.</ref>}}", 1),
        ("A.{{refn|group=note|A note.{{sfn|Smith|2000}}}}", 1),
        # ...but not inside a <ref> tag, where MediaWiki never makes a second footnote.
        ("A.<ref group=note>A note.{{sfn|Smith|2000}}</ref>", 0),
    ],
)
def test_only_citations_in_the_default_group_count(text: str, expected: int) -> None:
    assert count_refs(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A.<ref name=a/>\n<references>\n<ref name=a>x</ref>\n<ref name=b>unused</ref>\n</references>", 1),
        ("<references>\n<ref>unnamed in a list</ref>\n</references>", 0),
        ("A.<ref name=a group=n/>\n<references group=n>\n<ref name=a>note</ref>\n</references>", 0),
        ("A.<ref name=a/>\n<references group=n>\n<ref name=a>wrong group</ref>\n</references>", 0),
    ],
)
def test_list_defined_refs_count_when_used_in_the_default_group(text: str, expected: int) -> None:
    assert count_refs(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "A.<ref name=1>numeric name</ref>",
        "A.<ref name=a foo=b>unknown attribute</ref>",
        "A.<ref follow=a>continues another ref</ref>",
        "A.<ref dir=up>bad direction</ref>",
    ],
)
def test_refs_cite_rejects_do_not_count(text: str) -> None:
    assert count_refs(text) == 0


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<gallery>\nFile:A.jpg|Caption.<ref>Source.</ref>\n</gallery>", 1),  # captions are parsed
        ("<poem>\nA line.<ref>Source.</ref>\n</poem>", 1),
        ("{{Infobox|pop=1<ref>Source.</ref>}}", 1),
        ("{{a|[[b}}<ref>x</ref>", 1),  # "}}" inside an open link closes nothing
        ("{{sfn|Smith|[[b]]|2000}}", 1),
        ("{{sfn|Smith|2000|p=[[a|b]]}}", 1),
        ("{{{{{sfn|a}}}}}", 0),  # a template whose name is a parameter
        ("{{{sfn|a}}}", 0),  # a parameter
        ("{{{1|<ref>shown default</ref>}}}", 1),
    ],
)
def test_structure_follows_the_preprocessor(text: str, expected: int) -> None:
    assert count_refs(text) == expected
