import mwparserfromhell
import pytest
from corpus import CORPUS, PROSE

from wikitally.metrics import words
from wikitally.metrics.words import count_words, strip_markup, tokenize, words_added


def shown(wikitext: str) -> list[str]:
    return tokenize(strip_markup(wikitext))


def mwpfh_prose(wikitext: str) -> str:
    """mwparserfromhell's plain text without headings and tables, as wikitally reads prose."""
    code = mwparserfromhell.parse(wikitext)
    for node in code.filter_headings(recursive=False) + code.filter_tags(
        recursive=False, matches=lambda tag: tag.tag == "table"
    ):
        code.remove(node)
    return str(code.strip_code())


# --- strip_markup -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("wikitext", "expected"),
    [
        ("[[Tirana District|district]]", ["district"]),
        ("[[Albania]]", ["Albania"]),
        ("[[Albania]]n", ["Albanian"]),  # link trail
        ("[[Paris (mythology)|]]", ["Paris"]),  # pipe trick
        ("[[:Category:Rivers]]", ["Category", "Rivers"]),  # a visible link to a category
        ("a [[File:Lake Ohrid.jpg|thumb|The lake from [[Struga]]]] b", ["a", "b"]),
        ("a [[Image:Map.png|left]] b", ["a", "b"]),
        ("a [[Category:Lakes of Albania|Ohrid]] b", ["a", "b"]),
        ("a [[Датотека:Београд.jpg|мини|Поглед на град]] b", ["a", "b"]),
        ("a [[Kategoria:Liqene]] b", ["a", "b"]),
        ("a [[fr:Lac d'Ohrid]] [[zh-min-nan:Ohrid-ô͘]] b", ["a", "b"]),
        ("a [[Lêer:Kaap.jpg|duimnael|Onderskrif]] b", ["a", "b"]),
    ],
)
def test_links_keep_labels_and_drop_targets(wikitext: str, expected: list[str]) -> None:
    assert shown(wikitext) == expected


@pytest.mark.parametrize(
    ("wikitext", "expected"),
    [
        ("a {{cite web|title=Hidden words|url=http://x}} b", ["a", "b"]),
        ("a {{Infobox|name={{lang|sq|Tiranë}}|x={{convert|5|km}}}} b", ["a", "b"]),
        ("{{Short description|Capital}}\n'''Tirana''' is", ["Tirana", "is"]),
        ("{{Infobox\n| table =\n{| class=x\n| cell\n|}\n}}after", ["after"]),
        ("a {{never closed b", ["a", "never", "closed", "b"]),
    ],
)
def test_templates_are_dropped_with_their_content(wikitext: str, expected: list[str]) -> None:
    assert shown(wikitext) == expected


@pytest.mark.parametrize(
    ("wikitext", "expected"),
    [
        ("a<ref>hidden source words</ref> b", ["a", "b"]),
        ('a<ref name="x">hidden</ref> b<ref name="x" /> c', ["a", "b", "c"]),
        ("a\n<references>\n<ref name=x>hidden</ref>\n</references>", ["a"]),
        ("a<references/>", ["a"]),
        ("a<!-- hidden note -->b", ["ab"]),
        ("a <!-- unclosed comment hides the rest", ["a"]),
    ],
)
def test_refs_and_comments_are_dropped_with_their_content(wikitext: str, expected: list[str]) -> None:
    assert shown(wikitext) == expected


@pytest.mark.parametrize(
    ("wikitext", "expected"),
    [
        ("<b>bold</b>text", ["boldtext"]),  # inline tags do not break a word
        ('<span style="color:red">a</span> <small>b</small>', ["a", "b"]),
        ("a<br/>b<br>c", ["a", "b", "c"]),
        ('<div class="x">a</div>b', ["a", "b"]),
        ("a <math>x^2 + y</math> b", ["a", "b"]),
        ('a <syntaxhighlight lang="python">print(x)</syntaxhighlight> b', ["a", "b"]),
        ("a <source>code</source> b", ["a", "b"]),
        ("a\n<gallery>\nFile:X.jpg|Caption words\n</gallery>\nb", ["a", "b"]),
        ("a <score>\\relative c' { c d e }</score> b", ["a", "b"]),
        ("a <timeline>ImageSize = width:100</timeline> b", ["a", "b"]),
        ("<nowiki>{{not a template}} [[nor|link]]</nowiki>", ["not", "a", "template", "nor", "link"]),
        ("a < b and c > d", ["a", "b", "and", "c", "d"]),  # not tags
    ],
)
def test_tags(wikitext: str, expected: list[str]) -> None:
    assert shown(wikitext) == expected


@pytest.mark.parametrize(
    ("wikitext", "expected"),
    [
        (  # a results table: no prose at all
            '{| class="wikitable sortable"\n|+ Results\n|-\n! scope="col" | Party !! Votes\n'
            '|-\n| style="text-align:left" | Socialist || 48\n|-\n| Democratic || 39\n|}\nAfter',
            ["After"],
        ),
        ("Before\n:{| class=x\n| indented cell\n|}\nafter", ["Before", "after"]),
        ("Before\n::  {|\n| cell\n|}", ["Before"]),
        ("a\n  {|\n| cell\n|} tail\nb", ["a", "tail", "b"]),  # text after the closing "|}" shows
        ("a\n{|\n| outer\n|\n{|\n| inner\n|}\n| outer again\n|}\nb", ["a", "b"]),  # nested
        ("a\n{|\n| never closed\n| cells", ["a"]),
        ("a {| not at a line start |} b", ["a", "not", "at", "a", "line", "start", "b"]),
        ('a <table class="x"><tr><td>cell</td></tr></table> b', ["a", "b"]),  # an HTML table
        ("a <table><tr><td><table><tr><td>in</td></tr></table>out</td></tr></table> b", ["a", "b"]),
        ("a <table><tr><td>never closed b", ["a", "never", "closed", "b"]),
    ],
)
def test_tables_are_dropped_whole(wikitext: str, expected: list[str]) -> None:
    assert shown(wikitext) == expected


@pytest.mark.parametrize(
    ("wikitext", "expected"),
    [
        ("== History ==\ntext", ["text"]),
        ("=== [[Early life|Youth]] ===  \ntext\n==== Deep ====", ["text"]),
        ("a = b\n= Title =\nc == d", ["a", "b", "c", "d"]),  # "=" inside a line is text
        ("=not a heading\n", ["not", "a", "heading"]),
    ],
)
def test_headings_are_dropped(wikitext: str, expected: list[str]) -> None:
    assert shown(wikitext) == expected


def test_a_results_article_has_no_prose() -> None:
    rows = "".join(f"|-\n| {i} || [[Team {i}]] || {i * 3} || [[File:Flag.svg|20px]]\n" for i in range(50))
    article = f"{{{{Infobox season}}}}\n== Results ==\n{{| class=wikitable\n! Pos !! Team !! Pts\n{rows}|}}"
    assert count_words(article) == 0


@pytest.mark.parametrize(
    ("wikitext", "expected"),
    [
        ("a [[File:Lake.jpg|thumb|left|The lake\nfrom the east]] b", ["a", "b"]),
        ("a [[File:Lake.jpg|thumb|\nThe lake from [[Struga]]\nat dawn]] b", ["a", "b"]),
        ("a [[Image:Map.png|left|\n[[a|b]] [[c]]]]\nb", ["a", "b"]),
        ("the [[Lake Ohrid|lake\nof Ohrid]] is", ["the", "lake", "of", "Ohrid", "is"]),
        ("a [[Lake\nOhrid]] b", ["a", "Lake", "Ohrid", "b"]),  # a line break in the target: not a link
        ("a [[File:X.jpg|thumb|never closed b", ["a", "File", "X", "jpg", "thumb", "never", "closed", "b"]),
        ("a [[x|y [[z]] w]] b", ["a", "x", "y", "z", "w", "b"]),  # a link in a label: MediaWiki's text
    ],
)
def test_links_and_captions_over_line_breaks(wikitext: str, expected: list[str]) -> None:
    assert shown(wikitext) == expected


@pytest.mark.parametrize(
    ("wikitext", "expected"),
    [
        ("see [[WP:NPOV|neutral point of view]]", ["see", "neutral", "point", "of", "view"]),
        ("see [[wp:V|verifiability]] and [[WT:X|talk]]", ["see", "verifiability", "and", "talk"]),
        ("see [[Help:Tables|tables]]", ["see", "tables"]),
        ("a [[wikt:lake|lake]] b", ["a", "lake", "b"]),  # interwiki, not a language
        ("a [[fr:Lac d'Ohrid]] b", ["a", "b"]),
    ],
)
def test_namespace_and_interwiki_links_keep_their_label(wikitext: str, expected: list[str]) -> None:
    assert shown(wikitext) == expected


# A wiki's own names, as its siteinfo gives them: local names, aliases, interlanguage prefixes.
BRETON = words.LinkNames.of({6: ["Restr"], 14: ["Rummad"], 4: ["Wikipedia", "WP"]}, languages=["fr", "en"])
WELSH = words.LinkNames.of({6: ["Delwedd"], 14: ["Categori"]}, languages=["en", "br"])
NO_LANGUAGES = words.LinkNames.of({}, languages=[])


@pytest.mark.parametrize(
    ("names", "wikitext", "expected"),
    [
        (BRETON, "a [[Restr:Kastell.jpg|thumb|Ar c'hastell]] b", ["a", "b"]),
        (BRETON, "a [[Rummad:Kêrioù]] [[restr:X.png]] b", ["a", "b"]),
        (BRETON, "a [[fr:Brest]] [[en:Brest]] b", ["a", "b"]),
        (BRETON, "a [[cy:Brest|Brest]] b", ["a", "Brest", "b"]),  # not in this wiki's interwikimap
        (BRETON, "a [[Delwedd:X.jpg|Caption]] b", ["a", "Caption", "b"]),  # Welsh name: a plain link
        (BRETON, "a [[File:X.jpg|Caption]] [[Category:Y]] b", ["a", "b"]),  # canonical names always work
        (NO_LANGUAGES, "a [[fr:Brest]] b", ["a", "fr", "Brest", "b"]),  # a wiki with no language links
        (WELSH, "a [[Delwedd:X.jpg|bawd|Capsiwn]] [[Categori:Y]] b", ["a", "b"]),
        (WELSH, "a [[br:Brest]] [[fr:Brest|Brest]] b", ["a", "Brest", "b"]),
    ],
)
def test_link_names_come_from_the_wiki(names: words.LinkNames, wikitext: str, expected: list[str]) -> None:
    assert tokenize(strip_markup(wikitext, names)) == expected
    assert count_words(wikitext, names) == len(expected)


@pytest.mark.parametrize(
    "wikitext",
    [
        "a [[Lêer:Kaap.jpg|duimnael|Onderskrif]] [[Kategorie:Stede]] b",  # af
        "a [[Fișier:Hartă.png|thumb|Harta]] [[Imagine:X.jpg|Y]] [[Categorie:Orașe]] b",  # ro
        "a [[Soubor:Praha.jpg|náhled|Popisek]] [[Kategorie:Města]] b",  # cs
    ],
)
def test_default_names_know_more_languages(wikitext: str) -> None:
    assert shown(wikitext) == ["a", "b"]


# --- no input breaks it -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("wikitext", "expected"),
    [
        ("<nowiki>a</nowiki> \U000f0005", 1),
        ("\U000f0000 <nowiki>hello world</nowiki>", 2),
        ("\U000f0000\U000f0001 <pre>x</pre> <nowiki>y</nowiki> \U000f0002", 2),
        ("<nowiki>[[a|b]] {{c}} ''d'' == e == &amp; http://f.org</nowiki>", 8),
    ],
)
def test_private_use_characters_are_text_not_placeholders(wikitext: str, expected: int) -> None:
    assert count_words(wikitext) == expected


@pytest.mark.parametrize(
    ("wikitext", "expected"),
    [
        ("see [http://example.org the site] now", ["see", "the", "site", "now"]),
        ("see [https://example.org] now", ["see", "now"]),  # shown as [1]
        ("see https://example.org/page?id=1 now", ["see", "now"]),
        ("'''bold''' and ''italic'' and '''''both'''''", ["bold", "and", "italic", "and", "both"]),
        ("'''Toronto''''s mayor", ["Toronto", "s", "mayor"]),  # 4 quotes: an apostrophe, then bold
        ("The ''Star'''s owner", ["The", "Star", "s", "owner"]),  # unbalanced: an apostrophe and italic
        ("a ''''''b'''''' c", ["a", "b", "c"]),  # more than 5: apostrophes and bold italic
        ("* one\n** two\n# three\n: four\n; term", ["one", "two", "three", "four", "term"]),
        ("__NOTOC__ text __БЕЗСАДРЖАЈА__", ["text"]),
        ("caf&eacute; &amp; b&#x101;r", ["café", "bār"]),
        ("a&nbsp;b", ["a", "b"]),
    ],
)
def test_other_markup(wikitext: str, expected: list[str]) -> None:
    assert shown(wikitext) == expected


@pytest.mark.parametrize("index", range(len(PROSE)))
def test_strip_markup_agrees_with_mwparserfromhell_on_prose(index: int) -> None:
    text = PROSE[index]
    assert shown(text) == tokenize(mwpfh_prose(text))


# Snippets showing markup on purpose (<nowiki>, <pre>) would show these words too.
@pytest.mark.parametrize(
    "index", [i for i, text in enumerate(CORPUS) if "<nowiki" not in text and "<pre" not in text]
)
def test_strip_markup_leaves_no_markup_words(index: int) -> None:
    found = set(shown(CORPUS[index]))
    assert not found & {"ref", "cite", "sfn", "Sfn", "wikitable", "style", "class", "thumb", "url", "name"}


# --- tokenize -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("東京都は日本の首都", ["東", "京", "都", "は", "日", "本", "の", "首", "都"]),
        ("ひらがなとカタカナ", ["ひ", "ら", "が", "な", "と", "カ", "タ", "カ", "ナ"]),
        ("Python是一种语言", ["Python", "是", "一", "种", "语", "言"]),
        ("ภาษาไทย", ["ภ", "า", "ษ", "า", "ไ", "ท", "ย"]),
        ("กิน", ["กิ", "น"]),  # a Thai vowel sign stays with its consonant
        ("ພາສາລາວ", ["ພ", "າ", "ສ", "າ", "ລ", "າ", "ວ"]),
        ("ខ្មែរ", ["ខ្", "មែ", "រ"]),
        ("မြန်မာ", ["မြ", "န်", "မာ"]),
        ("བོད", ["བོ", "ད"]),
    ],
)
def test_scripts_without_spaces_count_each_letter(text: str, expected: list[str]) -> None:
    assert tokenize(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Београд је главни град Србије.", ["Београд", "је", "главни", "град", "Србије"]),
        ("Москва́ — столица России", ["Москва́", "столица", "России"]),  # U+0301 stays in the word
        ("Η Κρήτη είναι νησί.", ["Η", "Κρήτη", "είναι", "νησί"]),
        ("Երևան, Հայաստանի մայրաքաղաքը։", ["Երևան", "Հայաստանի", "մայրաքաղաքը"]),
        ("Shqipëria është në Ballkan.", ["Shqipëria", "është", "në", "Ballkan"]),
        ("Shqipe\u0308ria", ["Shqipe\u0308ria"]),  # decomposed ë
        ("हिन्दी भाषा में", ["हिन्दी", "भाषा", "में"]),  # virama and vowel signs are marks
        ("العَرَبِيَّة لغة", ["العَرَبِيَّة", "لغة"]),  # harakat are marks
        ("한국어 위키백과", ["한국어", "위키백과"]),  # Korean uses spaces
        ("don't well-known a_b", ["don", "t", "well", "known", "a", "b"]),
        ("In 1990, 3.5% of ١٢٣", ["In", "1990", "3", "5", "of", "١٢٣"]),
        ("super\u00adcalifragilistic", ["super\u00adcalifragilistic"]),  # soft hyphen joins
        ("\u0301alone mark", ["alone", "mark"]),
        ("", []),
    ],
)
def test_words_in_spaced_scripts(text: str, expected: list[str]) -> None:
    assert tokenize(text) == expected


def test_count_words() -> None:
    assert (
        count_words("'''Tirana''' is the [[capital city|capital]] of [[Albania]].<ref>Not this.</ref>") == 6
    )
    assert count_words("") == 0


# --- words_added --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("parent", "text", "expected"),
    [
        ("The cat sat.", "The black cat sat.", 1),  # insertion
        ("The cat sat.", "The dog sat.", 1),  # replacement
        ("The cat sat on the mat.", "The dog slept on the mat.", 2),
        ("The black cat sat.", "The cat sat.", 0),  # deletion only
        ("The cat sat.", "", 0),  # blanking
        ("", "'''Tirana''' is a city.<ref>Words in a ref.</ref>", 4),  # page creation
        ("The cat sat.", "The cat sat.", 0),
        ("東京都", "東京都庁", 1),
        ("Тирана је град.", "Тирана је главни град.", 1),
        ("A b c.\n\nD e f.", "D e f.\n\nA b c.", 3),  # a moved paragraph counts as added
    ],
)
def test_words_added(parent: str, text: str, expected: int) -> None:
    assert words_added(parent, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The cat sat.<ref>{{cite web|title=Cats|url=http://x}}</ref>",
        "The cat sat.{{sfn|Smith|2000}}",
        "The [[Felis catus|cat]] sat.",
        "The ''cat'' sat.<!-- check -->",
        "[[File:Cat.jpg|thumb|A cat]]\nThe cat sat.\n[[Category:Cats]]",
    ],
)
def test_markup_only_edits_add_no_words(text: str) -> None:
    assert words_added("The cat sat.", text) == 0


def _article(paragraphs: int) -> list[str]:
    # Deterministic, varied prose: word i of paragraph p.
    return [" ".join(f"w{(p * 7 + i * 13) % 997}" for i in range(60)) + "." for p in range(paragraphs)]


def test_large_articles_take_the_line_diff_and_count_exactly() -> None:
    parent = _article(300)  # 18,000 words
    edited = list(parent)
    edited[0] = "Inserted opening words here. " + edited[0]
    edited[150] = edited[150].replace("w", "x", 5)  # five words changed
    edited[299] += " And a closing sentence."
    edited.insert(200, "A whole new paragraph of seven words.")
    parent_text, text = "\n\n".join(parent), "\n\n".join(edited)
    assert count_words(parent_text) > words.LINE_DIFF_MIN_TOKENS
    assert words_added(parent_text, text) == 4 + 5 + 4 + 7


def test_line_diff_gives_the_same_count_as_a_plain_word_diff(monkeypatch: pytest.MonkeyPatch) -> None:
    parent = _article(60)
    edited = list(parent)
    for i in range(0, 60, 6):
        edited[i] = edited[i].replace(" w", " new w", 3)
    edited.insert(30, "Some more words in between.")
    parent_text, text = "\n\n".join(parent), "\n\n".join(edited)
    monkeypatch.setattr(words, "LINE_DIFF_MIN_TOKENS", 100)
    by_lines = words_added(parent_text, text)
    monkeypatch.setattr(words, "LINE_DIFF_MIN_TOKENS", 10**9)
    by_words = words_added(parent_text, text)
    assert by_lines == by_words == 10 * 3 + 5


def test_text_that_is_no_count_can_keep_headings_and_table_cells() -> None:
    text = "== History ==\nProse.\n{| class=x\n|+ Results\n! scope=col | Party !! Votes\n|-\n| [[Socialist Party|Socialists]] || 48\n|}"
    kept = tokenize(strip_markup(text, prose_only=False))
    assert kept == ["History", "Prose", "Results", "Party", "Votes", "Socialists", "48"]
    assert tokenize(strip_markup(text)) == ["Prose"]
