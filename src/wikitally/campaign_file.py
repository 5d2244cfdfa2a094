"""Campaign file (TOML) → Campaign, with one clear message per mistake (file, field, fix).

Everything is checked before any wiki is asked. Limits: the path must name a regular file (not a pipe or a
device) of at most 1 MiB; `start` and `end` must fall within 2001-01-01T00:00:00Z … 9999-12-31T23:59:59Z
once in UTC (what a wiki's 14-digit timestamps hold); an [api] address must be an http(s) URL with a host
that parses; participants must be names MediaWiki 1.39 accepts (usernames.py), and names it resolves to one
user (bidi marks, Unicode spaces, underscores, case of the first letter, NFC) are listed once. Messages
quote the file's values escaped (no control characters) and cut to 60 characters, so a message is one line.
"""

from __future__ import annotations

import csv
import difflib
import io
import re
import tomllib
from datetime import UTC, date, datetime, time, tzinfo
from pathlib import Path
from typing import Any
from urllib.parse import urlparse
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from wikitally.contest_file import parse_contest
from wikitally.errors import CampaignFileError, escaped, shown, shown_key
from wikitally.model import Campaign, PhotoContest, PhotoNomination, PhotoRound, Site
from wikitally.regular_file import FileTooLarge, NotRegularFile, read_regular_file
from wikitally.reports.messages import N_
from wikitally.usernames import MAX_BYTES, normalize_username, username_issue
from wikitally.usernames import Problem as UsernameProblem

KEYS = {
    "name": "the campaign's name",
    "start": "first moment counted (inclusive), with offset",
    "end": "last moment counted (inclusive), with offset",
    "wikis": 'wiki domains, e.g. ["sq.wikipedia.org"]',
    "participants": "usernames",
    "participants_page": '"DOMAIN:Title" of a page listing [[User:…]] links',
    "hashtags": 'edit-summary hashtags, e.g. ["#WikiGap"]',
    "tags": "change tags",
    "namespaces": "namespace numbers to track (default: content namespaces)",
    "api": "table DOMAIN = api.php URL",
    "timezone": "IANA zone for start/end written without offset",
    "campaign": "table with `timezone`",
    "sfn_templates": "table DOMAIN = [shortened-footnote template names]",
    "description": "free text",
    "language": 'reports\' language, e.g. "sq"',
    "pageviews": "true: add article views to reports",
    "sensitive_locations": "true, or categories whose pages' locations are coarsened",
    "translation_tags": "change tags that mark a translated article",
    "wikibase_namespaces": "table DOMAIN = [namespaces whose JSON pages are Wikibase entities]",
    "worklist": '"DOMAIN:Title" of pages whose links are the worklist',
    "worklist_categories": '"DOMAIN:Category:…" whose articles are the worklist',
    "worklist_depth": "levels of subcategories of worklist_categories (0: direct members)",
    "worklist_files": "PetScan or Wikidata Query Service exports (CSV, TSV, JSON), relative to this file",
    "scope": '"worklist": only edits to worklist articles count',
    "photos": "table: a photo contest (wiki, categories, jurors, [[photos.round]] …), see docs/photos.md",
    "contest": "table: an article contest's entries, rules, points and jury (docs/contests.md)",
}
PHOTO_KEYS = {
    "wiki": "the wiki the photos are on, e.g. commons.wikimedia.org",
    "categories": "categories holding the contest's files",
    "depth": "how many levels of subcategories to include (default 0)",
    "min_megapixels": "smallest accepted size in megapixels (10^6 pixels, inclusive)",
    "site_template": "the site-ID template on the file page (its first parameter is the ID)",
    "sites": "CSV file of the national list (column id, optional label and coord), relative to this file",
    "jurors": "jurors' usernames",
    "round": "array of tables [[photos.round]]: name, kind, quorum, advance",
    "nomination": "array of tables [[photos.nomination]]: a special nomination's name, media, categories, "
    "jurors and [[photos.nomination.round]]",
}
NOMINATION_KEYS = {
    "name": "the nomination's name",
    "media": "image (default) | video",
    "categories": "categories holding the nomination's files (default: the contest's files)",
    "depth": "how many levels of subcategories to include (default 0)",
    "jurors": "the nomination's jurors (default: the contest's)",
    "round": "array of tables [[photos.nomination.round]]: name, kind, quorum, advance",
}
NOMINATION_MEDIA = ("image", "video")
ROUND_KEYS = {
    "name": "the round's name",
    "kind": "yesno | rating | ranking",
    "quorum": "votes per photo",
    "advance": "how many photos go to the next round (ties all advance)",
    "batch": "ranking rounds: how many photos a juror ranks at a time (default: all at once)",
}
ROUND_KINDS = ("yesno", "rating", "ranking")
MAX_SITES_BYTES = 16 * 1024 * 1024  # a national list of sites is at most tens of thousands of rows
MAX_FILE_BYTES = 1024 * 1024  # a campaign file is a few kilobytes; this bounds what a wrong path can cost
# What a wiki's timestamps can hold (14 digits, UTC) and what can have happened on one: Wikipedia began in
# 2001. Checked here, before any wiki is asked.
EARLIEST = datetime(2001, 1, 1, tzinfo=UTC)
LATEST = datetime(9999, 12, 31, 23, 59, 59, tzinfo=UTC)
DOMAIN = re.compile(r"^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$")

MAX_DEPTH = 10  # subcategory levels: deeper trees on Wikimedia wikis reach most of the wiki

# -- messages -------------------------------------------------------------------------------------------
# The problems and fixes the check reports, as English templates for the catalogue: placeholders are filled
# by CampaignFileError (str.format), so the web form can show them in the user's language (error.localized).
# Values that are code (keys, examples, quoted values) are placeholders, never part of the text to translate.

# Translators: campaign file error: the file cannot be opened; {reason} is the system's reason, in English
CANNOT_READ = N_("cannot read the file ({reason})")
# Translators: fix for a campaign file that cannot be opened
CHECK_PATH = N_("check the path")
# Translators: campaign file error: the path names a directory, a pipe, a device … not a file
NOT_A_FILE = N_("is not a regular file")
# Translators: fix for a campaign file path that is not a regular file
GIVE_FILE = N_("give the path of a campaign file")
# Translators: campaign file error: the file is larger than wikitally reads; {limit} is e.g. "1 MiB"
TOO_LARGE = N_("is larger than {limit}")
# Translators: fix for a campaign file that is too large
CHECK_PATH_SMALL = N_("a campaign file is a few kilobytes; check the path")
# Translators: campaign file error: the file is not text in the UTF-8 encoding
NOT_UTF8 = N_("is not UTF-8 text")
# Translators: fix for a campaign file that is not UTF-8 text
SAVE_AS_UTF8 = N_("save it as UTF-8")
# Translators: campaign file error: the file is not TOML; {reason} is the TOML reader's message (English),
# with the line and column
NOT_TOML = N_("is not valid TOML ({reason})")
# Translators: fix for a campaign file that is not valid TOML
FIX_SYNTAX = N_("fix the syntax there")
# Translators: campaign file error: the file has a key the file format doesn't know
UNKNOWN_KEY = N_("unknown key")
# Translators: campaign file error at "scope"; {value} is the file's value, in quotes
UNKNOWN_SCOPE = N_("{value} is not a scope wikitally knows")
# Translators: campaign file error: scope = "worklist" but the file defines no worklist
SCOPE_WITHOUT_LIST = N_('is "worklist" but no worklist is defined')
# Translators: campaign file error: a campaign defined on the web names files on the server
FILES_ON_DISK_ONLY = N_("can only be read by a campaign file on disk")
# Translators: fix for worklist_files in a campaign defined on the web; worklist and worklist_categories are
# keys of the file (code, keep as they are)
USE_PAGES_INSTEAD = N_("put the list on a wiki page (worklist) or in a category (worklist_categories)")
# Translators: campaign file error at worklist_depth; {limit} is the largest allowed number
DEPTH_RANGE = N_("must be a whole number from 0 to {limit}")
# Translators: fix for an unknown key in a campaign file; {name} is a known key (code, keep as is)
DID_YOU_MEAN = N_("did you mean `{name}`?")
# Translators: fix for an unknown key in a campaign file; {keys} is the comma-separated list of known keys
KNOWN_KEYS = N_("known keys: {keys}")
# Translators: campaign file error at "end"; {end} and {start} are moments written as in the file
END_BEFORE_START = N_("{end} is before start {start}")
# Translators: fix when a campaign's end is before its start
SWAP = N_("swap or fix them")
# Translators: campaign file error: the campaign names nobody and no hashtag or tag to count edits by
NO_ONE = N_("no participants and no hashtags or tags")
# Translators: fix when a campaign names nobody; participants, participants_page, hashtags and tags are
# keys of the file (code, keep as they are)
NAME_SOMEONE = N_("list participants, give participants_page, or filter by hashtags/tags")
# Translators: campaign file error: a required key is absent (the key is shown before the message)
IS_MISSING = N_("is missing")
# Translators: campaign file error: a list key is absent or has no items
IS_MISSING_OR_EMPTY = N_("is missing or empty")
# Translators: fix for a missing key; {example} is a line of the file to add, e.g. name = "…" (code)
ADD = N_("add {example}")
# Translators: fix for a wrong value; {example} is how to write it in the file, e.g. name = "…" (code)
WRITE = N_("write {example}")
# Translators: fix for a wrong value; {example} is an example of the file's syntax (code)
FOR_EXAMPLE = N_("e.g. {example}")
# Translators: campaign file error: the value must be a text that isn't empty
NON_EMPTY_STRING = N_("must be a non-empty string")
# Translators: campaign file error: the value must be a list of texts that aren't empty
STRING_LIST = N_("must be a list of non-empty strings")
# Translators: campaign file error: the [campaign] table has other keys; {key} is the one it may hold (code)
ONLY_KEY = N_("may only hold `{key}`")
# Translators: `batch` of a photo contest's round given for a yes/no or rating round
ONLY_RANKING = N_("is only for a ranking round (its jurors rank their photos a batch at a time)")
# Translators: the fix for ONLY_RANKING; keep `batch` and kind = "ranking" as they are
REMOVE_OR_RANKING = N_('remove `batch`, or write kind = "ranking"')
# Translators: campaign file error: the time zone must be written as a text
MUST_BE_STRING = N_("must be a string")
# Translators: campaign file error; {name} is the time zone as written in the file, in quotes
UNKNOWN_ZONE = N_("unknown time zone {name}")
# Translators: fix for an unknown time zone; {example} is a zone name in quotes, e.g. "Europe/Tirane" (code)
IANA_ZONE = N_("use an IANA name like {example}")
# Translators: campaign file error: a start or end moment has no offset from UTC (like +01:00)
NO_OFFSET = N_("has no UTC offset")
# Translators: campaign file error: a start or end is a date, and the file names no time zone
DATE_WITHOUT_ZONE = N_("is a date without time zone")
# Translators: fix for a moment without offset; {example} is a line with a date-time and {setting} the time
# zone setting, e.g. timezone = "…" (both code)
WRITE_OR_SET = N_("write {example}, or set {setting}")
# Translators: campaign file error at start or end; {value} is the moment as written; {earliest} and
# {latest} are moments in UTC
OUT_OF_RANGE = N_("{value} is outside {earliest} … {latest} (UTC), what a wiki's timestamps can hold")
# Translators: fix for a start or end out of range
FIX_YEAR = N_("fix the year")
# Translators: campaign file error: start or end must be a date-time value of TOML (not text in quotes)
NOT_DATE_TIME = N_("must be a TOML date-time")
# Translators: fix for a date-time written as text; {example} is a line with a date-time (code)
WRITE_WITHOUT_QUOTES = N_("write {example} (no quotes)")
# Translators: campaign file error; {value} is what the file lists, in quotes
NOT_A_DOMAIN = N_("{value} is not a wiki domain")
# Translators: fix for a wiki that isn't a domain; {example} is a domain in quotes, e.g. "sq.wikipedia.org"
BARE_DOMAIN = N_("write the bare domain, e.g. {example}")
# Translators: campaign file error: a wiki or hashtag is listed twice; {value} is it, in quotes
LISTED_TWICE = N_("{value} is listed twice")
# Translators: fix for something listed twice
REMOVE_DUPLICATE = N_("remove the duplicate")
# Translators: campaign file error: a username is empty; {value} is it, in quotes
USERNAME_EMPTY = N_("{value} is empty")
# Translators: campaign file error: a username MediaWiki would refuse; {value} is it, in quotes;
# {characters} lists the forbidden characters (keep them as they are)
USERNAME_CHARACTERS = N_("{value} contains a character MediaWiki forbids in usernames ({characters})")
# Translators: campaign file error: a username written with "User:"; {value} is it, in quotes
USERNAME_PREFIX = N_("{value} includes a namespace prefix; write the bare username")
# Translators: campaign file error: a username MediaWiki would refuse; {value} is it, in quotes; {part} is the
# character (e.g. U+200B) or sequence (e.g. '%41') that MediaWiki does not allow
USERNAME_REFUSED = N_("{value} contains {part}, which MediaWiki does not allow in usernames")
# Translators: campaign file error: a username too long for MediaWiki; {value} is it, in quotes, {size} its
# length and {limit} the longest allowed, in bytes
USERNAME_TOO_LONG = N_("{value} is {size} bytes long; MediaWiki allows {limit} bytes (UTF-8)")
# Translators: campaign file error: a username MediaWiki would refuse; {value} is it, in quotes; {problem} is
# why, in English (a reason this catalogue doesn't have yet)
USERNAME_OTHER = N_("{value} {problem}")
# Translators: fix for a username MediaWiki would refuse
FIX_OR_REMOVE_NAME = N_("fix or remove that name")
# Translators: campaign file error: two usernames are one account; {value} and {other} are them as written,
# in quotes; {name} is the account's normalized name
SAME_USER = N_("{value} and {other} are the same user ({name})")
# Translators: campaign file error at participants_page: the value must be a wiki's domain, a colon and a
# page title, like meta.wikimedia.org:Event/Participants
NOT_DOMAIN_TITLE = N_('must be "DOMAIN:Title"')
# Translators: campaign file error at participants_page; {value} is what the file says, in quotes (see
# 'must be "DOMAIN:Title"')
VALUE_NOT_DOMAIN_TITLE = N_('{value} is not "DOMAIN:Title"')
# Translators: campaign file error; {value} is what the file lists as a hashtag, in quotes
NOT_A_HASHTAG = N_("{value} is not a hashtag")
# Translators: fix for a bad hashtag; {example} is a hashtag in quotes, e.g. "#WikiGap"
HASHTAG_CHARACTERS = N_("write e.g. {example} (letters, digits, _)")
# Translators: campaign file error: namespaces must be a list of whole numbers, none below 0
NAMESPACE_NUMBERS = N_("must be a non-empty list of namespace numbers ≥ 0")
# Translators: campaign file error: the key must be a TOML table ([api] or [sfn_templates])
MUST_BE_TABLE = N_("must be a table")
# Translators: fix for a key that must be a table; {table} is the table's header, e.g. [api], {entry} one of
# its lines, e.g. "DOMAIN" = "https://…/api.php" (both code)
TABLE_THEN_ENTRY = N_("{table} then {entry}")
# Translators: campaign file error: [api] or [sfn_templates] names a wiki that isn't among the campaign's wikis
UNUSED_WIKI = N_("names a wiki the campaign does not use")
# Translators: fix for a wiki the campaign does not use; {key} is the key that lists the campaign's wikis (code)
ADD_TO_WIKIS = N_("add it to {key} or remove it")
# Translators: fix for a wiki the campaign does not use
FIX_DOMAIN = N_("fix the domain")
# Translators: campaign file error; {value} is what the file gives as an api.php address, in quotes
NOT_HTTP_URL = N_("{value} is not an http(s) URL")
# Translators: campaign file error: reports can't be written in that language; {value} is the code, in quotes
NO_CATALOGUE = N_("no catalogue for {value}")
# Translators: fix for an unknown language; {choices} is the comma-separated list of language codes
USE_ONE_OF = N_("use one of {choices}")
# Translators: campaign file error: the value must be true or false (TOML words, not text in quotes)
TRUE_OR_FALSE = N_("must be true or false")
# Translators: campaign file error; {value} is what the file lists as a category, in quotes
NOT_A_CATEGORY = N_("{value} is not a category title")
# Translators: fix for a category title without namespace; {example} is the title with one, in quotes
WITH_NAMESPACE = N_("write it with its namespace, e.g. {example}")
# Translators: campaign file error at sensitive_locations: true, false, or a list of categories
TRUE_FALSE_OR_CATEGORIES = N_("must be true/false or a list of category names")
# Translators: campaign file error at sfn_templates: each wiki's value must be a list of template names
TEMPLATE_NAMES = N_("must be a list of template names")

# Translators: campaign file error: the value must be a number (like 2 or 2.5) not below zero
NUMBER_AT_LEAST_ZERO = N_("must be a number ≥ 0")
# Translators: campaign file error: the value must be a whole number not below {least}
WHOLE_NUMBER_AT_LEAST = N_("must be a whole number ≥ {least}")
# Translators: campaign file error: the value must be one of the words {choices} (code, keep as they are)
MUST_BE_ONE_OF = N_("must be one of {choices}")
# Translators: campaign file error at photos.sites: the file is not CSV; {reason} is the CSV reader's message
# (English)
NOT_CSV = N_("is not valid CSV ({reason})")
# Translators: campaign file error at photos.sites: the CSV file has no column named {column} (code)
NO_COLUMN = N_("has no column {column}")
# Translators: campaign file error at photos.sites: line {line} of the CSV file has an empty id
EMPTY_ID_ON_LINE = N_("line {line} has an empty id")

# usernames.username_problem's reasons (English) → this file's templates of them
_USERNAME_PROBLEMS = {
    "is empty": (USERNAME_EMPTY, {}),
    "contains a character MediaWiki forbids in usernames (# < > [ ] | { })": (
        USERNAME_CHARACTERS,
        {"characters": "# < > [ ] | { }"},
    ),
    "includes a namespace prefix; write the bare username": (USERNAME_PREFIX, {}),
}


def username_template(problem: UsernameProblem) -> tuple[str, dict[str, object]]:
    """A username problem as one of the templates above and its params (without `value`, the name shown)."""
    if problem.kind == "refused":
        return USERNAME_REFUSED, {"part": problem.part}
    if problem.kind == "too-long":
        return USERNAME_TOO_LONG, {"size": problem.part, "limit": str(MAX_BYTES)}
    template, params = _USERNAME_PROBLEMS.get(problem.reason, (USERNAME_OTHER, {"problem": problem.reason}))
    return template, dict(params)


def load_campaign(path: str | Path) -> Campaign:
    """Read and validate a campaign file; raises CampaignFileError."""
    source = str(path)
    return parse_campaign(read_toml(read_file(path, source), source), source, base=Path(path).parent)


def read_file(path: str | Path, source: str, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of a regular file of at most `limit` bytes; CampaignFileError otherwise (regular_file.py)."""
    try:
        return read_regular_file(path, limit)
    except OSError as e:
        reason = e.strerror or type(e).__name__
        raise CampaignFileError(source, "", CANNOT_READ, CHECK_PATH, {"reason": reason}) from None
    except NotRegularFile:
        raise CampaignFileError(source, "", NOT_A_FILE, GIVE_FILE, {}) from None
    except FileTooLarge:
        raise CampaignFileError(source, "", TOO_LARGE, CHECK_PATH_SMALL, {"limit": _size(limit)}) from None


def _size(n: int) -> str:
    return f"{n // (1024 * 1024)} MiB" if n % (1024 * 1024) == 0 else f"{n:,} bytes"


def read_toml(raw: bytes | str, source: str) -> dict[str, Any]:
    """A campaign file's text (bytes must be UTF-8) as a dict; CampaignFileError when it isn't TOML."""
    if isinstance(raw, bytes):
        try:
            raw = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise CampaignFileError(source, "", NOT_UTF8, SAVE_AS_UTF8, {}) from None
    try:
        return tomllib.loads(raw)
    except tomllib.TOMLDecodeError as e:
        reason = str(e)
    except RecursionError:  # tomllib recurses per nested [ or {
        reason = "nested too deeply"
    except Exception as e:  # whatever else the reader raises is still this file's fault, said in one line
        reason = f"{type(e).__name__}: {e}"
    raise CampaignFileError(source, "", NOT_TOML, FIX_SYNTAX, {"reason": _short(reason, 200)})


def _short(text: str, limit: int) -> str:
    """A message from elsewhere (the TOML reader) as one line of at most `limit` characters."""
    text = escaped(text)
    return text if len(text) <= limit else text[:limit] + "…"


def parse_campaign(data: dict[str, Any], source: str = "<campaign>", base: Path | None = None) -> Campaign:
    """data (a campaign file's TOML) → Campaign; `base` is the folder relative paths (worklist_files,
    photos.sites) start from, None when the campaign is not a file on disk (defined on the web): then it may
    name no file, or the server would read its own files for anyone."""
    p = _Parser(data, source, base)
    return p.campaign()


class _Parser:
    def __init__(self, data: dict[str, Any], source: str, base: Path | None = None) -> None:
        self.data, self.source, self.base = data, source, base

    def fail(self, field: str, problem: str, fix: str = "", **params: object) -> CampaignFileError:
        """The error at field; problem and fix are the templates above, params their placeholders' values."""
        return CampaignFileError(self.source, field, problem, fix, params)

    def campaign(self) -> Campaign:
        self._known_keys(self.data, KEYS, "")
        name = self.string("name", required=True)
        tz = self.timezone()
        start = self.moment("start", tz, end_of_day=False)
        end = self.moment("end", tz, end_of_day=True)
        if end < start:
            raise self.fail("end", END_BEFORE_START, SWAP, end=end.isoformat(), start=start.isoformat())
        photos = self.photos()
        wikis = self.wikis(photos.wiki if photos else None)
        participants = self.participants()
        participants_page = self.participants_page(wikis)
        hashtags = self.hashtags()
        tags = tuple(self.string_list("tags"))
        # A photo contest counts the files in its categories: it names no participants.
        if not participants and participants_page is None and not hashtags and not tags and not photos:
            raise self.fail("participants", NO_ONE, NAME_SOMEONE)
        worklist = self.domain_titles("worklist", 'worklist = ["meta.wikimedia.org:Event/List"]')
        categories = self.domain_titles(
            "worklist_categories", 'worklist_categories = ["sq.wikipedia.org:Category:Villages"]'
        )
        return Campaign(
            name=name,
            start=start,
            end=end,
            wikis=wikis,
            participants=participants,
            participants_page=participants_page,
            hashtags=hashtags,
            tags=tags,
            namespaces=self.namespaces(),
            api=self.api(wikis, participants_page, worklist + categories, photos.wiki if photos else None),
            sfn_templates=self.sfn_templates(wikis),
            wikibase_namespaces=self.wikibase_namespaces(wikis),
            source=self.source,
            language=self.language(),
            pageviews=self.flag("pageviews"),
            sensitive_locations=self.sensitive_locations(),
            translation_tags=tuple(self.string_list("translation_tags")) or ("contenttranslation",),
            worklist=worklist,
            worklist_categories=categories,
            worklist_depth=self.depth(),
            worklist_files=self.worklist_files(),
            scope=self.scope(worklist or categories or self.data.get("worklist_files")),
            photos=photos,
            contest=(
                parse_contest(self.data, self.source, username_template) if "contest" in self.data else None
            ),
        )

    # -- fields -------------------------------------------------------------------------------------
    def string(self, key: str, required: bool = False) -> str:
        value = self.data.get(key)
        if value is None:
            if required:
                raise self.fail(key, IS_MISSING, ADD, example=f'{key} = "…"')
            return ""
        if not isinstance(value, str) or not value.strip():
            raise self.fail(key, NON_EMPTY_STRING, WRITE, example=f'{key} = "…"')
        return value.strip()

    def string_list(self, key: str) -> list[str]:
        value = self.data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise self.fail(key, STRING_LIST, WRITE, example=f'{key} = ["…", "…"]')
        return [v.strip() for v in value]

    def timezone(self) -> tzinfo | None:
        name = self.data.get("timezone")
        table = self.data.get("campaign")
        if table is not None:
            if not isinstance(table, dict) or set(table) - {"timezone"}:
                raise self.fail(
                    "campaign",
                    ONLY_KEY,
                    WRITE,
                    key="timezone",
                    example='[campaign] timezone = "Europe/Tirane"',
                )
            name = name or table.get("timezone")
        if name is None:
            return None
        if not isinstance(name, str):
            raise self.fail("timezone", MUST_BE_STRING, FOR_EXAMPLE, example='timezone = "Europe/Tirane"')
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError, OSError):  # OSError: e.g. a name too long for a path
            raise self.fail(
                "timezone", UNKNOWN_ZONE, IANA_ZONE, name=shown(name), example='"Europe/Tirane"'
            ) from None

    def moment(self, key: str, tz: tzinfo | None, end_of_day: bool) -> datetime:
        moment = self._moment(key, tz, end_of_day)
        try:
            utc = moment.astimezone(UTC)
        except (OverflowError, ValueError):  # beyond year 1 or 9999 once in UTC
            utc = None
        if utc is None or not EARLIEST <= utc <= LATEST:
            raise self.fail(
                key,
                OUT_OF_RANGE,
                FIX_YEAR,
                value=moment.isoformat(),
                earliest=EARLIEST.strftime("%Y-%m-%dT%H:%M:%SZ"),
                latest=LATEST.strftime("%Y-%m-%dT%H:%M:%SZ"),
            )
        return moment

    def _moment(self, key: str, tz: tzinfo | None, end_of_day: bool) -> datetime:
        value = self.data.get(key)
        example = f"{key} = 2024-03-08T09:00:00+01:00"
        if value is None:
            raise self.fail(key, IS_MISSING, ADD, example=example)
        if isinstance(value, datetime):
            if value.tzinfo is None:
                if tz is None:
                    raise self.fail(key, NO_OFFSET, WRITE_OR_SET, example=example, setting='timezone = "…"')
                return value.replace(tzinfo=tz)
            return value
        if isinstance(value, date):
            if tz is None:
                raise self.fail(
                    key, DATE_WITHOUT_ZONE, WRITE_OR_SET, example=example, setting='timezone = "…"'
                )
            return datetime.combine(value, time(23, 59, 59) if end_of_day else time(0, 0, 0), tz)
        raise self.fail(key, NOT_DATE_TIME, WRITE_WITHOUT_QUOTES, example=example)

    def wikis(self, photo_wiki: str | None = None) -> tuple[str, ...]:
        wikis = self.string_list("wikis")
        if not wikis and photo_wiki is not None:
            return (photo_wiki,)
        if not wikis:
            raise self.fail("wikis", IS_MISSING_OR_EMPTY, ADD, example='wikis = ["xx.wikipedia.org"]')
        out: dict[str, None] = {}  # ordered, and a linear duplicate check
        for w in wikis:
            domain = w.lower()
            if len(domain) > 253 or not DOMAIN.match(domain):
                raise self.fail(
                    "wikis", NOT_A_DOMAIN, BARE_DOMAIN, value=shown(w), example='"sq.wikipedia.org"'
                )
            if domain in out:
                raise self.fail("wikis", LISTED_TWICE, REMOVE_DUPLICATE, value=shown(w))
            out[domain] = None
        return tuple(out)

    def participants(self, key: str = "participants") -> tuple[str, ...]:
        seen: dict[str, str] = {}
        for raw in self.string_list(key):
            problem = username_issue(raw)
            if problem:
                template, params = username_template(problem)
                raise self.fail(key, template, FIX_OR_REMOVE_NAME, value=shown(raw), **params)
            name = normalize_username(raw)
            if name in seen:
                raise self.fail(
                    key,
                    SAME_USER,
                    REMOVE_DUPLICATE,
                    value=shown(raw),
                    other=shown(seen[name]),
                    name=shown_key(name),
                )
            seen[name] = raw
        return tuple(seen)

    def participants_page(self, wikis: tuple[str, ...]) -> str | None:
        value = self.data.get("participants_page")
        if value is None:
            return None
        example = 'participants_page = "meta.wikimedia.org:Event/Participants"'
        if not isinstance(value, str) or ":" not in value:
            raise self.fail("participants_page", NOT_DOMAIN_TITLE, WRITE, example=example)
        domain, title = value.split(":", 1)
        if not DOMAIN.match(domain.strip().lower()) or not title.strip():
            raise self.fail(
                "participants_page", VALUE_NOT_DOMAIN_TITLE, WRITE, value=shown(value), example=example
            )
        return f"{domain.strip().lower()}:{title.strip()}"

    def domain_titles(self, key: str, example: str) -> tuple[str, ...]:
        """ "DOMAIN:Title" values, the title with `_` as space, each once (docs/worklists.md)."""
        out: dict[str, None] = {}
        for value in self.string_list(key):
            domain, _, title = value.partition(":")
            domain, title = domain.strip().lower(), " ".join(title.replace("_", " ").split())
            if not title or not DOMAIN.match(domain):
                raise self.fail(key, VALUE_NOT_DOMAIN_TITLE, WRITE, value=shown(value), example=example)
            out[f"{domain}:{title}"] = None
        return tuple(out)

    def depth(self) -> int:
        value = self.data.get("worklist_depth", 0)
        if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= MAX_DEPTH:
            raise self.fail(
                "worklist_depth", DEPTH_RANGE, WRITE, limit=str(MAX_DEPTH), example="worklist_depth = 1"
            )
        return value

    def worklist_files(self) -> tuple[str, ...]:
        """Absolute paths: a relative one is read from the campaign file's folder, wherever the command
        runs. Only checked here for shape; reading them is the worklist's (collect/worklist_files.py)."""
        names = self.string_list("worklist_files")
        if names and self.base is None:
            raise self.fail("worklist_files", FILES_ON_DISK_ONLY, USE_PAGES_INSTEAD)
        base = self.base or Path()
        return tuple(
            dict.fromkeys(str((base / name).resolve()) for name in self.string_list("worklist_files"))
        )

    def scope(self, has_worklist: object) -> str | None:
        value = self.data.get("scope")
        if value is None:
            return None
        if value != "worklist":
            raise self.fail(
                "scope", UNKNOWN_SCOPE, WRITE, value=shown(str(value)), example='scope = "worklist"'
            )
        if not has_worklist:
            raise self.fail("scope", SCOPE_WITHOUT_LIST, ADD, example='worklist = ["DOMAIN:Title"]')
        return value

    def hashtags(self) -> tuple[str, ...]:
        out: dict[str, str] = {}  # lower case → as written: a linear duplicate check
        for raw in self.string_list("hashtags"):
            tag = raw.lstrip("#＃")
            if not tag or not re.fullmatch(r"\w+", tag):
                raise self.fail(
                    "hashtags", NOT_A_HASHTAG, HASHTAG_CHARACTERS, value=shown(raw), example='"#WikiGap"'
                )
            if tag.lower() in out:
                raise self.fail("hashtags", LISTED_TWICE, REMOVE_DUPLICATE, value=shown(raw))
            out[tag.lower()] = tag
        return tuple(out.values())

    def namespaces(self) -> tuple[int, ...] | None:
        value = self.data.get("namespaces")
        if value is None:
            return None
        if (
            not isinstance(value, list)
            or not value
            or not all(isinstance(v, int) and not isinstance(v, bool) and v >= 0 for v in value)
        ):
            raise self.fail("namespaces", NAMESPACE_NUMBERS, FOR_EXAMPLE, example="namespaces = [0]")
        return tuple(sorted(set(value)))

    def api(
        self,
        wikis: tuple[str, ...],
        participants_page: str | None,
        lists: tuple[str, ...] = (),
        photo_wiki: str | None = None,
    ) -> dict[str, str]:
        value = self.data.get("api", {})
        if not isinstance(value, dict):
            raise self.fail(
                "api", MUST_BE_TABLE, TABLE_THEN_ENTRY, table="[api]", entry='"DOMAIN" = "https://…/api.php"'
            )
        known = set(wikis) | ({participants_page.split(":", 1)[0]} if participants_page else set())
        known |= {page.split(":", 1)[0] for page in lists}
        known |= {photo_wiki} if photo_wiki else set()
        out: dict[str, str] = {}
        for domain, url in value.items():
            if domain.lower() not in known:
                raise self.fail(f"api.{shown_key(domain)}", UNUSED_WIKI, ADD_TO_WIKIS, key="wikis")
            if not _http_url(url):
                raise self.fail(
                    f"api.{shown_key(domain)}",
                    NOT_HTTP_URL,
                    FOR_EXAMPLE,
                    value=shown(url),
                    example='"https://xx.wikipedia.org/w/api.php"',
                )
            out[domain.lower()] = url
        return out

    def language(self) -> str:
        from wikitally.reports.i18n import LANGUAGES

        code = self.string("language").lower().replace("_", "-") or "en"
        if code not in LANGUAGES:
            raise self.fail(
                "language", NO_CATALOGUE, USE_ONE_OF, value=shown(code), choices=", ".join(sorted(LANGUAGES))
            )
        return code

    def flag(self, key: str) -> bool:
        value = self.data.get(key, False)
        if not isinstance(value, bool):
            raise self.fail(key, TRUE_OR_FALSE, WRITE, example=f"{key} = true")
        return value

    def sensitive_locations(self) -> bool | tuple[str, ...]:
        value = self.data.get("sensitive_locations", False)
        if isinstance(value, bool):
            return value
        if isinstance(value, list) and value and all(isinstance(v, str) and v.strip() for v in value):
            # Full category titles (with their namespace, in any language): the categories query matches them.
            names = tuple(dict.fromkeys(" ".join(v.replace("_", " ").split()) for v in value))
            for name in names:
                if ":" not in name or not name.split(":", 1)[1].strip():
                    raise self.fail(
                        "sensitive_locations",
                        NOT_A_CATEGORY,
                        WITH_NAMESPACE,
                        value=shown(name),
                        example=f'"Category:{_short(name, 60)}"',
                    )
            return names
        raise self.fail(
            "sensitive_locations",
            TRUE_FALSE_OR_CATEGORIES,
            FOR_EXAMPLE,
            example='sensitive_locations = ["Category:Heritage at risk"]',
        )

    def sfn_templates(self, wikis: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
        value = self.data.get("sfn_templates", {})
        if not isinstance(value, dict):
            raise self.fail(
                "sfn_templates",
                MUST_BE_TABLE,
                TABLE_THEN_ENTRY,
                table="[sfn_templates]",
                entry='"DOMAIN" = ["sfn", "sfnp"]',
            )
        out: dict[str, tuple[str, ...]] = {}
        for domain, names in value.items():
            if domain.lower() not in wikis:
                raise self.fail(f"sfn_templates.{shown_key(domain)}", UNUSED_WIKI, FIX_DOMAIN)
            if not isinstance(names, list) or not all(isinstance(n, str) and n.strip() for n in names):
                raise self.fail(
                    f"sfn_templates.{shown_key(domain)}",
                    TEMPLATE_NAMES,
                    FOR_EXAMPLE,
                    example='["sfn", "Sfn-sr"]',
                )
            out[domain.lower()] = tuple(n.strip() for n in names)
        return out

    def wikibase_namespaces(self, wikis: tuple[str, ...]) -> dict[str, tuple[int, ...]]:
        """Namespaces holding Wikibase entity documents as JSON pages (a Wikibase repository's own entity
        namespaces are found in its siteinfo; this is for entity documents without the extension)."""
        value = self.data.get("wikibase_namespaces", {})
        if not isinstance(value, dict):
            raise self.fail(
                "wikibase_namespaces",
                MUST_BE_TABLE,
                TABLE_THEN_ENTRY,
                table="[wikibase_namespaces]",
                entry='"DOMAIN" = [120]',
            )
        out: dict[str, tuple[int, ...]] = {}
        for domain, numbers in value.items():
            key = f"wikibase_namespaces.{shown_key(domain)}"
            if domain.lower() not in wikis:
                raise self.fail(key, UNUSED_WIKI, ADD_TO_WIKIS, key="wikis")
            if (
                not isinstance(numbers, list)
                or not numbers
                or not all(isinstance(v, int) and not isinstance(v, bool) and v >= 0 for v in numbers)
            ):
                raise self.fail(key, NAMESPACE_NUMBERS, FOR_EXAMPLE, example="[120]")
            out[domain.lower()] = tuple(sorted(set(numbers)))
        return out

    # -- [photos] ------------------------------------------------------------------------------------
    def photos(self) -> PhotoContest | None:
        table = self.data.get("photos")
        if table is None:
            return None
        if not isinstance(table, dict):
            raise self.fail(
                "photos", MUST_BE_TABLE, FOR_EXAMPLE, example='[photos] wiki = "commons.wikimedia.org"'
            )
        self._known_keys(table, PHOTO_KEYS, "photos.")
        sub = _Parser(table, self.source, self.base)
        wiki = table.get("wiki")
        if not isinstance(wiki, str) or not DOMAIN.match(wiki.strip().lower()) or len(wiki) > 253:
            if wiki is None:
                raise self.fail("photos.wiki", IS_MISSING, ADD, example='wiki = "commons.wikimedia.org"')
            raise self.fail(
                "photos.wiki", NOT_A_DOMAIN, BARE_DOMAIN, value=shown(wiki), example='"commons.wikimedia.org"'
            )
        categories = self._categories(sub)
        depth = self._whole(table, "depth", least=0, default=0)
        min_mpx = table.get("min_megapixels", 0.0)
        if isinstance(min_mpx, bool) or not isinstance(min_mpx, int | float) or not 0 <= min_mpx < 1e6:
            raise self.fail(
                "photos.min_megapixels", NUMBER_AT_LEAST_ZERO, WRITE, example="min_megapixels = 2.0"
            )
        site_template = ""
        if "site_template" in table:
            site_template = self._prefixed_string(sub, "site_template")
        jurors = self._jurors(sub)
        return PhotoContest(
            wiki=wiki.strip().lower(),
            categories=categories,
            depth=depth,
            min_megapixels=float(min_mpx),
            site_template=site_template,
            sites=self._sites(table.get("sites")),
            jurors=jurors,
            rounds=self._rounds(table.get("round")),
            nominations=self._nominations(table.get("nomination"), jurors),
        )

    def _known_keys(self, table: dict[str, Any], known: dict[str, str], prefix: str) -> None:
        for key in table:
            if key not in known:
                close = difflib.get_close_matches(key[:100], known, n=1, cutoff=0.6)
                field = prefix + shown_key(key)
                if close:
                    raise self.fail(field, UNKNOWN_KEY, DID_YOU_MEAN, name=close[0])
                raise self.fail(field, UNKNOWN_KEY, KNOWN_KEYS, keys=", ".join(known))

    def _prefixed_string(self, sub: _Parser, key: str) -> str:
        try:
            return sub.string(key, required=True)
        except CampaignFileError as e:
            raise self.fail(
                f"photos.{e.field}", e.problem_template, e.fix_template, **(e.params or {})
            ) from None

    def _categories(self, sub: _Parser, where: str = "photos.") -> tuple[str, ...]:
        key = where + "categories"
        try:
            names = sub.string_list("categories")
        except CampaignFileError:
            raise self.fail(key, STRING_LIST, WRITE, example='categories = ["…"]') from None
        if not names:
            raise self.fail(key, IS_MISSING_OR_EMPTY, ADD, example='categories = ["…"]')
        out: dict[str, None] = {}
        for raw in names:
            name = " ".join(raw.replace("_", " ").split())
            if not name.lower().startswith("category:"):
                name = "Category:" + name
            title = name.split(":", 1)[1].strip()
            if not title:
                raise self.fail(
                    key,
                    NOT_A_CATEGORY,
                    WITH_NAMESPACE,
                    value=shown(raw),
                    example='"Category:…"',
                )
            name = "Category:" + title[:1].upper() + title[1:]
            if name in out:
                raise self.fail(key, LISTED_TWICE, REMOVE_DUPLICATE, value=shown(raw))
            out[name] = None
        return tuple(out)

    def _whole(
        self, table: dict[str, Any], key: str, least: int, default: int | None, where: str = "photos."
    ) -> int:
        value = table.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int) or not least <= value <= 10**9:
            example = f"{key} = {max(least, 1 if default is None else default)}"
            if value is None:
                raise self.fail(where + key, IS_MISSING, ADD, example=example)
            raise self.fail(where + key, WHOLE_NUMBER_AT_LEAST, WRITE, least=least, example=example)
        return value

    def _jurors(self, sub: _Parser, where: str = "photos.") -> tuple[str, ...]:
        if not isinstance(sub.data.get("jurors", []), list) or not sub.data.get("jurors"):
            raise self.fail(where + "jurors", IS_MISSING_OR_EMPTY, ADD, example='jurors = ["…", "…"]')
        try:
            return sub.participants(key="jurors")
        except CampaignFileError as e:
            raise self.fail(
                where + "jurors", e.problem_template, e.fix_template, **(e.params or {})
            ) from None

    def _nominations(self, value: object, jurors: tuple[str, ...]) -> tuple[PhotoNomination, ...]:
        """[[photos.nomination]]: special nominations, each a parallel set of rounds (docs/photos.md)."""
        if value is None:
            return ()
        example = '[[photos.nomination]] name = "Video"'
        if not isinstance(value, list) or not value:
            raise self.fail("photos.nomination", IS_MISSING_OR_EMPTY, ADD, example=example)
        out: list[PhotoNomination] = []
        for n, table in enumerate(value, start=1):
            where = f"photos.nomination[{n}]."
            if not isinstance(table, dict):
                raise self.fail(f"photos.nomination[{n}]", MUST_BE_TABLE, FOR_EXAMPLE, example=example)
            self._known_keys(table, NOMINATION_KEYS, where)
            name = table.get("name")
            if not isinstance(name, str) or not name.strip():
                raise self.fail(where + "name", NON_EMPTY_STRING, WRITE, example='name = "Video"')
            if any(o.name == name.strip() for o in out):
                raise self.fail(where + "name", LISTED_TWICE, REMOVE_DUPLICATE, value=shown(name))
            media = table.get("media", "image")
            if media not in NOMINATION_MEDIA:
                raise self.fail(
                    where + "media",
                    MUST_BE_ONE_OF,
                    WRITE,
                    choices=" | ".join(NOMINATION_MEDIA),
                    example='media = "video"',
                )
            sub = _Parser(table, self.source, self.base)
            out.append(
                PhotoNomination(
                    name=name.strip(),
                    media=str(media),
                    categories=self._categories(sub, where) if "categories" in table else (),
                    depth=self._whole(table, "depth", least=0, default=0, where=where),
                    jurors=self._jurors(sub, where) if "jurors" in table else jurors,
                    rounds=self._rounds(table.get("round"), where="photos.nomination.round", at=where),
                )
            )
        return tuple(out)

    def _rounds(
        self, value: object, where: str = "photos.round", at: str = "photos."
    ) -> tuple[PhotoRound, ...]:
        example = f'[[{where}]] name = "First round"'
        if not isinstance(value, list) or not value:
            raise self.fail(at + "round", IS_MISSING_OR_EMPTY, ADD, example=example)
        rounds = []
        for n, table in enumerate(value, start=1):
            where = f"{at}round[{n}]."
            if not isinstance(table, dict):
                raise self.fail(f"{at}round[{n}]", MUST_BE_TABLE, FOR_EXAMPLE, example=example)
            self._known_keys(table, ROUND_KEYS, where)
            name = table.get("name")
            if not isinstance(name, str) or not name.strip():
                raise self.fail(where + "name", NON_EMPTY_STRING, WRITE, example='name = "First round"')
            kind = table.get("kind")
            if kind not in ROUND_KINDS:
                raise self.fail(
                    where + "kind",
                    MUST_BE_ONE_OF,
                    WRITE,
                    choices=" | ".join(ROUND_KINDS),
                    example='kind = "yesno"',
                )
            quorum = self._whole(table, "quorum", least=1, default=None, where=where)
            advance = self._whole(table, "advance", least=1, default=None, where=where)
            batch = 0
            if "batch" in table:
                if kind != "ranking":
                    raise self.fail(where + "batch", ONLY_RANKING, REMOVE_OR_RANKING)
                batch = self._whole(table, "batch", least=2, default=None, where=where)
            rounds.append(
                PhotoRound(name=name.strip(), kind=str(kind), quorum=quorum, advance=advance, batch=batch)
            )
        return tuple(rounds)

    def _sites(self, value: object) -> tuple[Site, ...] | None:
        if value is None:
            return None
        if not isinstance(value, str) or not value.strip():
            raise self.fail("photos.sites", NON_EMPTY_STRING, WRITE, example='sites = "sites.csv"')
        if self.base is None:  # a campaign defined on the web: a server's files are not the organizer's
            raise self.fail(
                "photos.sites",
                CANNOT_READ,
                CHECK_PATH,
                reason="only a campaign file on this computer can name a sites file",
            )
        path = Path(value.strip())
        if not path.is_absolute():
            path = self.base / path
        where = f"photos.sites ({escaped(str(path))})"
        try:
            raw = read_file(path, str(path), MAX_SITES_BYTES)
        except CampaignFileError as e:  # named at the key of the campaign file that gave the path
            raise self.fail(where, e.problem_template, e.fix_template, **(e.params or {})) from None
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise self.fail(where, NOT_UTF8, SAVE_AS_UTF8) from None
        try:
            reader = csv.DictReader(io.StringIO(text, newline=""))
            fields = [f.strip().lower() for f in reader.fieldnames or []]
            if "id" not in fields:
                raise self.fail(where, NO_COLUMN, FOR_EXAMPLE, column="id", example="id,label,coord")
            reader.fieldnames = fields
            sites: dict[str, Site] = {}
            for row in reader:
                if not any(isinstance(v, str) and v.strip() for v in row.values()):
                    continue  # a blank line
                site_id = (row.get("id") or "").strip()
                if not site_id:
                    raise self.fail(where, EMPTY_ID_ON_LINE, FIX_OR_REMOVE_NAME, line=reader.line_num)
                if site_id in sites:
                    raise self.fail(where, LISTED_TWICE, REMOVE_DUPLICATE, value=shown(site_id))
                label, coord = (row.get("label") or "").strip(), (row.get("coord") or "").strip()
                sites[site_id] = Site(site_id, label, coord)
        except csv.Error as e:
            raise self.fail(where, NOT_CSV, FIX_SYNTAX, reason=_short(str(e), 200)) from None
        return tuple(sites.values())


def _http_url(url: object) -> bool:
    """An http(s) URL with a host that parses (a bad IPv6 literal or port raises in urlsplit) and no
    whitespace or control characters."""
    if not isinstance(url, str) or re.search(r"[\s\x00-\x1f\x7f]", url):
        return False
    try:
        parsed = urlparse(url)
        parsed.port  # noqa: B018 - raises ValueError for a port out of range or not a number
    except ValueError:
        return False
    return parsed.scheme in ("http", "https") and bool(parsed.hostname) and bool(_NETLOC.match(parsed.netloc))


# [user@]host[:port], the host a name or a bracketed IPv6 address (urlsplit lets "[::1]x" through)
_NETLOC = re.compile(r"(?:[^@/?#]*@)?(?:\[[0-9A-Fa-f:.]+\]|[^\[\]@:/?#]+)(?::[0-9]{1,5})?\Z")
