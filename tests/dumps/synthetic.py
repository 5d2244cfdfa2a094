"""A synthetic MediaWiki export-0.11 full-history (or stub) dump, written as MediaWiki writes it.

Deterministic for a seed. Pages in several namespaces, half in Cyrillic, revisions that add and remove
prose and <ref>s, identity reverts (a revision that restores an earlier text), IP editors, campaign hashtags
in some summaries, and — optionally — revisions whose user, comment or text is hidden. Used by the tests
(a few MB) and by bench/bench_dumps.py (hundreds of MB, made on the fly, never checked in).
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import BinaryIO
from xml.sax.saxutils import escape, quoteattr

LATIN = [
    "the",
    "of",
    "and",
    "wiki",
    "history",
    "river",
    "town",
    "church",
    "school",
    "bridge",
    "village",
    "museum",
    "station",
]
CYRILLIC = ["река", "град", "црква", "школа", "мост", "село", "музеј", "станица", "историја", "народ"]
HASHTAGS = ("#wikigap", "#1lib1ref", "#cee2024")
NAMESPACES = {0: "", 1: "Talk", 2: "User", 4: "Project", 6: "File", 10: "Template", 14: "Category"}


@dataclass(frozen=True)
class Spec:
    pages: int = 200
    max_revisions: int = 40
    users: int = 50
    seed: int = 1
    start: datetime = datetime(2024, 1, 1, tzinfo=UTC)
    paragraph_words: int = 60
    hidden: bool = False  # some revisions with a hidden user, comment or text
    stub: bool = False
    base: str = "https://sr.wikipedia.org/wiki/Main_Page"
    max_bytes: int = 0  # stop after the page that reaches this size (0: all pages)
    # Revisions per page: 1 + int(revisions_scale × Pareto(1.3)) mod max_revisions. 4.1 with a max in the
    # thousands gives ../shared/reference/dumps.md's shape (median 7, mean ~15, a few pages of thousands).
    revisions_scale: float = 1.0
    max_paragraphs: int = 0  # a page this long rewrites a paragraph instead of adding one (0: no cap)
    # Each page's history starts up to this many days after `start` (0: one clock through the dump, so dump
    # order is time order; a real dump's pages interleave in time).
    spread_days: int = 0


def sha1_base36(text: str) -> str:
    """MediaWiki's rev_sha1: SHA-1 of the UTF-8 text in base 36, 31 digits."""
    n = int.from_bytes(hashlib.sha1(text.encode()).digest(), "big")
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while n:
        n, r = divmod(n, 36)
        out = digits[r] + out
    return out.rjust(31, "0")


def user_name(i: int) -> str:
    return f"Editor {i}" if i % 7 else f"Уредник {i}"


def _sentence(rng: random.Random, words: list[str], n: int) -> str:
    return " ".join(rng.choice(words) for _ in range(n)).capitalize() + "."


def _paragraph(rng: random.Random, words: list[str], n: int, k: int) -> str:
    parts = []
    for _ in range(max(1, n // 12)):
        s = _sentence(rng, words, 12)
        roll = rng.random()
        if roll < 0.25:
            s += f"<ref>{_sentence(rng, words, 5)} p. {rng.randint(1, 300)}</ref>"
        elif roll < 0.3:
            s += f'<ref name="n{k}-{rng.randint(0, 3)}" />'
        elif roll < 0.35:
            s += f"{{{{sfn|Author{rng.randint(1, 9)}|{2000 + rng.randint(0, 20)}|p={rng.randint(1, 99)}}}}}"
        elif roll < 0.4:
            s = f"[[{rng.choice(words).capitalize()}|{s}]] & more"
        parts.append(s)
    return " ".join(parts)


def revisions_of(spec: Spec) -> Iterator[tuple[dict[str, object], list[dict[str, object]]]]:
    """(page, revisions) in dump order; each revision a dict of its fields, text included."""
    rng = random.Random(spec.seed)
    rev_id = 1
    t = spec.start
    for page_id in range(1, spec.pages + 1):
        ns = rng.choice([0, 0, 0, 0, 0, 1, 2, 4, 10, 14])
        words = CYRILLIC if page_id % 2 else LATIN
        name = f"{rng.choice(words).capitalize()} {page_id}"
        title = f"{NAMESPACES[ns]}:{name}" if ns else name
        count = 1 + int(spec.revisions_scale * rng.paretovariate(1.3)) % spec.max_revisions
        if spec.spread_days:
            t = spec.start + timedelta(days=rng.randrange(spec.spread_days))
        texts: list[str] = []
        revs: list[dict[str, object]] = []
        paragraphs: list[str] = []
        parent = 0
        for n in range(count):
            t += timedelta(seconds=rng.randint(1, 3600))
            roll = rng.random()
            if n and roll < 0.12 and len(texts) >= 2:
                text = texts[-rng.randint(2, min(len(texts), 6))]  # an identity revert
                paragraphs = text.split("\n\n") if text else []
            else:
                if paragraphs and roll < 0.3:
                    paragraphs.pop(rng.randrange(len(paragraphs)))
                elif paragraphs and roll < 0.5:
                    i = rng.randrange(len(paragraphs))
                    paragraphs[i] += " " + _sentence(rng, words, 9)
                elif spec.max_paragraphs and len(paragraphs) >= spec.max_paragraphs:
                    i = rng.randrange(len(paragraphs))
                    paragraphs[i] = _paragraph(rng, words, spec.paragraph_words, page_id)
                else:
                    paragraphs.append(_paragraph(rng, words, spec.paragraph_words, page_id))
                text = "\n\n".join(paragraphs)
            u = rng.randrange(spec.users)
            ip = rng.random() < 0.15
            comment = rng.choice(["", "copyedit", "+ref", "expand"])
            if rng.random() < 0.2:
                comment += " " + rng.choice(HASHTAGS)
            rev: dict[str, object] = {
                "id": rev_id,
                "parent": parent,
                "timestamp": t.strftime("%Y-%m-%dT%H:%M:%SZ"),
                "user": f"10.0.{u // 256}.{u % 256}" if ip else user_name(u),
                "user_id": None if ip else u + 1,
                "minor": rng.random() < 0.1,
                "comment": comment,
                "text": text,
                "hide": None,
            }
            if spec.hidden and rng.random() < 0.03:
                rev["hide"] = rng.choice(["user", "comment", "text"])
            revs.append(rev)
            texts.append(text)
            parent = rev_id
            rev_id += 1
        yield {"id": page_id, "ns": ns, "title": title, "redirect": page_id % 53 == 0}, revs


def write(out: BinaryIO, spec: Spec) -> None:
    """The dump, as dumpBackup.php lays it out."""
    w = out.write
    w(
        b'<mediawiki xmlns="http://www.mediawiki.org/xml/export-0.11/" '
        b'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        b'xsi:schemaLocation="http://www.mediawiki.org/xml/export-0.11/ http://www.mediawiki.org/xml/export-0.11.xsd" '
        b'version="0.11" xml:lang="sr">\n'
    )
    ns_xml = "".join(
        f'      <namespace key="{k}" case="first-letter">{escape(v)}</namespace>\n'
        if v
        else f'      <namespace key="{k}" case="first-letter" />\n'
        for k, v in NAMESPACES.items()
    )
    w(
        (
            "  <siteinfo>\n    <sitename>Википедија</sitename>\n    <dbname>srwiki</dbname>\n"
            f"    <base>{escape(spec.base)}</base>\n    <generator>MediaWiki 1.39.17</generator>\n"
            f"    <case>first-letter</case>\n    <namespaces>\n{ns_xml}    </namespaces>\n  </siteinfo>\n"
        ).encode()
    )
    written = 0
    for page, revs in revisions_of(spec):
        if spec.max_bytes and written >= spec.max_bytes:
            break
        head = f"  <page>\n    <title>{escape(str(page['title']))}</title>\n    <ns>{page['ns']}</ns>\n    <id>{page['id']}</id>\n"
        if page["redirect"]:
            head += f"    <redirect title={quoteattr('Target ' + str(page['id']))} />\n"
        written += w(head.encode())
        for r in revs:
            written += w(_revision(r, spec.stub).encode())
        w(b"  </page>\n")
    w(b"</mediawiki>\n")


def _revision(r: dict[str, object], stub: bool) -> str:
    text = str(r["text"])
    sha1 = sha1_base36(text)
    size = len(text.encode())
    parts = [f"    <revision>\n      <id>{r['id']}</id>\n"]
    if r["parent"]:
        parts.append(f"      <parentid>{r['parent']}</parentid>\n")
    parts.append(f"      <timestamp>{r['timestamp']}</timestamp>\n")
    if r["hide"] == "user":
        parts.append('      <contributor deleted="deleted" />\n')
    elif r["user_id"] is None:
        parts.append(f"      <contributor>\n        <ip>{r['user']}</ip>\n      </contributor>\n")
    else:
        parts.append(
            f"      <contributor>\n        <username>{escape(str(r['user']))}</username>\n"
            f"        <id>{r['user_id']}</id>\n      </contributor>\n"
        )
    if r["minor"]:
        parts.append("      <minor />\n")
    if r["hide"] == "comment":
        parts.append('      <comment deleted="deleted" />\n')
    elif r["comment"]:
        parts.append(f"      <comment>{escape(str(r['comment']))}</comment>\n")
    parts.append(
        "      <origin>{}</origin>\n      <model>wikitext</model>\n      <format>text/x-wiki</format>\n".format(
            r["id"]
        )
    )
    if stub:
        parts.append(f'      <text bytes="{size}" sha1="{sha1}" location="tt:{r["id"]}" id="{r["id"]}" />\n')
    elif r["hide"] == "text":
        parts.append(f'      <text bytes="{size}" sha1="{sha1}" deleted="deleted" />\n')
    elif not text:
        parts.append(f'      <text bytes="0" sha1="{sha1}" xml:space="preserve" />\n')
    else:
        parts.append(f'      <text bytes="{size}" sha1="{sha1}" xml:space="preserve">{escape(text)}</text>\n')
    parts.append(f"      <sha1>{sha1}</sha1>\n    </revision>\n")
    return "".join(parts)


def page_dump(texts: list[bytes]) -> bytes:
    """A dump in MediaWiki's layout: one page whose revisions have these (escaped) texts."""
    revisions = b"".join(
        b"    <revision>\n      <id>%d</id>\n%s      <timestamp>2024-03-01T10:00:%02dZ</timestamp>\n"
        b"      <contributor>\n        <username>Ann</username>\n        <id>3</id>\n      </contributor>\n"
        b'      <model>wikitext</model>\n      <format>text/x-wiki</format>\n      <text bytes="%d" sha1="x" '
        b'xml:space="preserve">%s</text>\n      <sha1>x</sha1>\n    </revision>\n'
        % (i + 1, b"      <parentid>%d</parentid>\n" % i if i else b"", i % 60, len(t), t)
        for i, t in enumerate(texts)
    )
    return (
        b'<mediawiki xmlns="http://www.mediawiki.org/xml/export-0.11/" version="0.11" xml:lang="en">\n'
        b"  <siteinfo>\n    <sitename>T</sitename>\n    <dbname>t</dbname>\n"
        b"    <base>http://127.0.0.1/index.php/Main_Page</base>\n  </siteinfo>\n"
        b"  <page>\n    <title>P</title>\n    <ns>0</ns>\n    <id>1</id>\n"
        + revisions
        + b"  </page>\n</mediawiki>\n"
    )
