"""Campaign file (TOML) → Campaign, with one clear message per mistake (file, field, fix)."""

from __future__ import annotations

import difflib
import re
import tomllib
from datetime import date, datetime, time, tzinfo
from pathlib import Path
from typing import Any
from urllib.parse import urlparse
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from wikitally.errors import CampaignFileError
from wikitally.model import Campaign
from wikitally.usernames import normalize_username, username_problem

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
}
_DOMAIN = re.compile(r"^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$")


def load_campaign(path: str | Path) -> Campaign:
    """Read and validate a campaign file; raises CampaignFileError."""
    source = str(path)
    try:
        raw = Path(path).read_bytes()
    except OSError as e:
        raise CampaignFileError(
            source, "", f"cannot read the file ({e.strerror})", "check the path"
        ) from None
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise CampaignFileError(source, "", "is not UTF-8 text", "save it as UTF-8") from None
    except tomllib.TOMLDecodeError as e:
        raise CampaignFileError(source, "", f"is not valid TOML ({e})", "fix the syntax there") from None
    return parse_campaign(data, source)


def parse_campaign(data: dict[str, Any], source: str = "<campaign>") -> Campaign:
    p = _Parser(data, source)
    return p.campaign()


class _Parser:
    def __init__(self, data: dict[str, Any], source: str) -> None:
        self.data, self.source = data, source

    def fail(self, field: str, problem: str, fix: str = "") -> CampaignFileError:
        return CampaignFileError(self.source, field, problem, fix)

    def campaign(self) -> Campaign:
        for key in self.data:
            if key not in KEYS:
                close = difflib.get_close_matches(key, KEYS, n=1, cutoff=0.6)
                hint = f"did you mean `{close[0]}`?" if close else "known keys: " + ", ".join(KEYS)
                raise self.fail(key, "unknown key", hint)
        name = self.string("name", required=True)
        tz = self.timezone()
        start = self.moment("start", tz, end_of_day=False)
        end = self.moment("end", tz, end_of_day=True)
        if end < start:
            raise self.fail(
                "end", f"{end.isoformat()} is before start {start.isoformat()}", "swap or fix them"
            )
        wikis = self.wikis()
        participants = self.participants()
        participants_page = self.participants_page(wikis)
        hashtags = self.hashtags()
        tags = tuple(self.string_list("tags"))
        if not participants and participants_page is None and not hashtags and not tags:
            raise self.fail(
                "participants",
                "no participants and no hashtags or tags",
                "list participants, give participants_page, or filter by hashtags/tags",
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
            api=self.api(wikis, participants_page),
            sfn_templates=self.sfn_templates(wikis),
            source=self.source,
            language=self.language(),
            pageviews=self.flag("pageviews"),
            sensitive_locations=self.sensitive_locations(),
            translation_tags=tuple(self.string_list("translation_tags")) or ("contenttranslation",),
        )

    # -- fields -------------------------------------------------------------------------------------
    def string(self, key: str, required: bool = False) -> str:
        value = self.data.get(key)
        if value is None:
            if required:
                raise self.fail(key, "is missing", f'add {key} = "…"')
            return ""
        if not isinstance(value, str) or not value.strip():
            raise self.fail(key, "must be a non-empty string", f'write {key} = "…"')
        return value.strip()

    def string_list(self, key: str) -> list[str]:
        value = self.data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise self.fail(key, "must be a list of non-empty strings", f'write {key} = ["…", "…"]')
        return [v.strip() for v in value]

    def timezone(self) -> tzinfo | None:
        name = self.data.get("timezone")
        table = self.data.get("campaign")
        if table is not None:
            if not isinstance(table, dict) or set(table) - {"timezone"}:
                raise self.fail(
                    "campaign", "may only hold `timezone`", 'write [campaign] timezone = "Europe/Tirane"'
                )
            name = name or table.get("timezone")
        if name is None:
            return None
        if not isinstance(name, str):
            raise self.fail("timezone", "must be a string", 'e.g. timezone = "Europe/Tirane"')
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            raise self.fail(
                "timezone", f"unknown time zone {name!r}", 'use an IANA name like "Europe/Tirane"'
            ) from None

    def moment(self, key: str, tz: tzinfo | None, end_of_day: bool) -> datetime:
        value = self.data.get(key)
        example = f"{key} = 2024-03-08T09:00:00+01:00"
        if value is None:
            raise self.fail(key, "is missing", f"add {example}")
        if isinstance(value, datetime):
            if value.tzinfo is None:
                if tz is None:
                    raise self.fail(key, "has no UTC offset", f'write {example}, or set timezone = "…"')
                return value.replace(tzinfo=tz)
            return value
        if isinstance(value, date):
            if tz is None:
                raise self.fail(key, "is a date without time zone", f'write {example}, or set timezone = "…"')
            return datetime.combine(value, time(23, 59, 59) if end_of_day else time(0, 0, 0), tz)
        raise self.fail(key, "must be a TOML date-time", f"write {example} (no quotes)")

    def wikis(self) -> tuple[str, ...]:
        wikis = self.string_list("wikis")
        if not wikis:
            raise self.fail("wikis", "is missing or empty", 'add wikis = ["xx.wikipedia.org"]')
        out: list[str] = []
        for w in wikis:
            domain = w.lower()
            if not _DOMAIN.match(domain):
                raise self.fail(
                    "wikis", f"{w!r} is not a wiki domain", 'write the bare domain, e.g. "sq.wikipedia.org"'
                )
            if domain in out:
                raise self.fail("wikis", f"{w!r} is listed twice", "remove the duplicate")
            out.append(domain)
        return tuple(out)

    def participants(self) -> tuple[str, ...]:
        seen: dict[str, str] = {}
        for raw in self.string_list("participants"):
            problem = username_problem(raw)
            if problem:
                raise self.fail("participants", f"{raw!r} {problem}", "fix or remove that name")
            name = normalize_username(raw)
            if name in seen:
                raise self.fail(
                    "participants",
                    f"{raw!r} and {seen[name]!r} are the same user ({name})",
                    "remove the duplicate",
                )
            seen[name] = raw
        return tuple(seen)

    def participants_page(self, wikis: tuple[str, ...]) -> str | None:
        value = self.data.get("participants_page")
        if value is None:
            return None
        fix = 'write participants_page = "meta.wikimedia.org:Event/Participants"'
        if not isinstance(value, str) or ":" not in value:
            raise self.fail("participants_page", 'must be "DOMAIN:Title"', fix)
        domain, title = value.split(":", 1)
        if not _DOMAIN.match(domain.strip().lower()) or not title.strip():
            raise self.fail("participants_page", f'{value!r} is not "DOMAIN:Title"', fix)
        return f"{domain.strip().lower()}:{title.strip()}"

    def hashtags(self) -> tuple[str, ...]:
        out: list[str] = []
        for raw in self.string_list("hashtags"):
            tag = raw.lstrip("#＃")
            if not tag or not re.fullmatch(r"\w+", tag):
                raise self.fail(
                    "hashtags", f"{raw!r} is not a hashtag", 'write e.g. "#WikiGap" (letters, digits, _)'
                )
            if tag.lower() in (t.lower() for t in out):
                raise self.fail("hashtags", f"{raw!r} is listed twice", "remove the duplicate")
            out.append(tag)
        return tuple(out)

    def namespaces(self) -> tuple[int, ...] | None:
        value = self.data.get("namespaces")
        if value is None:
            return None
        if (
            not isinstance(value, list)
            or not value
            or not all(isinstance(v, int) and not isinstance(v, bool) and v >= 0 for v in value)
        ):
            raise self.fail(
                "namespaces", "must be a non-empty list of namespace numbers ≥ 0", "e.g. namespaces = [0]"
            )
        return tuple(sorted(set(value)))

    def api(self, wikis: tuple[str, ...], participants_page: str | None) -> dict[str, str]:
        value = self.data.get("api", {})
        if not isinstance(value, dict):
            raise self.fail("api", "must be a table", '[api] then "DOMAIN" = "https://…/api.php"')
        known = set(wikis) | ({participants_page.split(":", 1)[0]} if participants_page else set())
        out: dict[str, str] = {}
        for domain, url in value.items():
            if domain.lower() not in known:
                raise self.fail(
                    f"api.{domain}", "names a wiki the campaign does not use", "add it to wikis or remove it"
                )
            parsed = urlparse(url) if isinstance(url, str) else None
            if parsed is None or parsed.scheme not in ("http", "https") or not parsed.netloc:
                raise self.fail(
                    f"api.{domain}",
                    f"{url!r} is not an http(s) URL",
                    'e.g. "https://xx.wikipedia.org/w/api.php"',
                )
            out[domain.lower()] = url
        return out

    def language(self) -> str:
        from wikitally.reports.i18n import LANGUAGES

        code = self.string("language").lower().replace("_", "-") or "en"
        if code not in LANGUAGES:
            raise self.fail(
                "language", f"no catalogue for {code!r}", "use one of " + ", ".join(sorted(LANGUAGES))
            )
        return code

    def flag(self, key: str) -> bool:
        value = self.data.get(key, False)
        if not isinstance(value, bool):
            raise self.fail(key, "must be true or false", f"write {key} = true")
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
                        f"{name!r} is not a category title",
                        f'write it with its namespace, e.g. "Category:{name}"',
                    )
            return names
        raise self.fail(
            "sensitive_locations",
            "must be true/false or a list of category names",
            'e.g. sensitive_locations = ["Category:Heritage at risk"]',
        )

    def sfn_templates(self, wikis: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
        value = self.data.get("sfn_templates", {})
        if not isinstance(value, dict):
            raise self.fail(
                "sfn_templates", "must be a table", '[sfn_templates] then "DOMAIN" = ["sfn", "sfnp"]'
            )
        out: dict[str, tuple[str, ...]] = {}
        for domain, names in value.items():
            if domain.lower() not in wikis:
                raise self.fail(
                    f"sfn_templates.{domain}", "names a wiki the campaign does not use", "fix the domain"
                )
            if not isinstance(names, list) or not all(isinstance(n, str) and n.strip() for n in names):
                raise self.fail(
                    f"sfn_templates.{domain}", "must be a list of template names", 'e.g. ["sfn", "Sfn-sr"]'
                )
            out[domain.lower()] = tuple(n.strip() for n in names)
        return out
