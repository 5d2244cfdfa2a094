"""Count the references in a page's wikitext: the footnotes MediaWiki's Cite lists in the default group.

Hand-written on purpose: a campaign asks this of every revision and its parent, so it runs over
gigabytes of wikitext. A full parse with mwparserfromhell builds a node tree we never look at and is
much slower (bench/bench_refs.py). The scanner below walks the text once, left to right, the way
MediaWiki's preprocessor does, and every search it makes is either bounded or remembered, so the
time is linear in the length of the text whatever the input (tests/metrics/test_refs_fuzz.py).

What counts: the entries of the default group's reference list, i.e. citations.

* a ``<ref>`` without ``group`` (or ``group=""``) whose content is not blank (a comment alone is
  content, as in MediaWiki): one per unnamed ref, one per distinct name however often the name is
  defined or reused (``<ref name=a>x</ref> … <ref name=a>x</ref> … <ref name=a/>`` is one);
* ``{{#tag:ref|content}}`` and ``{{refn|content}}`` without a group, by the same rules;
* a call of one of the wiki's shortened-footnote templates (``sfn_templates``, default ``sfn``,
  ``sfnp``): each makes a named ref ``FOOTNOTE`` + authors + year + page(s)/location, as enwiki's
  Module:Footnotes does, so identical calls (``{{sfn|Smith|2000|p=5}}`` twice) are one footnote;
* a list-defined ref (inside ``<references>…</references>``) whose name the text uses.

What does not: notes (``<ref group=…>`` with a non-empty group, ``{{efn}}``, ``{{refn|group=…}}``,
``{{#tag:ref|…|group=…}}``); a template call inside a ``<ref>``'s content (``<ref>{{harvnb|…}}</ref>``
and ``<ref>{{sfn|…}}</ref>`` are that one ref); reuses of a name never defined; blank refs; refs
Cite rejects (a numeric or unknown attribute, ``follow=``, a ``<ref>`` whose content holds another
``<ref``); a ``<ref>`` or ``{{`` never closed; anything inside a comment or an extension tag whose
body is not wikitext (``OPAQUE_TAGS``). A shortened-footnote call inside a note (``{{efn|…{{sfn|…}}}}``)
still counts: on the wiki it makes a footnote in the reference list.

Harvard templates without a footnote of their own (``{{harvnb}}``) are plain text: they count only
as part of the ``<ref>`` they stand in.
"""

from __future__ import annotations

import bisect
import functools
import html
import operator
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from wikitally.model import DEFAULT_SFN_TEMPLATES  # one list, shared with Campaign.sfn_for

# Extension tags whose body MediaWiki does not parse as wikitext: what they hold is never a reference.
OPAQUE_TAGS: tuple[str, ...] = (
    "categorytree", "ce", "charinsert", "chem", "graph", "hiero", "imagemap", "includeonly",
    "inputbox", "mapframe", "maplink", "math", "nowiki", "pre", "score", "section", "source",
    "syntaxhighlight", "templatedata", "templatestyles", "timeline",
)  # fmt: skip
# Extension tags whose body is parsed (gallery captions, poems, list-defined refs, indicators).
TRANSPARENT_TAGS: tuple[str, ...] = ("gallery", "indicator", "poem", "references")
# Templates that wrap {{#tag:ref|1|name=…|group=…}} with a group parameter, as on enwiki.
REFN_TEMPLATES: tuple[str, ...] = ("Refn",)

_WS = " \t\n\r\x0b\x0c"  # the whitespace of MediaWiki's preprocessor (PCRE \s without /u)
_PHP_TRIM = " \t\n\r\0\x0b"  # PHP trim(): what Cite strips before calling content blank
_TAGS = "|".join(("ref", *OPAQUE_TAGS, *TRANSPARENT_TAGS))
_END_OF_NAME = r"(?=[ \t\n\r\x0b\x0c>]|/>)"
# Tokens of the scan. "|" and "=" are only looked for where they matter (see _Scanner.run).
_TOKEN = r"<!--|<(" + _TAGS + r")" + _END_OF_NAME + r"|\{\{+|\}\}+|\[\[+|\]\]+"
_TOKEN_RE = re.compile(_TOKEN, re.IGNORECASE)
# Outside any template only what opens one matters: a "}}" or "|" there is text, and links on their
# own change nothing (with nothing but links open, every token but "{{" and tags is text).
#
# There, the commonest markup is matched whole, in C: a ref with no markup in its body or self-closing (groups
# 1, 2), and a call with no markup in it (group 3): all a scan would do with them is read the ref's attributes,
# or the call's name. Anything else is a token as before (a tag's name: group 4). No part runs past a "<" or
# "{", so a failed match ends where the next one starts: the scan stays linear.
_TOP_WHOLE = (
    r"<ref" + _END_OF_NAME + r"([^<>]*)>(?:(?<=/>)|([^<]*)</ref[ \t\n\r\x0b\x0c]*>)"
    r"|\{\{([^{}\[\]<|]*)(?:\|[^{}\[\]<]*)?\}\}"
)
_TOP_TOKENS = r"<!--|<(" + _TAGS + r")" + _END_OF_NAME + r"|\{\{+"
_TOKEN_TOP_RE = re.compile(_TOP_WHOLE + "|" + _TOP_TOKENS, re.IGNORECASE)
_TOKEN_BAR_RE = re.compile(_TOKEN + r"|\|", re.IGNORECASE)
_TOKEN_BAR_EQ_RE = re.compile(_TOKEN + r"|[|=]", re.IGNORECASE)
_BAR_EQ_RE = re.compile(r"[|=]")
_COMMENT_RE = re.compile(r"<!--.*?(?:-->|\Z)", re.DOTALL)
_NOT_BLANK_RE = re.compile(r"[^ \t\n\r\0\x0b]")
_REF_IN_REF_RE = re.compile(r"<ref(?:erences)?\b", re.IGNORECASE)
# Sanitizer::decodeTagAttributes, simplified: name, then an optional quoted or bare value.
_ATTR_RE = re.compile(
    r"(?:^|[ \t\n\r\x0b\x0c])([:_\w][:_\w.-]*)"
    r"(?:[ \t\n\r\x0b\x0c]*=[ \t\n\r\x0b\x0c]*(?:\"([^\"]*)(?:\"|$)|'([^']*)(?:'|$)|([^ \t\n\r\x0b\x0c\"'>]*)))?"
)
_ATTR_SPACES = re.compile(r"[\t\r\n ]+")
_CLOSING_TAG = re.compile(r"</(\w+)\s*>", re.ASCII)
_OPENING_TAG = re.compile(r"<!--|<(\w+)", re.ASCII)
_TEMPLATE_PREFIX = re.compile(r"template ?: ?", re.IGNORECASE)
_SPACES = re.compile(r"[\s_]+")
_MAX_VALUE = 2000  # longer names/values are not compared: no real one is this long
# Longer calls of ours are not remembered (and, shorter than _MAX_VALUE, no value in one is too long).
_MAX_CALL = 256
_CITE_ATTRS = frozenset({"name", "group", "dir", "follow"})


def count_refs(text: str, sfn_templates: Iterable[str] = DEFAULT_SFN_TEMPLATES) -> int:
    """Number of citations in ``text``: entries of the default group's reference list (see module doc).

    ``sfn_templates`` are the wiki's shortened-footnote template names, compared as MediaWiki compares
    titles (first letter case-insensitive, ``_`` = space, optional ``Template:`` prefix). A name
    given with a local namespace prefix ("Шаблон:Sfn") matches calls written with that prefix.
    """
    if "<" not in text and "{{" not in text:
        return 0
    sfn = tuple(sfn_templates)
    if _REF_TAG_RE.search(text) is None and not _may_call(text, sfn):
        return 0  # no <ref tag and no call of a template that makes one: nothing to scan for
    scanner = _Scanner(text, _normalized(sfn))
    scanner.run()
    return scanner.count()


_REF_TAG_RE = re.compile(r"<ref", re.IGNORECASE)  # every <ref> and <references> starts so (_TOKEN_RE)
_TAG_FUNCTION_RE = re.compile(r"#tag", re.IGNORECASE)


@functools.lru_cache(maxsize=64)
def _normalized(sfn: tuple[str, ...]) -> frozenset[str]:
    return frozenset(normalize_template_name(name) for name in sfn)


@functools.lru_cache(maxsize=64)
def _needles(sfn: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    """For each template that can make a footnote (refn, the shortened-footnote ones): the words of its
    normalized name after the first letter (the only case-insensitive one), which a call must contain."""
    return tuple(tuple(w for w in name[1:].split(" ") if w) for name in (*REFN_TEMPLATES, *_normalized(sfn)))


def _may_call(text: str, sfn: tuple[str, ...]) -> bool:
    """False only when the text can hold no call the scanner would read as ``{{#tag:ref}}``, a refn or a
    shortened-footnote template (an exact pre-check: a comment may split a name, so one means True)."""
    if "{{" not in text:
        return False
    if "<!--" in text or _TAG_FUNCTION_RE.search(text) is not None:
        return True
    return any(all(w in text for w in words) for words in _needles(sfn))


def normalize_template_name(name: str) -> str:
    """Template title as MediaWiki resolves it: trimmed, ``_``/runs of spaces → one space, no
    ``Template:`` prefix, first letter upper-cased (the rest stays case-sensitive)."""
    name = _SPACES.sub(" ", name).strip()
    prefix = _TEMPLATE_PREFIX.match(name)
    if prefix:
        name = name[prefix.end() :]
    return name[:1].upper() + name[1:]


# -- a page's revisions, counted by the stretch --------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Tally:
    """A stretch of text's share of the default group's reference list. `closed`: its scan alone ended with
    nothing open (no template, link, comment or tag reaching past its end, no search that ran to its end),
    so the scanner leaves it in the state it starts in."""

    unnamed: int  # unnamed refs with content
    defined: frozenset[str]  # names given content
    used: frozenset[str]  # names used (defined or reused)
    listed: frozenset[str]  # names defined in a <references> body
    closed: bool
    odd: bool = False  # a name too long to compare ("\0", its position): only a whole text's scan counts it


_NONE: frozenset[str] = frozenset()
_EMPTY = Tally(0, _NONE, _NONE, _NONE, True)
_TALLY = operator.itemgetter(1)
_USED, _LISTED = operator.attrgetter("used"), operator.attrgetter("listed")
_CUT = "\n\n"
_CUT_BYTES = b"\n\n"


def _kept_edges(text: Any, layout: list[tuple[Any, Tally]], heads: int) -> tuple[int, int, int, int]:
    """Where `text` (str or bytes) still begins and ends with the segments (in order) of an earlier text's
    layout, found in place (memcmp): (head, i, tail, m) with text[:head] the first i segments (of the first
    `heads` at most), text[tail:] the segments from m on, and head <= tail."""
    head, i = 0, 0
    while i < heads:
        segment = layout[i][0]
        if not text.startswith(segment, head):
            break
        head += len(segment)
        i += 1
    tail, m = len(text), len(layout)
    while m > i:
        segment = layout[m - 1][0]
        start = tail - len(segment)
        if start < head or not text.startswith(segment, start):
            break
        tail, m = start, m - 1
    return head, i, tail, m


class RefCounter:
    """count_refs for a page's successive revisions, exactly, without rescanning what an edit left alone.

    A text is cut after each blank line. No token holds a newline, so a cut there splits none; and when the
    stretch before a cut closes all it opens (Tally.closed), the scanner reaches the cut in the state it
    starts in, so the stretch after it scans the same alone as within the whole text. The count is then the
    merge of the stretches' tallies, and a stretch's tally is kept by its text: an edit rescans only the
    paragraphs it touched. A stretch that leaves something open (an infobox, comment or ref across a blank
    line) is joined to the next ones (1, 2, 4 … more) until the joined stretch closes or reaches the end.
    Checked against count_refs on every revision of the test dumps and on generated edit histories
    (tests/metrics/test_refs_incremental.py)."""

    def __init__(
        self, sfn_templates: Iterable[str] = DEFAULT_SFN_TEMPLATES, keep: int = 1024, budget: int = 8 << 20
    ) -> None:
        self.sfn = tuple(sfn_templates)
        self.normalized = _normalized(self.sfn)
        # stretches kept at most, and characters (or bytes) of their keys: a page without blank lines has big ones
        self.keep, self.budget = keep, budget
        # stretch (str, or bytes as given to count_encoded; see _scan) → tally
        self.tallies: dict[Any, Tally] = {}
        self.kept = 0  # the keys' total length
        self.kinds: dict[str, str] = {}  # the scanner's memos, shared by the page's stretches
        self.attributes: dict[str, dict[str, str] | None] = {}
        self.calls: dict[str, tuple[dict[str, str], bool] | None] = {}
        # the last text counted, as its stretches (each with the cut after it, but the last) and their tallies
        self.layout: list[tuple[Any, Tally]] = []
        self.layout_cut: Any = None
        # the layout's tallies summed, kept up to date by the stretches an edit removes and adds: an edit's
        # cost, not the page's length. defined: name → how many stretches define it.
        self.unnamed = 0
        self.defined: dict[str, int] = {}
        self.odd = 0  # stretches with a name too long to compare
        self.listed = 0  # stretches with list-defined refs

    def clear(self) -> None:
        self.tallies.clear()
        self.kept = 0
        self._reset(None)
        self.kinds.clear()
        self.attributes.clear()
        self.calls.clear()

    def count(self, text: str) -> int:
        if "<" not in text and "{{" not in text:
            return 0
        if _REF_TAG_RE.search(text) is None and not _may_call(text, self.sfn):
            return 0
        found = self._merge(text, _CUT, None)
        return count_refs(text, self.sfn) if found is None else found

    def count_encoded(self, raw: bytes, decode: Callable[[bytes], str]) -> int:
        """count(decode(raw)) for a text kept encoded (a dump's escaped XML) whose blank lines are b"\\n\\n"
        and which decodes piece by piece: a paragraph an edit left alone is not even decoded."""
        found = self._merge(raw, _CUT_BYTES, decode)
        return count_refs(decode(raw), self.sfn) if found is None else found

    def _merge(self, text: Any, cut: Any, decode: Callable[[bytes], str] | None) -> int | None:
        """The count from the stretches' tallies; None when it must come from a scan of the whole text."""
        self._layout(text, cut, decode)
        if self.odd:
            return None  # a value too long to compare is unique by its position in the whole text
        if not self.listed:
            return self.unnamed + len(self.defined)  # the usual page: no list-defined refs
        tallies = list(map(_TALLY, self.layout))
        used = frozenset().union(*map(_USED, tallies))
        listed = frozenset().union(*map(_LISTED, tallies))
        return self.unnamed + len(self.defined.keys() | (listed & used))

    def _reset(self, cut: Any) -> None:
        """No layout (a new page, or a text given the other way, str or bytes)."""
        self.layout, self.layout_cut = [], cut
        self.unnamed, self.odd, self.listed = 0, 0, 0
        self.defined.clear()

    def _account(self, stretches: Iterable[tuple[Any, Tally]], sign: int) -> None:
        """Add (sign 1) or take away (-1) stretches' tallies from the layout's sums."""
        defined = self.defined
        for _, tally in stretches:
            if tally is _EMPTY:
                continue
            self.unnamed += sign * tally.unnamed
            for name in tally.defined:
                n = defined.get(name, 0) + sign
                if n:
                    defined[name] = n
                else:
                    del defined[name]
            if tally.odd:
                self.odd += sign
            if tally.listed:
                self.listed += sign

    def _layout(self, text: Any, cut: Any, decode: Callable[[bytes], str] | None) -> None:
        """The text's stretches, each with the cut after it (but the last) and its tally, made the layout.

        Any cutting of a text into stretches that each close all they open counts exactly (see the class), so
        the last text's stretches are reused where they stand: an edit changes a page in one place, and the
        stretches the last text begins and ends with are found in place by a comparison (in C), without
        splitting or hashing them. Only the text between is split and looked up. It must end with a cut the
        split makes and its stretches must close; if not, everything after the kept head is redone."""
        if self.layout_cut is not cut:
            self._reset(cut)
        old = self.layout
        size = len(text)
        # the last old stretch has no cut after it (and may not close): never part of the head
        pos, i, tail, m = _kept_edges(text, old, len(old) - 1)
        middle = None
        if tail < size:
            pieces = text[pos:tail].split(cut)  # must end with a cut the split made: an empty last piece
            if not pieces[-1]:
                middle = self._stretches(pieces[:-1], cut, decode, False, old[i:m])
        if middle is None:  # no tail kept, or a stretch reaching into it: the rest is split and looked up
            rest = self._stretches(text[pos:].split(cut), cut, decode, True, old[i:])
            assert rest is not None  # (only a middle can fail to close)
            middle, m = rest, len(old)
        self._account(old[i:m], -1)
        self._account(middle, 1)
        self.layout = [*old[:i], *middle, *old[m:]]

    def _stretches(
        self,
        pieces: list[Any],
        cut: Any,
        decode: Callable[[bytes], str] | None,
        ends: bool,
        replaced: list[tuple[Any, Tally]],
    ) -> list[tuple[Any, Tally]] | None:
        """Pieces (the text between cuts) grouped in stretches that close all they open, with the cut after
        each, and their tallies. `ends`: the pieces run to the text's end; if not, None when a stretch does not
        close within them. `replaced`: the last text's stretches these pieces take the place of."""
        tallies = self.tallies
        out: list[tuple[Any, Tally]] = []
        last = len(pieces) - 1
        i = 0
        while i <= last:
            stretch = pieces[i]
            tally = tallies.get(stretch)
            if tally is None:
                tally = self._grown(stretch, replaced, cut, decode) or self._scan(stretch, cut, decode)
            j = i
            while not tally.closed and j < last:
                j = min(last, 2 * j - i + 1)  # twice as many pieces
                stretch = cut.join(pieces[i : j + 1])
                joined = tallies.get(stretch)
                tally = joined if joined is not None else self._scan(stretch, cut, decode)
            if not ends and not tally.closed:
                return None
            out.append((stretch if ends and j == last else stretch + cut, tally))
            i = j + 1
        return out

    def _grown(
        self, piece: Any, replaced: list[tuple[Any, Tally]], cut: Any, decode: Callable[[bytes], str] | None
    ) -> Tally | None:
        """The tally of a piece that is a replaced stretch with text added after it (an edit's usual kind: a
        sentence added to a paragraph), from that stretch's tally and a scan of the addition alone; None if it
        is not that. Exact when the stretch closes all it opens and the addition begins with a space: a token
        across the join would hold that space, and every token that can (a tag's attributes, a template's or a
        link's arguments, a comment, a ref's body) is one the stretch alone leaves open, or it would not close.
        Nor does a space end a token the stretch ends with ("<", "{", "-", "</ref" stay what they are)."""
        space = b" " if isinstance(piece, bytes) else " "
        for segment, tally in replaced:
            if not tally.closed or tally.odd:
                continue
            size = len(segment) - len(cut) if segment.endswith(cut) else len(segment)
            if len(piece) > size and piece.startswith(space, size) and piece.startswith(segment[:size]):
                added = self._scan(piece[size:], cut, decode)
                grown = Tally(
                    tally.unnamed + added.unnamed,
                    tally.defined | added.defined,
                    tally.used | added.used,
                    tally.listed | added.listed,
                    added.closed,
                    added.odd,
                )
                self._keep(piece, grown)
                return grown
        return None

    def _scan(self, key: Any, cut: Any, decode: Callable[[bytes], str] | None) -> Tally:
        """The tally of a stretch, kept by `key`: the stretch without its trailing blank line. (A single piece
        holds no blank line and a joined stretch does, so keys never collide.) The last stretch too is
        scanned with a blank line after it: what follows a text's end never counts (a tag or "<!--" left open
        there reads to the end either way), and so a paragraph keeps its key when another is added after it."""
        text = key + cut if decode is None else decode(key + cut)
        if "<" not in text and "{{" not in text:
            tally = _EMPTY  # no token at all
        else:
            if len(self.attributes) + len(self.kinds) + len(self.calls) > 8 * self.keep:
                self.kinds.clear()
                self.attributes.clear()
                self.calls.clear()
            scanner = _Scanner(text, self.normalized, self.kinds, self.attributes, self.calls)
            scanner.run()
            tally = scanner.tally()
        self._keep(key, tally)
        return tally

    def _keep(self, key: Any, tally: Tally) -> None:
        if len(key) * 4 > self.budget:
            return  # too big to keep many of: not kept (the layout still holds it while it stands)
        while self.tallies and (len(self.tallies) >= self.keep or self.kept + len(key) > self.budget):
            oldest = next(iter(self.tallies))
            del self.tallies[oldest]
            self.kept -= len(oldest)
        self.tallies[key] = tally
        self.kept += len(key)


_NO_MARKS: list[tuple[str, int]] = []  # shared, never appended to


class _Piece:
    """An open ``{{``/``[[`` run on the preprocessor's stack."""

    __slots__ = ("char", "count", "kind", "marks", "named", "spoiled", "start")

    def __init__(self, char: str, start: int, count: int) -> None:
        self.char = char
        self.start = start  # index of the run's first brace
        self.count = count  # braces of the run still open
        self.kind = ""  # "sfn", "tag", "refn" once the name is known to be one of ours
        self.named = char == "["  # links need no name
        self.spoiled = False  # markup inside the name: not a template we look for
        # "|"/"=" at this level, for the calls we read (a fresh list then: fewer objects for the GC)
        self.marks: list[tuple[str, int]] = _NO_MARKS


class _Scanner:
    def __init__(
        self,
        text: str,
        sfn: frozenset[str],
        kinds: dict[str, str] | None = None,
        attributes: dict[str, dict[str, str] | None] | None = None,
        calls: dict[str, tuple[dict[str, str], bool] | None] | None = None,
    ) -> None:
        self.text = text
        self.sfn = sfn
        # memos, pure (shared by a RefCounter's scans of one page's stretches):
        self.kinds: dict[str, str] = {} if kinds is None else kinds  # raw template name -> kind ("" or not)
        self.attributes = {} if attributes is None else attributes  # a <ref>'s raw attributes, parsed
        self.calls = {} if calls is None else calls  # a whole call of ours → what it cites
        self.stack: list[_Piece] = []
        self.gt = -1  # position of the next ">" (cached: a run of "<ref a" must not rescan)
        self.no_more_gt = False
        self.closing: dict[str, int] = {}  # tag -> position of its next closing tag, -1 if none
        self.references: list[tuple[int, str]] = []  # open <references> bodies: (end, group)
        # Cite's bookkeeping, per group: unnamed refs, names with content, names used, list-defined.
        self.unnamed: dict[str, int] = {}
        self.defined: set[tuple[str, str]] = set()
        self.used: set[tuple[str, str]] = set()
        self.list_defined: set[tuple[str, str]] = set()
        self.open_end = False  # a comment never closed hid the rest

    def count(self) -> int:
        defined = {name for group, name in self.defined if group == ""}
        listed = {name for group, name in self.list_defined if group == "" and ("", name) in self.used}
        return self.unnamed.get("", 0) + len(defined | listed)

    def tally(self) -> Tally:
        """What the text adds to the default group's list, and whether it closes all it opens."""
        closed = not (self.stack or self.open_end or self.no_more_gt or -1 in self.closing.values())
        unnamed = self.unnamed.get("", 0)
        if not self.used and not self.list_defined:  # (defined ⊆ used) a paragraph of unnamed refs at most
            return Tally(unnamed, _NONE, _NONE, _NONE, closed) if unnamed or not closed else _EMPTY
        defined = _default_group(self.defined)
        used = _default_group(self.used)
        return Tally(
            unnamed,
            defined,
            used,
            _default_group(self.list_defined),
            closed,
            any("\0" in name for name in used),
        )

    # ---------------------------------------------------------------- the scan
    def run(self) -> None:
        # One loop, written for speed: on token-dense input (``{{a|[[b`` repeated) it is the cost.
        text, stack, references = self.text, self.stack, self.references
        kinds, attributes = self.kinds, self.attributes
        top_level, plain = _TOKEN_TOP_RE.search, _TOKEN_RE.search
        bars, equals = _TOKEN_BAR_RE.search, _TOKEN_BAR_EQ_RE.search
        search = top_level
        top_match, find, size = _TOKEN_TOP_RE.match, text.find, len(text)
        pos = 0
        # the next "<" and "{{" at the top level (found by memchr, not by the regex's charset loop)
        lt = brace = -1
        while True:
            if search is top_level:  # every top-level token starts at a "<" or "{{": match there
                if lt < pos:
                    lt = find("<", pos)
                    if lt < 0:
                        lt = size
                if brace < pos:
                    brace = find("{{", pos)
                    if brace < 0:
                        brace = size
                at = lt if lt < brace else brace
                if at == size:
                    return
                m = top_match(text, at)
                if m is None:
                    pos = at + 1  # a "<" that starts no token
                    continue
            else:
                m = search(text, pos)
                if m is None:
                    return
            start, pos = m.span()
            char = text[start]
            while references and references[-1][0] <= start:
                references.pop()  # past the end of a <references> body
            if search is top_level and m.lastindex is not None and m.lastindex < 4:
                if m.lastindex < 3:  # a ref, whole: self.tag(), inline
                    attrs, body = m.group(1, 2)
                    if body is None:
                        attrs = attrs[:-1]  # self-closing: "/>"
                    if attrs in attributes:
                        args = attributes[attrs]
                    else:
                        args = attributes[attrs] = _attributes(attrs)
                    if args is not None:
                        self.cite(args, body is None or not body.strip(_PHP_TRIM), False)
                    continue
                raw = m.group(3)  # a call, whole
                kind = kinds.get(raw)
                if kind is None:
                    kind = kinds[raw] = self.kind_of(raw)
                if kind:
                    self.whole_call(kind, len(raw), start, pos)
                continue  # (not one of ours: nothing in it counts)
            if char == "{" or char == "[":
                if stack:
                    top = stack[-1]
                    if not top.named:
                        top.spoiled = True  # markup in a name: not a template we look for
                stack.append(_Piece(char, start, pos - start))
                search = bars if char == "{" else plain
                continue
            if char == "}" or char == "]":
                if not stack or stack[-1].char != ("{" if char == "}" else "["):
                    continue  # nothing of that kind open: plain text
                top = stack.pop()
                if top.count == 2:  # the common case, inline: a template or link closes
                    pos = start + 2
                    if char == "}":
                        if not top.named:
                            self.name(top, start)
                        if top.kind:
                            self.call(top, start)
                    if stack and not stack[-1].named:
                        stack[-1].spoiled = True
                else:
                    pos = start + self.close(top, char, start, pos - start)
            elif char == "<":
                if text.startswith("<!--", start):
                    close = text.find("-->", pos)
                    if close < 0:
                        self.open_end = True
                        return  # an unclosed comment hides the rest
                    pos = close + 3
                    continue
                pos = self.tag(m.group(m.lastindex or 1).lower(), start, pos)  # (group 1, or 4 at the top)
            else:  # "|" or "=" at the level of the open template
                top = stack[-1]
                if not top.named:  # self.name(top, start), inline: this is the hot path
                    top.named = True
                    if not top.spoiled:
                        raw = text[top.start + top.count : start]
                        kind = kinds.get(raw)
                        if kind is None:
                            kind = kinds[raw] = self.kind_of(raw)
                        if kind:
                            top.kind, top.marks = kind, []
                # every "|"; of the "=", only a part's first (it splits name from value)
                if top.kind and (char == "|" or top.marks[-1][0] == "|"):
                    top.marks.append((char, start))
            if stack:
                top = stack[-1]
                search = (
                    plain
                    if top.char == "[" or (top.named and not top.kind)
                    else (equals if top.kind else bars)
                )
            else:
                search = top_level  # a link at the top level is inert: "[[", "]]" and "}}" are text there

    def whole_call(self, kind: str, name: int, start: int, end: int) -> None:
        """A call of ours matched whole at the top level (no markup in it): its "|" and "=" (a part's first)
        marked as the token loop would, and read by citation(). What it cites depends on its text alone (but a
        value too long to compare: unique by its position), so it is remembered by its text."""
        text = self.text
        call = text[start:end] if end - start <= _MAX_CALL else None
        if call is not None and call in self.calls:
            cited = self.calls[call]
        else:
            piece = _Piece("{", start, 2)
            piece.kind, piece.named, piece.marks = kind, True, []
            for bar in _BAR_EQ_RE.finditer(text, start + 2 + name, end - 2):
                if bar.group() == "|" or piece.marks[-1][0] == "|":
                    piece.marks.append((bar.group(), bar.start()))
            cited = self.citation(piece, end - 2)
            if call is not None:
                self.calls[call] = cited
        if cited is not None:
            self.cite(cited[0], cited[1], False)

    def close(self, top: _Piece, char: str, start: int, run: int) -> int:
        """A run of "}" or "]" closing ``top`` (popped), matched as MediaWiki matches them: 2 =
        template or link, 3 = template parameter; returns how many characters of the run it used."""
        count = min(run, top.count)
        matching = 3 if count >= 3 and char == "}" else 2
        if matching == 2 and char == "}":
            if not top.named:
                self.name(top, start)
            if top.kind:
                self.call(top, start)
        if top.count - matching >= 2:  # "{{{{{a}}}": the rest opens a new piece around the node
            rest = _Piece(top.char, top.start, top.count - matching)
            rest.spoiled = True
            self.stack.append(rest)
        elif self.stack and not self.stack[-1].named:
            self.stack[-1].spoiled = True
        return matching

    def name(self, piece: _Piece, bar: int) -> None:
        piece.named = True
        if piece.spoiled:
            return
        raw = self.text[piece.start + piece.count : bar]
        kind = self.kinds.get(raw)
        if kind is None:
            kind = self.kinds[raw] = self.kind_of(raw)
        if kind:
            piece.kind, piece.marks = kind, []

    def kind_of(self, raw: str) -> str:
        name = _COMMENT_RE.sub("", raw)  # MediaWiki drops comments before it resolves a title
        if any(c in name for c in "{}[]<>|"):
            return ""
        head, colon, rest = name.partition(":")
        if colon and head.strip(_WS).lower() == "#tag":
            return "tag" if rest.strip(_WS).lower() == "ref" else ""
        title = normalize_template_name(name)
        if title in REFN_TEMPLATES:  # its group decides, even when listed as a shortened footnote
            return "refn"
        return "sfn" if title in self.sfn else ""

    def tag(self, name: str, start: int, pos: int) -> int:
        """An extension tag at ``start``; returns where the scan goes on."""
        if self.stack and not self.stack[-1].named:
            self.stack[-1].spoiled = True
        if self.no_more_gt:
            return pos
        if self.gt < pos:
            self.gt = self.text.find(">", pos)
            if self.gt < 0:
                self.no_more_gt = True  # no tag can end any more: the rest is text
                return pos
        gt = self.gt
        if self.text[gt - 1] == "/":  # self-closing
            if name == "ref":
                self.ref(self.text[pos : gt - 1], None)
            return gt + 1
        close = self.closing_tag(name, gt + 1)
        if close is None:
            return gt + 1  # never closed: the opening tag is text
        close_start, close_end = close
        if name == "ref":
            self.ref(self.text[pos:gt], (gt + 1, close_start))
            return close_end
        if name == "references":
            args = _attributes(self.text[pos:gt]) or {}
            self.references.append((close_start, args.get("group", "")))
        if name in TRANSPARENT_TAGS:
            return gt + 1
        return close_end  # opaque: nothing inside counts

    def closing_tag(self, name: str, pos: int) -> tuple[int, int] | None:
        """The first ``</name>`` at or after ``pos``; a failed search is remembered, so that
        ``<nowiki><nowiki>…`` never closed costs one search, not one per tag."""
        known = self.closing.get(name)
        if known is not None and (known < 0 or known >= pos):
            start = known
        else:
            m = _closing_re(name).search(self.text, pos)
            start = -1 if m is None else m.start()
            self.closing[name] = start
        if start < 0:
            return None
        return start, self.text.index(">", start) + 1

    # ---------------------------------------------------------------- Cite
    def ref(self, attrs: str, content: tuple[int, int] | None) -> None:
        """A ``<ref>`` tag: ``content`` is the span of its body, None when self-closing."""
        if attrs in self.attributes:  # a page reuses the same few names over and over
            args = self.attributes[attrs]
        else:
            args = self.attributes[attrs] = _attributes(attrs)
        if args is None:
            return
        text = self.text
        blank = content is None or _NOT_BLANK_RE.search(text, *content) is None
        included = (
            content is not None
            and not blank
            and _REF_IN_REF_RE.search(text, *content) is not None
            and _holds_ref(text[content[0] : content[1]])
        )
        self.cite(args, blank, included)

    def cite(self, args: dict[str, str], blank: bool, included: bool) -> None:
        """Cite::guardedRef, reduced to what decides whether a footnote is listed."""
        if not args.keys() <= _CITE_ATTRS or "follow" in args:
            return  # unknown attribute: an error; follow= adds to another ref
        if "dir" in args and args["dir"].lower() not in ("ltr", "rtl"):
            return
        name = args.get("name", "")
        if name.isdigit() and name.isascii():
            return  # numeric names are an error
        if self.references:
            group = args.get("group", self.references[-1][1])
            if group == self.references[-1][1] and name and not blank:
                self.list_defined.add((group, name))
            return
        group = args.get("group", "")
        if not name:
            if not blank and not included:
                self.unnamed[group] = self.unnamed.get(group, 0) + 1
        elif not included:
            self.used.add((group, name))
            if not blank:
                self.defined.add((group, name))

    def call(self, piece: _Piece, close: int) -> None:
        """A closed call of ``{{#tag:ref}}``, a refn template or a shortened-footnote template."""
        cited = self.citation(piece, close)
        if cited is not None:
            self.cite(cited[0], cited[1], False)

    def citation(self, piece: _Piece, close: int) -> tuple[dict[str, str], bool] | None:
        """What a closed call of ours cites (its attributes, and whether blank), or None."""
        text = self.text
        bounds: list[tuple[int, int, int]] = []  # each part: (start, end, first "=" or -1)
        start, eq = -1, -1
        for char, at in piece.marks:
            if char == "|":
                if start >= 0:
                    bounds.append((start, at, eq))
                start, eq = at + 1, -1
            elif eq < 0:
                eq = at
        if start >= 0:
            bounds.append((start, close, eq))
        if piece.kind == "tag":
            # {{#tag:ref|content|name=…|group=…}}: the first part is the content, whole.
            if not bounds:
                return None
            args: dict[str, str] = {}
            for a, b, e in bounds[1:]:
                if e >= 0:
                    args[_value(text, a, e)] = _unquote(_value(text, e + 1, b))
            first = bounds[0]
            return args, _NOT_BLANK_RE.search(text, first[0], first[1]) is None
        params = _parameters(text, bounds)
        if piece.kind == "refn":
            args = {key: params[key] for key in ("name", "group") if params.get(key)}
            content = params.get("1", "")
            return args, not content.strip(_PHP_TRIM)
        # Module:Footnotes: name = FOOTNOTE + authors and year + page(s) + location.
        key = "FOOTNOTE" + "".join([params.get(i, "") for i in _AUTHORS_YEAR])
        for short, long in (("p", "page"), ("pp", "pages"), ("loc", "at")):
            key += params.get(short) or params.get(long) or ""  # the first given, not empty
        return {"name": key}, False


def _default_group(names: set[tuple[str, str]]) -> frozenset[str]:
    return frozenset([name for group, name in names if not group]) if names else _NONE


_AUTHORS_YEAR = ("1", "2", "3", "4", "5")  # Module:Footnotes' positional parameters


def _value(text: str, a: int, b: int) -> str:
    """A name or value, trimmed and without comments; one too long to be real is kept unique."""
    if b - a > _MAX_VALUE:
        return f"\0{a}"
    value = text[a:b]
    if "<" in value:  # (every comment starts with one; a call matched whole holds none)
        value = _COMMENT_RE.sub("", value)
    return value.strip(_WS)


def _unquote(value: str) -> str:
    """#tag's attribute values may be quoted."""
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value


def _parameters(text: str, bounds: list[tuple[int, int, int]]) -> dict[str, str]:
    """A template call's parameters: ``name=value`` (both trimmed) or positional 1, 2, …"""
    params: dict[str, str] = {}
    index = 0
    for a, b, e in bounds:
        if e >= 0:
            params[_value(text, a, e)] = _value(text, e + 1, b)
        else:
            index += 1
            params[str(index)] = _value(text, a, b)
    return params


def _attributes(attrs: str) -> dict[str, str] | None:
    """A tag's attributes as Cite gets them (names lower-cased; values trimmed, whitespace runs
    made one space, entities decoded); None when too long to be a real tag's."""
    if len(attrs) > _MAX_VALUE:
        return None
    out: dict[str, str] = {}
    for m in _ATTR_RE.finditer(attrs):
        value = next((v for v in m.group(2, 3, 4) if v is not None), "")
        out[m.group(1).lower()] = html.unescape(_ATTR_SPACES.sub(" ", value).strip(" "))
    return out


@functools.lru_cache(maxsize=256)
def _closing_re(name: str) -> re.Pattern[str]:
    return re.compile(r"</" + name + r"[ \t\n\r\x0b\x0c]*>", re.IGNORECASE)  # one per tag name: few


def _holds_ref(content: str) -> bool:
    """Whether a ref's content holds another ``<ref``/``<references`` outside comments and elements:
    Cite's sign of a missing ``</ref>`` (it then shows an error, not a footnote). Cite strips
    ``<x …>…</x>`` and comments with a regex before it looks; this finds every closing tag once, so
    it stays linear where that regex is not."""
    closes: dict[str, list[int]] = {}
    for closing in _CLOSING_TAG.finditer(content):
        closes.setdefault(closing.group(1), []).append(closing.start())  # "</\\1" is case-sensitive
    gt = -1
    pos = 0
    while True:
        m = _OPENING_TAG.search(content, pos)
        if m is None:
            return False
        if m.group(1) is None:  # a comment; an unclosed one hides nothing from Cite's regex
            close = content.find("-->", m.end())
            pos = m.end() if close < 0 else close + 3
            continue
        if gt < m.end():
            gt = content.find(">", m.end())
            if gt < 0:
                return False
        name = m.group(1)
        positions = closes.get(name, ())
        i = bisect.bisect_right(positions, gt)
        if i < len(positions):  # an element: skip it whole
            pos = content.index(">", positions[i]) + 1
        elif name.lower() in ("ref", "references"):
            return True
        else:
            pos = m.end()
