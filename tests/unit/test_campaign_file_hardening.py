"""Bad campaign files give one clear line (CampaignFileError), before any wiki is asked: never a traceback,
a hang, or a terminal-driving or endless line."""

from __future__ import annotations

import os
import time
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from blocking import error_from_fifo

from wikitally import campaign_file
from wikitally.campaign_file import load_campaign, parse_campaign, read_toml
from wikitally.errors import CampaignFileError

GOOD: dict[str, Any] = {
    "name": "x",
    "start": datetime.fromisoformat("2024-03-08T09:00:00+01:00"),
    "end": datetime.fromisoformat("2024-03-15T23:59:59+01:00"),
    "wikis": ["sq.wikipedia.org"],
    "participants": ["A"],
}


def error_of(**changes: Any) -> CampaignFileError:
    with pytest.raises(CampaignFileError) as raised:
        parse_campaign({**GOOD, **changes}, "c.toml")
    return raised.value


def assert_one_clean_line(error: CampaignFileError, limit: int = 400) -> None:
    line = str(error)
    assert "\n" not in line and "\r" not in line
    assert not any(ord(c) < 32 or 0x7F <= ord(c) < 0xA0 for c in line), repr(line)
    assert len(line) <= limit, len(line)


# -- the file itself: a regular file of bounded size


def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    fifo = tmp_path / "c.toml"
    os.mkfifo(fifo)
    error = error_from_fifo(load_campaign, fifo)
    assert isinstance(error, CampaignFileError)
    assert str(error) == f"{fifo}: is not a regular file; give the path of a campaign file"


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/null"])
def test_a_device_is_refused_before_reading(device: str) -> None:
    if not os.path.exists(device):
        pytest.skip(f"no {device} here")
    with pytest.raises(CampaignFileError) as raised:
        load_campaign(device)
    assert str(raised.value) == f"{device}: is not a regular file; give the path of a campaign file"


def test_a_file_over_the_limit_is_refused_and_the_limit_is_said(tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    path.write_bytes(b"# " + b"x" * campaign_file.MAX_FILE_BYTES)
    with pytest.raises(CampaignFileError) as raised:
        load_campaign(path)
    assert "larger than 1 MiB" in str(raised.value)
    path.write_bytes(b"#" * (campaign_file.MAX_FILE_BYTES - 1) + b"\n")  # at the limit: read
    assert read_toml(campaign_file.read_file(path, str(path)), str(path)) == {}


# -- what the TOML reader raises


@pytest.mark.parametrize("text", ["x = " + "[" * 100_000, "x = " + "{a=" * 100_000, "[" * 100_000])
def test_deep_nesting_is_a_toml_error(text: str) -> None:
    with pytest.raises(CampaignFileError) as raised:
        read_toml(text, "c.toml")
    assert raised.value.problem_template == campaign_file.NOT_TOML
    assert_one_clean_line(raised.value)


# -- dates a wiki can hold, checked before any wiki is asked


@pytest.mark.parametrize(
    ("key", "value", "timezone"),
    [
        ("end", datetime.fromisoformat("9999-12-31T23:59:59-05:00"), None),
        ("start", datetime.fromisoformat("0001-01-01T00:00:00+01:00"), None),
        ("start", datetime.fromisoformat("0001-01-01T00:00:00-01:00"), None),
        ("start", datetime.fromisoformat("2000-12-31T23:59:59+00:00"), None),
        ("start", date(1, 1, 1), "Europe/Tirane"),
        ("end", date(9999, 12, 31), "America/New_York"),
        ("end", datetime(9999, 12, 31, 23, 0), "America/New_York"),
    ],
)
def test_moments_outside_what_a_wiki_holds_are_refused(
    key: str, value: datetime | date, timezone: str | None
) -> None:
    changes: dict[str, Any] = {key: value}
    if timezone:
        changes["timezone"] = timezone
        other = "start" if key == "end" else "end"
        changes[other] = date(2024, 3, 8) if other == "start" else date(2024, 3, 15)
    error = error_of(**changes)
    assert error.field == key and error.problem_template == campaign_file.OUT_OF_RANGE
    assert_one_clean_line(error)


@pytest.mark.parametrize(
    ("start", "end"),
    [
        ("2001-01-01T00:00:00Z", "9999-12-31T23:59:59Z"),
        ("2001-01-01T01:00:00+01:00", "9999-12-31T18:59:59-05:00"),
    ],
)
def test_the_bounds_themselves_are_accepted(start: str, end: str) -> None:
    c = parse_campaign({**GOOD, "start": datetime.fromisoformat(start), "end": datetime.fromisoformat(end)})
    assert (c.start, c.end) == (datetime.fromisoformat(start), datetime.fromisoformat(end))


# -- [api] addresses that urllib or httpx would choke on


@pytest.mark.parametrize(
    "url",
    [
        "http://[::1/api.php",
        "http://[::1]x/api.php",
        "http://example.org:99999/api.php",
        "http://example.org:port/api.php",
        "http:///api.php",
        "http://exa mple.org/api.php",
        "http://example.org/api.php\n",
        "https://\x1b]0;x\x07/api.php",
    ],
)
def test_unusable_api_urls_are_refused(url: str) -> None:
    error = error_of(api={"sq.wikipedia.org": url})
    assert error.field == "api.sq.wikipedia.org" and error.problem_template == campaign_file.NOT_HTTP_URL
    assert_one_clean_line(error)


@pytest.mark.parametrize("url", ["http://[::1]:8080/api.php", "https://sq.wikipedia.org/w/api.php"])
def test_usable_api_urls_are_kept(url: str) -> None:
    assert parse_campaign({**GOOD, "api": {"sq.wikipedia.org": url}}).api_url("sq.wikipedia.org") == url


# -- the one-line rule: what the file says is escaped and shortened in the message


@pytest.mark.parametrize(
    "key",
    ["a\nb", "\x1b]0;title\x07", "k" * 1_000_000, "x\u2028y", "\u202eevil", "a\rb"],
)
def test_unknown_keys_are_one_short_clean_line(key: str) -> None:
    error = error_of(**{key: 1})
    assert error.problem_template == campaign_file.UNKNOWN_KEY
    # the fix lists every known key (it grows with the file format); the key itself is shortened to ~60
    assert_one_clean_line(error, limit=len(", ".join(campaign_file.KEYS)) + 120)
    assert "\\n" in str(error) if key == "a\nb" else True


@pytest.mark.parametrize(
    ("changes", "shown"),
    [
        ({"wikis": ["a\nb"]}, "'a\\nb'"),
        ({"timezone": "\x1b]0;title\x07"}, "'\\x1b]0;title\\x07'"),
        ({"hashtags": ["#" + "x" * 100 + "!"]}, "'#" + "x" * 59 + "'…"),
        ({"language": "x" * 1_000_000}, "'" + "x" * 60 + "'…"),
        ({"participants": ["a\x85b"]}, None),
        ({"participants_page": "\n" * 1000}, None),
        ({"sensitive_locations": ["x\n" * 1000]}, None),
        ({"api": {"a\nb": "http://x"}}, "api.'a\\nb'"),
        ({"sfn_templates": {"z" * 10_000: ["sfn"]}}, "sfn_templates.'" + "z" * 60 + "'…"),
    ],
)
def test_values_in_messages_are_escaped_and_shortened(changes: dict[str, Any], shown: str | None) -> None:
    error = error_of(**changes)
    assert_one_clean_line(error)
    if shown is not None:
        assert shown in str(error)


# -- duplicate checks are linear


@pytest.mark.parametrize("key", ["hashtags", "wikis"])
def test_100k_entries_are_checked_quickly(key: str) -> None:
    many = (
        [f"#tag{i}" for i in range(100_000)] if key == "hashtags" else [f"w{i}.org" for i in range(100_000)]
    )
    begun = time.monotonic()
    c = parse_campaign({**GOOD, key: many, "participants": ["A"]})
    assert len(getattr(c, key)) == 100_000
    assert time.monotonic() - begun < 5  # a hang guard: quadratic took > 20 s


# -- a name the wiki would refuse is the campaign file's error, exit 2, before any request


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("Alice\u200bFuzz", "'Alice\\u200bFuzz' contains U+200B"),
        ("x" * 1_000_000, "'" + "x" * 60 + "'… is 1,000,000"),
    ],
)
def test_the_cli_refuses_a_name_the_wiki_would_refuse(tmp_path: Path, name: str, shown: str) -> None:
    import json
    import subprocess
    import sys

    path = tmp_path / "c.toml"
    path.write_text(
        'name = "x"\nstart = 2024-03-08T09:00:00Z\nend = 2024-03-09T09:00:00Z\nwikis = ["sq.wikipedia.org"]\n'
        f"participants = [{json.dumps(name)}]\n"
        '[api]\n"sq.wikipedia.org" = "http://127.0.0.1:9/api.php"\n',  # nothing listens: no request is made
        encoding="utf-8",
    )
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "wikitally.cli",
            "collect",
            str(path),
            "-q",
            "--db",
            str(tmp_path / "s.sqlite3"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2, done.stderr
    (line,) = done.stderr.strip().splitlines()
    assert line.startswith(f"wikitally: {path}: participants: {shown}") and len(line) < 300


def test_the_latest_end_allowed_is_in_the_refresh_window_without_overflow() -> None:
    from datetime import UTC, timedelta

    from wikitally.services.refresh import in_window

    c = parse_campaign({**GOOD, "end": campaign_file.LATEST})
    assert in_window(c, datetime(2030, 1, 1, tzinfo=UTC), timedelta(days=30))
    assert not in_window(c, datetime(2024, 3, 1, tzinfo=UTC), timedelta(days=30))


@pytest.mark.parametrize("text", ["x = " + "[" * 100_000, 'name = "a\x1b]0;t\x07'])
def test_a_web_definition_that_is_not_toml_is_one_line(text: str) -> None:
    from wikitally.services.refresh import campaign_of

    with pytest.raises(CampaignFileError) as raised:
        campaign_of("wikigap", text)
    assert raised.value.problem_template == campaign_file.NOT_TOML
    assert_one_clean_line(raised.value)
