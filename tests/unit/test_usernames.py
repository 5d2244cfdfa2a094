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
