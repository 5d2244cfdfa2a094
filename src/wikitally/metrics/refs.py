"""Count the references in a page's wikitext.

Hand-written on purpose: a campaign asks this of every revision and its parent, so it runs over
gigabytes of wikitext. A full parse with mwparserfromhell builds a node tree we never look at and is
about 60 times slower (bench/bench_refs.py). The scanner below is a few compiled regexes over the
string; tests/metrics/test_refs.py checks that it gives mwparserfromhell's count on a corpus.

What counts:

* a ``<ref …>content</ref>`` whose raw content is not blank (a comment alone is content, as in
  MediaWiki), named or not, tag name in any case, attributes in any quote style, wherever it stands:
  template arguments, ``<references>…</references>``, ``{{Reflist|refs=…}}``;
* a template call whose normalised name is one of ``sfn_templates``, wherever it stands (inside a
  ``<ref>`` or an ``{{efn}}`` too).

What does not: self-closing reuses (``<ref name=a/>``), blank refs, a ``<ref>`` or ``{{`` never
closed, ``{{{parameters}}}``, anything inside a comment or inside an extension tag whose body is not
wikitext (``<nowiki>``, ``<pre>``, ``<math>``, ``<syntaxhighlight>``, ``<source>``, ``<gallery>`` and
the rest of ``OPAQUE_TAGS``), and ``{{#tag:ref|…}}``.

On malformed markup it follows MediaWiki's preprocessor where mwparserfromhell differs: an unclosed
``<!--`` hides the rest of the page; a ref's content runs to the first ``</ref>``, so a ``<ref>``
written inside another counts once; a newline may separate ``<ref`` from its attributes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from wikitally.model import DEFAULT_SFN_TEMPLATES  # one list, shared with Campaign.sfn_for

# Extension tags whose body MediaWiki does not parse as wikitext (mwparserfromhell's PARSER_BLACKLIST).
OPAQUE_TAGS: tuple[str, ...] = (
    "categorytree", "ce", "chem", "gallery", "graph", "hiero", "imagemap", "inputbox", "math",
    "nowiki", "pre", "score", "section", "source", "syntaxhighlight", "templatedata", "timeline",
)  # fmt: skip

# A tag's attributes run to the first ">"; a "/" just before it makes the tag self-closing. The
# attributes may not swallow that "/", or "<nowiki />" would run on to a later "</nowiki>".
_ATTRS = r"(?:\s[^>/]*(?:/(?!>)[^>/]*)*)?"
# A comment or an opaque element, whichever starts first, like MediaWiki's left-to-right preprocessor.
# An unclosed opaque tag is plain text, so that branch simply fails to match.
_HIDDEN = re.compile(
    r"<(?:!--(?:[^-]+|-(?!->))*(?:-->|\Z)|("
    + "|".join(OPAQUE_TAGS)
    + r")"
    + _ATTRS
    + r"(?:/>|>.*?</\1\s*>))",
    re.IGNORECASE | re.DOTALL,
)
# A ref's content (group 1) runs to the first </ref>. An opening tag never closed fails to match and
# is skipped, as MediaWiki leaves it as text. Unrolled loop rather than lazy ".*?": twice as fast.
_REF = re.compile(
    r"<ref" + _ATTRS + r"(?:/>|>([^<]*(?:<(?!/ref\s*>)[^<]*)*)</ref\s*>)",
    re.IGNORECASE,
)
# A template call's name: everything from "{{" up to "|" or "}}". "{{{" (a parameter) is checked after.
_TEMPLATE_NAME = re.compile(r"\{\{([^{}|\[\]<>]*)(?=\||\}\})")
_BRACES = re.compile(r"\{\{|\}\}")
_TEMPLATE_PREFIX = re.compile(r"template ?: ?", re.IGNORECASE)
_SPACES = re.compile(r"[\s_]+")
_COMMENT_MARK = "\x00"  # what a comment leaves behind: not blank, so <ref><!-- x --></ref> has content
_OPAQUE_MARK = "\x01"


def count_refs(text: str, sfn_templates: Iterable[str] = DEFAULT_SFN_TEMPLATES) -> int:
    """Number of references in ``text``: non-blank ``<ref>`` elements plus shortened-footnote calls.

    ``sfn_templates`` are the wiki's shortened-footnote template names, compared as MediaWiki compares
    titles (first letter case-insensitive, ``_`` = space, optional ``Template:`` prefix). A name
    given with a local namespace prefix ("Шаблон:Sfn") matches calls written with that prefix.
    """
    n = 0
    if "<" in text:
        text = _HIDDEN.sub(_mark_hidden, text)
        n += sum(1 for content in _REF.findall(text) if content.strip())
    if "{{" in text:
        wanted = {normalize_template_name(name) for name in sfn_templates}
        seen: dict[str, bool] = {}  # most pages call the same few templates many times
        for m in _TEMPLATE_NAME.finditer(text):
            name = m.group(1)
            hit = seen.get(name)
            if hit is None:
                # MediaWiki drops comments before it resolves the name; other hidden markup spoils it.
                hit = seen[name] = normalize_template_name(name.replace(_COMMENT_MARK, "")) in wanted
            start = m.start()
            if hit and text[start - 1 : start] != "{" and _is_closed(text, start):
                n += 1
    return n


def normalize_template_name(name: str) -> str:
    """Template title as MediaWiki resolves it: trimmed, ``_``/runs of spaces → one space, no
    ``Template:`` prefix, first letter upper-cased (the rest stays case-sensitive)."""
    name = _SPACES.sub(" ", name).strip()
    prefix = _TEMPLATE_PREFIX.match(name)
    if prefix:
        name = name[prefix.end() :]
    return name[:1].upper() + name[1:]


def _mark_hidden(m: re.Match[str]) -> str:
    return _COMMENT_MARK if m.group(1) is None else _OPAQUE_MARK


def _is_closed(text: str, start: int) -> bool:
    """Whether the ``{{`` at ``start`` has its ``}}``; an unclosed call is plain text in MediaWiki."""
    depth = 0
    for m in _BRACES.finditer(text, start):
        depth += 1 if m.group() == "{{" else -1
        if depth == 0:
            return True
    return False
