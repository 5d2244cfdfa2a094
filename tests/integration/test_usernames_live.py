"""usernames.py against a real MediaWiki 1.39: the names it normalises to one are one user there, and the
names it refuses the wiki refuses too (so a campaign file says so before any request)."""

from __future__ import annotations

import pytest
from wikis import LocalWiki, WikiError

from wikitally.usernames import normalize_username, username_problem

pytestmark = pytest.mark.wiki

NAME = "Zw Norm"
# What people paste: bidi marks, no-break and other Unicode spaces, underscores, a lower-case first letter
SAME = [
    "Zw Norm",
    "zw_Norm",
    "Zw\u200e Norm",
    "\u200fZw Norm\u200e",
    "Zw\u202a Norm\u202c",
    "Zw\u202e Norm",
    "Zw\u00a0Norm",
    "Zw\u3000\u2002_ Norm",
    "  Zw__Norm ",
    "Zw\u2028Norm",
    "Zw\u202fNorm",
]
# Names MediaWiki refuses (UserNameUtils::isValid or the title rules)
REFUSED = [
    "Zw\u200bNorm",  # zero-width space
    "Zw\u200cNorm",
    "Zw\u200dNorm",
    "Zw\x85Norm",  # C1 control
    "Zw\ue000Norm",  # private use
    "Zw%41Norm",
    "Zw~~~Norm",
    "Zw#Norm",
    "Zw|Norm",
    "A/B",
    "1.2.3.0/24",
    "Talk:X",
    "Project:X",
    "File:X",
    "Wikipedia:X",
    ":X",
    "./A",
    "Z" * 256,
    "Ž" * 128,  # 256 bytes of UTF-8
]


@pytest.fixture(scope="module")
def user(wiki_a: LocalWiki) -> str:
    session = wiki_a.create_user(NAME)
    session.edit("Zw Norm page", "Text by the user whose name is pasted many ways.")
    return session.user


def contribs(wiki: LocalWiki, name: str) -> list[dict[str, object]]:
    # a leading U+001F makes MediaWiki split a multi-value parameter on U+001F, not "|": one name, as is
    answer = wiki.api_get(action="query", list="usercontribs", ucuser="\x1f" + name, uclimit="max")
    return list(answer["query"]["usercontribs"])


@pytest.mark.parametrize("variant", SAME)
def test_variants_mediawiki_resolves_to_one_user_normalise_to_it(
    wiki_a: LocalWiki, user: str, variant: str
) -> None:
    assert user == NAME
    (found,) = wiki_a.api_get(action="query", list="users", ususers=variant)["query"]["users"]
    assert found.get("name") == NAME and "userid" in found, found
    assert [c["user"] for c in contribs(wiki_a, variant)] == [NAME]
    assert username_problem(variant) is None
    assert normalize_username(variant) == NAME


@pytest.mark.parametrize("name", REFUSED)
def test_names_mediawiki_refuses_are_refused_before_asking(wiki_a: LocalWiki, name: str) -> None:
    assert username_problem(name) is not None
    with pytest.raises(WikiError):
        contribs(wiki_a, name)


@pytest.mark.parametrize("name", ["Foo:Bar", "1.2.3.4", "A.", "~~", "Zw Norm~"])
def test_names_mediawiki_takes_are_taken(wiki_a: LocalWiki, name: str) -> None:
    assert username_problem(name) is None
    assert contribs(wiki_a, name) == []
