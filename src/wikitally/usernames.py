"""MediaWiki's username and title normalisation (the parts a campaign file needs)."""

from __future__ import annotations

import re

_SPACES = re.compile(r"[ _]+")
# Characters MediaWiki never allows in a title, hence in a username.
_ILLEGAL = re.compile(r"[#<>\[\]|{}\x00-\x1f\x7f]")


def normalize_username(name: str) -> str:
    """'example_user ' -> 'Example user' (underscores to spaces, trimmed, first letter upper-cased)."""
    name = _SPACES.sub(" ", name).strip()
    return name[:1].upper() + name[1:]


def username_problem(name: str) -> str | None:
    """Why MediaWiki would reject this username, or None."""
    if not name:
        return "is empty"
    if _ILLEGAL.search(name):
        return "contains a character MediaWiki forbids in usernames (# < > [ ] | { })"
    if ":" in name and name.split(":", 1)[0].lower() in {"user", "user talk", "special"}:
        return "includes a namespace prefix; write the bare username"
    return None


def normalize_title(title: str) -> str:
    title = _SPACES.sub(" ", title).strip()
    return title[:1].upper() + title[1:]
