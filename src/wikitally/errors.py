"""wikitally's own errors; the CLI maps them to one line and exit code 2 (user errors) or 1 (faults)."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from wikitally.reports.messages import N_

SHOWN_CHARS = 60  # a value from the input is shown up to this many characters, then "…"
# Control and format characters, line and paragraph separators, surrogates: what could break a line, move
# the cursor or drive the terminal (an OSC escape sets its title) when printed.
_UNPRINTABLE = re.compile(
    r"[\x00-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ud800-\udfff]"
)

# Translators: a campaign file error with its fix, as in: is missing; add name = "…". {problem} and {fix}
# are already translated; keep both, change only the separator if your language needs another one
WITH_FIX = N_("{problem}; {fix}")


def escaped(text: str) -> str:
    """text with every character that could break a line or drive a terminal written as repr does (\\n,
    \\x1b, \\u200b): a message stays one line of what it says."""
    return _UNPRINTABLE.sub(lambda m: repr(m.group())[1:-1], text)


def shown(value: object, limit: int = SHOWN_CHARS) -> str:
    """A value from the input as a message quotes it: repr (so its control characters show as escapes),
    cut to `limit` characters with "…" after."""
    if isinstance(value, str) and len(value) > limit:
        return f"{value[:limit]!r}…"
    text = repr(value)
    return text if len(text) <= limit + 2 else f"{text[:limit]}…"


def shown_key(key: str, limit: int = SHOWN_CHARS) -> str:
    """A key from the input as a field name: as written when it is a plain short name, else as shown()."""
    if len(key) <= limit and key.isprintable() and not _UNPRINTABLE.search(key):
        return key
    return shown(key, limit)


def _english(message: str) -> str:
    return message


class WikitallyError(Exception):
    """Base of every error wikitally reports to a user as one line."""

    exit_code = 1


class CampaignFileError(WikitallyError):
    """The campaign file is wrong: names the file, the field and the fix.

    problem and fix are English templates marked with N_ for the catalogue, their str.format placeholders
    filled from params: str(error), .problem and .fix are English (the CLI's line), `localized` gives them in
    a Translator's language. Without params they are plain text, used as they are (nothing is formatted).
    """

    exit_code = 2

    def __init__(
        self,
        source: str,
        field: str,
        problem: str,
        fix: str = "",
        params: Mapping[str, object] | None = None,
    ) -> None:
        self.source, self.field = source, field
        self.problem_template, self.fix_template = problem, fix
        self.params = dict(params) if params is not None else None
        self.problem, self.fix = self.localized(_english)
        super().__init__(self.line())

    def localized(self, gettext: Callable[[str], str]) -> tuple[str, str]:
        """(problem, fix) translated by gettext (e.g. a Translator's) and formatted with the params.

        A translation that cannot be formatted (a placeholder it lacks or renames, a stray brace) gives way
        to the English template, so a broken catalogue entry shows English rather than failing the page.
        """
        return self._text(self.problem_template, gettext), self._text(self.fix_template, gettext)

    def detail(self, gettext: Callable[[str], str] = _english) -> str:
        """The problem and its fix without file and field, as a form shows it at the field."""
        problem, fix = self.localized(gettext)
        if not fix:
            return problem
        return _formatted(WITH_FIX, gettext, {"problem": problem, "fix": fix})

    def parts(self) -> dict[str, object]:
        """What makes the error again (from_parts), as JSON: kept with a failed refresh so that a page can
        say it in its reader's language."""
        params = None if self.params is None else {k: str(v) for k, v in self.params.items()}
        return {
            "source": self.source,
            "field": self.field,
            "problem": self.problem_template,
            "fix": self.fix_template,
            "params": params,
        }

    @classmethod
    def from_parts(cls, parts: Mapping[str, object]) -> CampaignFileError:
        params = parts.get("params")
        return cls(
            str(parts.get("source", "")),
            str(parts.get("field", "")),
            str(parts.get("problem", "")),
            str(parts.get("fix", "")),
            dict(params) if isinstance(params, Mapping) else None,
        )

    def line(self, gettext: Callable[[str], str] = _english) -> str:
        """The whole error as one line, "FILE: FIELD: problem; fix" (str(error) is the English one)."""
        return escaped(f"{self.where(gettext)}: {self.detail(gettext)}")

    def where(self, gettext: Callable[[str], str]) -> str:
        """ "FILE: FIELD" (a field is a key of the file, never translated); subclasses may say it otherwise."""
        return f"{self.source}: {self.field}" if self.field else self.source

    def _text(self, template: str, gettext: Callable[[str], str]) -> str:
        if not template:
            return ""  # gettext("") is a catalogue's header, not a translation
        if self.params is None:
            return gettext(template)
        return _formatted(template, gettext, self.params)


class LineError(CampaignFileError):
    """A data file (MARKS.csv, VOTES.csv) refused at one line: "FILE: line N: problem; fix" (or "FILE:
    problem; fix" without a line), in the reader's language where the CLI knows it. `line_template` is the
    subclass's catalogue-marked "line {line}"."""

    line_template = "line {line}"

    def __init__(
        self, source: str, line: int | None, problem: str, fix: str = "", /, **params: object
    ) -> None:
        self.line_number = line
        super().__init__(source, "", problem, fix, params)

    def where(self, gettext: Callable[[str], str]) -> str:
        if self.line_number is None:
            return self.source
        return f"{self.source}: {_formatted(self.line_template, gettext, {'line': self.line_number})}"


def _formatted(template: str, gettext: Callable[[str], str], params: Mapping[str, object]) -> str:
    """gettext(template).format(**params), or the English template's when the translation won't format."""
    try:
        return gettext(template).format(**params)
    except (KeyError, IndexError, ValueError, AttributeError, TypeError):
        return template.format(**params)


class UsageError(WikitallyError):
    """A bad command-line argument or environment setting."""

    exit_code = 2


class SourceError(WikitallyError):
    """A wiki did not answer as it should (after retries), or answered something malformed."""

    def __init__(self, message: str, code: str = "") -> None:
        super().__init__(message)
        self.code = code


class StoreError(WikitallyError):
    """The database cannot be opened or used."""

    exit_code = 2


class AddressError(WikitallyError):
    """An address this server may not fetch for a campaign defined on the web (collect/addresses.py): a wiki's
    API the campaign names, or where a wiki redirects. One line: the file and field when a campaign file gave
    the address, the address, why (`why`, English), and the fix."""

    exit_code = 2
    FIX = (
        "use the wiki's public https address, or ask the server's operator to allow it in "
        "WIKITALLY_ALLOW_PRIVATE_WIKIS"
    )

    def __init__(self, url: str, why: str, *, source: str = "", field: str = "", fix: str = "") -> None:
        self.url, self.why, self.source, self.field = url, why, source, field
        where = "".join(f"{part}: " for part in (source, field) if part)
        super().__init__(f"{where}this server may not fetch {url}: {why}; {fix or self.FIX}")
