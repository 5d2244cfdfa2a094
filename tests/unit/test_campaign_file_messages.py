"""The campaign file's errors are translatable: every problem and fix is a marked template with its params.

The web form shows them in the user's language (CampaignFileError.localized / .detail / .line with a
Translator's gettext); str(error), the CLI's line, stays English, word for word as before.
"""

from __future__ import annotations

import errno
import functools
import importlib.util
import os
import string
import sys
import tempfile
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import extract

from wikitally import campaign_file, errors
from wikitally.campaign_file import load_campaign, parse_campaign
from wikitally.errors import CampaignFileError
from wikitally.reports.i18n import Translator
from wikitally.usernames import username_problem

ROOT = Path(__file__).resolve().parents[2]
START = datetime.fromisoformat("2024-03-08T09:00:00+01:00")
GOOD: dict[str, Any] = {
    "name": "x",
    "start": START,
    "end": datetime.fromisoformat("2024-03-15T23:59:59+01:00"),
    "wikis": ["sq.wikipedia.org"],
    "participants": ["A"],
}
DROP = object()
DIRECTORY = b"<a directory>"  # BAD_FILES: make a directory there instead of a file


def changed(**changes: Any) -> dict[str, Any]:
    data = {**GOOD, **changes}
    return {key: value for key, value in data.items() if value is not DROP}


# Photo contests' sites files (photos.sites), read by the parser: a folder made once for the module.
SITES = Path(tempfile.mkdtemp(prefix="wikitally-sites-"))
(SITES / "nocol.csv").write_text("label\nx\n", encoding="utf-8")
(SITES / "empty.csv").write_text("id,label\n,x\n", encoding="utf-8")
(SITES / "big.csv").write_text('id\n"' + "x" * 200_000 + '"\n', encoding="utf-8")
PHOTOS: dict[str, Any] = {
    "wiki": "commons.wikimedia.org",
    "categories": ["C"],
    "jurors": ["A"],
    "round": [{"name": "R", "kind": "yesno", "quorum": 1, "advance": 1}],
}


def photos(**changes: Any) -> dict[str, Any]:
    return changed(participants=DROP, photos={**PHOTOS, **changes})


# Every raise of the parser, with the English line the CLI prints for it (as it printed before translation).
# fmt: off
BAD: list[tuple[dict[str, Any], str]] = [
    (changed(participans=["x"]), "participans: unknown key; did you mean `participants`?"),
    (changed(zzzzzzzzzz=1), "zzzzzzzzzz: unknown key; known keys: " + ", ".join(campaign_file.KEYS)),
    (changed(end=datetime.fromisoformat("2024-03-01T00:00:00+01:00")),
     "end: 2024-03-01T00:00:00+01:00 is before start 2024-03-08T09:00:00+01:00; swap or fix them"),
    (changed(participants=DROP), "participants: no participants and no hashtags or tags; "
     "list participants, give participants_page, or filter by hashtags/tags"),
    (changed(name=DROP), 'name: is missing; add name = "…"'),
    (changed(name="  "), 'name: must be a non-empty string; write name = "…"'),
    (changed(tags="x"), 'tags: must be a list of non-empty strings; write tags = ["…", "…"]'),
    (changed(campaign={"timezone": "UTC", "x": 1}),
     'campaign: may only hold `timezone`; write [campaign] timezone = "Europe/Tirane"'),
    (changed(timezone=3), 'timezone: must be a string; e.g. timezone = "Europe/Tirane"'),
    (changed(timezone="Mars/Olympus"),
     "timezone: unknown time zone 'Mars/Olympus'; use an IANA name like \"Europe/Tirane\""),
    (changed(start=DROP), "start: is missing; add start = 2024-03-08T09:00:00+01:00"),
    (changed(start=datetime(2024, 3, 8, 9)),
     'start: has no UTC offset; write start = 2024-03-08T09:00:00+01:00, or set timezone = "…"'),
    (changed(start=date(2024, 3, 8)),
     'start: is a date without time zone; write start = 2024-03-08T09:00:00+01:00, or set timezone = "…"'),
    (changed(start="2024-03-08"),
     "start: must be a TOML date-time; write start = 2024-03-08T09:00:00+01:00 (no quotes)"),
    (changed(wikis=[]), 'wikis: is missing or empty; add wikis = ["xx.wikipedia.org"]'),
    (changed(wikis=["https://x.org"]),
     "wikis: 'https://x.org' is not a wiki domain; write the bare domain, e.g. \"sq.wikipedia.org\""),
    (changed(wikis=["sq.wikipedia.org", "SQ.wikipedia.org"]),
     "wikis: 'SQ.wikipedia.org' is listed twice; remove the duplicate"),
    (changed(participants=["Bad|name"]), "participants: 'Bad|name' contains a character MediaWiki forbids "
     "in usernames (# < > [ ] | { }); fix or remove that name"),
    (changed(participants=["User:Bob"]), "participants: 'User:Bob' includes a namespace prefix; "
     "write the bare username; fix or remove that name"),
    (changed(participants=["Alice\u200bFuzz"]), "participants: 'Alice\\u200bFuzz' contains U+200B, which "
     "MediaWiki does not allow in usernames; fix or remove that name"),
    (changed(participants=["A" * 256]), f"participants: {'A' * 60!r}… is 256 bytes long; MediaWiki allows "
     "255 bytes (UTF-8); fix or remove that name"),
    (changed(participants=["\u200e"]), "participants: '\\u200e' is empty; fix or remove that name"),
    (changed(start=datetime.fromisoformat("2000-12-31T23:59:59+00:00")),
     "start: 2000-12-31T23:59:59+00:00 is outside 2001-01-01T00:00:00Z … 9999-12-31T23:59:59Z (UTC), what a "
     "wiki's timestamps can hold; fix the year"),
    (changed(participants=["Ana", "ana"]),
     "participants: 'ana' and 'Ana' are the same user (Ana); remove the duplicate"),
    (changed(participants_page=3), 'participants_page: must be "DOMAIN:Title"; '
     'write participants_page = "meta.wikimedia.org:Event/Participants"'),
    (changed(participants_page="bad domain:Title"), "participants_page: 'bad domain:Title' is not "
     '"DOMAIN:Title"; write participants_page = "meta.wikimedia.org:Event/Participants"'),
    (changed(hashtags=["#wiki gap"]),
     "hashtags: '#wiki gap' is not a hashtag; write e.g. \"#WikiGap\" (letters, digits, _)"),
    (changed(hashtags=["#a", "#A"]), "hashtags: '#A' is listed twice; remove the duplicate"),
    (changed(namespaces=[-1]),
     "namespaces: must be a non-empty list of namespace numbers ≥ 0; e.g. namespaces = [0]"),
    (changed(api=3), 'api: must be a table; [api] then "DOMAIN" = "https://…/api.php"'),
    (changed(api={"xx.wikipedia.org": "http://x"}),
     "api.xx.wikipedia.org: names a wiki the campaign does not use; add it to wikis or remove it"),
    (changed(api={"sq.wikipedia.org": "ftp://x"}),
     "api.sq.wikipedia.org: 'ftp://x' is not an http(s) URL; e.g. \"https://xx.wikipedia.org/w/api.php\""),
    (changed(language="xx"),
     "language: no catalogue for 'xx'; use one of cs, el, en, hy, mk, pl, ro, ru, sq, sr, sr-latn, tr, uk"),
    (changed(pageviews="yes"), "pageviews: must be true or false; write pageviews = true"),
    (changed(sensitive_locations=["Heritage"]), "sensitive_locations: 'Heritage' is not a category title; "
     'write it with its namespace, e.g. "Category:Heritage"'),
    (changed(sensitive_locations=3), "sensitive_locations: must be true/false or a list of category names; "
     'e.g. sensitive_locations = ["Category:Heritage at risk"]'),
    (changed(sfn_templates=3), 'sfn_templates: must be a table; [sfn_templates] then "DOMAIN" = ["sfn", "sfnp"]'),
    (changed(sfn_templates={"xx.wikipedia.org": ["sfn"]}),
     "sfn_templates.xx.wikipedia.org: names a wiki the campaign does not use; fix the domain"),
    (changed(sfn_templates={"sq.wikipedia.org": "sfn"}),
     'sfn_templates.sq.wikipedia.org: must be a list of template names; e.g. ["sfn", "Sfn-sr"]'),
    (changed(worklist=["sq.wikipedia.org:List"], scope="articles"),
     "scope: 'articles' is not a scope wikitally knows; write scope = \"worklist\""),
    (changed(scope="worklist"), 'scope: is "worklist" but no worklist is defined; add worklist = ["DOMAIN:Title"]'),
    (changed(worklist_depth=11), "worklist_depth: must be a whole number from 0 to 10; write worklist_depth = 1"),
    (changed(worklist_files=["/etc/passwd"]), "worklist_files: can only be read by a campaign file on disk; put the "
     "list on a wiki page (worklist) or in a category (worklist_categories)"),
    (changed(worklist=["List"]),
     "worklist: 'List' is not \"DOMAIN:Title\"; write worklist = [\"meta.wikimedia.org:Event/List\"]"),
    (changed(photos=3), 'photos: must be a table; e.g. [photos] wiki = "commons.wikimedia.org"'),
    (photos(min_megapixels=-1), "photos.min_megapixels: must be a number ≥ 0; write min_megapixels = 2.0"),
    (photos(round=[{"name": "R", "kind": "stars", "quorum": 1, "advance": 1}]),
     'photos.round[1].kind: must be one of yesno | rating | ranking; write kind = "yesno"'),
    (photos(round=[{"name": "R", "kind": "yesno", "quorum": 0, "advance": 1}]),
     "photos.round[1].quorum: must be a whole number ≥ 1; write quorum = 1"),
    (photos(round=[{"name": "R", "kind": "yesno", "quorum": 1, "advance": 1, "batch": 20}]),
     "photos.round[1].batch: is only for a ranking round (its jurors rank their photos a batch at a time); "
     'remove `batch`, or write kind = "ranking"'),
    (photos(nomination=[{"name": "V", "media": "audio"}]),
     'photos.nomination[1].media: must be one of image | video; write media = "video"'),
    (photos(sites=str(SITES / "nocol.csv")),
     f"photos.sites ({SITES / 'nocol.csv'}): has no column id; e.g. id,label,coord"),
    (photos(sites=str(SITES / "empty.csv")),
     f"photos.sites ({SITES / 'empty.csv'}): line 2 has an empty id; fix or remove that name"),
    (photos(sites=str(SITES / "big.csv")),
     f"photos.sites ({SITES / 'big.csv'}): is not valid CSV (field larger than field limit (131072)); "
     "fix the syntax there"),
]
# fmt: on
BAD_FILES: list[tuple[bytes | None, str]] = [
    (b"name = [", "is not valid TOML (Invalid value (at end of document)); fix the syntax there"),
    (b"\xff\xfe", "is not UTF-8 text; save it as UTF-8"),
    (None, f"cannot read the file ({os.strerror(errno.ENOENT)}); check the path"),
    (DIRECTORY, "is not a regular file; give the path of a campaign file"),
    (b"#" * (1024 * 1024 + 1), "is larger than 1 MiB; a campaign file is a few kilobytes; check the path"),
]


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


@functools.cache
def extracted() -> dict[str, list[str]]:
    """msgid → translators' comments of every message marked in campaign_file.py and errors.py."""
    module = script()
    found: dict[str, list[str]] = {}
    for path in (campaign_file.__file__, errors.__file__):
        with open(path, "rb") as f:
            for _lineno, message, comments, _context in extract(
                module.extract_with_plurals, f, keywords=module.KEYWORDS, comment_tags=(module.COMMENT_TAG,)
            ):
                assert isinstance(message, str)
                found[message] = comments
    return found


def all_errors(tmp_path: Path) -> list[CampaignFileError]:
    found = []
    for data, _line in BAD:
        with pytest.raises(CampaignFileError) as raised:
            parse_campaign(data, "c.toml", base=SITES if "photos" in data else None)
        found.append(raised.value)
    for i, (raw, _line) in enumerate(BAD_FILES):
        path = tmp_path / f"{i}.toml"
        make(path, raw)
        with pytest.raises(CampaignFileError) as raised:
            load_campaign(path)
        found.append(raised.value)
    return found


def make(path: Path, raw: bytes | None) -> None:
    if raw == DIRECTORY:
        path.mkdir()
    elif raw is not None:
        path.write_bytes(raw)


class Recorder:
    """A gettext that returns the message and remembers it."""

    def __init__(self) -> None:
        self.seen: list[str] = []

    def __call__(self, message: str) -> str:
        self.seen.append(message)
        return message


def fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


# -- English: the CLI's line is what it was


@pytest.mark.parametrize(("data", "line"), BAD)
def test_the_english_line_is_unchanged(data: dict[str, Any], line: str) -> None:
    with pytest.raises(CampaignFileError) as raised:
        parse_campaign(data, "c.toml", base=SITES if "photos" in data else None)
    error = raised.value
    assert str(error) == error.line() == f"c.toml: {line}"
    assert error.args == (f"c.toml: {line}",)
    assert f"{error.field}: {error.detail()}" == line
    assert error.detail() == error.problem + "; " + error.fix


@pytest.mark.parametrize(("raw", "line"), BAD_FILES)
def test_the_english_line_of_an_unreadable_file_is_unchanged(
    tmp_path: Path, raw: bytes | None, line: str
) -> None:
    path = tmp_path / "c.toml"
    make(path, raw)
    with pytest.raises(CampaignFileError) as raised:
        load_campaign(path)
    assert str(raised.value) == f"{path}: {line}" and raised.value.field == ""


# -- (a) every problem and fix is marked, with a translators' comment, and all of them are used


def test_every_template_an_error_looks_up_is_marked(tmp_path: Path) -> None:
    marked = extracted()
    looked_up: set[str] = set()
    for error in all_errors(tmp_path):
        assert error.params is not None, str(error)  # a template with its values, not a finished sentence
        assert error.problem_template in marked and error.fix_template in marked, str(error)
        record = Recorder()
        error.line(record)
        assert "" not in record.seen  # gettext("") would be the catalogue's header
        assert set(record.seen) <= set(marked), str(error)
        looked_up |= set(record.seen)
    # and nothing marked is left unused, except the username reasons the parser can't meet
    unused = set(marked) - looked_up
    assert unused == {campaign_file.USERNAME_OTHER}


def test_every_marked_template_has_a_translators_comment() -> None:
    for message, comments in extracted().items():
        assert comments and comments[0].startswith("Translators:"), message


def test_the_catalogue_script_extracts_them() -> None:
    template = script().extract_template()
    for message, comments in extracted().items():
        entry = template.get(message)
        assert entry is not None, message
        assert comments[0] in entry.auto_comments, message
    locations = {path for message in template for path, _line in message.locations}
    assert {"src/wikitally/campaign_file.py", "src/wikitally/errors.py"} <= locations


def test_params_fill_exactly_the_templates_placeholders(tmp_path: Path) -> None:
    for error in all_errors(tmp_path):
        assert error.params is not None
        wanted = fields(error.problem_template) | fields(error.fix_template)
        assert wanted == set(error.params), str(error)


@pytest.mark.parametrize("name", ["", "a|b", "a[b", "a{b", "User:Somebody", "user talk:Somebody", "x#y"])
def test_every_username_reason_has_its_template(name: str) -> None:
    problem = username_problem(name)
    assert problem is not None
    template, params = campaign_file._USERNAME_PROBLEMS[problem]
    assert template in extracted()
    assert template.format(value=repr(name), **params) == f"{name!r} {problem}"


# -- (b) a translation gets the values; (c) a broken one gives way to English


def translations(entries: dict[str, str]) -> Callable[[str], str]:
    return lambda message: entries.get(message, message)


def error_at(data: dict[str, Any]) -> CampaignFileError:
    with pytest.raises(CampaignFileError) as raised:
        parse_campaign(data, "c.toml", base=SITES if "photos" in data else None)
    return raised.value


def test_localized_fills_the_translation_with_the_values() -> None:
    error = error_at(changed(timezone="Mars/Olympus"))
    gettext = translations(
        {
            campaign_file.UNKNOWN_ZONE: "неизвестный часовой пояс {name}",
            campaign_file.IANA_ZONE: "укажите имя IANA, например {example}",
            errors.WITH_FIX: "{problem} — {fix}",
        }
    )
    assert error.localized(gettext) == (
        "неизвестный часовой пояс 'Mars/Olympus'",
        'укажите имя IANA, например "Europe/Tirane"',
    )
    assert (
        error.detail(gettext)
        == "неизвестный часовой пояс 'Mars/Olympus' — укажите имя IANA, например \"Europe/Tirane\""
    )
    assert error.line(gettext).startswith("c.toml: timezone: неизвестный")
    assert (
        str(error)
        == "c.toml: timezone: unknown time zone 'Mars/Olympus'; use an IANA name like \"Europe/Tirane\""
    )


def test_a_translation_may_reorder_the_values() -> None:
    error = error_at(changed(participants=["Ana", "ana"]))
    gettext = translations({campaign_file.SAME_USER: "({name}) {other} = {value}"})
    assert error.localized(gettext)[0] == "(Ana) 'Ana' = 'ana'"


def test_localized_with_a_translator() -> None:
    catalog = Catalog(locale="sq")
    catalog.add(campaign_file.IS_MISSING, "mungon")
    catalog.add(campaign_file.ADD, "shto {example}")
    catalog.add(campaign_file.NON_EMPTY_STRING, "duhet të jetë tekst", flags=["fuzzy"])
    t = Translator("sq", catalog)
    assert error_at(changed(name=DROP)).detail(t.gettext) == 'mungon; shto name = "…"'
    # fuzzy (unreviewed) and missing entries are English
    assert error_at(changed(name=" ")).detail(t.gettext) == 'must be a non-empty string; write name = "…"'


@pytest.mark.parametrize(
    "broken",
    [
        "unbekannte Zeitzone {nom}",  # a placeholder renamed: KeyError
        "unbekannte Zeitzone {0}",  # positional: IndexError
        "unbekannte Zeitzone {name",  # a stray brace: ValueError
        "unbekannte Zeitzone {name.x}",  # an attribute: AttributeError
        "unbekannte Zeitzone {name:d}",  # a format a string can't take: ValueError
    ],
)
def test_a_broken_translation_falls_back_to_english(broken: str) -> None:
    error = error_at(changed(timezone="Mars/Olympus"))
    gettext = translations(
        {
            campaign_file.UNKNOWN_ZONE: broken,
            campaign_file.IANA_ZONE: "einen IANA-Namen wie {example}",
            errors.WITH_FIX: "{problem}; {fixx}",
        }
    )
    # each part falls back on its own: the broken one is English, the good one translated
    assert error.localized(gettext) == (
        "unknown time zone 'Mars/Olympus'",
        'einen IANA-Namen wie "Europe/Tirane"',
    )
    assert error.detail(gettext) == "unknown time zone 'Mars/Olympus'; einen IANA-Namen wie \"Europe/Tirane\""


def test_a_translation_without_the_placeholder_is_used_as_it_is() -> None:
    # str.format ignores unused values: a translation may leave the value out (the form shows it at its field)
    error = error_at(changed(wikis=["https://x.org"]))
    gettext = translations({campaign_file.NOT_A_DOMAIN: "kein Wiki"})
    assert error.localized(gettext)[0] == "kein Wiki"


# -- errors built elsewhere from finished English sentences still work


def test_plain_text_errors_are_not_formatted() -> None:
    error = CampaignFileError(
        "c.toml", "", "is not valid TOML (Expected '}' at line 1)", "fix the syntax there"
    )
    assert str(error) == "c.toml: is not valid TOML (Expected '}' at line 1); fix the syntax there"
    assert error.params is None
    assert error.localized(translations({})) == (error.problem, error.fix)
    only_problem = CampaignFileError("c.toml", "name", "is {odd}")
    record = Recorder()
    assert only_problem.line(record) == str(only_problem) == "c.toml: name: is {odd}"
    assert record.seen == ["is {odd}"]  # no lookup of the empty fix, nor of the joiner


def test_read_toml_words_its_errors_as_load_campaign() -> None:
    with pytest.raises(CampaignFileError) as raised:
        campaign_file.read_toml(b"\xff", "c.toml")
    assert str(raised.value) == "c.toml: is not UTF-8 text; save it as UTF-8"
    with pytest.raises(CampaignFileError) as raised:
        campaign_file.read_toml("name = [", "c.toml")
    assert raised.value.problem_template == campaign_file.NOT_TOML
    assert campaign_file.read_toml(b'name = "x"', "c.toml") == {"name": "x"}
