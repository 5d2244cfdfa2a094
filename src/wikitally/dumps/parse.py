"""A MediaWiki XML dump (export-0.10/0.11, full history or stub) → its site and its revisions, streamed.

Two readers give the same records. The fast one relies on the layout MediaWiki writes (a revision's text
is one run of escaped characters, no CDATA, comments or carriage returns): it slices bytes instead of
building elements, which is what makes a dump's gigabytes cheap. Anything it is not sure of — a CDATA
section, a comment, a carriage return, a tag it cannot tokenise — makes it stop and hand over to the
conforming reader (pyexpat), which reads the same stream again from the start and skips the revisions
already given. Nothing is read whole: a revision at a time, in chunks.

A revision's text is checked for entities and for characters XML forbids (controls, U+FFFE/U+FFFF) where it
is decoded (decode_text), not as it is read: most of a text repeats its page's last one, and the reference
counter decodes only what an edit changed (the rest it decoded before). So a consumer that takes raw_text()
must decode every text it keeps (decode_text), or the same bytes before; one that reads `text` gets it
checked. A text's entity no DTD defines (the fast reader refuses a DTD), or a forbidden character in it, is
NotADump, as expat would find it.
"""

from __future__ import annotations

import builtins
import re
import xml.parsers.expat
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, BinaryIO

CHUNK = 1 << 20


class NotADump(ValueError):
    """The stream is not a MediaWiki XML export."""


class _NotFixedLayout(Exception):
    """The fast reader met something only a real XML parser reads right."""


@dataclass(frozen=True)
class DumpSite:
    """What a dump's <siteinfo> says."""

    dbname: str = ""
    base: str = ""  # the main page's URL: its host is the wiki's domain
    namespaces: dict[int, str] = field(default_factory=dict)
    version: str = ""  # export schema, "0.11"


@dataclass(slots=True, eq=False)
class DumpRevision:
    """One revision with its page's (current) identity, as the dump gives it. None: deleted/hidden."""

    page_id: int
    namespace: int
    title: str
    redirect: bool
    rev_id: int
    parent_id: int  # 0: none given (the page's first revision)
    timestamp: str  # "2024-03-08T10:00:00Z"
    user: str | None
    user_id: int | None  # None for an IP or a hidden user
    minor: bool
    comment: str | None
    text: str | None  # None: hidden, or a stub dump (see `stub`)
    bytes: int | None
    sha1: str | None
    text_deleted: bool
    stub: bool  # no text in this dump at all (stub-meta-history)

    def raw_text(self) -> builtins.bytes | None:  # (`bytes` is a field here)
        """The text as the dump's XML holds it (escaped), while not decoded yet: see decode_text."""
        return None

    def __eq__(self, other: object) -> bool:  # by value, whichever reader (and class) made it
        if not isinstance(other, DumpRevision):
            return NotImplemented
        return all(getattr(self, f) == getattr(other, f) for f in _FIELDS)


_FIELDS = tuple(DumpRevision.__dataclass_fields__)
_TEXT_SLOT: Any = DumpRevision.__dict__["text"]  # the slot behind the field, for _LazyText


class _LazyText(DumpRevision):
    """A revision from the fast reader whose text is decoded (and its entities checked) on first use: what
    only a real parser reads right (a carriage return, "]]>") was refused when read, so that the reader still
    hands over in time; a text is not decoded for a consumer that never looks at it (metadata only)."""

    __slots__ = ("_raw",)

    def __init__(self, raw: bytes, *fields: Any) -> None:
        self._raw: bytes | None = raw
        DumpRevision.__init__(self, *fields)

    @property
    def text(self) -> str | None:
        raw = self._raw
        if raw is not None:
            _TEXT_SLOT.__set__(self, decode_text(raw))
            self._raw = None
        value: str | None = _TEXT_SLOT.__get__(self)
        return value

    @text.setter
    def text(self, value: str | None) -> None:
        _TEXT_SLOT.__set__(self, value)

    def raw_text(self) -> bytes | None:
        return self._raw


Opener = Callable[[], BinaryIO]


def read_dump(open_stream: Opener) -> Iterator[DumpSite | DumpRevision]:
    """The site first, then every revision in dump order. `open_stream` is called again if the fast reader
    hands over to the conforming one. A value that must be a number and is not (an id, a namespace key) is
    NotADump, as is XML that is not well-formed; bytes that are not UTF-8 are UnicodeDecodeError."""
    return _numbers_checked(_read(open_stream))


def _numbers_checked(items: Iterator[DumpSite | DumpRevision]) -> Iterator[DumpSite | DumpRevision]:
    try:
        yield from items
    except (NotADump, UnicodeDecodeError):
        raise
    except ValueError as e:  # int() of well-formed XML's text: <id>x</id>, <namespace key="…">
        raise NotADump(f"a value that must be a number is not ({e})") from None


def _read(open_stream: Opener) -> Iterator[DumpSite | DumpRevision]:
    given = 0
    try:
        with open_stream() as stream:
            for item in _fast(stream):
                yield item
                given += 1
        return
    except _NotFixedLayout:
        pass
    with open_stream() as stream:
        for i, item in enumerate(_conforming(stream)):
            if i >= given:
                yield item


# -- the conforming reader ---------------------------------------------------------------------------------


def _conforming(stream: BinaryIO) -> Iterator[DumpSite | DumpRevision]:
    builder = _Builder()
    parser = xml.parsers.expat.ParserCreate()
    parser.buffer_text = True
    parser.StartElementHandler = builder.start
    parser.EndElementHandler = builder.end
    parser.CharacterDataHandler = builder.data
    read = 0
    while True:
        chunk = stream.read(CHUNK)
        read += len(chunk)
        try:
            parser.Parse(chunk, not chunk)
        except xml.parsers.expat.ExpatError as e:
            raise NotADump(f"not well-formed XML ({e})") from None
        if builder.root is None and (not chunk or read >= 1 << 20):  # (a prolog may outlast a small read)
            raise NotADump("no root element")
        yield from builder.out
        builder.out.clear()
        if not chunk:
            break
    if builder.root != "mediawiki":
        raise NotADump(f"root element <{builder.root}>, not <mediawiki>")


def _local(name: str) -> str:
    return name.rpartition(":")[2]


# Elements of a dump that hold text only: an element inside one is not a dump's (both readers refuse it, so
# that neither makes a value of part of its text).
_LEAVES = frozenset(
    {
        "sitename", "dbname", "base", "generator", "case", "namespace", "title", "ns", "id", "redirect",
        "restrictions", "parentid", "timestamp", "username", "ip", "minor", "comment", "origin", "model",
        "format", "text", "sha1",
    }
)  # fmt: skip


class _Builder:
    """expat callbacks: keeps only the fields of the revision being read."""

    def __init__(self) -> None:
        self.out: list[DumpSite | DumpRevision] = []
        self.root: str | None = None
        self.path: list[str] = []
        self.buf: list[str] = []
        self.site: dict[str, str] = {}
        self.namespaces: dict[int, str] = {}
        self.ns_key = 0
        self.version = ""
        self.page: dict[str, str] = {}
        self.rev: dict[str, str] = {}
        self.flags: set[str] = set()
        self.site_done = False

    def start(self, name: str, attrs: dict[str, str]) -> None:
        name = _local(name)
        if self.path and self.path[-1] in _LEAVES:
            raise NotADump(f"<{name}> inside <{self.path[-1]}>")
        if self.root is None:
            self.root = name
            if name != "mediawiki":
                raise NotADump(f"root element <{name}>, not <mediawiki>")
            self.version = attrs.get("version", "")
        self.path.append(name)
        self.buf = []
        depth = len(self.path)
        if name == "page" and depth == 2:
            self._site()
            self.page = {}
        elif name == "revision" and depth == 3:
            self.rev, self.flags = {}, set()
        elif name == "namespace" and depth == 4:
            self.ns_key = int(attrs.get("key", "0"))
        elif name == "redirect" and depth == 3:
            self.page["redirect"] = attrs.get("title", "")
        elif depth == 4 and self.path[2] == "revision":
            if "deleted" in attrs:
                self.flags.add(name + "_deleted")
            if name == "minor":
                self.flags.add("minor")
            elif name == "text":
                self.flags.add("text")
                if "bytes" in attrs:
                    self.rev["bytes"] = attrs["bytes"]
                if "sha1" in attrs:
                    self.rev["text_sha1"] = attrs["sha1"]
                if "id" in attrs or "location" in attrs:  # a stub's pointer to the text
                    self.rev["text_id"] = attrs.get("id") or attrs.get("location", "")

    def data(self, text: str) -> None:
        self.buf.append(text)

    def end(self, name: str) -> None:
        name = _local(name)
        path, depth = self.path, len(self.path)
        text = "".join(self.buf)
        self.buf = []
        if depth == 3 and path[1] == "siteinfo" and name in ("dbname", "base"):
            self.site[name] = text
        elif depth == 4 and name == "namespace":
            self.namespaces[self.ns_key] = text
        elif depth == 3 and path[1] == "page" and name in ("title", "ns", "id"):
            self.page[name] = text
        elif depth == 4 and path[2] == "revision":
            self.rev[name] = text
        elif depth == 5 and path[3] == "contributor":
            self.rev["user_" + name] = text
        elif depth == 3 and name == "revision":
            self.out.append(self._revision())
        elif depth == 2 and name == "siteinfo":
            self._site()
        path.pop()

    def _site(self) -> None:
        if not self.site_done:
            self.site_done = True
            self.out.append(
                DumpSite(
                    self.site.get("dbname", ""), self.site.get("base", ""), self.namespaces, self.version
                )
            )

    def _revision(self) -> DumpRevision:
        r, page, flags = self.rev, self.page, self.flags
        missing = [f"<{k}>" for k in ("id", "timestamp") if k not in r]
        missing += [f"its page's <{k}>" for k in ("id", "title") if k not in page]
        if missing:
            raise NotADump(f"a revision without {' or '.join(missing)}")
        user_deleted = "contributor_deleted" in flags
        user = None if user_deleted else r.get("user_username", r.get("user_ip"))
        text_deleted = "text_deleted" in flags
        stub = "text" in flags and not r.get("text") and not text_deleted and "text_id" in r
        return DumpRevision(
            page_id=int(page["id"]),
            namespace=int(page.get("ns", "0")),
            title=page["title"].replace("_", " "),
            redirect="redirect" in page,
            rev_id=int(r["id"]),
            parent_id=int(r.get("parentid") or 0),
            timestamp=r["timestamp"].strip(),
            user=user,
            user_id=int(r["user_id"]) if not user_deleted and "user_id" in r else None,
            minor="minor" in flags,
            comment=None if "comment_deleted" in flags else r.get("comment"),
            text=None if text_deleted else (r.get("text") or None),
            bytes=int(r["bytes"]) if r.get("bytes") else None,
            sha1=r.get("text_sha1") or r.get("sha1") or None,
            text_deleted=text_deleted,
            stub=stub,
        )


# -- the fast reader ---------------------------------------------------------------------------------------

# A start tag, an end tag or a run of text, in the small parts of a page (everything but a revision's text).
_TOKEN = re.compile(
    rb"<(/?)([A-Za-z_][\w.:-]*)((?:[ \t\n\r]+[A-Za-z_:][\w.:-]*[ \t\n\r]*=[ \t\n\r]*"
    rb"(?:\"[^\"<&\x00-\x1f]*\"|'[^'<&\x00-\x1f]*'))*)[ \t\n\r]*(/?)>|([^<]+)"
)
_ATTR = re.compile(rb"([\w.:-]+)\s*=\s*(?:\"([^\"]*)\"|'([^']*)')")
_ENTITY = re.compile(r"&(?:(lt|gt|amp|quot|apos)|#([0-9]+)|#x([0-9a-fA-F]+));")
_OTHER_AMP = re.compile(r"&(?!lt;|gt;|amp;|quot;|apos;|#)")
_NAMED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"', "apos": "'"}
_SPACE = re.compile(rb"[ \t\n\r]*")
_ROOT = re.compile(rb"<mediawiki\b[^>]*>")
# What may stand before the root as the fast reader reads it (else expat judges): an XML declaration, spaces.
_PROLOG = re.compile(rb"(?:<\?xml[ \t\n\r][^<>]*\?>)?[ \t\n\r]*")
_VERSION = re.compile(rb"\bversion\s*=\s*[\"']([^\"']*)[\"']")


def _entity(m: re.Match[str]) -> str:
    if m.group(1):
        return _NAMED[m.group(1)]
    code = int(m.group(2)) if m.group(2) else int(m.group(3), 16)
    if (
        code in (9, 10, 13)
        or 0x20 <= code <= 0xD7FF
        or 0xE000 <= code <= 0xFFFD
        or 0x10000 <= code <= 0x10FFFF
    ):
        return chr(code)
    raise _NotFixedLayout


# Characters XML 1.0 forbids (its Char production): the C0 controls but tab, newline and carriage return, and
# U+FFFE/U+FFFF (the other non-characters it forbids, surrogates, are not UTF-8 and fail to decode). expat
# refuses a file holding one; MediaWiki never writes one.
_CONTROLS = bytes(c for c in range(32) if c not in (9, 10, 13))
_CONTROLS_TO_SPACE = bytes(32 if c in _CONTROLS else c for c in range(256))


def _forbidden(raw: bytes) -> bool:
    """Whether raw (a small part: a page's head, a revision's tags) holds a character XML forbids."""
    return _controls(raw) or raw.find(b"\xef\xbf\xbe") >= 0 or raw.find(b"\xef\xbf\xbf") >= 0


def _controls(raw: bytes) -> bool:
    """Whether raw holds a control character XML forbids. (translate: one pass in C, which gives back raw
    itself when it changed nothing; cheaper than deleting, or than a regex.)"""
    return raw.translate(_CONTROLS_TO_SPACE) != raw  # (raw itself when unchanged: no compare then)


def _decoded(raw: bytes) -> str:
    """raw.decode(), or _NotFixedLayout for a character XML forbids. U+FFFE/U+FFFF are looked for in the str,
    not the bytes: there it is a search for one code unit, and none at all in an ASCII str (a flag)."""
    if _controls(raw):
        raise _NotFixedLayout
    text = raw.decode("utf-8")
    if not text.isascii() and ("\ufffe" in text or "\uffff" in text):
        raise _NotFixedLayout
    return text


def _refuse_unusual(raw: bytes) -> None:
    """_NotFixedLayout for character data only a real parser reads right (a carriage return it would
    normalise, a CDATA end)."""
    # `raw.find(b) >= 0`, not `b in raw`: on bytes, "in" first tries `b` as an int and fails, at a cost.
    # "]]>" is looked for only after a ">" (memchr): MediaWiki writes every ">" as "&gt;".
    if raw.find(b"\r") >= 0 or (raw.find(b">") >= 0 and raw.find(b"]]>") >= 0):
        raise _NotFixedLayout


def decode_text(raw: bytes) -> str:
    """A raw_text() decoded: XML's five named entities and character references resolved; any other entity
    (none is defined: the fast reader refuses a DTD) is NotADump. It decodes piece by piece: cut at any b"\\n",
    the pieces decode to the text's pieces (no entity holds a newline, and a carriage return was refused when
    the text was read)."""
    try:
        return _resolve(raw)
    except _NotFixedLayout:
        raise NotADump(
            "not well-formed XML (an undefined entity, a bad character reference or a character XML forbids"
            " in a revision's text)"
        ) from None


def _unescape(raw: bytes) -> str:
    """Character data with XML's five entities and character references resolved; anything else (an entity
    only a DTD could define, a carriage return a parser would normalise, a "]]>") hands over to expat."""
    _refuse_unusual(raw)
    return _resolve(raw)


def _resolve(raw: bytes) -> str:
    """Entities resolved; _NotFixedLayout for one XML does not define. On bytes, a few whole-buffer passes
    (memchr-speed searches and replaces) rather than a regex: a dump's gigabytes of text go through here.
    "&amp;" is replaced last, so "&amp;lt;" stays "&lt;"; every "&" left before that must start an "&amp;"
    (else: character references or "&apos;", which MediaWiki does not write: the slow path). A character XML
    forbids is _NotFixedLayout too."""
    if raw.find(b"&") < 0:
        return _decoded(raw)
    out = raw.replace(b"&lt;", b"<").replace(b"&gt;", b">")
    if out.find(b"&quot;") >= 0:
        out = out.replace(b"&quot;", b'"')
    text = out.replace(b"&amp;", b"&")
    if out.count(b"&") * 4 == len(out) - len(text):  # (each "&amp;" made 4 bytes shorter)
        return _decoded(text)  # (the named entities stand for allowed characters: checking after is the same)
    return _unescape_refs(_decoded(raw))


def _unescape_refs(text: str) -> str:
    """The slow path of _resolve: character references (&#233;, &#x416;) among the named entities."""
    if _OTHER_AMP.search(text) or text.count("&") != len(_ENTITY.findall(text)):
        raise _NotFixedLayout
    return _ENTITY.sub(_entity, text)


class _Reader:
    """A byte buffer over the stream that grows until the wanted marker is in it. Indices are absolute within
    the buffer, and stay valid until the next read: a read (find, peek) drops what was consumed first, so
    that only the unconsumed rest is copied with the new chunk (and the buffer holds one chunk at most
    besides it)."""

    def __init__(self, stream: BinaryIO) -> None:
        self.stream = stream
        self.buf = b""
        self.pos = 0
        self.eof = False
        self.stubs: bool | None = None  # a stub dump (None: no revision read yet)

    def find(self, marker: bytes) -> int:
        """Index of `marker` at or after pos, reading on as needed; -1 at the end of the stream."""
        start = self.pos
        while True:
            i = self.buf.find(marker, start)
            if i >= 0 or self.eof:
                return i
            searched = max(0, len(self.buf) - len(marker) + 1 - self.pos)  # (from pos: the read moves it)
            self._more()
            start = self.pos + searched

    def peek(self, size: int) -> bytes:
        """The next `size` bytes after any whitespace (fewer at the end of the stream); whitespace consumed."""
        while True:
            stripped = _SPACE.match(self.buf, self.pos).end()  # type: ignore[union-attr]
            if len(self.buf) - stripped >= size or self.eof:
                self.pos = stripped
                return self.buf[stripped : stripped + size]
            self._more()

    def _more(self) -> None:
        chunk = self.stream.read(CHUNK)
        if not chunk:
            self.eof = True
            return
        self.buf = self.buf[self.pos :] + chunk if self.pos else self.buf + chunk
        self.pos = 0

    def take(self, end: int) -> bytes:
        out = self.buf[self.pos : end]
        self.pos = end
        return out


def _fast(stream: BinaryIO) -> Iterator[DumpSite | DumpRevision]:
    reader = _Reader(stream)
    start = reader.find(b"<page>")
    if start < 0:
        end = reader.find(b"</mediawiki>")
        start = end if end >= 0 else len(reader.buf)
    head = reader.take(start)
    yield _fast_site(head)
    while True:
        nxt = reader.peek(len(b"</mediawiki>"))
        if nxt.startswith(b"<page>"):
            reader.pos += len(b"<page>")
            yield from _fast_page(reader)
        elif nxt == b"</mediawiki>" and not reader.buf[reader.pos + len(nxt) :].strip():
            reader.pos += len(nxt)
            if reader.peek(1):
                raise _NotFixedLayout
            return
        else:
            raise _NotFixedLayout


def _fast_site(head: bytes) -> DumpSite:
    root = _ROOT.search(head)
    if root is None:
        if head.lstrip().startswith(b"<") or not head.strip():
            raise _NotFixedLayout
        raise NotADump("no <mediawiki> root element")
    if (
        b"<!" in head
        or b"\r" in head
        or b"<?" in head[root.end() :]
        or not _plain_start_tag(root.group())
        or _forbidden(head)
        or not _PROLOG.fullmatch(head, 0, root.start())
    ):
        raise _NotFixedLayout
    version = _VERSION.search(root.group())
    values: dict[str, str] = {}
    namespaces: dict[int, str] = {}
    stack: list[str] = []
    key = 0
    for kind, name, attrs, text in _tokens(head[root.end() :], stack):
        if kind == "start":
            if name == "namespace":
                key = int(attrs.get("key", "0"))
                namespaces[key] = ""
        elif stack and stack[-1] in ("dbname", "base"):
            values[stack[-1]] = text
        elif stack and stack[-1] == "namespace":
            namespaces[key] = text
    if stack:
        raise _NotFixedLayout  # an element left open (<siteinfo> never closed): expat's to judge
    return DumpSite(
        values.get("dbname", ""),
        values.get("base", ""),
        namespaces,
        version.group(1).decode() if version else "",
    )


def _plain_start_tag(tag: bytes) -> bool:
    """Whether a start tag is well-formed as the fast reader reads tags (ASCII, quoted values without "<" or
    "&", each attribute once); anything else is left to expat."""
    m = _TOKEN.fullmatch(tag) if tag.isascii() else None
    if m is None or m.group(1) or m.group(4) or m.group(5) is not None:
        return False
    names = [name for name, _, _ in _ATTR.findall(m.group(3))]
    return len(names) == len(set(names))


def _tokens(part: bytes, stack: list[str]) -> Iterator[tuple[str, str, dict[str, str], str]]:
    """("start"|"text", name, attributes, text) for a small part of a page. `stack` holds the names of the
    open elements, innermost last (a start's own name is on it when it is given), and is kept here: an end tag
    must close the innermost one, and no element may open inside one that holds text only (_LEAVES); else
    _NotFixedLayout."""
    pos, size = 0, len(part)
    while pos < size:
        m = _TOKEN.match(part, pos)
        if m is None:
            raise _NotFixedLayout
        pos = m.end()
        if m.group(5) is not None:
            yield "text", "", {}, _unescape(m.group(5))
            continue
        name = m.group(2).decode().rpartition(":")[2]
        if m.group(1):
            if m.group(3) or m.group(4) or not stack or stack.pop() != name:
                raise _NotFixedLayout
            continue
        if stack and stack[-1] in _LEAVES:
            raise _NotFixedLayout
        attrs = {
            a.decode().rpartition(":")[2]: (v if v is not None else w).decode()
            for a, v, w in _ATTR.findall(m.group(3))
        }
        stack.append(name)
        yield "start", name, attrs, ""
        if m.group(4):
            stack.pop()


def _fast_page(reader: _Reader) -> Iterator[DumpRevision]:
    # The page head ends at its first <revision> (or at </page> for a page without any): only that far is
    # read ahead, never a whole page's history.
    first = reader.find(b"<revision>")
    end = reader.buf.find(b"</page>", reader.pos, first) if first >= 0 else reader.find(b"</page>")
    if first < 0 and end < 0:
        raise _NotFixedLayout
    page = _fast_page_head(reader.take(end if end >= 0 else first))
    while True:
        if reader.stubs is not False:
            whole = _STUB_REVISION.match(reader.buf, reader.pos)
            if whole is not None:
                reader.pos = whole.end()
                yield _stub_from_match(whole, page)
                continue
        step = _NEXT.match(reader.buf, reader.pos)  # the usual case, without a read
        here = None
        if step is not None:
            reader.pos = step.end()
            if step.group(1):
                return
            here = _fast_revision_here(reader.buf, reader.pos, page)  # the usual case, in one pass
        else:
            nxt = reader.peek(len(b"<revision>"))
            if nxt.startswith(b"</page>"):
                reader.pos += len(b"</page>")
                return
            if nxt != b"<revision>":
                raise _NotFixedLayout  # e.g. an <upload> or <discussionthreadinginfo>
            reader.pos += len(b"<revision>")
        if here is not None:
            rev, reader.pos = here
        else:  # not all of it read yet, or not MediaWiki's layout: read on to its end first
            close = reader.find(b"</revision>")
            if close < 0:
                raise _NotFixedLayout
            start = reader.pos
            at = _fast_revision_at(reader.buf, start, close, page)
            rev = at if at is not None else _revision_tokens(reader.buf[start:close], page)
            reader.pos = close + len(b"</revision>")
        if reader.stubs is None and not rev.text_deleted:
            reader.stubs = rev.stub  # a full dump: never try _STUB_REVISION again
        yield rev


_NEXT = re.compile(rb"[ \t\n]*<(?:revision|(/page))>")
# The page head and the revision head as MediaWiki writes them; anything else goes through _tokens. Only what
# XML reads as these bytes: whitespace is XML's (not \v, \f), a value not read (a model, a format) is ASCII
# without ">" (so no "]]>") or control character, an attribute's value holds nothing XML would normalise (\t,
# \n, \r) or forbids (the other controls).
_WS = rb"[ \t\n\r]*"
_ASCII_DATA = rb"[^<&>\x00-\x08\x0b\x0c\x0e-\x1f\x80-\xff]*"
_PAGE_HEAD = re.compile(
    _WS + rb"<title>([^<&>\r]*)</title>" + _WS + rb"<ns>(-?[0-9]+)</ns>" + _WS + rb"<id>([0-9]+)</id>" + _WS
    + rb"(<redirect title=\"[^\"<&\x00-\x1f]*\" />" + _WS + rb")?(?:<restrictions>" + _ASCII_DATA
    + rb"</restrictions>" + _WS + rb")?"
)  # fmt: skip
_REV_FIELDS = (
    _WS + rb"<id>([0-9]+)</id>" + _WS + rb"(?:<parentid>([0-9]+)</parentid>" + _WS
    + rb")?<timestamp>([0-9TZ:-]+)</timestamp>" + _WS
    + rb"(?:<contributor>" + _WS + rb"(?:<username>([^<]*)</username>" + _WS + rb"<id>([0-9]+)</id>"
    + rb"|<ip>([^<]*)</ip>)" + _WS + rb"</contributor>|(<contributor deleted=\"deleted\" />))" + _WS
    + rb"(<minor />" + _WS + rb")?(?:<comment>([^<]*)</comment>" + _WS + rb"|(<comment deleted=\"deleted\" />)"
    + _WS + rb")?(?:<origin>[0-9]+</origin>" + _WS + rb")?(?:<model>" + _ASCII_DATA + rb"</model>" + _WS
    + rb")?(?:<format>" + _ASCII_DATA + rb"</format>" + _WS + rb")?"
)  # fmt: skip
_REV_HEAD = re.compile(  # the text tag too: one match a revision
    _REV_FIELDS
    + rb"<text((?:[ \t\n\r]+[A-Za-z_:][\w:.-]*=\"[^\"<&\x00-\x1f\x80-\xff]*\")*)"
    + _WS
    + rb"(/?)>"
)
# A whole stub revision as MediaWiki writes it, <revision> to </revision>: one match, the usual case of a stub
# dump (groups: _REV_HEAD's first ten, then bytes, the text's sha1, the revision's sha1).
_STUB_REVISION = re.compile(
    rb"[ \t\n]*<revision>"
    + _REV_FIELDS
    + rb'<text bytes="([0-9]+)" sha1="([0-9a-z]*)" location="[^"<&\x00-\x1f\x80-\xff]*" '
    + rb'id="[^"<&\x00-\x1f\x80-\xff]*" />' + _WS
    + rb"(?:<sha1>([0-9a-z]*)</sha1>" + _WS + rb"|<sha1 />" + _WS + rb")?</revision>"
)  # fmt: skip
_REV_TAIL = re.compile(_WS + rb"(?:<sha1>([0-9a-z]*)</sha1>|<sha1 />)?" + _WS)


def _fast_page_head(head: bytes) -> tuple[int, int, str, bool]:
    if _forbidden(head):
        raise _NotFixedLayout  # (expat refuses it)
    m = _PAGE_HEAD.fullmatch(head)
    if m is not None:
        return int(m.group(3)), int(m.group(2)), m.group(1).decode().replace("_", " "), m.group(4) is not None
    return _page_head_tokens(head)


def _page_head_tokens(head: bytes) -> tuple[int, int, str, bool]:
    if b"<!" in head or b"<?" in head or b"\r" in head:
        raise _NotFixedLayout
    values: dict[str, str] = {}
    stack: list[str] = []
    redirect = False
    for kind, name, _attrs, text in _tokens(head, stack):
        if kind == "start":
            redirect = redirect or (name == "redirect" and len(stack) == 1)
            if len(stack) == 1:
                values[name] = ""  # (an element given twice: the last one, as expat's reader takes it)
        elif len(stack) == 1:
            values[stack[0]] += text
        elif text.strip():
            raise _NotFixedLayout
    if stack or "id" not in values or "title" not in values:
        raise _NotFixedLayout
    return int(values["id"]), int(values.get("ns", "0")), values["title"].replace("_", " "), redirect


def _fast_revision_at(
    buf: bytes, start: int, close: int, page: tuple[int, int, str, bool]
) -> DumpRevision | None:
    """The revision in buf[start:close] (between <revision> and </revision>) in MediaWiki's own layout, read
    in place: the text is searched for its end tag from the back and sliced once. None: not that layout."""
    m = _REV_HEAD.match(buf, start, close)
    if m is None:
        return None
    if m.group(12):
        body: bytes | None = None
        after = m.end()
    else:
        text_close = buf.rfind(b"</text>", m.end(), close)
        if text_close < 0 or buf.find(b"<", m.end(), text_close) >= 0:
            return None  # CDATA, a comment or markup inside the text
        body = buf[m.end() : text_close]
        after = text_close + len(b"</text>")
    tail = _REV_TAIL.fullmatch(buf, after, close)
    if tail is None:
        return None
    return _from_match(m, body, tail.group(1), page)


def _fast_revision_here(
    buf: bytes, start: int, page: tuple[int, int, str, bool]
) -> tuple[DumpRevision, int] | None:
    """_fast_revision_at without looking for </revision> first: a text as MediaWiki writes it holds no "<"
    (every one is "&lt;"), so its end is the next "<" (memchr), which must open </text>. Returns the revision
    and where it ends; None if not all of it is in the buffer yet, or not that layout (then the caller reads
    to </revision> and tries again)."""
    m = _REV_HEAD.match(buf, start)
    if m is None or m.group(12):
        return None
    text_close = buf.find(b"<", m.end())
    if text_close < 0 or not buf.startswith(b"</text>", text_close):
        return None
    tail = _REV_TAIL_CLOSE.match(buf, text_close + len(b"</text>"))
    if tail is None:
        return None
    return _from_match(m, buf[m.end() : text_close], tail.group(1), page), tail.end()


_REV_TAIL_CLOSE = re.compile(_WS + rb"(?:<sha1>([0-9a-z]*)</sha1>|<sha1 />)?" + _WS + rb"</revision>")
_ATTR_DQ = re.compile(rb'([\w:]+)="([^"]*)"')
# <text>'s attributes as MediaWiki writes them, full dump or stub: read without a dict (the usual case)
_TEXT_ATTRS = re.compile(
    rb' bytes="([0-9]+)" sha1="([0-9a-z]*)"(?: xml:space="preserve"|( location="[^"]*" id="[^"]*"))?'
)


def _stub_from_match(m: re.Match[bytes], page: tuple[int, int, str, bool]) -> DumpRevision:
    groups = m.groups()
    size, text_sha1, sha1 = groups[10:]
    text = (None, int(size), (text_sha1 or sha1 or b"").decode() or None, False, True)  # a stub's <text>
    return DumpRevision(*(*page, *_head_fields(groups), *text))


def _head_fields(groups: tuple[Any, ...]) -> tuple[int, int, str, str | None, int | None, bool, str | None]:
    """rev_id … comment of a DumpRevision, from _REV_FIELDS' ten groups."""
    rev_id, parent, ts, name, user_id, ip, user_hidden, minor, comment_raw, comment_hidden = groups[:10]
    user_raw = name if name is not None else ip
    return (
        int(rev_id),
        int(parent) if parent else 0,
        ts.decode(),
        None if user_hidden or user_raw is None else _chars(user_raw),
        int(user_id) if user_id is not None else None,
        minor is not None,
        None if comment_hidden or comment_raw is None else _chars(comment_raw),
    )


def _chars(raw: bytes) -> str:
    """Character data (a user name, a comment): _unescape, with its usual case first."""
    if raw.find(b"&") < 0 and raw.find(b"\r") < 0 and raw.find(b">") < 0:
        return _decoded(raw)
    return _unescape(raw)


def _from_match(
    m: re.Match[bytes],
    body: bytes | None,
    sha1: bytes | None,
    page: tuple[int, int, str, bool],
) -> DumpRevision:
    groups = m.groups()
    text_attrs = groups[10]
    usual = _TEXT_ATTRS.fullmatch(text_attrs)
    if usual is not None:
        size, text_sha1, stored = usual.groups()
        text_deleted, stub_ref = False, stored is not None
    else:
        attrs = dict(_ATTR_DQ.findall(text_attrs))
        size, text_sha1 = attrs.get(b"bytes"), attrs.get(b"sha1")
        text_deleted, stub_ref = b"deleted" in attrs, b"id" in attrs or b"location" in attrs
    # What only a real parser reads right is refused now (a hand-over must happen while the reader still can);
    # the text is decoded, and its entities checked, when first read.
    lazy = body is not None and body != b"" and not text_deleted
    if lazy:
        _refuse_unusual(body)  # type: ignore[arg-type]
    args = (
        *page,
        *_head_fields(groups),
        None,
        int(size) if size else None,
        (text_sha1 or sha1 or b"").decode() or None,
        text_deleted,
        body is None and not text_deleted and stub_ref,
    )
    if lazy:
        return _LazyText(body, *args)  # type: ignore[arg-type]
    return DumpRevision(*args)


def _revision_tokens(block: bytes, page: tuple[int, int, str, bool]) -> DumpRevision:
    text_at = block.find(b"<text")
    text: str | None = None
    text_attrs: dict[str, str] = {}
    has_text_element = text_at >= 0
    if has_text_element:
        gt = block.find(b">", text_at)
        tag = _TOKEN.match(block, text_at)
        if gt < 0 or tag is None or tag.end() != gt + 1 or tag.group(2) != b"text":
            raise _NotFixedLayout
        text_attrs = {
            a.decode(): (v if v is not None else w).decode() for a, v, w in _ATTR.findall(tag.group(3))
        }
        if tag.group(4):  # <text … />
            rest = block[gt + 1 :]
        else:
            close = block.find(b"</text>", gt + 1)
            if close < 0:
                raise _NotFixedLayout
            body = block[gt + 1 : close]
            if b"<" in body:
                raise _NotFixedLayout  # CDATA, a comment or markup inside the text
            text = _unescape(body) if body else None
            rest = block[close + len(b"</text>") :]
        small = block[:text_at] + rest
        if _forbidden(tag.group(3)):
            raise _NotFixedLayout  # (in an attribute's value)
    else:
        small = block
    if b"<!" in small or b"<?" in small or b"\r" in small or _forbidden(small):
        raise _NotFixedLayout
    r: dict[str, str] = {}
    flags: set[str] = set()
    stack: list[str] = []
    for kind, name, attrs, value in _tokens(small, stack):
        if kind == "start":
            if len(stack) == 1:
                if "deleted" in attrs:
                    flags.add(name + "_deleted")
                if name == "minor":
                    flags.add("minor")
                r[name] = ""  # (an element given twice: the last one, as expat's reader takes it)
            elif len(stack) == 2 and stack[0] == "contributor":
                r["user_" + name] = ""
        elif len(stack) == 1:
            r[stack[0]] += value
        elif len(stack) == 2 and stack[0] == "contributor":
            r["user_" + stack[1]] += value
        elif value.strip():
            raise _NotFixedLayout
    if stack or "id" not in r or "timestamp" not in r:
        raise _NotFixedLayout
    page_id, namespace, title, redirect = page
    user_deleted = "contributor_deleted" in flags
    text_deleted = "deleted" in text_attrs
    stub = (
        has_text_element
        and text is None
        and not text_deleted
        and ("id" in text_attrs or "location" in text_attrs)
    )
    return DumpRevision(
        page_id=page_id,
        namespace=namespace,
        title=title,
        redirect=redirect,
        rev_id=int(r["id"]),
        parent_id=int(r.get("parentid") or 0),
        timestamp=r["timestamp"].strip(),
        user=None if user_deleted else r.get("user_username", r.get("user_ip")),
        user_id=int(r["user_id"]) if not user_deleted and "user_id" in r else None,
        minor="minor" in flags,
        comment=None if "comment_deleted" in flags else r.get("comment"),
        text=None if text_deleted else text,
        bytes=int(text_attrs["bytes"]) if text_attrs.get("bytes") else None,
        sha1=text_attrs.get("sha1") or r.get("sha1") or None,
        text_deleted=text_deleted,
        stub=stub,
    )
