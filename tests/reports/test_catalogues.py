"""The gettext catalogues are complete, have the plural forms CLDR gives, and keep up with messages.py.

The checks are small functions (`untranslated`, `plural_problems`, `uncommented`, …) so that each one is also
tested on a deliberately broken input: a check that cannot fail protects nothing.
"""

from __future__ import annotations

import functools
import gettext
import importlib.util
import io
import re
import string
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest
from babel import Locale
from babel.messages.catalog import Catalog
from babel.messages.extract import extract
from babel.messages.pofile import read_po

from wikitally.reports import i18n, messages
from wikitally.web import messages as web_messages

ROOT = Path(__file__).resolve().parents[2]
LANGUAGES = [code for code in i18n.LANGUAGES if code != "en"]
MessageId = str | tuple[str, ...]


@functools.cache
def script() -> ModuleType:
    """scripts/update_catalogues.py, imported from its path (scripts/ is not a package)."""
    path = ROOT / "scripts" / "update_catalogues.py"
    spec = importlib.util.spec_from_file_location("update_catalogues", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("update_catalogues", module)
    spec.loader.exec_module(module)
    return module


def message_ids(module: ModuleType = messages) -> dict[str, MessageId]:
    """Constant name → msgid (a str, or (singular, plural)) for every message in messages.py (or module)."""
    ids: dict[str, MessageId] = {}
    for name, value in vars(module).items():
        if not name.isupper():
            continue
        if isinstance(value, str):
            ids[name] = value
        elif isinstance(value, tuple) and len(value) == 2 and all(isinstance(v, str) for v in value):
            ids[name] = (value[0], value[1])
    return ids


def read_catalogue(language: str) -> Catalog:
    with i18n.po_path(language).open("rb") as f:
        return read_po(f, locale=i18n.LANGUAGES[language], domain=i18n.DOMAIN)


@functools.cache
def catalogue(language: str) -> Catalog:
    return read_catalogue(language)


def translation_strings(catalog: Catalog, msgid: MessageId) -> list[str]:
    entry = catalog.get(msgid)
    if entry is None:
        return []
    if isinstance(entry.string, str) or entry.string is None:
        return [entry.string or ""]
    return list(entry.string)


# -- the checks


def untranslated(catalog: Catalog, ids: list[MessageId]) -> list[MessageId]:
    """The messages the catalogue lacks, leaves empty (any plural form), has the wrong shape for, or marks fuzzy."""
    missing: list[MessageId] = []
    for msgid in ids:
        entry = catalog.get(msgid)
        if (
            entry is None
            or entry.fuzzy
            or isinstance(msgid, tuple) != isinstance(entry.id, tuple)
            or not all(translation_strings(catalog, msgid))
        ):
            missing.append(msgid)
    return missing


def plural_form_counts(po_text: str) -> dict[str, int]:
    """First msgid line → number of msgstr[N] lines, for each active plural entry of a .po file's raw text.

    Read raw because read_po pads missing forms and silently drops extra ones, which would hide a wrong count.
    """
    counts: dict[str, int] = {}
    for block in re.split(r"\n[ \t]*\n", po_text):
        lines = [line for line in block.splitlines() if not line.startswith("#")]
        if any(line.startswith("msgid_plural ") for line in lines):
            msgid = next(line for line in lines if line.startswith("msgid "))
            counts[msgid.removeprefix("msgid ")] = sum(
                1 for line in lines if re.match(r"msgstr\[\d+\] ", line)
            )
    return counts


# Every integer a rule can tell apart below 1,000 (n % 100 and n % 10 cover the rest), and the numbers the
# catalogues' own examples and CLDR's samples use beyond it.
PLURAL_SAMPLES: tuple[int, ...] = (
    *range(1001),
    *(1001, 1002, 1005, 1011, 1021, 1101, 1111, 2000, 10_000, 10_001, 12_000, 100_000, 100_021),
    *(1_000_000, 1_000_001, 1_000_011, 1_000_000_000),
)


def cldr_form(babel_locale: str) -> Callable[[int], int]:
    """n → the index of CLDR's plural category for n among the categories integers reach, in CLDR's order.

    This is the order gettext catalogues list their forms in (one, few, many, other), taken from CLDR's
    rules themselves (Locale.plural_form), not from the gettext expression Babel writes for them.
    """
    locale = Locale.parse(babel_locale)
    reached = {locale.plural_form(n) for n in PLURAL_SAMPLES}
    order = [tag for tag in ("zero", "one", "two", "few", "many", "other") if tag in reached]
    return lambda n: order.index(locale.plural_form(n))


def plural_problems(po_text: str, babel_locale: str) -> list[str]:
    """Where a catalogue's plural rule picks another form than CLDR's rule for the locale, or a plural entry
    has another number of forms. Behaviour, not spelling: the Plural-Forms expression is evaluated (by the
    stdlib's gettext parser, as i18n does at run time) for every sample number and compared with CLDR's
    category; how the expression is written does not matter.
    """
    catalog = read_po(io.BytesIO(po_text.encode("utf-8")), locale=babel_locale)
    expected = cldr_form(babel_locale)
    forms = len({expected(n) for n in PLURAL_SAMPLES})
    problems = []
    if catalog.num_plurals != forms:
        problems.append(f"Plural-Forms has nplurals={catalog.num_plurals}, CLDR {forms}")
    rule = gettext.c2py(catalog.plural_expr)
    wrong = [n for n in PLURAL_SAMPLES if rule(n) != expected(n)]
    if wrong:
        shown = ", ".join(f"{n} → {rule(n)} (CLDR {expected(n)})" for n in wrong[:5])
        problems.append(f"plural={catalog.plural_expr} picks another form for {len(wrong)} numbers: {shown}")
    for msgid, count in plural_form_counts(po_text).items():
        if count != forms:
            problems.append(f"{msgid} has {count} forms, not {forms}")
    return problems


def extracted(source: bytes) -> list[tuple[MessageId, list[str]]]:
    """(msgid, translator comments) of each message in Python source, by the script's extraction method."""
    module = script()
    found = extract(
        module.extract_with_plurals,
        io.BytesIO(source),
        keywords=module.KEYWORDS,
        comment_tags=(module.COMMENT_TAG,),
    )
    return [(message, comments) for _lineno, message, comments, _context in found]


def uncommented(source: bytes) -> list[MessageId]:
    """The messages in Python source without a `# Translators:` comment right above them."""
    return [
        msgid
        for msgid, comments in extracted(source)
        if not (comments and comments[0].startswith("Translators:"))
    ]


def placeholders(text: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(text) if field is not None}


# -- (a) every message is translated in every catalogue


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_is_translated(language: str) -> None:
    every = [*message_ids().values(), *message_ids(web_messages).values()]  # the reports' and the web's
    assert untranslated(catalogue(language), every) == []


def test_untranslated_finds_a_missing_an_empty_and_a_fuzzy_message() -> None:
    catalog = read_catalogue("ru")
    ids = list(message_ids().values())
    del catalog[messages.SECTION_MAP]
    catalog[messages.N_EDITS].string = ("{count} правка", "", "{count} правок")
    catalog[messages.COL_VIEWS].flags.add("fuzzy")
    assert untranslated(catalog, ids) == [messages.COL_VIEWS, messages.SECTION_MAP, messages.N_EDITS]


# -- (b) plural forms: CLDR's choice of form for every number, in the header's rule and in every plural entry


@pytest.mark.parametrize("language", LANGUAGES)
def test_plural_rule_behaves_as_cldr(language: str) -> None:
    babel_locale = i18n.LANGUAGES[language]
    po_text = i18n.po_path(language).read_text(encoding="utf-8")
    assert plural_problems(po_text, babel_locale) == []
    plurals = [m for module in (messages, web_messages) for m in message_ids(module).values()]
    assert len(plural_form_counts(po_text)) == sum(isinstance(m, tuple) for m in plurals)


def test_plural_problems_finds_a_wrong_header_and_a_wrong_entry() -> None:
    po_text = i18n.po_path("ru").read_text(encoding="utf-8")
    wrong_count = po_text.replace("nplurals=3;", "nplurals=2;")
    assert any("nplurals=2" in problem for problem in plural_problems(wrong_count, "ru"))
    two_forms = po_text.replace('msgstr[2] "{count} правок"\n', "", 1)
    assert plural_problems(two_forms, "ru") == ['"{count} edit" has 2 forms, not 3']
    four_forms = po_text.replace(
        'msgstr[2] "{count} правок"\n', 'msgstr[2] "{count} правок"\nmsgstr[3] "x"\n', 1
    )
    assert plural_problems(four_forms, "ru") == ['"{count} edit" has 4 forms, not 3']


def test_plural_problems_finds_a_rule_that_is_wrong_for_some_numbers() -> None:
    """Macedonian's catalogue said plural=(n != 1) until 2026-12: "21 уредувања" where CLDR gives the singular."""
    po_text = i18n.po_path("mk").read_text(encoding="utf-8")
    header = next(line for line in po_text.splitlines() if line.startswith('"Plural-Forms:'))
    as_it_was = po_text.replace(header, '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"')
    (problem,) = plural_problems(as_it_was, "mk")
    assert problem.startswith("plural=(n != 1) picks another form for ")
    assert "21 → 1 (CLDR 0)" in problem


def test_plural_problems_ignores_how_a_rule_is_written() -> None:
    """Babel 2.18 and 2.19 write Russian's rule differently; the same behaviour is no problem."""
    po_text = i18n.po_path("ru").read_text(encoding="utf-8")
    header_at = po_text.index('"Plural-Forms:')
    header_end = po_text.index("\n", po_text.index(';\\n"', header_at))
    rewritten = (
        po_text[:header_at]
        + '"Plural-Forms: nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && '
        + '(n%100<10 || n%100>=20) ? 1 : 2);\\n"'
        + po_text[header_end:]
    )
    assert rewritten != po_text
    assert plural_problems(rewritten, "ru") == []


@pytest.mark.parametrize(
    ("language", "forms"),
    [
        *[("ru", 3), ("uk", 3), ("pl", 3), ("sr", 3), ("sr-latn", 3), ("cs", 3), ("ro", 3)],
        *[("sq", 2), ("mk", 2), ("el", 2)],
        *[("tr", 2), ("hy", 2)],  # CLDR: one/other (both forms read the same: the noun stays singular)
    ],
)
def test_plural_form_counts_per_language(language: str, forms: int) -> None:
    assert catalogue(language).num_plurals == forms


# -- (c) every message has a translators' comment


def test_every_message_has_a_translators_comment() -> None:
    source = Path(messages.__file__).read_bytes()
    assert uncommented(source) == []
    # every constant is marked with N_ (an unmarked one would be neither extracted nor translated)
    assert {msgid for msgid, _ in extracted(source)} == set(message_ids().values())


def test_lint_finds_a_message_without_a_translators_comment() -> None:
    source = (
        b"# Translators: fine\n"
        b'A = N_("a")\n'
        b"# a note, not for translators\n"
        b'B = N_("b")\n'
        b'C = (N_("{count} c"), N_("{count} cs"))\n'
        b"# Translators: a number of d\n"
        b'D = (N_("{count} d"), N_("{count} ds"))\n'
    )
    assert uncommented(source) == ["b", ("{count} c", "{count} cs")]
    assert extracted(source)[3] == (("{count} d", "{count} ds"), ["Translators: a number of d"])


# -- (d) placeholders survive translation


@pytest.mark.parametrize("language", LANGUAGES)
def test_translations_keep_the_placeholders(language: str) -> None:
    catalog = catalogue(language)
    for msgid in message_ids().values():
        expected = placeholders(msgid[-1] if isinstance(msgid, tuple) else msgid)
        for text in translation_strings(catalog, msgid):
            assert placeholders(text) == expected, (language, msgid, text)
            assert text.format(**dict.fromkeys(expected, "X"))


def test_plural_msgids_have_the_same_placeholders() -> None:
    """A plural message shows the number that chose its form as {count}, except the headline's verbs, whose
    form agrees with the number of editors shown elsewhere in the sentence."""
    for msgid in message_ids().values():
        if isinstance(msgid, tuple):
            assert placeholders(msgid[0]) == placeholders(msgid[1])
            assert ("count" in placeholders(msgid[0])) == (msgid not in messages.AGREE_WITH_EDITORS), msgid


# -- (e) the .pot is up to date with messages.py


def test_pot_is_up_to_date() -> None:
    with script().POT_PATH.open("rb") as f:
        on_disk = read_po(f)
    fresh = script().extract_template()
    # (a comment longer than the .pot's line width comes back as two lines: compare the words)
    assert [(m.id, " ".join(m.auto_comments)) for m in on_disk if m.id] == [
        (m.id, " ".join(m.auto_comments)) for m in fresh if m.id
    ]


def test_pot_holds_every_message_of_messages_py() -> None:
    with script().POT_PATH.open("rb") as f:
        on_disk = read_po(f)
    ids = {m.id for m in on_disk if m.id}
    assert set(message_ids().values()) <= ids


@pytest.mark.parametrize("language", LANGUAGES)
def test_po_files_carry_the_translators_comments(language: str) -> None:
    for msgid in message_ids().values():
        entry = catalogue(language).get(msgid)
        assert entry is not None and entry.auto_comments, msgid
        assert entry.auto_comments[0].startswith("Translators:")


# -- (f) Serbian Latin is the transliteration of Serbian Cyrillic


def test_sr_latn_is_the_transliteration_of_sr() -> None:
    cyrillic, latin = catalogue("sr"), catalogue("sr-latn")
    transliterated = script().transliterated
    assert [m.id for m in latin if m.id] == [m.id for m in cyrillic if m.id]
    for message in cyrillic:
        if message.id:
            assert latin[message.id].string == transliterated(message.string), message.id


def test_sr_latn_has_no_cyrillic() -> None:
    for msgid in message_ids().values():
        for text in translation_strings(catalogue("sr-latn"), msgid):
            assert not re.search("[\u0400-\u04ff]", text), text


@pytest.mark.parametrize(
    ("cyrillic", "latin"),
    [
        ("{count} измена", "{count} izmena"),
        ("Љубљана", "Ljubljana"),
        ("ЉУБЉАНА", "LJUBLJANA"),
        ("Џеп", "Džep"),
        ("ЏЕП", "DŽEP"),
        ("Њ", "Nj"),
        ("ђак ћерка чаша жаба шума хлеб", "đak ćerka čaša žaba šuma hleb"),
        ("Викимедијина остава: 10 км", "Vikimedijina ostava: 10 km"),
        ("„{campaign}“ (wikitally)", "„{campaign}“ (wikitally)"),
    ],
)
def test_transliterate_serbian(cyrillic: str, latin: str) -> None:
    assert script().transliterate_serbian(cyrillic) == latin


# -- (g) the Translator, per locale


@pytest.mark.parametrize(
    ("language", "n", "expected"),
    [
        ("ru", 1, "1 правка"),
        ("ru", 2, "2 правки"),
        ("ru", 5, "5 правок"),
        ("ru", 11, "11 правок"),
        ("ru", 21, "21 правка"),
        ("ru", 22, "22 правки"),
        ("ru", 25, "25 правок"),
        ("pl", 1, "1 edycja"),
        ("pl", 2, "2 edycje"),
        ("pl", 5, "5 edycji"),
        ("pl", 12, "12 edycji"),
        ("pl", 22, "22 edycje"),
        ("sr", 1, "1 измена"),
        ("sr", 2, "2 измене"),
        ("sr", 5, "5 измена"),
        ("sr", 21, "21 измена"),
        ("sr-latn", 2, "2 izmene"),
        ("uk", 1, "1 редагування"),
        ("uk", 5, "5 редагувань"),
        ("uk", 21, "21 редагування"),
        ("cs", 1, "1 editace"),
        ("cs", 3, "3 editace"),
        ("cs", 5, "5 editací"),
        ("ro", 1, "1 modificare"),
        ("ro", 19, "19 modificări"),
        ("ro", 20, "20 de modificări"),
        ("ro", 101, "101 modificări"),
        ("tr", 1, "1 değişiklik"),
        ("tr", 5, "5 değişiklik"),
        ("el", 1, "1 επεξεργασία"),
        ("el", 2, "2 επεξεργασίες"),
        ("en", 1, "1 edit"),
        ("en", 2, "2 edits"),
        ("ru", 12000, "12\xa0000 правок"),
    ],
)
def test_count_uses_the_language_plural_forms(language: str, n: int, expected: str) -> None:
    assert i18n.translator(language).count(messages.N_EDITS, n) == expected


# Read by a person once per language (2026-12): the sentence a reader sees for each number, by CLDR's rule.
# Macedonian "21 уредување" and "101 уредување" (CLDR: one for n % 10 == 1, n % 100 != 11); Romanian "de"
# from 20 on except after 101…119; Turkish and Armenian keep the noun singular after any numeral.
SENTENCE_NUMBERS = (0, 1, 2, 5, 11, 21, 22, 25, 101, 111, 1001)
SENTENCES: dict[str, tuple[str, ...]] = {
    "en": ("0 edits", "1 edit", "2 edits", "5 edits", "11 edits", "21 edits", "22 edits", "25 edits",
           "101 edits", "111 edits", "1,001 edits"),
    "ru": ("0 правок", "1 правка", "2 правки", "5 правок", "11 правок", "21 правка", "22 правки",
           "25 правок", "101 правка", "111 правок", "1\xa0001 правка"),
    "uk": ("0 редагувань", "1 редагування", "2 редагування", "5 редагувань", "11 редагувань",
           "21 редагування", "22 редагування", "25 редагувань", "101 редагування", "111 редагувань",
           "1\xa0001 редагування"),
    "pl": ("0 edycji", "1 edycja", "2 edycje", "5 edycji", "11 edycji", "21 edycji", "22 edycje",
           "25 edycji", "101 edycji", "111 edycji", "1\xa0001 edycji"),
    "sr": ("0 измена", "1 измена", "2 измене", "5 измена", "11 измена", "21 измена", "22 измене",
           "25 измена", "101 измена", "111 измена", "1.001 измена"),
    "sr-latn": ("0 izmena", "1 izmena", "2 izmene", "5 izmena", "11 izmena", "21 izmena", "22 izmene",
                "25 izmena", "101 izmena", "111 izmena", "1.001 izmena"),
    "sq": ("0 redaktime", "1 redaktim", "2 redaktime", "5 redaktime", "11 redaktime", "21 redaktime",
           "22 redaktime", "25 redaktime", "101 redaktime", "111 redaktime", "1\xa0001 redaktime"),
    "tr": ("0 değişiklik", "1 değişiklik", "2 değişiklik", "5 değişiklik", "11 değişiklik",
           "21 değişiklik", "22 değişiklik", "25 değişiklik", "101 değişiklik", "111 değişiklik",
           "1.001 değişiklik"),
    "mk": ("0 уредувања", "1 уредување", "2 уредувања", "5 уредувања", "11 уредувања", "21 уредување",
           "22 уредувања", "25 уредувања", "101 уредување", "111 уредувања", "1.001 уредување"),
    "hy": ("0 խմբագրում", "1 խմբագրում", "2 խմբագրում", "5 խմբագրում", "11 խմբագրում", "21 խմբագրում",
           "22 խմբագրում", "25 խմբագրում", "101 խմբագրում", "111 խմբագրում", "1\xa0001 խմբագրում"),
    "el": ("0 επεξεργασίες", "1 επεξεργασία", "2 επεξεργασίες", "5 επεξεργασίες", "11 επεξεργασίες",
           "21 επεξεργασίες", "22 επεξεργασίες", "25 επεξεργασίες", "101 επεξεργασίες",
           "111 επεξεργασίες", "1.001 επεξεργασίες"),
    "ro": ("0 modificări", "1 modificare", "2 modificări", "5 modificări", "11 modificări",
           "21 de modificări", "22 de modificări", "25 de modificări", "101 modificări", "111 modificări",
           "1.001 modificări"),
    "cs": ("0 editací", "1 editace", "2 editace", "5 editací", "11 editací", "21 editací", "22 editací",
           "25 editací", "101 editací", "111 editací", "1\xa0001 editací"),
}  # fmt: skip


@pytest.mark.parametrize("language", list(i18n.LANGUAGES))
def test_sentences_for_numbers_per_language(language: str) -> None:
    count = i18n.translator(language).count
    sentences = tuple(count(messages.N_EDITS, n) for n in SENTENCE_NUMBERS)
    print(language, " · ".join(sentences))
    assert sentences == SENTENCES[language]


@pytest.mark.parametrize(
    ("language", "value", "expected"),
    [
        ("en", 12000, "12,000"),
        ("ru", 12000, "12\xa0000"),  # CLDR's group separator for Russian is U+00A0 NO-BREAK SPACE
        ("ru", 1234.5, "1\xa0234,5"),
        ("pl", 12000, "12\xa0000"),
        ("pl", 1234.5, "1\xa0234,5"),
        ("sr", 1234.5, "1.234,5"),
        ("sr-latn", 12000, "12.000"),
        ("tr", 1234.5, "1.234,5"),
        ("cs", 1234.5, "1\xa0234,5"),
    ],
)
def test_number(language: str, value: float, expected: str) -> None:
    assert i18n.translator(language).number(value) == expected


@pytest.mark.parametrize(
    ("language", "value", "expected"),
    [
        ("en", 1900, "1.9K"),
        ("ru", 1900, "1,9\xa0тыс."),
        ("sr", 1900, "1,9\xa0хиљ."),
        ("en", 950, "950"),
    ],
)
def test_compact(language: str, value: int, expected: str) -> None:
    assert i18n.translator(language).compact(value) == expected


def test_gettext_translates_and_falls_back_to_english() -> None:
    assert i18n.translator("ru").gettext(messages.SECTION_MAP) == "Карта"
    assert i18n.translator("en").gettext(messages.SECTION_MAP) == "Map"
    assert i18n.translator("ru").gettext("Not a message") == "Not a message"


def test_fuzzy_entries_are_not_used() -> None:
    catalog = Catalog(locale="ru")
    catalog.add("Map", "Карта", flags=["fuzzy"])
    catalog.add(messages.N_EDITS, ("{count} правка", "{count} правки", "{count} правок"), flags=["fuzzy"])
    t = i18n.Translator("ru", catalog)
    assert t.gettext("Map") == "Map"
    assert t.count(messages.N_EDITS, 5) == "5 edits"


def test_language_codes_are_normalised() -> None:
    assert i18n.translator("SR_latn").language == "sr-latn"


def test_unknown_language_is_a_one_line_error_listing_the_codes() -> None:
    with pytest.raises(i18n.LanguageError) as caught:
        i18n.translator("xx")
    assert caught.value.exit_code == 2
    text = str(caught.value)
    assert "\n" not in text and "'xx'" in text
    assert text.endswith("available: " + ", ".join(sorted(i18n.LANGUAGES)))
