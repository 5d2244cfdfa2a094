"""Translations and locale formatting for everything wikitally publishes (gettext catalogues + Babel).

Catalogues are the .po files in reports/locale/LANG/LC_MESSAGES/wikitally.po, read with Babel (no compile
step, no .mo files to keep in sync). English is the source language and needs no catalogue.
"""

from __future__ import annotations

import functools
import gettext
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

from babel import Locale
from babel.dates import format_date, format_datetime
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po
from babel.numbers import format_compact_decimal, format_decimal

from wikitally.errors import WikitallyError
from wikitally.reports.projects import Family, project

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAIN = "wikitally"
# Wikimedia language codes → Babel locale identifiers.
LANGUAGES: dict[str, str] = {
    "en": "en",
    "ru": "ru",
    "uk": "uk",
    "pl": "pl",
    "sr": "sr",  # Cyrillic, as on sr.wikipedia.org by default
    "sr-latn": "sr_Latn",
    "sq": "sq",
    "tr": "tr",
    "mk": "mk",
    "hy": "hy",
    "el": "el",
    "ro": "ro",
    "cs": "cs",
}


def language_of_wiki(domain: str, fallback: str) -> str:
    """The catalogue language a wiki's readers read: "sr" for sr.wikipedia.org (m. and www. aside), or
    `fallback` for a multilingual wiki (Commons, Wikidata, Meta), one in a language without a catalogue,
    or a wiki not named by language."""
    if project(domain).family in (Family.OTHER, Family.COMMONS, Family.WIKIDATA, Family.META):
        return fallback
    label = next((x for x in domain.lower().split(".") if x not in ("m", "www")), "")
    return label if label in LANGUAGES else fallback


class LanguageError(WikitallyError):
    exit_code = 2


class Translator:
    """gettext/ngettext for one language, and its way of writing numbers and dates."""

    def __init__(self, language: str, catalog: Catalog | None) -> None:
        self.language = language
        self.locale = Locale.parse(LANGUAGES[language])
        self._catalog = catalog

    def gettext(self, message: str) -> str:
        """The translation; the English message when there is none (fuzzy guesses are not used, as msgfmt)."""
        if self._catalog is None:
            return message
        entry = self._catalog.get(message)
        text = entry.string if entry is not None and not entry.fuzzy else ""
        return text if isinstance(text, str) and text else message

    def ngettext(self, forms: tuple[str, str], n: int) -> str:
        """The plural form for n, by the language's CLDR rules (Russian has 3 forms, Polish 3, …)."""
        if self._catalog is not None:
            entry = self._catalog.get(forms)
            strings = entry.string if entry is not None and not entry.fuzzy else None
            if isinstance(strings, tuple) and all(strings):
                index = _plural(self._catalog.plural_expr)(n)
                return strings[min(index, len(strings) - 1)]
        return forms[0] if n == 1 else forms[1]

    def number(self, n: int | float) -> str:
        return _format_number(n, str(self.locale))

    def compact(self, n: int | float) -> str:
        """Newsletter-style short numbers: 1.9K, 1,9 тыс."""
        if abs(n) < 1000:
            return self.number(n)
        return format_compact_decimal(n, format_type="short", locale=self.locale, fraction_digits=1)

    def date(self, value: date | datetime) -> str:
        return format_date(value, format="long", locale=self.locale)

    def datetime(self, value: datetime) -> str:
        """A moment with its time zone, always UTC ("2 Dec 2026, 10:05:00 UTC"): a report is read in many
        places, and a time without a zone can be read an hour or a day off. A naive value is taken as UTC."""
        moment = value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
        return f"{format_datetime(moment, format='medium', tzinfo=UTC, locale=self.locale)} UTC"

    def count(self, forms: tuple[str, str], n: int) -> str:
        """'1 edit', '3 правки', '5 правок': the plural form with its number formatted."""
        return self.ngettext(forms, n).format(count=self.number(n))


@functools.lru_cache(maxsize=65536)
def _format_number(n: int | float, locale: str) -> str:
    """format_decimal, remembered: a report formats the same small numbers tens of thousands of times."""
    return format_decimal(n, locale=locale)


@functools.cache
def _plural(expr: str) -> Callable[[int], int]:
    """The catalogue's Plural-Forms expression as a function, parsed by the stdlib's own gettext parser."""
    return gettext.c2py(expr)


def po_path(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"


@functools.cache
def translator(language: str) -> Translator:
    """The Translator for a Wikimedia language code; LanguageError (exit 2) when there is no catalogue."""
    code = language.lower().replace("_", "-")
    if code not in LANGUAGES:
        raise LanguageError(
            f"no catalogue for language {language!r}; available: {', '.join(sorted(LANGUAGES))}"
        )
    if code == "en":
        return Translator("en", None)
    path = po_path(code)
    if not path.exists():
        raise LanguageError(f"the catalogue for {code} is missing ({path}); reinstall wikitally")
    with path.open("rb") as f:
        catalog = read_po(f, locale=LANGUAGES[code], domain=DOMAIN)
    return Translator(code, catalog)
