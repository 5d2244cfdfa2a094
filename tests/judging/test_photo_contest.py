"""services.photos through the CLI against a stand-in Commons: import (batched, incremental), verdicts,
overrides, allocation, votes import (every rule of the contract) and results (the contract's JSON)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from fake_commons import FakeCommons, FakeFile

from wikitally import cli
from wikitally.campaign_file import load_campaign
from wikitally.services import collection
from wikitally.store import open_store
from wikitally.store.photos import PhotoStore

CAT = "Category:Images from WLE 2024 in Serbia"
CONTEST = """
name = "WLE test"
start = 2024-05-01T00:00:00Z
end = 2024-05-31T23:59:59Z
[photos]
wiki = "commons.wikimedia.org"
categories = ["Images from WLE 2024 in Serbia"]
min_megapixels = 2.0
site_template = "Protected area of Serbia"
sites = "sites.csv"
jurors = ["Juror A", "Juror B", "Juror C"]
[[photos.round]]
name = "First round"
kind = "yesno"
quorum = 2
advance = 2
[[photos.round]]
name = "Final"
kind = "rating"
quorum = 2
advance = 1
"""


def site_text(site: str | None) -> str:
    return "{{Information|description=x}}" + (f"\n{{{{Protected area of Serbia|{site}}}}}" if site else "")


def add(
    commons: FakeCommons,
    pid: int,
    name: str,
    *,
    w: int = 2000,
    h: int = 1000,
    user: str = "Up",
    ts: str = "2024-05-10T10:00:00Z",
    sha1: str | None = None,
    site: str | None = "SR-1",
    mime: str = "image/jpeg",
) -> None:
    commons.add(
        FakeFile(pid, f"File:{name}", [(ts, user, w, h, mime, sha1 or f"sha-{pid}")], site_text(site), (CAT,))
    )


@pytest.fixture
def contest(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[FakeCommons, Path, str]]:
    commons = FakeCommons()
    add(commons, 1, "Uvac canyon.jpg")
    add(commons, 2, "Tara river.jpg", site="SR-2")
    add(commons, 3, "Small.jpg", w=1000, h=1000)
    add(commons, 4, "Copy.jpg", sha1="sha-1", ts="2024-05-11T10:00:00Z")
    add(commons, 5, "By juror.jpg", user="Juror_B")
    add(commons, 6, "No site.jpg", site=None)
    add(commons, 7, "Unknown site.jpg", site="XX-9")
    add(commons, 8, "Early.jpg", ts="2024-04-30T23:59:59Z")
    add(commons, 9, "Fruska gora.jpg", site="SR-1")
    (tmp_path / "sites.csv").write_text("id,label\nSR-1,Uvac\nSR-2,Tara\n", encoding="utf-8")
    path = tmp_path / "contest.toml"
    path.write_text(CONTEST, encoding="utf-8")
    real = collection.session_factory
    monkeypatch.setattr(
        collection,
        "session_factory",
        lambda *a, **k: real(transport=commons.transport(), sleep=lambda s: None),
    )
    yield commons, path, str(tmp_path / "store.sqlite3")


def run(*args: str) -> tuple[int, str, str]:
    r = CliRunner().invoke(cli.main, list(args))
    return r.exit_code, r.stdout, r.stderr


def results(path: Path, db: str, number: int = 1) -> dict:
    code, out, err = run(
        "photos", "results", str(path), "--round", str(number), "--format", "json", "--db", db
    )
    assert code == 0, err
    return json.loads(out)


def votes_file(tmp_path: Path, lines: list[str], name: str = "votes.csv") -> str:
    p = tmp_path / name
    p.write_text("\n".join(["round,juror,file,value", *lines]) + "\n", encoding="utf-8")
    return str(p)


def test_import_checks_every_reason_and_results_have_the_contract_shape(
    contest: tuple[FakeCommons, Path, str],
) -> None:
    commons, path, db = contest
    code, _, err = run("photos", "import", str(path), "--db", db)
    assert code == 0, err
    assert commons.requests["metadata"] == 1  # 9 files: one request of 50
    data = results(path, db)
    assert set(data) == {"entries", "round"}
    by_file = {e["file"]: e for e in data["entries"]}
    assert all(set(e) == {"file", "uploader", "eligible", "reasons", "site"} for e in data["entries"])
    assert by_file["Uvac canyon.jpg"] == {
        "file": "Uvac canyon.jpg",
        "uploader": "Up",
        "eligible": True,
        "reasons": [],
        "site": "SR-1",
    }
    assert by_file["Small.jpg"]["reasons"] == ["too_small"]
    assert by_file["Copy.jpg"]["reasons"] == ["duplicate"]
    assert (
        by_file["By juror.jpg"]["reasons"] == ["uploader_is_juror"]
        and by_file["By juror.jpg"]["uploader"] == "Juror B"
    )
    assert by_file["No site.jpg"] == {
        **by_file["No site.jpg"],
        "reasons": ["no_site_id"],
        "site": None,
        "eligible": False,
    }
    assert by_file["Unknown site.jpg"]["reasons"] == ["unknown_site_id"]
    assert by_file["Early.jpg"]["reasons"] == ["outside_window"]
    r = data["round"]
    assert set(r) == {"name", "kind", "votes", "complete", "ranking"}
    assert (r["name"], r["kind"], r["votes"], r["complete"]) == ("First round", "yesno", 0, False)
    assert {p["file"] for p in r["ranking"]} == {"Uvac canyon.jpg", "Tara river.jpg", "Fruska gora.jpg"}
    assert all(set(p) == {"rank", "file", "score"} for p in r["ranking"])


def test_import_is_incremental_and_keeps_deleted_files(contest: tuple[FakeCommons, Path, str]) -> None:
    commons, path, db = contest
    run("photos", "import", str(path), "--db", db)
    commons.requests.clear()
    assert run("photos", "import", str(path), "--db", db)[0] == 0
    assert commons.requests["metadata"] == 0  # nothing changed: nothing read again
    commons.files[6].text = site_text("SR-2")
    commons.files[6].rev_id = 2
    del commons.files[9]
    commons.files[2].categories = ()
    assert run("photos", "import", str(path), "--db", db)[0] == 0
    assert commons.requests["metadata"] == 1
    by_file = {e["file"]: e for e in results(path, db)["entries"]}
    assert by_file["No site.jpg"]["reasons"] == [] and by_file["No site.jpg"]["site"] == "SR-2"
    assert by_file["Fruska gora.jpg"]["reasons"] == ["deleted"] and not by_file["Fruska gora.jpg"]["eligible"]
    assert "Tara river.jpg" not in by_file  # left the category: no longer an entry


def test_metadata_is_read_50_files_a_request(contest: tuple[FakeCommons, Path, str]) -> None:
    commons, path, db = contest
    for pid in range(100, 221):  # 121 more files → 130 in all
        add(commons, pid, f"Photo {pid}.jpg")
    run("photos", "import", str(path), "--db", db)
    assert commons.requests["metadata"] == 3  # ⌈130 / 50⌉


def test_votes_import_rules_and_results(contest: tuple[FakeCommons, Path, str], tmp_path: Path) -> None:
    _commons, path, db = contest
    run("photos", "import", str(path), "--db", db)
    good = votes_file(
        tmp_path,
        [
            "1,Juror A,Uvac_canyon.jpg,yes",
            "1,juror_B,File:Uvac canyon.jpg,yes",
            "1,Juror A,tara river.jpg,no",
            "1,Juror C,Tara river.jpg,yes",
            "1,Juror A,Fruska gora.jpg,yes",
            "1,Juror B,Fruska gora.jpg,no",
        ],
    )
    code, _, err = run("photos", "votes", "import", str(path), good, "--db", db)
    assert code == 0, err
    first = results(path, db)
    assert run("photos", "votes", "import", str(path), good, "--db", db)[0] == 0  # idempotent
    assert results(path, db) == first
    r = first["round"]
    assert r["votes"] == 6 and r["complete"]
    assert [(p["rank"], p["file"], p["score"]) for p in r["ranking"]] == [
        (1, "Uvac canyon.jpg", 1.0),
        (2, "Fruska gora.jpg", 0.5),
        (2, "Tara river.jpg", 0.5),
    ]
    # advance = 2 with a tie at 2: three photos in round 2
    final = results(path, db, 2)
    assert {p["file"] for p in final["round"]["ranking"]} == {
        "Uvac canyon.jpg",
        "Fruska gora.jpg",
        "Tara river.jpg",
    }

    store = open_store(db)
    campaign = load_campaign(path)
    before = PhotoStore(store).votes(campaign)
    bad_lines = [
        ("1,Someone,Uvac canyon.jpg,yes", "not a juror"),
        ("1,Juror A,Nothing.jpg,yes", "not a file of this contest"),
        ("1,Juror A,Small.jpg,yes", "not eligible"),
        ("1,Juror A,Uvac canyon.jpg,maybe", "out of range"),
        ("3,Juror A,Uvac canyon.jpg,yes", "not a round number"),
        ("0,Juror A,Uvac canyon.jpg,yes", "not a round number"),
        ("2,Juror A,Uvac canyon.jpg,6", "out of range"),
        ("2,Juror A,Uvac canyon.jpg,0", "out of range"),
        ("2,Juror A,No site.jpg,3", "not eligible"),
        ("1,Juror C,Uvac canyon.jpg,yes\n1,Juror C,Uvac canyon.jpg,no", "another value"),
    ]
    for line, why in bad_lines:
        # a good line first: a refused file applies nothing
        f = votes_file(tmp_path, ["1,Juror C,Fruska gora.jpg,yes", line], "bad.csv")
        code, _out, err = run("photos", "votes", "import", str(path), f, "--db", db)
        assert code == 2, (line, err)
        assert "line 3" in err and why in err, err
        assert "Traceback" not in err and len(err.strip().splitlines()) == 1
        assert PhotoStore(store).votes(campaign) == before
    f = tmp_path / "header.csv"
    f.write_text("round,juror,photo,value\n1,Juror A,Uvac canyon.jpg,yes\n", encoding="utf-8")
    code, _, err = run("photos", "votes", "import", str(path), str(f), "--db", db)
    assert code == 2 and "line 1" in err


def test_not_advanced_and_deleted_photos_refuse_votes(
    contest: tuple[FakeCommons, Path, str], tmp_path: Path
) -> None:
    commons, path, db = contest
    run("photos", "import", str(path), "--db", db)
    f = votes_file(
        tmp_path,
        [
            "1,Juror A,Uvac canyon.jpg,yes",
            "1,Juror B,Uvac canyon.jpg,yes",
            "1,Juror A,Tara river.jpg,yes",
            "1,Juror C,Tara river.jpg,yes",
            "1,Juror A,Fruska gora.jpg,no",
            "1,Juror B,Fruska gora.jpg,no",
            "2,Juror A,Uvac canyon.jpg,5",
        ],
    )
    assert run("photos", "votes", "import", str(path), f, "--db", db)[0] == 0
    code, _, err = run(
        "photos",
        "votes",
        "import",
        str(path),
        votes_file(tmp_path, ["2,Juror A,Fruska gora.jpg,4"], "x.csv"),
        "--db",
        db,
    )
    assert code == 2 and "did not advance to round 2" in err and "line 2" in err
    del commons.files[2]
    run("photos", "import", str(path), "--db", db)
    code, _, err = run(
        "photos",
        "votes",
        "import",
        str(path),
        votes_file(tmp_path, ["1,Juror B,Tara river.jpg,yes"], "y.csv"),
        "--db",
        db,
    )
    assert code == 2 and "is deleted" in err


def test_override_is_logged_and_changes_the_verdict(contest: tuple[FakeCommons, Path, str]) -> None:
    _commons, path, db = contest
    run("photos", "import", str(path), "--db", db)
    code, _, err = run(
        "photos",
        "override",
        str(path),
        "Small.jpg",
        "--eligible",
        "--reason",
        "panorama, jury agreed",
        "--by",
        "Org",
        "--db",
        db,
    )
    assert code == 0, err
    by_file = {e["file"]: e for e in results(path, db)["entries"]}
    assert by_file["Small.jpg"]["eligible"] and by_file["Small.jpg"]["reasons"] == ["too_small"]
    audit = PhotoStore(open_store(db)).audit(load_campaign(path))
    assert ("Org", "override") in [(a, b) for _, a, b, _ in audit]
    assert (
        run("photos", "override", str(path), "Nope.jpg", "--ineligible", "--reason", "x", "--db", db)[0] == 2
    )


def test_allocation_queues_and_deleted_files_leave_them(
    contest: tuple[FakeCommons, Path, str], tmp_path: Path
) -> None:
    commons, path, db = contest
    for pid in range(100, 130):
        add(commons, pid, f"Photo {pid}.jpg", user="Juror_A" if pid == 100 else "Up")
    run("photos", "import", str(path), "--db", db)
    code, _out, err = run("photos", "allocate", str(path), "--round", "1", "--seed", "3", "--db", db)
    assert code == 0, err
    store, campaign = open_store(db), load_campaign(path)
    photos = PhotoStore(store)
    tasks = photos.open_tasks(campaign, 1)
    eligible = {p["file"] for p in results(path, db)["round"]["ranking"]}
    assert set(tasks) == eligible and all(len(j) == 2 for j in tasks.values())
    sizes = [n for _, n in photos.progress(campaign, 1).values()]
    assert max(sizes) - min(sizes) <= 1
    # a vote marks the juror's task done; the queue moves on
    juror = "Juror B"
    first = photos.next_task(campaign, 1, juror)[0]
    run("photos", "votes", "import", str(path), votes_file(tmp_path, [f"1,{juror},{first},yes"]), "--db", db)
    assert photos.next_task(campaign, 1, juror)[0] != first
    # a file deleted mid-round leaves every queue at once
    victim = next(f for f in tasks if f != first)
    pid = next(p for p, f in commons.files.items() if f.title == f"File:{victim}")
    del commons.files[pid]
    run("photos", "import", str(path), "--db", db)
    assert victim not in photos.open_tasks(campaign, 1)


def test_status_shows_the_effect_and_without_redistributes_an_unfinished_jurors_work(
    contest: tuple[FakeCommons, Path, str], tmp_path: Path
) -> None:
    commons, path, db = contest
    for pid in range(100, 120):
        add(commons, pid, f"Photo {pid}.jpg")
    run("photos", "import", str(path), "--db", db)
    assert run("photos", "allocate", str(path), "--round", "1", "--seed", "1", "--db", db)[0] == 0
    store, campaign = open_store(db), load_campaign(path)
    photos = PhotoStore(store)
    queue_a = photos.next_task(campaign, 1, "Juror A", count=100)
    votes = votes_file(tmp_path, [f"1,Juror A,{f},yes" for f in queue_a])
    assert run("photos", "votes", "import", str(path), votes, "--db", db)[0] == 0
    code, out, err = run("photos", "status", str(path), "--round", "1", "--db", db)
    assert code == 0, err
    assert f"Juror A: {len(queue_a)}/{len(queue_a)} tasks done, {len(queue_a)} votes, mean 1.00" in out
    assert "Juror B: 0/" in out and "lacking votes: 23 photos" in out
    # Juror B stops: their unfinished work goes to A and C; A never gets a photo twice
    code, out, err = run("photos", "allocate", str(path), "--round", "1", "--without", "juror_B", "--db", db)
    assert code == 0, err
    tasks = photos.open_tasks(campaign, 1)
    assert all("Juror B" not in jurors for jurors in tasks.values())
    assert all(not ("Juror A" in jurors and f in queue_a) for f, jurors in tasks.items())
    assert run("photos", "allocate", str(path), "--round", "1", "--without", "Nobody", "--db", db)[0] == 2


def test_status_csv_and_json_give_each_jurors_statistics(
    contest: tuple[FakeCommons, Path, str], tmp_path: Path
) -> None:
    _, path, db = contest
    run("photos", "import", str(path), "--db", db)
    assert run("photos", "allocate", str(path), "--round", "1", "--seed", "1", "--db", db)[0] == 0
    lines = ["1,Juror A,Uvac canyon.jpg,yes", "1,Juror A,Tara river.jpg,no", "1,Juror C,Uvac canyon.jpg,yes"]
    assert run("photos", "votes", "import", str(path), votes_file(tmp_path, lines), "--db", db)[0] == 0
    code, out, err = run("photos", "status", str(path), "--round", "1", "--format", "json", "--db", db)
    assert code == 0, err
    rows = {r["juror"]: r for r in json.loads(out)["jurors"]}
    a, b, c = rows["Juror A"], rows["Juror B"], rows["Juror C"]
    assert (a["alias"], a["votes"], a["mean"], a["measure"]) == (1, 2, 0.5, "yes_share")
    assert (c["votes"], c["mean"]) == (1, 1.0)
    assert (b["votes"], b["mean"], b["first_vote"], b["last_vote"]) == (0, None, None, None)
    assert a["first_vote"] is not None and a["first_vote"] <= a["last_vote"]
    assert all(0 <= r["done"] <= r["assigned"] for r in rows.values())
    code, out, err = run("photos", "status", str(path), "--round", "1", "--format", "csv", "--db", db)
    assert code == 0, err
    header, *body = out.splitlines()
    assert (
        header == "round,juror,alias,assigned,done,votes,measure,mean,first_vote,last_vote,flags,favourites"
    )
    assert [line.split(",")[1] for line in body] == ["Juror A", "Juror B", "Juror C"]
    assert run("photos", "status", str(path), "--round", "3", "--format", "csv", "--db", db)[0] == 2


def test_imported_votes_count_toward_quorum_whoever_was_allocated(
    contest: tuple[FakeCommons, Path, str], tmp_path: Path
) -> None:
    _, path, db = contest
    run("photos", "import", str(path), "--db", db)
    assert run("photos", "allocate", str(path), "--round", "1", "--seed", "2", "--db", db)[0] == 0
    store, campaign = open_store(db), load_campaign(path)
    tasks = PhotoStore(store).open_tasks(campaign, 1)
    photo = "Uvac canyon.jpg"
    # two votes on it from whoever: the photo has its quorum and leaves every queue
    voters = ["Juror A", "Juror B"]
    votes = votes_file(tmp_path, [f"1,{j},{photo},yes" for j in voters])
    assert run("photos", "votes", "import", str(path), votes, "--db", db)[0] == 0
    assert photo in tasks and photo not in PhotoStore(store).open_tasks(campaign, 1)
    r = results(path, db)["round"]
    assert next(p for p in r["ranking"] if p["file"] == photo)["score"] == 1.0


def test_results_summed_in_sql_equal_results_from_every_vote_and_thumbnails_are_stored(
    contest: tuple[FakeCommons, Path, str], tmp_path: Path
) -> None:
    """Bench item (issue 13): yes/no and rating rounds are scored from the database's GROUP BY; the old
    path (every vote in memory) must give the same results, round 2 too (its photos follow from round 1)."""
    from wikitally.services import photos as service

    _commons, path, db = contest
    run("photos", "import", str(path), "--db", db)
    lines = [
        "1,Juror A,Uvac canyon.jpg,yes",
        "1,Juror B,Uvac canyon.jpg,yes",
        "1,Juror A,Tara river.jpg,no",
        "1,Juror C,Tara river.jpg,yes",
        "1,Juror A,Fruska gora.jpg,no",
        "2,Juror A,Uvac canyon.jpg,3",
        "2,Juror C,Uvac canyon.jpg,5",
        "2,Juror B,Tara river.jpg,4",
    ]
    assert run("photos", "votes", "import", str(path), votes_file(tmp_path, lines), "--db", db)[0] == 0
    store, campaign = open_store(db), load_campaign(path)
    for number in (1, 2):
        fast = service.results(campaign, store, number)
        slow = service.results(campaign, store, number, in_sql=False)
        assert service.results_json(fast) == service.results_json(slow)
        assert fast.result == slow.result
    assert service.results(campaign, store, 2).result.ranking[0].entry == "Tara river.jpg"
    thumbs = PhotoStore(store).thumbs(campaign, ["Uvac canyon.jpg", "Small.jpg"])
    assert thumbs["Uvac canyon.jpg"] == (
        "https://upload.test/x/thumb/Uvac_canyon.jpg/1280px-Uvac_canyon.jpg"
    )  # iiurlwidth=1280, read in the same batched request
    assert thumbs["Small.jpg"] == "https://upload.test/x/Small.jpg"  # smaller than 1280: the file itself


def test_export_lists_the_last_rounds_winners_for_the_international_round(
    contest: tuple[FakeCommons, Path, str], tmp_path: Path
) -> None:
    _, path, db = contest
    run("photos", "import", str(path), "--db", db)
    first = [
        "1,Juror A,Uvac canyon.jpg,yes",
        "1,Juror A,Tara river.jpg,yes",
        "1,Juror B,Uvac canyon.jpg,yes",
        "1,Juror B,Fruska gora.jpg,no",
        "1,Juror C,Tara river.jpg,yes",
        "1,Juror C,Fruska gora.jpg,no",
    ]
    assert run("photos", "votes", "import", str(path), votes_file(tmp_path, first), "--db", db)[0] == 0
    # round 1 (advance 2): Uvac and Tara tie at 1.0 and both go on; round 2 has no votes yet
    code, out, err = run("photos", "export", str(path), "--round", "1", "--format", "json", "--db", db)
    assert code == 0, err
    data = json.loads(out)
    assert sorted((r["rank"], r["file"]) for r in data["nominated"]) == [
        (1, "Tara river.jpg"),
        (1, "Uvac canyon.jpg"),
    ]
    code, out, err = run("photos", "export", str(path), "--format", "json", "--db", db)
    assert code == 0 and not json.loads(out)["complete"] and "not complete" in err
    final = ["2,Juror A,Uvac canyon.jpg,5", "2,Juror A,Tara river.jpg,3"]
    final += ["2,Juror B,Uvac canyon.jpg,4", "2,Juror B,Tara river.jpg,4"]
    assert (
        run("photos", "votes", "import", str(path), votes_file(tmp_path, final, "v2.csv"), "--db", db)[0] == 0
    )
    code, out, err = run("photos", "export", str(path), "--format", "json", "--db", db)
    data = json.loads(out)
    assert code == 0 and data["complete"] and err == ""
    assert data["round"] == {"number": 2, "name": "Final", "advance": 1}
    (winner,) = data["nominated"]
    assert (winner["file"], winner["uploader"], winner["site"], winner["site_label"]) == (
        "Uvac canyon.jpg",
        "Up",
        "SR-1",
        "Uvac",
    )
    assert (winner["score"], winner["uploaded"]) == (4.5, "2024-05-10T10:00:00+00:00")
    code, out, _ = run("photos", "export", str(path), "--db", db)
    assert out.splitlines() == [
        "rank,file,uploader,uploaded,site,site_label,width,height,score",
        "1,Uvac canyon.jpg,Up,2024-05-10T10:00:00+00:00,SR-1,Uvac,2000,1000,4.5",
    ]
    code, out, _ = run("photos", "export", str(path), "--format", "wikitext", "--lang", "en", "--db", db)
    assert "| 1 || [[:File:Uvac canyon.jpg|Uvac canyon.jpg]] || [[User:Up|Up]] || SR-1 — Uvac" in out
    assert "File:Uvac canyon.jpg|Rank 1" in out and "Tara" not in out
    assert run("photos", "export", str(path), "--round", "3", "--db", db)[0] == 2
    # the winner's certificate: their place under the name, their eligible photos as their contribution
    import io

    from pypdf import PdfReader

    from wikitally.reports.i18n import translator
    from wikitally.services import photo_awards

    store, campaign = open_store(db), load_campaign(path)
    (pdf,) = photo_awards.certificates(campaign, store, tmp_path / "certs", translator("en"))
    text = PdfReader(io.BytesIO(pdf.read_bytes())).pages[0].extract_text()
    assert "1st place" in text and "Up" in text.splitlines() and "3 uploads" in text, text  # 3 eligible


def test_a_refused_votes_file_is_explained_in_the_users_language(
    contest: tuple[FakeCommons, Path, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _commons, path, db = contest
    run("photos", "import", str(path), "--db", db)
    bad = votes_file(tmp_path, ["1,Juror A,Uvac canyon.jpg,yes", "1,Juror A,Small.jpg,yes"], "bad.csv")
    english = run("photos", "votes", "import", str(path), bad, "--db", db)
    assert english[0] == 2 and english[2].strip().endswith("line 3: 'Small.jpg' is not eligible (too_small)")
    monkeypatch.setenv("WIKITALLY_LANG", "uk")
    code, _out, err = run("photos", "votes", "import", str(path), bad, "--db", db)
    assert code == 2 and len(err.strip().splitlines()) == 1
    assert "рядок 3" in err and "'Small.jpg' не допускається (too_small)" in err, err
    monkeypatch.setenv("WIKITALLY_LANG", "ru")
    out_of_range = votes_file(tmp_path, ["1,Juror A,Uvac canyon.jpg,maybe"], "range.csv")
    code, _out, err = run("photos", "votes", "import", str(path), out_of_range, "--db", db)
    assert (
        code == 2
        and "строка 2" in err
        and "значение 'maybe' вне допустимого для тура yesno (yes или no)" in err
    )
    assert PhotoStore(open_store(db)).votes(load_campaign(path)) == []  # nothing applied
