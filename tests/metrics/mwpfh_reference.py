"""Reference counter of references, built on a full mwparserfromhell parse.

Slow and obviously right: the yardstick for wikitally.metrics.refs in tests/metrics/test_refs.py,
test_refs_fuzz.py and bench/bench_refs.py. Deliberately independent of wikitally's code: its own walk of
mwparserfromhell's tree, its own template-name rules, Cite's own regexes. It counts what Cite lists in
the default group (see the docstring of wikitally.metrics.refs for the rules it shares).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

import mwparserfromhell
from mwparserfromhell.definitions import PARSER_BLACKLIST
from mwparserfromhell.nodes import Argument, Comment, ExternalLink, Heading, Tag, Template, Wikilink
from mwparserfromhell.wikicode import Wikicode

# Extension tags MediaWiki does not parse beyond mwparserfromhell's list; gallery captions it does parse.
_SKIPPED = (set(PARSER_BLACKLIST) - {"gallery"}) | {
    "charinsert",
    "includeonly",
    "mapframe",
    "maplink",
    "templatestyles",
}
# Cite::validateRefOutsideOfReferences, verbatim: a <ref> whose content still holds <ref is an error.
_CITE_STRIP = re.compile(r"<(\w+)[^>]*>.*?</\1\s*>|<!--.*?-->", re.DOTALL | re.ASCII)
_CITE_INCLUDED = re.compile(r"<ref(erences)?\b[^>]*>", re.IGNORECASE | re.ASCII)


def _title(name: str) -> str:
    name = " ".join(name.replace("_", " ").split())
    head, sep, rest = name.partition(":")
    if sep and head.strip().lower() == "template":
        name = rest.strip()
    return name[:1].upper() + name[1:]


def _plain(code: Wikicode | None) -> str:
    """A name or value: its text without comments, trimmed."""
    if code is None:
        return ""
    return "".join(str(node) for node in code.nodes if not isinstance(node, Comment)).strip()


class _Cite:
    def __init__(self) -> None:
        self.unnamed = 0
        self.defined: set[str] = set()
        self.used: set[str] = set()
        self.listed: set[str] = set()

    def ref(self, args: dict[str, str], text: str | None, references: str | None, raw_tag: bool) -> None:
        if set(args) - {"name", "group", "dir", "follow"} or "follow" in args:
            return
        if "dir" in args and args["dir"].lower() not in ("ltr", "rtl"):
            return
        name = args.get("name", "")
        if re.fullmatch(r"[0-9]+", name):
            return
        blank = text is None or not text.strip(" \t\n\r\0\x0b")
        if references is not None:
            if args.get("group", references) == references == "" and name and not blank:
                self.listed.add(name)
            return
        included = raw_tag and text is not None and bool(_CITE_INCLUDED.search(_CITE_STRIP.sub("", text)))
        if args.get("group", "") != "" or included:
            return
        if not name:
            self.unnamed += 0 if blank else 1
        else:
            self.used.add(name)
            if not blank:
                self.defined.add(name)

    def total(self) -> int:
        return self.unnamed + len(self.defined | (self.listed & self.used))


def count_refs_mwpfh(text: str, sfn_templates: Iterable[str] = ("sfn", "sfnp")) -> int:
    """Citations in the default group: ``<ref>``s, ``{{#tag:ref}}``, ``{{refn}}`` and calls of
    ``sfn_templates``, named ones once per name, nothing inside a ``<ref>`` counted again."""
    cite = _Cite()
    _walk(mwparserfromhell.parse(text), {_title(name) for name in sfn_templates}, cite, None)
    return cite.total()


def _walk(code: Wikicode, sfn: set[str], cite: _Cite, references: str | None) -> None:
    for node in code.nodes:
        if isinstance(node, Tag):
            tag = str(node.tag).strip().lower()
            if tag == "ref":
                args = {
                    str(a.name).strip().lower(): html.unescape(" ".join(str(a.value or "").split()))
                    for a in node.attributes
                }
                text = None if node.self_closing else str(node.contents or "")
                cite.ref(args, text, references, True)
            elif tag == "references":
                if node.contents is not None and not node.self_closing:
                    group = next(
                        (str(a.value).strip() for a in node.attributes if str(a.name).strip() == "group"), ""
                    )
                    _walk(node.contents, sfn, cite, group)
            elif tag == "gallery" and node.contents is not None:
                _walk(mwparserfromhell.parse(str(node.contents)), sfn, cite, references)
            elif tag not in _SKIPPED and node.contents is not None:
                _walk(node.contents, sfn, cite, references)
        elif isinstance(node, Template):
            _template(node, sfn, cite, references)
            for param in node.params:
                _walk(param.value, sfn, cite, references)
        elif isinstance(node, Wikilink):
            _walk(node.title, sfn, cite, references)
            if node.text is not None:
                _walk(node.text, sfn, cite, references)
        elif isinstance(node, Heading) or (isinstance(node, ExternalLink) and node.title is not None):
            _walk(node.title, sfn, cite, references)
        elif isinstance(node, Argument) and node.default is not None:
            _walk(node.default, sfn, cite, references)


def _template(node: Template, sfn: set[str], cite: _Cite, references: str | None) -> None:
    name = _plain(node.name)
    params = {str(p.name).strip(): _plain(p.value) for p in node.params}
    if name.lower().replace(" ", "").startswith("#tag:") and name.split(":", 1)[1].strip().lower() == "ref":
        if not node.params:
            return
        first = node.params[0]
        content = str(first) if first.showkey else str(first.value)
        args = {str(p.name).strip(): _unquote(_plain(p.value)) for p in node.params[1:] if p.showkey}
        cite.ref(args, content, references, False)
    elif _title(name) == "Refn":
        args = {key: params[key] for key in ("name", "group") if params.get(key)}
        cite.ref(args, params.get("1", ""), references, False)
    elif _title(name) in sfn:
        key = "FOOTNOTE" + "".join(params.get(str(i), "") for i in range(1, 6))
        for names in (("p", "page"), ("pp", "pages"), ("loc", "at")):
            key += next((params[n] for n in names if params.get(n)), "")
        cite.ref({"name": key}, "footnote", references, False)


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value
