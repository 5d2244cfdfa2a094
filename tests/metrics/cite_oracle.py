"""What a real MediaWiki's Cite lists for a wikitext: the yardstick of test_refs_wiki.py.

The local wiki (Debian MediaWiki 1.39 with Cite and ParserFunctions) has none of Wikipedia's templates.
It gets minimal, faithful definitions of the ones that make or hold footnotes (``TEMPLATES``), and every
other template call is flattened before rendering (``flatten``): it is replaced by its name and its
parameters' values, as if each template showed all its parameters. That keeps a ``<ref>`` written in an
infobox parameter a ``<ref>`` (on Wikipedia the infobox shows it), where an undefined template would
drop its arguments unseen. The flattening uses mwparserfromhell, not wikitally's code.

``count_cited`` then counts, in the HTML the wiki renders (action=parse), the entries of the default
group's reference lists: the lists that hold an entry an inline marker labelled ``[1]``, ``[2]``, …
points to (other groups are labelled ``[lower-alpha 1]``, ``[note 1]``, …), leaving out entries Cite
lists only to say that no text was given for the name (a reuse of a reference never defined).
"""

from __future__ import annotations

import re
from html import unescape
from typing import Any

import mwparserfromhell
from mwparserfromhell.nodes import Argument, ExternalLink, Heading, Tag, Template, Text, Wikilink
from mwparserfromhell.wikicode import Wikicode

# Module:Footnotes' name: FOOTNOTE + authors/year (trimmed) + page(s) + location; the content is text.
_SFN = (
    "{{#tag:ref|{{{1|}}} {{{2|}}} {{{3|}}} {{{4|}}} {{{5|}}}, "
    "{{{p|{{{page|}}}}}}{{{pp|{{{pages|}}}}}}{{{loc|{{{at|}}}}}}{{{ps|.}}}"
    "|name=FOOTNOTE{{#if:1|{{{1|}}}}}{{#if:1|{{{2|}}}}}{{#if:1|{{{3|}}}}}{{#if:1|{{{4|}}}}}{{#if:1|{{{5|}}}}}"
    "{{#if:{{{p|}}}|{{{p}}}|{{{page|}}}}}{{#if:{{{pp|}}}|{{{pp}}}|{{{pages|}}}}}{{#if:{{{loc|}}}|{{{loc}}}|{{{at|}}}}}}}"
)


def _efn(group: str) -> str:
    return "{{#tag:ref|{{{1|{{{reference|}}}}}}|name={{{name|}}}|group=" + group + "}}"


TEMPLATES: dict[str, str] = {
    "Sfn": _SFN,
    "Sfnp": _SFN,
    "Harvnb": "{{{1|}}} {{{2|}}} {{{3|}}}{{#if:{{{p|}}}|, p. {{{p}}}}}{{#if:{{{pp|}}}|, pp. {{{pp}}}}}",
    "Efn": _efn("{{#if:{{{group|}}}|{{{group}}}|lower-alpha}}"),
    "Efn-ua": _efn("upper-alpha"),
    "Efn-la": _efn("lower-alpha"),
    "Efn-lr": _efn("lower-roman"),
    "Efn-ur": _efn("upper-roman"),
    "Efn-lg": _efn("lower-greek"),
    "Refn": "{{#tag:ref|{{{1|}}}|name={{{name|}}}|group={{{group|}}}}}",
    "Reflist": "<div>{{#tag:references|{{{refs|}}}|group={{{group|}}}}}</div>",
    "Notelist": "<div>{{#tag:references|{{{refs|}}}|group={{{group|lower-alpha}}}}}</div>",
}
_KEEP = {name.lower() for name in TEMPLATES} | {"!", "=", "reflist-talk"}
_MARKER = re.compile(r'<a href="#(cite_note-[^"]*)">\[(\d+)\]</a>')
_LIST = re.compile(r'<ol class="references">(.*?)</ol>', re.DOTALL)
_ENTRY = re.compile(r'<li id="(cite_note-[^"]*)"(.*?)</li>', re.DOTALL)
_NO_TEXT = "no text was provided for refs named"  # Cite's message for a name never defined


def flatten(text: str) -> str:
    """Every call of a template the wiki lacks, replaced by its name and parameter values (innermost
    first); parser functions, magic words and ``TEMPLATES`` stay."""
    code = mwparserfromhell.parse(text)
    _flatten(code)
    return str(code)


def _kept(name: str) -> bool:
    return name.startswith("#") or ":" in name or name.isupper() or name.lower().replace("_", " ") in _KEEP


def _flatten(code: Wikicode) -> None:
    """In place, one walk (replacing through ``code.replace`` searches the tree each time)."""
    for i, node in enumerate(code.nodes):
        if isinstance(node, Template):
            for param in node.params:
                _flatten(param.value)
            name = str(node.name).strip()
            if not _kept(name):
                values = " ".join(str(param.value) for param in node.params)
                code.nodes[i] = Text(f" «{name}» {values} ")
        elif isinstance(node, Tag):
            if node.contents is not None:
                _flatten(node.contents)
        elif isinstance(node, Wikilink):
            if node.text is not None:
                _flatten(node.text)
        elif isinstance(node, Heading):
            _flatten(node.title)
        elif isinstance(node, ExternalLink):
            if node.title is not None:
                _flatten(node.title)
        elif isinstance(node, Argument) and node.default is not None:
            _flatten(node.default)


def render(api_post: Any, text: str) -> str:
    """HTML of ``text`` rendered by the wiki (``api_post(**params) -> dict``)."""
    answer = api_post(action="parse", text=text, title="Refcheck", contentmodel="wikitext", prop="text")
    html: str = answer["parse"]["text"]
    return html


def count_cited(html: str) -> int:
    """Footnotes of the default group in rendered HTML, without never-defined ones."""
    html = unescape(html)  # Cite writes [1] as &#91;1&#93; and ids with &#95;
    default = {m.group(1) for m in _MARKER.finditer(html)}  # footnotes marked [1], [2], …
    n, found = 0, False
    for ol in _LIST.finditer(html):  # one list per group (and per <references/> of it)
        entries = _ENTRY.findall(ol.group(1))
        if any(target in default for target, _ in entries):
            found = True
            n += sum(_NO_TEXT not in body for _, body in entries)
    # a name made empty by a template ({{refn}} without name=) links to "cite_note-", not to its
    # entry's id: such a list is found by its other entries or, when it has none, here
    return n if found else len({m.groups() for m in _MARKER.finditer(html)})
