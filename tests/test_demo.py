"""The offline demo: `wikitally demo` replays the recorded WikiGap Tirana 2024 edit-a-thon, asks no network,
and reports exactly what the scenario of scripts/record_demo.py defines.

The expected numbers below are derived from that scenario (words and references counted by hand from its
texts, bytes as the UTF-8 sizes of its texts), not copied from wikitally's output. Regenerate the recording
with `.venv/bin/python scripts/record_demo.py` (it checks the same numbers against a live collection).
"""

from __future__ import annotations

import csv
import importlib.util
import json
import os
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from wikitally.services import collection, demo, reporting

ROOT = Path(__file__).resolve().parent.parent
SQ, SR = "sq.wikipedia.org", "sr.wikipedia.org"
JSON_KEYS = {"campaign", "totals", "by_wiki", "by_participant", "articles", "uploads"}

# Counted edits, words, references and bytes per article (the scenario's `counted=True` edits):
#   sq  Sabiha Kasimati      2 edits  39+38 words  2+1 refs   685+347 B   created (Vyolltsa, Arbëresha)
#   sq  Musine Kokalari      1        53           2          768         created (Arbëresha; 16 March edit: after the window)
#   sq  Rosalind Franklin    2        21+32        1+1        232+258     created (Elira Hoxha's draft, moved to main)
#   sq  Lise Meitner         2        22+23        1+2        404+302     created (Drilona; Gentian B's copyedit: no participant)
#   sq  Parashqevi Qiriazi   2        20+19        0+1        166+274     created (Elira Hoxha; a named ref and its reuse = 1)
#   sq  Marie Curie          2        31+10        1+1        300+71      improved (Drilona; Teuta M's 5 March edit: before the window)
#   sq  Ada Lovelace         2        27+0         1+0        300+0       improved (Vyolltsa; Elira Hoxha's edit reverted)
#   sq  Sevasti Qiriazi      2        0+16         -1+1       0+224       improved (Arbëresha removes a blog citation, then sources)
#   sr  Ксенија Атанасијевић 1        42           2          1105        created (Драгана; her "правопис" fix has no #WikiGap)
#   sr  Драга Љочић          1        21           2          447         created (Milica K; Небојша's category: no participant)
#   sr  Надежда Петровић     2        16+21        1+1        404+379     created (Milica K)
#   sr  Јелена Димитријевић  2        14+31        1+1        379+360     created (Драгана)
#   sr  Сабиха Касимати      1        20           1          372         created (Vyolltsa's translation)
#   sr  Милева Марић         2        24+13        1+0        413+206     improved (Драгана; her 2nd {{sfn}} repeats the 1st: one footnote)
#   sr  Исидора Секулић      1        14           1          294         improved (Milica K)
# Not counted at all: Drilona's redirect "Liza Majtner" and her talk-page question.
SQ_TOTALS = {
    "participants": 4,  # Vyolltsa, Arbëresha, Drilona, Elira Hoxha
    "new_editors": 1,  # Elira Hoxha: registered 8 March 09:41
    "edits": 15,  # 2+1+2+2+2+2+2+2
    "edits_reverted": 1,  # Elira Hoxha's copied paragraph on Ada Lovelace
    "articles_created": 5,  # Kasimati, Kokalari, Franklin, Meitner, Parashqevi Qiriazi
    "articles_improved": 3,  # Marie Curie, Ada Lovelace, Sevasti Qiriazi
    "articles_edited": 8,
    "bytes_added": 1032 + 768 + 490 + 706 + 440 + 371 + 300 + 224,  # = 4331
    "words_added": 77 + 53 + 53 + 45 + 39 + 41 + 27 + 16,  # = 351 (headings are not prose)
    "references_added": 3 + 2 + 2 + 3 + 1 + 2 + 1 + 1,  # = 15 (the reverted edit adds none)
    "references_removed": 1,  # the blog citation on Sevasti Qiriazi
    "uploads": 2,  # Arbëresha's photo (9 March), Vyolltsa's group photo (8 March)
    "uploads_in_use": 1,  # the photo, shown in Musine Kokalari
}
SR_TOTALS = {
    "participants": 3,  # Драгана, Milica K, Vyolltsa
    "new_editors": 1,  # Milica K: registered 9 March; Vyolltsa's sr account is new, her sq one from 2016
    "edits": 10,  # 1+1+2+2+1+2+1
    "edits_reverted": 0,
    "articles_created": 5,
    "articles_improved": 2,  # Милева Марић, Исидора Секулић
    "articles_edited": 7,
    "bytes_added": 1105 + 447 + 783 + 739 + 372 + 619 + 294,  # = 4359
    "words_added": 42 + 21 + 37 + 45 + 20 + 37 + 14,  # = 216
    "references_added": 2 + 2 + 2 + 2 + 1 + 1 + 1,  # = 11
    "references_removed": 0,
    "uploads": 0,
    "uploads_in_use": 0,
}
TOTALS = {
    "participants": 6,  # Vyolltsa is on both wikis; Teuta M (listed) has nothing in the window: 7 listed, 6
    "new_editors": 2,  # Elira Hoxha, Milica K
    "edits": 25,
    "edits_reverted": 1,
    "articles_created": 10,
    "articles_improved": 5,
    "articles_edited": 15,
    "bytes_added": 4331 + 4359,
    "words_added": 351 + 216,
    "references_added": 15 + 11,
    "references_removed": 1,
    "uploads": 2,
    "uploads_in_use": 1,
}
PEOPLE = {  # user: (edits, reverted, new editor, words, references added, uploads)
    "Vyolltsa": (3, 0, 0, 39 + 27 + 20, 2 + 1 + 1, 1),
    "Arbëresha": (4, 0, 0, 38 + 53 + 0 + 16, 1 + 2 + 0 + 1, 1),
    "Drilona": (4, 0, 0, 22 + 23 + 31 + 10, 1 + 2 + 1 + 1, 0),
    "Elira Hoxha": (5, 1, 1, 21 + 32 + 20 + 19, 1 + 1 + 0 + 1, 0),
    "Драгана": (5, 0, 0, 42 + 14 + 31 + 24 + 13, 2 + 1 + 1 + 1 + 0, 0),
    "Milica K": (4, 0, 1, 21 + 16 + 21 + 14, 2 + 1 + 1 + 1, 0),
}
ARTICLES = {
    (SQ, "Sabiha Kasimati"): "created",
    (SQ, "Musine Kokalari"): "created",
    (SQ, "Rosalind Franklin"): "created",
    (SQ, "Lise Meitner"): "created",
    (SQ, "Parashqevi Qiriazi"): "created",
    (SQ, "Marie Curie"): "improved",
    (SQ, "Ada Lovelace"): "improved",
    (SQ, "Sevasti Qiriazi"): "improved",
    (SR, "Ксенија Атанасијевић"): "created",
    (SR, "Драга Љочић"): "created",
    (SR, "Надежда Петровић"): "created",
    (SR, "Јелена Димитријевић"): "created",
    (SR, "Сабиха Касимати"): "created",
    (SR, "Милева Марић"): "improved",
    (SR, "Исидора Секулић"): "improved",
}


def wikitally_command() -> list[str]:
    script = Path(sys.executable).parent / "wikitally"
    return [str(script)] if script.exists() else [sys.executable, "-m", "wikitally.cli"]


def clean_env(data_home: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("WIKITALLY_DB", None)  # the demo uses the default store: the data directory's, here data_home
    env["XDG_DATA_HOME"] = str(data_home)
    return env


@pytest.fixture(scope="module")
def demo_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[subprocess.CompletedProcess[str], Path]:
    out = tmp_path_factory.mktemp("demo-out")
    proc = subprocess.run(
        [*wikitally_command(), "demo", "--out", str(out)],
        capture_output=True,
        text=True,
        env=clean_env(tmp_path_factory.mktemp("data-home")),
        timeout=120,
        check=False,
    )
    return proc, out


def check_outcome(result: dict[str, Any]) -> None:
    assert set(result) == JSON_KEYS
    assert result["campaign"]["name"] == "WikiGap Tirana 2024"
    assert result["campaign"]["wikis"] == [SQ, SR]
    assert result["campaign"]["listed_participants"] == 7
    assert result["totals"] == TOTALS
    assert result["by_wiki"] == {SQ: SQ_TOTALS, SR: SR_TOTALS}
    people = {
        p["user"]: (
            p["edits"],
            p["edits_reverted"],
            p["new_editors"],
            p["words_added"],
            p["references_added"],
            p["uploads"],
        )
        for p in result["by_participant"]
    }
    assert people == PEOPLE
    assert {(a["wiki"], a["title"]): a["status"] for a in result["articles"]} == ARTICLES
    uploads = {(u["title"], u["user"], u["in_use"]) for u in result["uploads"]}
    assert uploads == {
        ("Skeda:Shtëpia e Kokalarëve në Gjirokastër.png", "Arbëresha", True),
        ("Skeda:WikiGap Tirana 2024, pjesëmarrëset.png", "Vyolltsa", False),
    }


def test_demo_command_prints_the_table_and_writes_json_and_csv(demo_run):
    proc, out = demo_run
    assert proc.returncode == 0, proc.stderr
    assert "WikiGap Tirana 2024" in proc.stdout
    assert "Words added" in proc.stdout and "Top participants" in proc.stdout
    assert (out / "wikitally-demo.json").is_file()
    assert (out / "wikitally-demo.csv").is_file()


def test_demo_json_has_the_scenarios_numbers(demo_run):
    _, out = demo_run
    check_outcome(json.loads((out / "wikitally-demo.json").read_text(encoding="utf-8")))


def test_demo_csv_has_the_same_totals(demo_run):
    _, out = demo_run
    with (out / "wikitally-demo.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    scopes = {(r["scope"], r["name"]): r for r in rows}
    campaign = scopes["campaign", "WikiGap Tirana 2024"]
    assert {k: int(campaign[k]) for k in TOTALS} == TOTALS
    assert {k: int(scopes["wiki", SR][k]) for k in SR_TOTALS} == SR_TOTALS
    assert {r["name"] for r in rows if r["scope"] == "participant"} == set(PEOPLE)


@pytest.fixture
def no_sockets(monkeypatch: pytest.MonkeyPatch) -> None:
    """Stricter than conftest's guard: not even loopback, not even a name lookup."""

    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError(f"the demo used the network: {args!r}")

    for name in ("connect", "connect_ex"):
        monkeypatch.setattr(socket.socket, name, refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def test_demo_replays_every_request_and_runs_again_as_a_refresh(no_sockets):
    with demo.prepare() as run:
        first = collection.collect(run.campaign, run.store, run.sessions)
        assert run.transport.unmatched == []
        assert {ws.mode for ws in first.wikis.values()} == {"full"}
        result = reporting.outcome(run.campaign, run.store, run.as_of)
        check_outcome(result)
        # `wikitally demo --db FILE` a second time: the cheap refresh check was recorded too.
        again = collection.collect(run.campaign, run.store, run.sessions)
        assert run.transport.unmatched == []
        assert {ws.mode for ws in again.wikis.values()} == {"refresh"}
        assert reporting.outcome(run.campaign, run.store, run.as_of) == result


GUARDED_CLI = """
import socket, sys

def refuse(*args, **kwargs):
    raise OSError("the demo used the network")

socket.socket.connect = socket.socket.connect_ex = refuse
socket.getaddrinfo = socket.create_connection = refuse
from wikitally.cli import main
sys.argv = ["wikitally", *sys.argv[1:]]
main()
"""


def test_demo_command_twice_on_one_store_with_all_sockets_refused(tmp_path):
    db = tmp_path / "demo.sqlite3"
    results = []
    for run in ("first", "second"):
        out = tmp_path / run
        proc = subprocess.run(
            [sys.executable, "-c", GUARDED_CLI, "demo", "--quiet", "--db", str(db), "--out", str(out)],
            capture_output=True,
            text=True,
            env=clean_env(tmp_path / "data-home"),
            timeout=120,
            check=False,
        )
        assert proc.returncode == 0, proc.stderr
        results.append(json.loads((out / "wikitally-demo.json").read_text(encoding="utf-8")))
    assert results[0] == results[1]
    check_outcome(results[1])


def test_the_recording_scripts_scenario_defines_these_numbers(monkeypatch):
    """The hand counts in scripts/record_demo.py and the numbers above are the same scenario."""
    spec = importlib.util.spec_from_file_location("record_demo", ROOT / "scripts" / "record_demo.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, spec.name, module)  # dataclasses look their module up there
    monkeypatch.setattr(sys, "path", list(sys.path))  # the script prepends src/ and tests/
    spec.loader.exec_module(module)
    want = module.expected()
    assert want["totals"] == TOTALS
    assert want["by_wiki"] == {SQ: SQ_TOTALS, SR: SR_TOTALS}
    assert set(want["by_participant"]) == set(PEOPLE)


def test_recording_is_small_and_keyed_by_the_public_api_urls():
    recording = json.loads(demo.RECORDING_FILE.read_text(encoding="utf-8"))
    assert demo.RECORDING_FILE.stat().st_size < 300_000
    assert recording["meta"]["recorded_at"].endswith("+00:00")
    assert {key.split("?", 1)[0] for key in recording["answers"]} == {
        f"https://{SQ}/w/api.php",
        f"https://{SR}/w/api.php",
    }
