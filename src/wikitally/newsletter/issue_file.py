"""Issue file (TOML) → Issue, every file it names read, with one clear message per mistake (file, field, fix).

    title = "CEE Newsletter"                      # or {en = "…", ru = "…"}
    volume = 4
    issue = 2
    month = "2024-03"
    languages = ["en", "ru"]                      # the first is the source language
    base_page = "CEE/Newsletter/March 2024"       # translations at base_page + "/ru"
    wiki = "meta.wikimedia.org"
    api = "https://meta.wikimedia.org/w/api.php"  # optional (or [api] "meta.wikimedia.org" = "…")
    editorial = {en = "editorial.md", ru = "editorial.ru.md"}   # or one path; optional
    masthead_image = "File:CEE logo.svg"          # optional: shown above the title
    contents = true                               # optional: an "In this issue" box
    lead_columns = 2                              # optional: the first section's stories side by side

    [[sections]]
    name = {en = "News", ru = "Новости"}
    [[sections.stories]]                          # hand-written
    title = {en = "…", ru = "…"}
    author = "Ana"
    file = {en = "stories/a.md", ru = "stories/a.ru.wiki"}    # .md (Markdown) or .wiki (wikitext)
    summary = "One line of Markdown."             # or a .md/.wiki file; per language too
    [[sections.stories]]                          # generated from a campaign's collected numbers
    campaign = "campaigns/wikigap.toml"
    template = {en = "wikigap.en.wiki", ru = "wikigap.ru.wiki"}   # {campaign} {stats} {dates} …
    author = "Besa"
    map = true

Paths are relative to the issue file. A per-language value is one value (the source language's) or a
table LANG = value that holds the source language; a language it lacks shows the source language's.
"""

from __future__ import annotations

import difflib
import re
import tomllib
from collections.abc import Callable, Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlparse

from wikitally.campaign_file import DOMAIN, load_campaign
from wikitally.errors import CampaignFileError, WikitallyError
from wikitally.model import Campaign
from wikitally.newsletter.model import GeneratedStory, Issue, Markup, Section, Story, Text, WrittenStory
from wikitally.newsletter.render import PLACEHOLDERS, unknown_placeholders
from wikitally.regular_file import FileTooLarge, NotRegularFile, read_regular_file
from wikitally.reports.i18n import LANGUAGES, LanguageError, translator
from wikitally.reports.wikitext import link_target

T = TypeVar("T")

MAX_ISSUE_BYTES = 1024 * 1024  # an issue file is a few kilobytes; a wrong path must not hang or exhaust
MAX_STORY_BYTES = 4 * 1024 * 1024  # a story is a page of text; the page limit of a wiki is 2 MiB

KEYS = {
    "title": 'the newsletter\'s name, e.g. "CEE Newsletter"',
    "volume": "the volume's number",
    "issue": "the issue's number in its volume",
    "month": '"YYYY-MM"',
    "languages": 'language codes, the source language first, e.g. ["en", "ru"]',
    "base_page": "the source language's page title",
    "wiki": 'the domain to publish on, e.g. "meta.wikimedia.org"',
    "api": "the wiki's api.php URL",
    "editorial": "a .md or .wiki file (or one per language)",
    "sections": "[[sections]] tables",
    "masthead_image": 'a file on the wiki (or Commons) shown above the title, e.g. "File:CEE logo.svg"',
    "contents": 'true for an "In this issue" box linking every section and story',
    "lead_columns": "the first section's stories side by side in 2 or 3 columns (one on a phone)",
}
SECTION_KEYS = ("name", "stories")
WRITTEN_KEYS = ("title", "author", "file", "summary")
GENERATED_KEYS = ("campaign", "template", "title", "author", "summary", "map")
STORY_KEYS = tuple(dict.fromkeys(WRITTEN_KEYS + GENERATED_KEYS))
MARKUP: dict[str, Markup] = {".md": "markdown", ".markdown": "markdown", ".wiki": "wikitext"}
_MONTH = re.compile(r"(\d{4})-(\d{2})")


class IssueFileError(WikitallyError):
    """The issue file is wrong: names the file, the field and the fix (exit 2)."""

    exit_code = 2

    def __init__(self, source: str, field: str, problem: str, fix: str = "") -> None:
        self.source, self.field, self.problem, self.fix = source, field, problem, fix
        where = f"{source}: {field}" if field else source
        super().__init__(f"{where}: {problem}" + (f"; {fix}" if fix else ""))


def load_issue(path: str | Path) -> Issue:
    """Read and check an issue file and every file it names; raises IssueFileError."""
    source = str(path)
    try:
        raw = read_regular_file(path, MAX_ISSUE_BYTES)
    except OSError as e:
        raise IssueFileError(source, "", f"cannot read the file ({e.strerror})", "check the path") from None
    except NotRegularFile:
        raise IssueFileError(
            source, "", "is not a regular file", "give the path of the issue's .toml file"
        ) from None
    except FileTooLarge:
        raise IssueFileError(
            source, "", f"is larger than {MAX_ISSUE_BYTES // 1024 // 1024} MiB", "check the path"
        ) from None
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise IssueFileError(source, "", "is not UTF-8 text", "save it as UTF-8") from None
    except tomllib.TOMLDecodeError as e:
        raise IssueFileError(source, "", f"is not valid TOML ({e})", "fix the syntax there") from None
    return _Parser(data, source, Path(path).parent).issue()


class _Parser:
    def __init__(self, data: dict[str, Any], source: str, base: Path) -> None:
        self.data, self.source, self.base = data, source, base
        self.languages: tuple[str, ...] = ()

    def fail(self, field: str, problem: str, fix: str = "") -> IssueFileError:
        return IssueFileError(self.source, field, problem, fix)

    def issue(self) -> Issue:
        self.known_keys(self.data, "", KEYS)
        self.languages = self.language_list()
        wiki = self.wiki()
        base_page = self.base_page()
        editorial = (
            self.localized(self.data["editorial"], "editorial", self.text_file)
            if "editorial" in self.data
            else {}
        )
        sections = self.sections()
        if not sections and not editorial:
            raise self.fail("sections", "the issue has no editorial and no sections", "add [[sections]]")
        return Issue(
            title=self.localized(self.required(self.data, "title", ""), "title", self.string),
            volume=self.number("volume"),
            number=self.number("issue"),
            month=self.month(),
            languages=self.languages,
            base_page=base_page,
            wiki=wiki,
            api_url=self.api(wiki),
            sections=sections,
            editorial=editorial,
            source=self.source,
            masthead_image=self.masthead_image(),
            contents=self.contents(),
            lead_columns=self.lead_columns(),
        )

    # -- shared checks --------------------------------------------------------------------------------
    def known_keys(
        self, table: Mapping[str, Any], where: str, known: Mapping[str, str] | tuple[str, ...]
    ) -> None:
        names = list(known)
        for key in table:
            if key not in names:
                close = difflib.get_close_matches(key, names, n=1, cutoff=0.6)
                hint = f"did you mean `{close[0]}`?" if close else "known keys: " + ", ".join(names)
                raise self.fail(where + key, "unknown key", hint)

    def required(self, table: Mapping[str, Any], key: str, where: str) -> Any:
        if key not in table:
            raise self.fail(where + key, "is missing", f'add {key} = "…"')
        return table[key]

    def string(self, value: Any, field: str) -> str:
        if not isinstance(value, str) or not value.strip():
            raise self.fail(field, "must be a non-empty string", f'write {field.rsplit(".", 1)[-1]} = "…"')
        return " ".join(value.split())

    def localized(self, value: Any, field: str, convert: Callable[[Any, str], T]) -> dict[str, T]:
        """One value (the source language's) or a table LANG = value holding the source language."""
        source = self.languages[0]
        if not isinstance(value, dict):
            return {source: convert(value, field)}
        out: dict[str, T] = {}
        for code, item in value.items():
            lang = code.lower().replace("_", "-")
            if lang not in self.languages:
                raise self.fail(
                    f"{field}.{code}",
                    "names a language the issue doesn't have",
                    f"add {lang!r} to languages or remove it",
                )
            out[lang] = convert(item, f"{field}.{code}")
        if source not in out:
            raise self.fail(field, f"has no value for {source!r}, the source language", f'add {source} = "…"')
        return out

    def text_file(self, value: Any, field: str) -> Text:
        """A .md or .wiki file next to the issue file, read as UTF-8 with \\n line endings."""
        if not isinstance(value, str) or not value.strip():
            raise self.fail(field, "must be a file path", 'write e.g. "stories/story.md"')
        path = self.base / value.strip()
        markup = MARKUP.get(path.suffix.lower())
        if markup is None:
            raise self.fail(
                field,
                f"{value!r} is neither Markdown nor wikitext",
                "name it *.md (Markdown) or *.wiki (wikitext)",
            )
        return Text(self.read(path, field), markup, str(path))

    def read(self, path: Path, field: str) -> str:
        try:
            raw = read_regular_file(path, MAX_STORY_BYTES)
        except NotRegularFile:
            raise self.fail(field, f"{path} is not a regular file", "name a .md or .wiki file") from None
        except FileTooLarge:
            raise self.fail(
                field, f"{path} is larger than {MAX_STORY_BYTES // 1024 // 1024} MiB", "check the path"
            ) from None
        except FileNotFoundError:
            raise self.fail(
                field, f"{path} does not exist", "check the path (relative to the issue file)"
            ) from None
        except OSError as e:
            raise self.fail(field, f"cannot read {path} ({e.strerror})", "check the path") from None
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise self.fail(field, f"{path} is not UTF-8 text", "save it as UTF-8") from None
        return text.replace("\r\n", "\n").replace("\r", "\n")

    # -- top-level fields -----------------------------------------------------------------------------
    def language_list(self) -> tuple[str, ...]:
        value = self.required(self.data, "languages", "")
        if (
            not isinstance(value, list)
            or not value
            or not all(isinstance(v, str) and v.strip() for v in value)
        ):
            raise self.fail(
                "languages", "must be a non-empty list of language codes", 'e.g. languages = ["en", "ru"]'
            )
        out: list[str] = []
        for raw in value:
            code = raw.strip().lower().replace("_", "-")
            try:
                translator(code)
            except LanguageError:
                raise self.fail(
                    "languages", f"no catalogue for {raw!r}", "use one of " + ", ".join(sorted(LANGUAGES))
                ) from None
            if code in out:
                raise self.fail("languages", f"{raw!r} is listed twice", "remove the duplicate")
            out.append(code)
        return tuple(out)

    def number(self, key: str) -> int:
        value = self.required(self.data, key, "")
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            raise self.fail(key, "must be a whole number ≥ 1", f"e.g. {key} = 2 (no quotes)")
        return value

    def masthead_image(self) -> str:
        value = self.data.get("masthead_image")
        if value is None:
            return ""
        name = self.string(value, "masthead_image").strip()
        name = name.split(":", 1)[1].strip() if ":" in name else name
        if link_target(name) is None or "/" in name:
            raise self.fail("masthead_image", f"{value!r} is not a file name", 'write "File:Name.png"')
        return f"File:{name}"

    def contents(self) -> bool:
        value = self.data.get("contents", False)
        if not isinstance(value, bool):
            raise self.fail("contents", "must be true or false", "write contents = true")
        return value

    def lead_columns(self) -> int:
        value = self.data.get("lead_columns", 1)
        if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 3:
            raise self.fail("lead_columns", "must be 1, 2 or 3", "e.g. lead_columns = 2 (no quotes)")
        return value

    def month(self) -> date:
        value = self.required(self.data, "month", "")
        if isinstance(value, date | datetime):
            return date(value.year, value.month, 1)
        match = _MONTH.fullmatch(value.strip()) if isinstance(value, str) else None
        if match is None or not 1 <= int(match.group(2)) <= 12:
            raise self.fail("month", f"{value!r} is not a month", 'write month = "2024-03"')
        return date(int(match.group(1)), int(match.group(2)), 1)

    def wiki(self) -> str:
        value = self.string(self.required(self.data, "wiki", ""), "wiki").lower()
        if not DOMAIN.match(value):
            raise self.fail(
                "wiki", f"{value!r} is not a wiki domain", 'write the bare domain, e.g. "meta.wikimedia.org"'
            )
        return value

    def base_page(self) -> str:
        value = self.string(self.required(self.data, "base_page", ""), "base_page")
        for title in (value, *(f"{value}/{code}" for code in self.languages[1:])):
            if link_target(title) is None:
                raise self.fail(
                    "base_page",
                    f"{title!r} is not a page title MediaWiki accepts",
                    "leave out # < > [ ] | { } and keep it under 255 bytes",
                )
        return value

    def api(self, wiki: str) -> str:
        """`api = "URL"`, or `[api] "DOMAIN" = "URL"` as in campaign files; default https://WIKI/w/api.php."""
        value, field = self.data.get("api"), "api"
        if isinstance(value, dict):
            for key in value:
                if key.lower() != wiki:
                    raise self.fail(
                        f"api.{key}", "names a wiki the issue doesn't publish on", f'use "{wiki}"'
                    )
            field, value = next(((f"api.{k}", v) for k, v in value.items()), (field, None))
        if value is None:
            return f"https://{wiki}/w/api.php"
        parsed = urlparse(value) if isinstance(value, str) else None
        if parsed is None or parsed.scheme not in ("http", "https") or not parsed.netloc:
            raise self.fail(
                field, f"{value!r} is not an http(s) URL", f'e.g. api = "https://{wiki}/w/api.php"'
            )
        return str(value)

    # -- sections and stories -------------------------------------------------------------------------
    def sections(self) -> tuple[Section, ...]:
        value = self.data.get("sections", [])
        if not isinstance(value, list) or not all(isinstance(s, dict) for s in value):
            raise self.fail("sections", "must be [[sections]] tables", 'write [[sections]] then name = "…"')
        out = []
        for i, table in enumerate(value, 1):
            where = f"sections[{i}]."
            self.known_keys(table, where, SECTION_KEYS)
            name = self.localized(self.required(table, "name", where), where + "name", self.string)
            stories = table.get("stories", [])
            if not isinstance(stories, list) or not stories or not all(isinstance(s, dict) for s in stories):
                raise self.fail(
                    where + "stories", "a section needs stories", "add [[sections.stories]] tables"
                )
            out.append(
                Section(name, tuple(self.story(s, f"{where}stories[{j}]") for j, s in enumerate(stories, 1)))
            )
        return tuple(out)

    def story(self, table: dict[str, Any], where: str) -> Story:
        self.known_keys(table, where + ".", STORY_KEYS)
        title = self.localized(table["title"], where + ".title", self.string) if "title" in table else {}
        author = self.string(table["author"], where + ".author") if "author" in table else ""
        summary = (
            self.localized(table["summary"], where + ".summary", self.summary) if "summary" in table else {}
        )
        if "campaign" in table:
            if "file" in table:
                raise self.fail(
                    where + ".file",
                    "a story is hand-written (file) or generated (campaign), not both",
                    "remove one of them",
                )
            return GeneratedStory(
                campaign=self.campaign(table["campaign"], where + ".campaign"),
                campaign_file=str(self.base / str(table["campaign"]).strip()),
                where=where,
                title=title,
                template=self.localized(table["template"], where + ".template", self.template)
                if "template" in table
                else {},
                author=author,
                summary=summary,
                map=self.flag(table, "map", where),
            )
        for key in GENERATED_KEYS:
            if key in table and key not in WRITTEN_KEYS:
                raise self.fail(
                    where + "." + key, "is only for a generated story", 'add campaign = "…" or remove it'
                )
        if "file" not in table:
            raise self.fail(
                where, "has neither file nor campaign", 'add file = "story.md" or campaign = "campaign.toml"'
            )
        if not title:
            raise self.fail(where + ".title", "is missing", 'add title = "…"')
        return WrittenStory(
            title=title,
            body=self.localized(table["file"], where + ".file", self.text_file),
            author=author,
            summary=summary,
        )

    def summary(self, value: Any, field: str) -> Text:
        """A .md/.wiki file's path, or the summary itself as Markdown."""
        if isinstance(value, str) and "\n" not in value and Path(value.strip()).suffix.lower() in MARKUP:
            return self.text_file(value, field)
        if not isinstance(value, str) or not value.strip():
            raise self.fail(field, "must be text or a .md/.wiki file", 'write summary = "…"')
        return Text(value.replace("\r\n", "\n").strip(), "markdown")

    def template(self, value: Any, field: str) -> str:
        if not isinstance(value, str) or not value.strip():
            raise self.fail(
                field, "must be the path of a wikitext file", 'write e.g. template = "story.wiki"'
            )
        path = self.base / value.strip()
        text = self.read(path, field)
        unknown = unknown_placeholders(text)
        if unknown:
            names = ", ".join(f"{{{u}}}" for u in unknown)
            known = ", ".join(f"{{{p}}}" for p in PLACEHOLDERS)
            raise self.fail(field, f"{path}: unknown placeholder {names}", f"use {known}")
        return text

    def campaign(self, value: Any, field: str) -> Campaign:
        if not isinstance(value, str) or not value.strip():
            raise self.fail(field, "must be a campaign file's path", 'write campaign = "campaign.toml"')
        try:
            return load_campaign(self.base / value.strip())
        except CampaignFileError as e:
            raise self.fail(field, str(e)) from None

    def flag(self, table: Mapping[str, Any], key: str, where: str) -> bool:
        value = table.get(key, False)
        if not isinstance(value, bool):
            raise self.fail(f"{where}.{key}", "must be true or false", f"write {key} = true")
        return value
