"""Count the words a reader sees in wikitext, and the words an edit added.

``strip_markup`` turns wikitext into roughly the prose a reader sees; ``tokenize`` splits that into
words in any script; ``words_added`` diffs the words of a revision against its parent's.

Choices worth knowing when reading a number:

* Templates are dropped whole, including those that print prose (``{{lang|fr|…}}``, ``{{convert}}``);
  so are references, file/image links with their captions, categories and interlanguage links.
* Apostrophes and hyphens split words ("don't" → "don", "t"): simple and the same in every language.
* In scripts written without spaces (Han, Hiragana, Katakana, Thai, Lao, Khmer, Myanmar, Tibetan) each
  letter, with the combining marks that follow it, is a word: an edit's size, not a dictionary count.
* ``<nowiki>`` and ``<pre>`` show their content as typed, so its words count, markup-looking or not.
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
from collections.abc import Sequence

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
# Namespaces whose links show nothing in the text (images, categories): English and local names,
# compared in lower case. Interlanguage links ([[fr:Paris]]) are recognised by their prefix's shape.
HIDDEN_LINK_NAMESPACES: frozenset[str] = frozenset((
    "file", "image", "category",
    "skeda", "figura", "kategoria", "kategori",  # sq
    "датотека", "слика", "категорија", "datoteka", "slika", "kategorija", "податотека",  # sr, hr, mk
    "файл", "изображение", "категория", "категорія",  # ru, uk
    "ファイル", "画像", "カテゴリ",  # ja
    "ไฟล์", "ภาพ", "หมวดหมู่",  # th
    "αρχείο", "εικόνα", "κατηγορία",  # el
    "պատկեր", "կատեգորիա",  # hy
    "datei", "bild", "kategorie", "fichier", "catégorie", "archivo", "imagen", "categoría",
    "immagine", "categoria", "ficheiro", "arquivo", "imagem", "plik", "grafika", "dosya", "resim",
    "ملف", "صورة", "تصنيف", "پرونده", "رده", "קובץ", "תמונה", "קטגוריה", "चित्र", "श्रेणी",
    "文件", "檔案", "图像", "圖像", "分类", "分類", "파일", "그림", "분류",
))  # fmt: skip
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

# Attributes to the first ">", not swallowing the "/" of a self-closing tag (see refs._ATTRS).
_ATTRS = r"(?:\s[^>/]*(?:/(?!>)[^>/]*)*)?"
_HIDDEN = re.compile(
    r"<!--.*?(?:-->|\Z)|<("
    + "|".join(DROPPED_TAGS + LITERAL_TAGS)
    + r")"
    + _ATTRS
    + r"(?:/>|>(.*?)</\1\s*>)",
    re.IGNORECASE | re.DOTALL,
)
_BRACES = re.compile(r"\{\{|\}\}")
_EXTERNAL_LINK = re.compile(
    r"\[(?:https?:|ftp:|mailto:|//)[^\s\[\]<>]*(?:[ \t]+([^\]\n]*))?\]", re.IGNORECASE
)
_BARE_URL = re.compile(r"\b(?:https?|ftp)://[^\s<>\[\]{}|]+", re.IGNORECASE)
_WIKILINK = re.compile(r"\[\[([^\[\]\n]*)\]\]")
_INTERLANGUAGE = re.compile(r"[a-z]{2,3}(?:-[a-z0-9]+)*")
_PIPE_TRICK = re.compile(r"\s*(?:\([^()]*\)|,.*)\s*$")
_HEADING = re.compile(r"^=+[ \t]*(.*?)[ \t]*=+[ \t]*$", re.MULTILINE)
_LIST_MARKER = re.compile(r"^[*#:;]+", re.MULTILINE)
_QUOTES = re.compile(r"''+")
_BEHAVIOR_SWITCH = re.compile(r"__[^\W_]+__")
_TAG = re.compile(r"</?([A-Za-z][A-Za-z0-9]*)(?:\s[^<>]*)?/?>")
_LITERAL_MARK = re.compile("[\U000f0000-\U000ffffd]")
_LITERAL_BASE = 0xF0000  # Supplementary Private Use Area-A: never markup, never a letter
_LITERAL_MAX = 0xFFFD


def strip_markup(text: str) -> str:
    """The prose of ``text``, roughly as a reader sees it, one source line per line.

    Dropped: comments, templates (nested), ``<ref>``/``<references>`` and the other ``DROPPED_TAGS``
    with their content, file/image/category/interlanguage links (file captions too), bare URLs,
    table markup and cell attributes, bold/italic quotes, heading ``=``, list markers, behaviour
    switches like ``__NOTOC__``. Kept: link labels (``[[Target|label]]`` → ``label``, ``[[Target]]`` →
    ``Target``, ``[http://x label]`` → ``label``), table cell text, the text inside formatting tags,
    and the content of ``<nowiki>``/``<pre>`` as literal text. HTML entities are decoded.
    """
    literals: list[str] = []

    def hide(m: re.Match[str]) -> str:
        tag = m.group(1)
        if tag is None:
            return ""  # a comment: MediaWiki removes it without a trace
        if tag.lower() not in LITERAL_TAGS:
            return " "  # a ref, formula, gallery …: shown as something, but not as prose
        if len(literals) > _LITERAL_MAX:
            return m.group(2) or ""
        literals.append(m.group(2) or "")
        return chr(_LITERAL_BASE + len(literals) - 1)

    # Comments and extension tags first: MediaWiki's preprocessor sees them before braces or links.
    text = _HIDDEN.sub(hide, text)
    text = _drop_templates(text)
    text = _EXTERNAL_LINK.sub(lambda m: m.group(1) or "", text)  # unlabelled: shown as "[1]"
    text = _BARE_URL.sub("", text)
    text = _replace_wikilinks(text)
    text = _strip_tables(text)
    text = _HEADING.sub(r"\1", text)
    text = _LIST_MARKER.sub("", text)
    text = _QUOTES.sub("", text)
    text = _BEHAVIOR_SWITCH.sub("", text)
    text = _TAG.sub(_replace_tag, text)
    if literals:
        text = _LITERAL_MARK.sub(lambda m: literals[ord(m.group()) - _LITERAL_BASE], text)
    return html.unescape(text)


def tokenize(text: str) -> list[str]:
    """Words of ``text``: maximal runs of letters and digits (with combining marks and joiners inside),
    except that each letter of a script written without spaces is a word on its own."""
    return _word_re().findall(text)


def count_words(text: str) -> int:
    """Number of words a reader sees in the wikitext ``text``."""
    return len(tokenize(strip_markup(text)))


class Prepared:
    """A text stripped and tokenised once, so a revision that is also the next one's parent is not redone."""

    __slots__ = ("_lines", "stripped", "tokens")

    def __init__(self, text: str) -> None:
        self.stripped = strip_markup(text)
        self.tokens = tokenize(self.stripped)
        self._lines: list[tuple[str, ...]] | None = None

    @property
    def lines(self) -> list[tuple[str, ...]]:
        if self._lines is None:
            self._lines = [tuple(tokenize(line)) for line in self.stripped.split("\n")]
        return self._lines


def words_added(parent_text: str, text: str) -> int:
    """Number of words of ``text`` that a word-level diff against ``parent_text`` marks as inserted
    (inserts and the new side of replacements). A new page (``parent_text`` = "") adds all its words;
    an edit that only removes adds none; a moved paragraph counts as added."""
    return words_added_prepared(Prepared(parent_text), Prepared(text))


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


def _drop_templates(text: str) -> str:
    """Remove every ``{{…}}`` that has its closing braces, outermost first; unclosed ones stay text."""
    if "{{" not in text:
        return text
    opened: list[int] = []
    spans: list[tuple[int, int]] = []
    for m in _BRACES.finditer(text):
        if m.group() == "{{":
            opened.append(m.start())
        elif opened:
            start = opened.pop()
            while spans and spans[-1][0] >= start:  # nested inside this one
                spans.pop()
            spans.append((start, m.end()))
    if not spans:
        return text
    parts: list[str] = []
    last = 0
    for start, end in spans:
        parts.append(text[last:start])
        last = end
    parts.append(text[last:])
    return "".join(parts)


def _replace_wikilinks(text: str) -> str:
    # Innermost first, so links in a file caption are resolved before the file link is dropped.
    while "[[" in text:
        replaced = _WIKILINK.sub(_link_text, text)
        if replaced == text:
            break
        text = replaced
    return text


def _link_text(m: re.Match[str]) -> str:
    target, pipe, label = m.group(1).partition("|")
    target = target.strip()
    if target.startswith(":"):  # [[:Category:X]], [[:fr:Paris]]: a visible link
        target = target[1:]
    else:
        prefix, colon, _ = target.partition(":")
        if colon:
            prefix = " ".join(prefix.replace("_", " ").split()).lower()
            if prefix in HIDDEN_LINK_NAMESPACES or _INTERLANGUAGE.fullmatch(prefix):
                return ""
    if not pipe:
        return target
    if label.strip():
        return label
    # The pipe trick: [[Paris (mythology)|]] shows "Paris", [[Seattle, Washington|]] "Seattle".
    return _PIPE_TRICK.sub("", target.rpartition(":")[2])


def _strip_tables(text: str) -> str:
    if "{|" not in text:
        return text
    lines = text.split("\n")
    depth = 0
    for i, line in enumerate(lines):
        stripped = line.lstrip()
        if stripped.startswith("{|"):
            depth += 1
            lines[i] = ""
        elif depth == 0:
            continue
        elif stripped.startswith("|}"):
            depth -= 1
            lines[i] = stripped[2:]
        elif stripped.startswith("|-"):
            lines[i] = ""
        elif stripped.startswith("|+"):
            lines[i] = _cell_text(stripped[2:])
        elif stripped.startswith("|"):
            lines[i] = " ".join(_cell_text(cell) for cell in stripped[1:].split("||"))
        elif stripped.startswith("!"):
            lines[i] = " ".join(_cell_text(cell) for cell in re.split(r"!!|\|\|", stripped[1:]))
    return "\n".join(lines)


def _cell_text(cell: str) -> str:
    # Links and templates are gone by now, so a remaining single "|" ends the cell's attributes.
    return cell.partition("|")[2] if "|" in cell else cell


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
