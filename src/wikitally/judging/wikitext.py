"""Just enough of a wikitext reader to find a template's parameter on a file page (the site ID).

mwparserfromhell is a test-only dependency here, so the collector uses this small scanner, checked against
mwparserfromhell on generated wikitext (tests/judging/test_wikitext.py). It understands what a file page's
description holds: templates nested in templates and links ({{Information|description={{Site|ID}}}},
[[a|b]] inside a parameter), HTML comments, <nowiki> and <pre>; `{{{…}}}` arguments are text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

_HIDDEN = re.compile(r"<!--.*?(?:-->|\Z)|<(nowiki|pre)\b[^>]*>.*?(?:</\1\s*>|\Z)", re.S | re.I)
_SPACES = re.compile(r"[\s_]+")
_TEMPLATE_NS = re.compile(r"^(?:template|шаблон)\s*:", re.I)


@dataclass(frozen=True)
class Template:
    name: str  # as written, trimmed
    params: tuple[tuple[str, str], ...]  # (name, value): positional ones are named "1", "2", …

    def get(self, key: str) -> str | None:
        """The parameter's value (the last definition wins, as on a wiki), or None."""
        found = None
        for name, value in self.params:
            if name == key:
                found = value
        return found


def normalize_name(name: str) -> str:
    """A page or template name as MediaWiki resolves it: NFC, underscores and whitespace runs to one space,
    trimmed, first letter upper case."""
    name = _SPACES.sub(" ", unicodedata.normalize("NFC", name)).strip()
    if not name:
        return name
    first = name[0].upper()
    return (first if len(first) == 1 else name[0]) + name[1:]


def templates(text: str) -> Iterator[Template]:
    """Every template call in text, outer ones before those nested in them (document order)."""
    text = _HIDDEN.sub("", text)  # MediaWiki drops comments before it reads templates
    yield from _scan(text, 0, len(text))


def first_parameter(text: str, template: str) -> str | None:
    """The first parameter, trimmed, of the first call of `template` in text ("" when the call has none);
    None when the template is not called."""
    wanted = normalize_name(_TEMPLATE_NS.sub("", template.strip()))
    for t in templates(text):
        if normalize_name(_TEMPLATE_NS.sub("", t.name)) == wanted:
            return (t.get("1") or "").strip()
    return None


def _scan(text: str, start: int, end: int) -> Iterator[Template]:
    i = start
    while True:
        i = text.find("{{", i, end)
        if i < 0:
            return
        if text.startswith("{{{", i):  # an argument {{{x}}}: skip to its end, or past the braces
            close = text.find("}}}", i + 3, end)
            i = close + 3 if close >= 0 else i + 3
            continue
        found = _template_at(text, i, end)
        if found is None:
            i += 2
            continue
        template, body_end, stop = found
        yield template
        yield from _scan(text, i + 2, body_end)
        i = stop


def _template_at(text: str, i: int, end: int) -> tuple[Template, int, int] | None:
    """The template whose {{ is at i: (it, where its body ends, where its }} ends), or None if unclosed."""
    j = i + 2
    stack: list[str] = []
    parts: list[tuple[int, int, int]] = []  # (start, end, position of its first top-level "=" or -1)
    part_start, eq = j, -1
    while j < end:
        if text.startswith("{{", j):
            stack.append("}}")
            j += 2
        elif text.startswith("[[", j):
            stack.append("]]")
            j += 2
        elif text.startswith("}}", j):
            if not stack:
                parts.append((part_start, j, eq))
                return _template(text, parts), j, j + 2
            if stack[-1] != "}}":
                return None  # a link left open inside: not a template call
            stack.pop()
            j += 2
        elif text.startswith("]]", j) and stack and stack[-1] == "]]":
            stack.pop()
            j += 2
        elif text[j] == "|" and not stack:
            parts.append((part_start, j, eq))
            part_start, eq = j + 1, -1
            j += 1
        else:
            if text[j] == "=" and not stack and eq < 0 and parts:
                eq = j
            j += 1
    return None


def _template(text: str, parts: list[tuple[int, int, int]]) -> Template:
    name = text[parts[0][0] : parts[0][1]].strip()
    params: list[tuple[str, str]] = []
    position = 0
    for start, stop, eq in parts[1:]:
        if eq >= 0:
            params.append((text[start:eq].strip(), text[eq + 1 : stop].strip()))
        else:
            position += 1
            params.append((str(position), text[start:stop]))
    return Template(name, tuple(params))
