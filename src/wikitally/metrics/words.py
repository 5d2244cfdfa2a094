"""Count the words of prose a reader sees in wikitext, and the words of prose an edit added.

``strip_markup`` turns wikitext into the prose a reader sees; ``tokenize`` splits that into words in
any script; ``words_added`` diffs the words of a revision against its parent's.

Choices worth knowing when reading a number:

* Prose only: tables (``{| … |}``, also indented ``:{|`` and nested ones) and headings
  (``== … ==``) are dropped whole, as TextExtracts drops them from a page's plain-text extract.
* Templates are dropped whole, including those that print prose (``{{lang|fr|…}}``, ``{{convert}}``);
  so are references, file/image links with their captions (also over several lines), categories and
  interlanguage links. Which link prefixes are files, categories or languages comes from each wiki's
  siteinfo (``LinkNames``); other links, interwiki and namespace links too, show their label.
* Apostrophes and hyphens split words ("don't" → "don", "t"): simple and the same in every language.
* In scripts written without spaces (Han, Hiragana, Katakana, Thai, Lao, Khmer, Myanmar, Tibetan) each
  letter, with the combining marks that follow it, is a word: an edit's size, not a dictionary count.
* ``<nowiki>`` and ``<pre>`` show their content as typed, so its words count, markup-looking or not.
* Every pass is linear in the text's length, whatever the text: an unclosed tag, template or link
  is searched for its end once, not once per opening (as MediaWiki's own preprocessor does).
* ``words_added`` is a word-level diff, so a paragraph moved to another place counts as added. When
  the part between the common head and tail still has more than ``LINE_DIFF_MIN_TOKENS`` words on
  both sides, it diffs lines first and words only inside the changed blocks: difflib alone on the
  ~20k words of a 100 KB article takes 1–3 s, the two steps 0.05–0.6 s, with the same count on
  ordinary edits (a whole rewrite or shuffle can come out a little different).
"""

from __future__ import annotations

import difflib
import functools
import html
import itertools
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from wikitally.model import SiteInfo

# Extension tags whose content a reader does not see as prose: dropped with their content.
DROPPED_TAGS: tuple[str, ...] = (
    "ref", "references", "math", "chem", "ce", "syntaxhighlight", "source", "gallery", "score",
    "timeline", "graph", "hiero", "imagemap", "inputbox", "categorytree", "templatedata",
    "templatestyles", "mapframe", "maplink", "includeonly", "indicator", "section", "rt", "rp",
)  # fmt: skip
# Tags shown as literal text: their content is kept but not read as markup.
LITERAL_TAGS: tuple[str, ...] = ("nowiki", "pre")
# HTML tags that do not break a word ("<b>foo</b>bar" reads as "foobar"); other tags act as a space.
INLINE_TAGS: frozenset[str] = frozenset((
    "abbr", "b", "bdi", "bdo", "big", "cite", "code", "data", "del", "dfn", "em", "font", "i", "ins",
    "kbd", "mark", "q", "rb", "ruby", "s", "samp", "small", "span", "strike", "strong", "sub", "sup",
    "time", "tt", "u", "var", "nowiki", "onlyinclude", "noinclude",
    "ref", "references",  # only a stray tag is left by now, e.g. an unclosed <ref>: not prose
))  # fmt: skip
# MediaWiki's HTML whitelist plus the extension tags left after DROPPED_TAGS: anything else is text.
HTML_TAGS: frozenset[str] = INLINE_TAGS | frozenset((
    "blockquote", "br", "caption", "center", "dd", "div", "dl", "dt", "h1", "h2", "h3", "h4", "h5",
    "h6", "hr", "li", "ol", "p", "pre", "table", "td", "th", "tr", "ul", "wbr", "meta", "link", "poem",
))  # fmt: skip
# Namespaces whose links show nothing in the text: File (images, with their captions) and Category.
HIDDEN_NAMESPACES: tuple[int, ...] = (6, 14)
# MediaWiki's canonical names and English aliases: every wiki accepts them besides its local names.
CANONICAL_NAMESPACES: dict[int, tuple[str, ...]] = {
    -2: ("Media",), -1: ("Special",), 1: ("Talk",), 2: ("User",), 3: ("User talk",),
    4: ("Project", "Wikipedia", "WP"), 5: ("Project talk", "Wikipedia talk", "WT"),
    6: ("File", "Image"), 7: ("File talk", "Image talk"), 8: ("MediaWiki",), 9: ("MediaWiki talk",),
    10: ("Template",), 11: ("Template talk",), 12: ("Help",), 13: ("Help talk",), 14: ("Category",),
    15: ("Category talk",), 100: ("Portal",), 101: ("Portal talk",), 118: ("Draft",),
    119: ("Draft talk",), 828: ("Module",), 829: ("Module talk",),
}  # fmt: skip
# Local File/Category names of some wikis, for when no siteinfo is given (tests, a wiki-less count).
DEFAULT_HIDDEN_NAMES: tuple[str, ...] = (
    "skeda", "figura", "kategoria", "kategori",  # sq
    "датотека", "слика", "категорија", "datoteka", "slika", "kategorija", "податотека",  # sr, hr, mk
    "файл", "изображение", "категория", "категорія",  # ru, uk
    "ファイル", "画像", "カテゴリ",  # ja
    "ไฟล์", "ภาพ", "หมวดหมู่",  # th
    "αρχείο", "εικόνα", "κατηγορία",  # el
    "պատկեր", "կատեգորիա",  # hy
    "lêer", "kategorie", "fișier", "imagine", "categorie", "soubor",  # af, ro, cs
    "datei", "bild", "fichier", "catégorie", "archivo", "imagen", "categoría",
    "immagine", "categoria", "ficheiro", "arquivo", "imagem", "plik", "grafika", "dosya", "resim",
    "ملف", "صورة", "تصنيف", "پرونده", "رده", "קובץ", "תמונה", "קטגוריה", "चित्र", "श्रेणी",
    "文件", "檔案", "图像", "圖像", "分类", "分類", "파일", "그림", "분류",
)  # fmt: skip
# Scripts written without spaces between words (Unicode blocks, one letter = one word).
NO_SPACE_RANGES = (
    "\u0e00-\u0eff"  # Thai, Lao
    "\u0f00-\u0fff"  # Tibetan
    "\u1000-\u109f\ua9e0-\ua9ff\uaa60-\uaa7f"  # Myanmar
    "\u1780-\u17ff\u19e0-\u19ff"  # Khmer
    "\u2e80-\u2fdf\u3005-\u3007\u3021-\u3029\u3038-\u303b\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"  # Han
    "\U00020000-\U0003134f"  # Han, supplementary planes
    "\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9f\U0001b000-\U0001b16f"  # Hiragana, Katakana
)
# Format characters that sit inside words (soft hyphen, ZWNJ, ZWJ, word joiner): they never split one.
WORD_JOINERS = "\u00ad\u200c\u200d\u2060"

# Above this many words on both sides of the changed middle, diff lines first, then words inside the
# changed blocks. 2,000 rather than 20,000: a 100 KB article is ~16–20k words, and a plain word diff of
# it takes seconds (see the module docstring).
LINE_DIFF_MIN_TOKENS = 2_000


def _norm(name: str) -> str:
    """A link prefix or namespace name as MediaWiki compares them: "_" is a space, case ignored."""
    return " ".join(name.replace("_", " ").split()).lower()


@dataclass(frozen=True)
class LinkNames:
    """What the prefix of a link (``[[prefix:…]]``) means on one wiki, from its siteinfo.

    ``namespaces``: every namespace name and alias; ``hidden``: those of File and Category, whose
    links show nothing; ``languages``: interlanguage prefixes (interwikimap entries with
    ``language``), whose links show nothing either. Any other prefix, an interwiki one too, makes a
    link that shows its label. ``languages`` None (no siteinfo): a prefix shaped like a language code
    (``fr``, ``zh-min-nan``) that is no namespace name is taken for one. All in ``_norm`` form.
    """

    namespaces: frozenset[str]
    hidden: frozenset[str]
    languages: frozenset[str] | None = None

    @classmethod
    def of(
        cls,
        namespaces: Mapping[int, Iterable[str]],
        languages: Iterable[str] | None = None,
    ) -> LinkNames:
        """From names and aliases by namespace id (canonical names are added) and language prefixes."""
        by_id: dict[int, set[str]] = {k: {_norm(n) for n in v} for k, v in CANONICAL_NAMESPACES.items()}
        for number, names in namespaces.items():
            by_id.setdefault(number, set()).update(_norm(n) for n in names)
        every = frozenset(n for names in by_id.values() for n in names if n)
        hidden = frozenset(n for k in HIDDEN_NAMESPACES for n in by_id.get(k, ()) if n)
        return cls(every, hidden, None if languages is None else frozenset(_norm(p) for p in languages))

    def kind(self, target: str) -> str:
        """What a link to ``target`` shows: "hidden" (a file or category: nothing), "language" (an
        interlanguage link: nothing) or "link" (its label or target)."""
        target = target.lstrip()
        if target.startswith(":"):  # [[:Category:X]], [[:fr:Paris]]: a visible link
            return "link"
        prefix, colon, _ = target.partition(":")
        if not colon:
            return "link"
        prefix = _norm(prefix)
        if prefix in self.hidden:
            return "hidden"
        if prefix in self.namespaces:
            return "link"
        if self.languages is None:
            return "language" if _INTERLANGUAGE.fullmatch(prefix) else "link"
        return "language" if prefix in self.languages else "link"


def link_names(info: SiteInfo) -> LinkNames:
    """A wiki's LinkNames from its siteinfo: local names, canonical names, aliases, languages."""
    names: dict[int, tuple[str, ...]] = dict(info.namespace_aliases)
    for number, name in info.namespace_names.items():
        names[number] = (name, *names.get(number, ()))
    return LinkNames.of(names, info.interlanguage)


_INTERLANGUAGE = re.compile(r"[a-z]{2,3}(?:-[a-z0-9]+)*")
DEFAULT_LINK_NAMES = LinkNames.of({6: DEFAULT_HIDDEN_NAMES})


# What the preprocessor looks at first: comments, templates' braces and extension tags (a name then
# a space, "/" or ">"), as MediaWiki does before it reads links or tables.
@functools.lru_cache(maxsize=64)
def _pre_token(tags: frozenset[str]) -> re.Pattern[str]:
    alternatives = [r"<!--", r"\{\{", r"\}\}"]
    if tags:  # longest first: "references" before "ref"
        alternatives.append(r"<(" + "|".join(sorted(tags, key=lambda t: (-len(t), t))) + r")(?=[\s/>])")
    return re.compile("|".join(alternatives), re.IGNORECASE)


_EXTENSION_TAGS = frozenset(DROPPED_TAGS + LITERAL_TAGS)
_GT = re.compile(">")
_HTML_TABLE = re.compile(r"<(/?)table(?=[\s/>])[^<>]*>", re.IGNORECASE)
_LINK_TOKEN = re.compile(r"\[\[|\]\]")
_LINK_TARGET = re.compile(r"[^\[\]{}<>|\n]*")  # MediaWiki's title characters, roughly: no line break
_EXTERNAL_LINK = re.compile(r"\[(?:https?:|ftp:|mailto:|//)[^\s\[\]<>\"]*", re.IGNORECASE)
_EXTERNAL_END = re.compile(r"[\]\n]")
_BARE_URL = re.compile(r"\b(?:https?|ftp)://[^\s<>\[\]{}|]+", re.IGNORECASE)
_LIST_MARKER = re.compile(r"^[*#:;]+", re.MULTILINE)
_QUOTE_RUN = re.compile(r"('{2,})")
_BEHAVIOR_SWITCH = re.compile(r"__[^\W_]+__")
_TAG = re.compile(r"</?([A-Za-z][A-Za-z0-9]*)(?:\s[^<>]*)?/?>")
# The text of <nowiki>/<pre> is shown as typed: its markup characters become character references,
# which no later pass reads as markup and html.unescape turns back at the end. (No placeholder
# characters: any character may occur in real text.)
_LITERAL = str.maketrans({c: f"&#{ord(c)};" for c in "[]{}|<>'=*#:;!_-~/\\"})


class _Next:
    """The next match of ``pattern`` in ``text`` at or after a position, for positions that only grow.

    Each stretch of the text is searched once: a thousand unclosed ``<ref>`` cost one scan for
    ``</ref>``, not a thousand (MediaWiki's preprocessor keeps the same memo).
    """

    __slots__ = ("_found", "_from", "_pattern", "_text")

    def __init__(self, pattern: re.Pattern[str], text: str) -> None:
        self._pattern, self._text = pattern, text
        self._from = -1
        self._found: re.Match[str] | None = None

    def at(self, pos: int) -> re.Match[str] | None:
        if 0 <= self._from <= pos and (self._found is None or self._found.start() >= pos):
            return self._found  # nothing matches between the last search's start and its match
        self._from, self._found = pos, self._pattern.search(self._text, pos)
        return self._found


def strip_markup(text: str, names: LinkNames = DEFAULT_LINK_NAMES, *, prose_only: bool = True) -> str:
    """The prose of ``text`` as a reader sees it.

    Dropped: comments, templates (nested), ``<ref>``/``<references>`` and the other ``DROPPED_TAGS``
    with their content, tables, headings, file/image/category/interlanguage links (file captions
    too), bare URLs, bold/italic quotes, list markers, behaviour switches like ``__NOTOC__``. Kept:
    link labels (``[[Target|label]]`` → ``label``, ``[[Target]]`` → ``Target``, ``[http://x label]``
    → ``label``), the text inside formatting tags, and the content of ``<nowiki>``/``<pre>`` as
    literal text. HTML entities are decoded. ``names`` says which link prefixes hide a link.
    ``prose_only=False`` (a newsletter's text, not a count) keeps headings' and table cells' text.
    """
    # Comments and extension tags first: MediaWiki's preprocessor sees them before braces or links.
    text = _preprocess(text)
    if prose_only:
        text = _drop_html_tables(text)
    text = _drop_tables_and_headings(text, keep_text=not prose_only)
    text = _replace_wikilinks(text, names)
    text = _replace_external_links(text)
    text = _BARE_URL.sub("", text)
    text = _LIST_MARKER.sub("", text)
    text = _strip_quotes(text)
    text = _BEHAVIOR_SWITCH.sub("", text)
    text = _TAG.sub(_replace_tag, text)
    return html.unescape(text)


def tokenize(text: str) -> list[str]:
    """Words of ``text``: maximal runs of letters and digits (with combining marks and joiners inside),
    except that each letter of a script written without spaces is a word on its own."""
    return _word_re().findall(text)


def count_words(text: str, names: LinkNames = DEFAULT_LINK_NAMES) -> int:
    """Number of words of prose a reader sees in the wikitext ``text``."""
    return len(tokenize(strip_markup(text, names)))


class Prepared:
    """A text stripped and tokenised once, so a revision that is also the next one's parent is not redone."""

    __slots__ = ("_lines", "stripped", "tokens")

    def __init__(self, text: str, names: LinkNames = DEFAULT_LINK_NAMES) -> None:
        self.stripped = strip_markup(text, names)
        self.tokens = tokenize(self.stripped)
        self._lines: list[tuple[str, ...]] | None = None

    @property
    def lines(self) -> list[tuple[str, ...]]:
        if self._lines is None:
            self._lines = [tuple(tokenize(line)) for line in self.stripped.split("\n")]
        return self._lines


def words_added(parent_text: str, text: str, names: LinkNames = DEFAULT_LINK_NAMES) -> int:
    """Number of words of prose of ``text`` that a word-level diff against ``parent_text`` marks as inserted
    (inserts and the new side of replacements). A new page (``parent_text`` = "") adds all its words;
    an edit that only removes adds none; a moved paragraph counts as added."""
    return words_added_prepared(Prepared(parent_text, names), Prepared(text, names))


def words_added_prepared(parent: Prepared, revision: Prepared) -> int:
    """words_added on texts prepared once."""
    old, new = parent.tokens, revision.tokens
    start, old_end, new_end = _common_ends(old, new)
    if min(old_end, new_end) - start > LINE_DIFF_MIN_TOKENS:
        # A word-level diff of two huge middles is slow; lines narrow it down to the changed blocks.
        old_lines, new_lines = parent.lines, revision.lines
        return sum(
            _inserted(_flat(old_lines[i1:i2]), _flat(new_lines[j1:j2]))
            for tag, i1, i2, j1, j2 in _opcodes(old_lines, new_lines)
            if tag != "equal"
        )
    return _inserted(old[start:old_end], new[start:new_end])


def _flat(lines: Sequence[tuple[str, ...]]) -> list[str]:
    return [word for line in lines for word in line]


def _inserted(old: Sequence[str], new: Sequence[str]) -> int:
    start, old_end, new_end = _common_ends(old, new)
    if start in (old_end, new_end):  # nothing left on one side: all inserted, or all deleted
        return new_end - start
    return sum(
        j2 - j1
        for tag, _i1, _i2, j1, j2 in _opcodes(old[start:old_end], new[start:new_end])
        if tag in ("insert", "replace")
    )


def _opcodes(old: Sequence[object], new: Sequence[object]) -> Sequence[tuple[str, int, int, int, int]]:
    # autojunk=False: the heuristic would treat frequent words ("the", "и") as junk and misalign.
    return difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes()


def _common_ends(old: Sequence[object], new: Sequence[object]) -> tuple[int, int, int]:
    """Length of the common prefix, and where the common suffix starts in ``old`` and in ``new``."""
    limit = min(len(old), len(new))
    start = 0
    while start < limit and old[start] == new[start]:
        start += 1
    old_end, new_end = len(old), len(new)
    while old_end > start and new_end > start and old[old_end - 1] == new[new_end - 1]:
        old_end -= 1
        new_end -= 1
    return start, old_end, new_end


def _preprocess(text: str) -> str:
    """Drop comments, templates and DROPPED_TAGS; escape the text of LITERAL_TAGS. An unclosed
    ``{{`` or extension tag stays text, as MediaWiki shows it."""
    out: list[str] = []
    opened: list[int] = []  # len(out) at each "{{" not closed yet
    tag_end = _Next(_GT, text)
    closers: dict[str, _Next] = {}
    tags = _EXTENSION_TAGS  # those that may still be closed further on
    token_re = _pre_token(tags)
    pos = 0
    while (m := token_re.search(text, pos)) is not None:
        out.append(text[pos : m.start()])
        pos = m.end()
        token = m.group()
        if token == "<!--":  # MediaWiki removes a comment without a trace; unclosed, it hides the rest
            end = text.find("-->", pos)
            pos = len(text) if end < 0 else end + 3
        elif token == "{{":
            opened.append(len(out))
            out.append(token)
        elif token == "}}":
            if opened:
                del out[opened.pop() :]  # the template and everything in it
            else:
                out.append(token)
        elif (gt := tag_end.at(pos)) is None:
            out.append(token)  # "<ref" and no ">" after it: text, and so is every later tag
            tags = frozenset()
            token_re = _pre_token(tags)
        else:
            name = m.group(1).lower()
            if gt.start() > pos and text[gt.start() - 1] == "/":  # <ref name=x />
                out.append("" if name in LITERAL_TAGS else " ")
                pos = gt.end()
                continue
            if name not in closers:
                closers[name] = _Next(re.compile(rf"</{name}\s*>", re.IGNORECASE), text)
            close = closers[name].at(gt.end())
            if close is None:
                out.append(token)  # never closed: MediaWiki shows the tag as typed
                # No later one of this name can be closed either: stop looking at them at all.
                tags = tags - {name}
                token_re = _pre_token(tags)
                continue
            body = text[gt.end() : close.start()]
            # A ref, formula, gallery …: shown as something, but not as prose.
            out.append(body.translate(_LITERAL) if name in LITERAL_TAGS else " ")
            pos = close.end()
    out.append(text[pos:])
    return "".join(out)


def _drop_html_tables(text: str) -> str:
    """Drop ``<table>…</table>`` with its content, outermost first; an unclosed one stays."""
    if "<" not in text:
        return text
    opened: list[int] = []
    spans: list[tuple[int, int]] = []
    for m in _HTML_TABLE.finditer(text):
        if not m.group(1):
            opened.append(m.start())
        elif opened:
            start = opened.pop()
            while spans and spans[-1][0] >= start:  # nested inside this one
                spans.pop()
            spans.append((start, m.end()))
    if not spans:
        return text
    parts, last = [], 0
    for start, end in spans:
        parts.append(text[last:start])
        parts.append(" ")
        last = end
    parts.append(text[last:])
    return "".join(parts)


def _drop_tables_and_headings(text: str, keep_text: bool = False) -> str:
    """Blank the lines of tables (MediaWiki's rule: a trimmed line ``:*{|`` opens one, ``|}`` closes
    it) and of headings (a line that starts and ends with ``=``); with ``keep_text``, keep the
    headings' text and the cells' text without their markup and attributes instead."""
    if "{|" not in text and "=" not in text:
        return text
    lines = text.split("\n")
    depth = 0
    for i, line in enumerate(lines):
        trimmed = line.strip()
        if trimmed.lstrip(":").lstrip().startswith("{|"):
            depth += 1
            lines[i] = ""
        elif depth:
            if trimmed.startswith("|}"):
                depth -= 1
                lines[i] = "" if depth else trimmed[2:]  # text after the end of the outer table stays
            else:
                lines[i] = _cells_text(trimmed) if keep_text else ""
        elif line.startswith("=") and trimmed.endswith("=") and len(trimmed) > 1:
            lines[i] = trimmed.strip("=").strip() if keep_text else ""
    return "\n".join(lines)


def _cells_text(line: str) -> str:
    """The text of a table row's line: caption, header or data cells, without their attributes."""
    if line.startswith("|-"):
        return ""
    if line.startswith("|+"):
        return _cell_text(line[2:])
    if line.startswith("|"):
        return " ".join(_cell_text(cell) for cell in line[1:].split("||"))
    if line.startswith("!"):
        return " ".join(_cell_text(cell) for cell in re.split(r"!!|\|\|", line[1:]))
    return line


def _cell_text(cell: str) -> str:
    # Templates are gone by now; a single "|" ends the cell's attributes, unless it is a link's.
    head, bar, rest = cell.partition("|")
    return rest if bar and "[[" not in head else cell


def _replace_wikilinks(text: str, names: LinkNames) -> str:
    """``[[…]]`` links by MediaWiki's rules: the target has no line break; an ordinary link's label
    runs to the next ``]]`` (line breaks allowed) with no ``[[`` before it; a file or category link
    runs to its matching ``]]``, nested links in a caption included, and shows nothing."""
    if "[[" not in text:
        return text
    starts = [m.start() for m in _LINK_TOKEN.finditer(text)]
    opens = [text[p] == "[" for p in starts]
    partner: list[int] = []  # each "[[" with the "]]" that balances it: found once, when first needed
    out: list[str] = []
    last = 0
    i = 0
    count = len(starts)
    while i < count:
        pos = starts[i]
        i += 1
        if not opens[i - 1]:
            continue
        target_end = _LINK_TARGET.match(text, pos + 2).end()  # type: ignore[union-attr]
        target = text[pos + 2 : target_end]
        after = text[target_end : target_end + 2]
        if not target.strip() or not (after.startswith("|") or after == "]]"):
            continue  # not a link: MediaWiki shows "[[" as typed
        closed = i < count and not opens[i]  # the next token is "]]"
        if not closed and ":" not in target:
            continue  # neither a link (a "[[" before the "]]") nor a file or category: text
        kind = names.kind(target)
        if kind == "hidden":
            partner = partner or _balanced(opens)
            close = partner[i - 1]
            if close < 0:
                continue
            out.append(text[last:pos])
            last, i = starts[close] + 2, close + 1
            continue
        if not closed:
            continue  # another "[[" before the "]]": this one is text
        end = starts[i]
        out.append(text[last:pos])
        last, i = end + 2, i + 1
        if kind == "link":
            out.append(_link_text(target, text[target_end + 1 : end] if after != "]]" else None))
    out.append(text[last:])
    return "".join(out)


def _balanced(opens: list[bool]) -> list[int]:
    """For each opening token, the index of the closing one that balances it (-1: none)."""
    partner = [-1] * len(opens)
    stack: list[int] = []
    for i, opening in enumerate(opens):
        if opening:
            stack.append(i)
        elif stack:
            partner[stack.pop()] = i
    return partner


def _strip_quotes(text: str) -> str:
    """Bold/italic quotes out, line by line; the apostrophes MediaWiki shows stay ("''Star'''s")."""
    if "''" not in text:
        return text
    return "\n".join(_line_quotes(line) if "''" in line else line for line in text.split("\n"))


def _line_quotes(line: str) -> str:
    # Parser::doQuotes: 4 quotes are an apostrophe and bold, more than 5 are apostrophes and
    # bold italic; when bold and italic are both unbalanced, one bold is an apostrophe and italic,
    # preferably after a one-letter word, else after a longer one, else after a space.
    parts = _QUOTE_RUN.split(line)
    italics = bold = 0
    for i in range(1, len(parts), 2):
        n = len(parts[i])
        if n == 4:
            parts[i - 1] += "'"
            n = 3
        elif n > 5:
            parts[i - 1] += "'" * (n - 5)
            n = 5
        parts[i] = "'" * n
        italics += n in (2, 5)
        bold += n in (3, 5)
    if italics % 2 and bold % 2:
        single = multi = space = -1
        for i in range(1, len(parts), 2):
            if len(parts[i]) == 3:
                before = parts[i - 1]
                if before[-1:] == " ":
                    space = i if space < 0 else space
                elif (before[-2:-1] if len(before) > 1 else before) == " ":
                    single = i
                    break
                elif multi < 0:
                    multi = i
        pick = next((i for i in (single, multi, space) if i > 0), -1)
        if pick > 0:
            parts[pick - 1] += "'"
    return "".join(parts[0::2])


def _link_text(target: str, label: str | None) -> str:
    if label is not None and label.strip():
        return label
    target = target.strip()
    if label is None:
        return target[1:] if target.startswith(":") else target
    # The pipe trick: [[Paris (mythology)|]] shows "Paris", [[Seattle, Washington|]] "Seattle".
    shown = target.rpartition(":")[2].strip()
    if shown.endswith(")") and "(" in shown:
        shown = shown[: shown.rindex("(")]
    return shown.partition(",")[0]


def _replace_external_links(text: str) -> str:
    """``[http://x label]`` → label (unlabelled, MediaWiki shows "[1]"); no line break inside."""
    if "[" not in text:
        return text
    out: list[str] = []
    ends = _Next(_EXTERNAL_END, text)
    last = pos = 0
    while (m := _EXTERNAL_LINK.search(text, pos)) is not None:
        pos = m.end()
        end = ends.at(pos)
        if end is None or end.group() == "\n":
            continue
        out.append(text[last : m.start()])
        out.append(text[pos : end.start()])
        last = pos = end.end()
    out.append(text[last:])
    return "".join(out)


def _replace_tag(m: re.Match[str]) -> str:
    name = m.group(1).lower()
    if name in INLINE_TAGS:
        return ""
    if name in HTML_TAGS:
        return " "
    return m.group()  # not a tag MediaWiki knows: shown as typed


@functools.cache
def _word_re() -> re.Pattern[str]:
    # Python's \w has letters and digits but not combining marks, which would split Devanagari or
    # Arabic words; build the class of marks once, from this Python's Unicode database.
    marks = _category_class("M")
    letter_or_digit = r"[^\W_]"  # \w minus "_": Unicode categories L* and N*
    return re.compile(
        rf"(?={letter_or_digit})[{NO_SPACE_RANGES}][{marks}]*"
        rf"|[^\W_{NO_SPACE_RANGES}](?:[^\W_{NO_SPACE_RANGES}]|[{marks}{WORD_JOINERS}])*"
    )


def _category_class(major: str) -> str:
    """Regex class body for all code points whose Unicode category starts with ``major``."""
    ranges: list[tuple[int, int]] = []
    # Planes 3–13 and 15–16 hold no marks (as of Unicode 15): skipping them keeps this at ~20 ms.
    for code in itertools.chain(range(0x30000), range(0xE0000, 0xE1000)):
        if unicodedata.category(chr(code)).startswith(major):
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1] = (ranges[-1][0], code)
            else:
                ranges.append((code, code))
    return "".join(
        re.escape(chr(lo)) if lo == hi else f"{re.escape(chr(lo))}-{re.escape(chr(hi))}" for lo, hi in ranges
    )
