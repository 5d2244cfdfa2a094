"""The operator sets the network limits (WIKITALLY_REQUEST_DEADLINE, WIKITALLY_MAX_ANSWER_MB)."""

import subprocess
import sys
from pathlib import Path

import pytest

from wikitally.collect.api import ApiSession, Limits
from wikitally.errors import UsageError


def test_defaults_without_settings(monkeypatch):
    monkeypatch.delenv("WIKITALLY_REQUEST_DEADLINE", raising=False)
    monkeypatch.delenv("WIKITALLY_MAX_ANSWER_MB", raising=False)
    assert Limits.from_settings() == Limits()


def test_settings_set_the_deadline_and_the_largest_answer(monkeypatch):
    monkeypatch.setenv("WIKITALLY_REQUEST_DEADLINE", "150")
    monkeypatch.setenv("WIKITALLY_MAX_ANSWER_MB", "0.5")
    limits = Limits.from_settings(timeout_s=60.0)
    assert (limits.timeout_s, limits.deadline_s, limits.max_body_bytes) == (60.0, 150.0, 512 * 1024)
    with ApiSession("http://127.0.0.1:1/w/api.php", contact="tests@example.org") as session:
        assert session.limits == limits


def test_a_short_deadline_caps_each_step_too(monkeypatch):
    monkeypatch.setenv("WIKITALLY_REQUEST_DEADLINE", "5")
    assert Limits.from_settings(timeout_s=60.0).timeout_s == 5.0


@pytest.mark.parametrize("value", ["abc", "0", "-3", "nan", "inf"])
def test_a_bad_value_is_one_line_naming_the_variable(monkeypatch, value):
    monkeypatch.setenv("WIKITALLY_REQUEST_DEADLINE", value)
    with pytest.raises(UsageError) as raised:
        Limits.from_settings()
    assert str(raised.value) == (
        f"WIKITALLY_REQUEST_DEADLINE: {value!r} is not a positive number of seconds; "
        "write e.g. WIKITALLY_REQUEST_DEADLINE=120"
    )


def test_the_cli_says_it_in_one_line_with_exit_2(tmp_path):
    campaign = tmp_path / "c.toml"
    campaign.write_text(
        'name = "Limits"\nwikis = ["x.example"]\nstart = 2026-01-01T00:00:00Z\nend = 2026-01-02T00:00:00Z\n'
        'participants = ["Ann"]\n[api]\n"x.example" = "http://127.0.0.1:1/w/api.php"\n'
    )
    env = {"WIKITALLY_MAX_ANSWER_MB": "lots", "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    proc = subprocess.run(
        [
            str(Path(sys.executable).parent / "wikitally"),
            "collect",
            str(campaign),
            "--db",
            str(tmp_path / "s.sqlite3"),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert proc.returncode == 2
    assert proc.stderr.strip().splitlines() == [
        "wikitally: WIKITALLY_MAX_ANSWER_MB: 'lots' is not a positive number of MiB; "
        "write e.g. WIKITALLY_MAX_ANSWER_MB=128"
    ]
