"""Fuzzing the campaign-file parser: any bytes either parse or give one CampaignFileError line.

Two seeded, bounded fuzzers: mutations of the valid campaign files in the repository (bytes), and
hypothesis-built TOML-shaped data (every key, values of every TOML type). Whatever they make, the parser
returns a Campaign or raises CampaignFileError whose line is one line (no control characters) of bounded
length — never another exception.
"""

from __future__ import annotations

import random
import unicodedata
from datetime import UTC, date, datetime, time, timedelta, timezone
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wikitally.campaign_file import KEYS, parse_campaign, read_toml
from wikitally.errors import CampaignFileError
from wikitally.model import Campaign

ROOT = Path(__file__).resolve().parents[2]
MAX_LINE = 600  # the longest fix (known keys: …) with a long path still fits
SEEDS = [
    (ROOT / "src/wikitally/demo/campaign.toml").read_bytes(),
    b"""name = "F"
start = 2024-03-08
end = 2024-03-15
timezone = "Europe/Tirane"
wikis = ["sq.wikipedia.org", "commons.wikimedia.org"]
participants = ["Vyolltsa", "example_user"]
participants_page = "meta.wikimedia.org:WikiGap/Participants"
hashtags = ["#WikiGap"]
tags = ["campaign-x"]
translation_tags = ["contenttranslation"]
namespaces = [0, 6]
language = "sq"
pageviews = true
sensitive_locations = ["Category:Heritage at risk"]
[api]
"sq.wikipedia.org" = "http://127.0.0.1:8080/api.php"
[sfn_templates]
"sq.wikipedia.org" = ["sfn", "harvnb"]
""",
]
TOKENS = [
    b"[",
    b"]",
    b"{",
    b"}",
    b'"',
    b"'''",
    b"=",
    b",",
    b"\n",
    b"\x00",
    b"\x1b]0;title\x07",
    b"\r",
    b"\\u0000",
    b"\\U0010ffff",
    "\u200b".encode(),
    "\u202e".encode(),
    "\u2028".encode(),
    b"\xff",
    b"\xc3",
    b"0001-01-01T00:00:00+01:00",
    b"9999-12-31T23:59:59-05:00",
    b"9999-12-31",
    b"1979-05-27",
    b"24:00:00",
    b"http://[::1/api.php",
    b"1e999",
    b"-0",
    b"99999999999999999999",
    b"nan",
    b"true",
    b"#",
    b"User:",
    b"[[x]]",
    b"x" * 300,
    b"[" * 3000,
]


def check(outcome: Campaign | CampaignFileError) -> None:
    if isinstance(outcome, Campaign):
        return
    line = str(outcome)
    assert "\n" not in line and "\r" not in line, repr(line)
    assert not any(unicodedata.category(c) in ("Cc", "Zl", "Zp") for c in line), repr(line)
    assert len(line) <= MAX_LINE, (len(line), line[:200])


def parse_bytes(raw: bytes) -> Campaign | CampaignFileError:
    try:
        return parse_campaign(read_toml(raw, "fuzz.toml"), "fuzz.toml")
    except CampaignFileError as e:
        return e


def mutate(rng: random.Random, raw: bytes) -> bytes:
    data = bytearray(raw)
    for _ in range(rng.randint(1, 4)):
        at = rng.randrange(len(data) + 1)
        choice = rng.random()
        if choice < 0.3 and data:
            data[min(at, len(data) - 1)] = rng.randrange(256)
        elif choice < 0.6:
            data[at:at] = rng.choice(TOKENS)
        elif choice < 0.8 and data:
            end = min(len(data), at + rng.randint(1, 40))
            del data[at:end]
        else:  # repeat a line: duplicate keys, tables, long lists
            lines = bytes(data).split(b"\n")
            i = rng.randrange(len(lines))
            lines[i:i] = [lines[i]] * rng.randint(1, 3)
            data = bytearray(b"\n".join(lines))
    return bytes(data)


def test_mutated_campaign_files_parse_or_fail_in_one_line() -> None:
    rng = random.Random(8)
    outcomes = {"parsed": 0, "refused": 0}
    for _ in range(5000):
        outcome = parse_bytes(mutate(rng, rng.choice(SEEDS)))
        check(outcome)
        outcomes["parsed" if isinstance(outcome, Campaign) else "refused"] += 1
    assert outcomes["parsed"] > 50 and outcomes["refused"] > 50  # the fuzzer reaches both sides


# -- TOML-shaped data, every key


texts = st.one_of(
    st.text(max_size=40),
    st.sampled_from(
        ["sq.wikipedia.org", "#WikiGap", "Category:X", "Europe/Tirane", "sq", "http://x/api.php"]
    ),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=100, max_size=700),
)
offsets = st.sampled_from([None, UTC, timezone(timedelta(hours=-5)), timezone(timedelta(hours=14))])
moments = st.one_of(
    st.datetimes(
        min_value=datetime(1, 1, 1), max_value=datetime(9999, 12, 31, 23, 59, 59), timezones=offsets
    ),
    st.dates(),
    st.times(),
)
scalars = st.one_of(texts, st.integers(), st.floats(), st.booleans(), moments)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=5),
        st.dictionaries(st.one_of(texts, st.sampled_from(list(KEYS))), inner, max_size=4),
    ),
    max_leaves=12,
)
GOOD: dict[str, Any] = {
    "name": "x",
    "start": datetime(2024, 3, 8, 9, tzinfo=UTC),
    "end": datetime(2024, 3, 15, tzinfo=UTC),
    "wikis": ["sq.wikipedia.org"],
    "participants": ["A"],
}


@settings(
    max_examples=250,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    changes=st.dictionaries(st.one_of(st.sampled_from(list(KEYS)), texts), values, max_size=6),
    drop=st.sets(st.sampled_from(list(GOOD))),
)
def test_any_toml_data_parses_or_fails_in_one_line(changes: dict[str, Any], drop: set[str]) -> None:
    data = {k: v for k, v in {**GOOD, **changes}.items() if k not in drop}
    try:
        outcome: Campaign | CampaignFileError = parse_campaign(data, "fuzz.toml")
    except CampaignFileError as e:
        outcome = e
    check(outcome)


def test_the_strategies_make_the_types_tomllib_makes() -> None:
    # tomllib gives str, int, float, bool, datetime (aware or naive), date, time, list and dict: the same
    parsed = read_toml(b"a = 1979-05-27T07:32:00\nb = 07:32:00\nc = 1979-05-27\nd = 1.5", "t")
    assert [type(v) for v in parsed.values()] == [datetime, time, date, float]
