import pytest

from wikitally.usernames import normalize_username, username_problem


@pytest.mark.parametrize(
    ("raw", "normal"),
    [("example_user", "Example user"), ("  a__b  ", "A b"), ("Ünïcode_name", "Ünïcode name")],
)
def test_normalize_like_mediawiki(raw, normal):
    assert normalize_username(raw) == normal


@pytest.mark.parametrize("bad", ["", "a|b", "a[b", "User:Somebody", "x#y"])
def test_forbidden_names(bad):
    assert username_problem(bad) is not None


@pytest.mark.parametrize(
    ("raw", "normal"),
    [
        ("Alice\u200eFuzz", "AliceFuzz"),  # bidi marks are stripped (MediaWikiTitleCodec)
        ("\u200fAlice\u202a Fuzz\u202c\u202e", "Alice Fuzz"),
        ("Alice\u00a0\u3000_Fuzz", "Alice Fuzz"),  # Unicode spaces and underscores: one space
        ("alice\u2028fuzz", "Alice fuzz"),
        ("cafe\u0301", "Café"),  # NFC, as MediaWiki's WebRequest makes every parameter
        ("e\u0301lodie", "Élodie"),
        ("Z" * 255, "Z" * 255),
        ("Foo:Bar", "Foo:Bar"),  # no namespace of that name: a username with a colon
        ("1.2.3.4", "1.2.3.4"),  # an IP's edits
    ],
)
def test_normalize_like_mediawiki_1_39(raw, normal):
    assert normalize_username(raw) == normal
    assert username_problem(raw) is None


@pytest.mark.parametrize(
    ("bad", "reason"),
    [
        ("Alice\u200bFuzz", "contains U+200B, which MediaWiki does not allow in usernames"),
        ("A\u200dB", "contains U+200D, which MediaWiki does not allow in usernames"),
        ("A\x85B", "contains U+0085, which MediaWiki does not allow in usernames"),
        ("A\ue000B", "contains U+E000, which MediaWiki does not allow in usernames"),
        ("A\ud800B", "contains U+D800, which MediaWiki does not allow in usernames"),
        ("A%41B", "contains '%41', which MediaWiki does not allow in usernames"),
        ("A&amp;B", "contains '&amp;', which MediaWiki does not allow in usernames"),
        ("A~~~~B", "contains '~~~', which MediaWiki does not allow in usernames"),
        ("A\x1b]0;t\x07", "contains a character MediaWiki forbids in usernames (# < > [ ] | { })"),
        ("\u200e\u200f", "is empty"),
        ("Z" * 256, "is 256 bytes long; MediaWiki allows 255 bytes (UTF-8)"),
        ("Ž" * 128, "is 256 bytes long; MediaWiki allows 255 bytes (UTF-8)"),
        ("x" * 1_000_000, "is 1,000,000 bytes long; MediaWiki allows 255 bytes (UTF-8)"),
        ("A/B", "contains '/', which MediaWiki does not allow in usernames"),
        ("1.2.3.0/24", "contains '/', which MediaWiki does not allow in usernames"),
        (":X", "contains a leading ':', which MediaWiki does not allow in usernames"),
        ("..", "contains '..', which MediaWiki does not allow in usernames"),
        ("Talk:X", "includes a namespace prefix; write the bare username"),
        ("project _: X", "includes a namespace prefix; write the bare username"),
        ("File talk:X", "includes a namespace prefix; write the bare username"),
    ],
)
def test_names_mediawiki_refuses(bad, reason):
    assert username_problem(bad) == reason
