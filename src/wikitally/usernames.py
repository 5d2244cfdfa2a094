"""MediaWiki's username and title normalisation (the parts a campaign file needs).

As MediaWiki 1.39 does it: the request is NFC (WebRequest), MediaWikiTitleCodec::splitTitleString strips
bidi marks (U+200E, U+200F, U+202A–U+202E), turns runs of underscores and whitespace into one space and
trims them, refuses characters outside $wgLegalTitleChars, percent-escapes and character references, "~~~"
and names over 255 bytes; UserNameUtils::isValid also refuses C1 controls, no-break and other spaces,
zero-width characters (U+200B–U+200D), line/paragraph separators and private-use characters, "/", and names
that parse as a title in another namespace.
"""

from __future__ import annotations

import ipaddress
import re
import unicodedata
from dataclasses import dataclass

MAX_BYTES = 255  # $wgMaxNameChars, and the title limit: bytes of UTF-8
_BIDI = re.compile("[\u200e\u200f\u202a-\u202e]+")
_SPACES = re.compile("[ _\u00a0\u1680\u180e\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+")
# Characters MediaWiki never allows in a title, hence in a username.
_ILLEGAL = re.compile(r"[#<>\[\]|{}\x00-\x1f\x7f]")
# Sequences a title can't hold: percent-escapes, character references, signatures.
_SEQUENCES = re.compile(r"%[0-9A-Fa-f]{2}|&[A-Za-z0-9\x80-\U0010ffff]+;|~~~")
# UserNameUtils::isValid's further list (what is left of it once bidi marks and spaces are normalised),
# plus what UtfNormal turns into U+FFFD (surrogates, non-characters) and U+FFFD itself.
_REFUSED = re.compile("[\x80-\x9f\u200b-\u200d\ue000-\uf8ff\ufffd-\uffff\ud800-\udfff]")
# Canonical namespace names (and aliases) a username can't start with: MediaWiki would read a page title in
# that namespace, never a user (a wiki's local names can only be known from its siteinfo).
_SUBJECTS = ("user", "project", "file", "image", "mediawiki", "template", "help", "category", "wikipedia")
_PREFIXES = {
    "special",
    "media",
    "talk",
    "module",
    *_SUBJECTS,
    *(f"{ns} talk" for ns in (*_SUBJECTS, "module")),
}

CHARACTERS = "contains a character MediaWiki forbids in usernames (# < > [ ] | { })"


@dataclass(frozen=True)
class Problem:
    """Why MediaWiki would refuse a name: kind, the English reason, and the part of the name at fault."""

    kind: str  # "empty", "characters", "prefix", "too-long", "refused"
    reason: str
    part: str = ""


def is_ip(user: str) -> bool:
    """An anonymous editor's "name" (an IPv4 or IPv6 address): no account, no registration, no talk page to
    thank."""
    try:
        ipaddress.ip_address(user)
    except ValueError:
        return False
    return True


def normalize_username(name: str) -> str:
    """'example_user ' -> 'Example user': NFC, bidi marks out, whitespace runs to one space, trimmed, first
    letter upper-cased — the name MediaWiki resolves it to."""
    name = unicodedata.normalize("NFC", name)
    name = _SPACES.sub(" ", _BIDI.sub("", name)).strip()
    return name[:1].upper() + name[1:]


def username_issue(name: str) -> Problem | None:
    """Why MediaWiki would reject this username (judged on its normalised form), or None."""
    normal = normalize_username(name)
    if not normal:
        return Problem("empty", "is empty")
    if _ILLEGAL.search(normal):
        return Problem("characters", CHARACTERS)
    if ":" in normal and normal.split(":", 1)[0].strip().lower() in _PREFIXES:
        return Problem("prefix", "includes a namespace prefix; write the bare username")
    found = _REFUSED.search(normal) or _SEQUENCES.search(normal)
    if found:
        part = found.group()
        shown = f"U+{ord(part):04X}" if len(part) == 1 else repr(part)
        return Problem("refused", f"contains {shown}, which MediaWiki does not allow in usernames", shown)
    # UserNameUtils::isValid: no "/" (subpages, IP ranges); a leading ":" or "." / ".." are no user's title
    shown = "'/'" if "/" in normal else "a leading ':'" if normal.startswith(":") else ""
    if normal in (".", ".."):
        shown = repr(normal)
    if shown:
        return Problem("refused", f"contains {shown}, which MediaWiki does not allow in usernames", shown)
    size = len(normal.encode("utf-8"))
    if size > MAX_BYTES:
        return Problem(
            "too-long", f"is {size:,} bytes long; MediaWiki allows {MAX_BYTES} bytes (UTF-8)", f"{size:,}"
        )
    return None


def username_problem(name: str) -> str | None:
    """Why MediaWiki would reject this username, in English, or None."""
    problem = username_issue(name)
    return problem.reason if problem else None


def normalize_title(title: str) -> str:
    title = _SPACES.sub(" ", _BIDI.sub("", title)).strip()
    return title[:1].upper() + title[1:]
