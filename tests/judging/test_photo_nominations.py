"""Special nominations (`[[photos.nomination]]`, docs/photos.md): parallel rounds numbered after the
contest's, over their own categories' files (or the contest's), with their own jurors; a video nomination
takes the videos the contest's rounds refuse (not_image)."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from fake_commons import FakeCommons, FakeFile

from wikitally import cli
from wikitally.campaign_file import load_campaign
from wikitally.judging.photos import Photo
from wikitally.reports.i18n import translator
from wikitally.services import collection, photo_awards
from wikitally.services import photo_jury as jury
from wikitally.services import photos as service
from wikitally.store import Store, open_store
from wikitally.store.photos import PhotoStore

CAT = "Category:Images from WLE 2024 in Serbia"
VIDEO_CAT = "Category:Videos from WLE 2024 in Serbia"
CAVES_CAT = "Category:WLE 2024 in Serbia - caves"
CONTEST = """
name = "WLE test"
start = 2024-05-01T00:00:00Z
end = 2024-05-31T23:59:59Z
[photos]
wiki = "commons.wikimedia.org"
categories = ["Images from WLE 2024 in Serbia"]
min_megapixels = 2.0
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

[[photos.nomination]]
name = "Video"
media = "video"
categories = ["Videos from WLE 2024 in Serbia"]
jurors = ["Juror V", "Juror A"]
[[photos.nomination.round]]
name = "Best video"
kind = "rating"
quorum = 2
advance = 1

[[photos.nomination]]
name = "Caves"
categories = ["WLE 2024 in Serbia - caves"]
[[photos.nomination.round]]
name = "Shortlist"
kind = "yesno"
quorum = 1
advance = 1
"""


def add(
    commons: FakeCommons,
    pid: int,
    name: str,
    cats: tuple[str, ...],
    *,
    w: int = 2000,
    h: int = 1000,
    user: str = "Up",
    mime: str = "image/jpeg",
) -> None:
    version = ("2024-05-10T10:00:00Z", user, w, h, mime, f"sha-{pid}")
    commons.add(FakeFile(pid, f"File:{name}", [version], "{{Information|description=x}}", cats))


@pytest.fixture
def contest(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[FakeCommons, Path, str]]:
    commons = FakeCommons()
    add(commons, 1, "Uvac canyon.jpg", (CAT,))
    add(commons, 2, "Tara river.jpg", (CAT,))
    add(commons, 3, "Resava cave.jpg", (CAT, CAVES_CAT))
    add(commons, 4, "Cave only.jpg", (CAVES_CAT,))  # in the nomination, not in the contest's category
    add(commons, 5, "Drina.webm", (CAT, VIDEO_CAT), w=1280, h=720, mime="video/webm")  # 0.92 Mpx
    add(commons, 6, "Danube.ogv", (VIDEO_CAT,), w=1920, h=1080, mime="video/ogg")
    add(commons, 7, "Still.jpg", (VIDEO_CAT,))  # an image in the video nomination's category
    add(commons, 8, "By Juror V.webm", (VIDEO_CAT,), mime="video/webm", user="Juror V")
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


def results(path: Path, db: str, number: int) -> dict:
    code, out, err = run(
        "photos", "results", str(path), "--round", str(number), "--format", "json", "--db", db
    )
    assert code == 0, err
    return json.loads(out)


def votes(tmp_path: Path, path: Path, db: str, lines: list[str]) -> tuple[int, str]:
    f = tmp_path / "votes.csv"
    f.write_text("\n".join(["round,juror,file,value", *lines]) + "\n", encoding="utf-8")
    code, _out, err = run("photos", "votes", "import", str(path), str(f), "--db", db)
    return code, err


def test_nomination_rounds_are_numbered_after_the_contests(contest: tuple[FakeCommons, Path, str]) -> None:
    _commons, path, _db = contest
    photos = load_campaign(path).photos
    assert photos is not None
    numbered = [(n, r.name, nom.name if nom else None) for n, r, nom in photos.all_rounds()]
    assert numbered == [
        (1, "First round", None),
        (2, "Final", None),
        (3, "Best video", "Video"),
        (4, "Shortlist", "Caves"),
    ]
    video, caves = photos.nominations
    assert video.jurors == ("Juror V", "Juror A") and video.media == "video"
    assert caves.jurors == photos.jurors and caves.media == "image"  # the contest's jurors by default
    assert photos.all_jurors() == ("Juror A", "Juror B", "Juror C", "Juror V")


def test_each_part_judges_its_own_files_by_its_own_media(contest: tuple[FakeCommons, Path, str]) -> None:
    commons, path, db = contest
    code, _, err = run("photos", "import", str(path), "--db", db)
    assert code == 0, err
    assert commons.requests["metadata"] == 1  # the nominations' files are read in the same batches

    main = {e["file"]: e for e in results(path, db, 1)["entries"]}
    assert set(main) == {"Uvac canyon.jpg", "Tara river.jpg", "Resava cave.jpg", "Drina.webm"}
    assert main["Drina.webm"]["reasons"] == ["too_small", "not_image"]  # video never enters the contest
    assert "nomination" not in results(path, db, 1)["round"]  # the contest's rounds: the contract's shape

    video = results(path, db, 3)
    assert video["round"]["nomination"] == "Video"
    by_file = {e["file"]: e for e in video["entries"]}
    assert set(by_file) == {"Drina.webm", "Danube.ogv", "Still.jpg", "By Juror V.webm"}
    assert by_file["Drina.webm"]["eligible"] and by_file["Drina.webm"]["reasons"] == []  # no megapixels
    assert by_file["Danube.ogv"]["eligible"]
    assert by_file["Still.jpg"]["reasons"] == ["not_video"]
    assert by_file["By Juror V.webm"]["reasons"] == ["uploader_is_juror"]  # the nomination's own jurors
    assert {p["file"] for p in video["round"]["ranking"]} == {"Drina.webm", "Danube.ogv"}

    caves = results(path, db, 4)
    assert {e["file"] for e in caves["entries"]} == {"Resava cave.jpg", "Cave only.jpg"}
    assert all(e["eligible"] for e in caves["entries"])


def test_votes_go_to_the_nominations_rounds_with_their_jurors(
    contest: tuple[FakeCommons, Path, str], tmp_path: Path
) -> None:
    _commons, path, db = contest
    run("photos", "import", str(path), "--db", db)
    code, err = votes(
        tmp_path,
        path,
        db,
        [
            "3,Juror V,Danube.ogv,5",
            "3,Juror A,Danube.ogv,4",
            "3,Juror V,Drina.webm,2",
            "3,Juror A,Drina.webm,3",
        ],
    )
    assert code == 0, err
    r = results(path, db, 3)["round"]
    assert r["complete"] and r["votes"] == 4
    assert [(p["rank"], p["file"], p["score"]) for p in r["ranking"]] == [
        (1, "Danube.ogv", 4.5),
        (2, "Drina.webm", 2.5),
    ]
    # the contest's own rounds see none of it
    assert results(path, db, 1)["round"]["votes"] == 0

    for line, why in [
        ("3,Juror B,Danube.ogv,5", "not a juror"),  # a contest juror, not the nomination's
        ("3,Juror V,Uvac canyon.jpg,5", "not a file of this nomination"),
        ("3,Juror V,Still.jpg,5", "not eligible (not_video)"),
        ("1,Juror V,Uvac canyon.jpg,yes", "not a juror"),  # the nomination's juror in the contest's round
        ("1,Juror A,Danube.ogv,yes", "not a file of this contest"),
        ("5,Juror A,Uvac canyon.jpg,yes", "not a round number 1–4"),
    ]:
        code, err = votes(tmp_path, path, db, [line])
        assert code == 2 and "line 2" in err and why in err, (line, err)

    code, wikitext, err = run(
        "photos", "results", str(path), "--round", "3", "--format", "wikitext", "--db", db
    )
    assert code == 0 and wikitext.startswith("== Video: Best video =="), err
    code, listed_text, err = run(
        "photos", "export", str(path), "--round", "3", "--format", "wikitext", "--db", db
    )
    assert code == 0 and "WLE test: Video" in listed_text.splitlines()[0], err
    exported = run("photos", "export", str(path), "--round", "3", "--format", "json", "--db", db)
    assert exported[0] == 0, exported[2]
    listed = json.loads(exported[1])
    assert listed["round"] == {"number": 3, "name": "Best video", "advance": 1, "nomination": "Video"}
    assert [row["file"] for row in listed["nominated"]] == ["Danube.ogv"]


def test_allocation_and_the_web_jury_follow_the_rounds_part(contest: tuple[FakeCommons, Path, str]) -> None:
    _commons, path, db = contest
    run("photos", "import", str(path), "--db", db)
    code, _, err = run("photos", "allocate", str(path), "--round", "3", "--seed", "1", "--db", db)
    assert code == 0, err
    campaign, store = load_campaign(path), open_store(db)
    queues = {j: PhotoStore(store).queue_files(campaign, 3, j) for j in ("Juror V", "Juror A", "Juror B")}
    assert sorted(queues["Juror V"]) == sorted(queues["Juror A"]) == ["Danube.ogv", "Drina.webm"]
    assert queues["Juror B"] == []  # a contest juror, not the nomination's

    assert jury.is_juror(campaign, "Juror V") and jury.is_juror(campaign, "Juror V", 3)
    assert not jury.is_juror(campaign, "Juror V", 1) and not jury.is_juror(campaign, "Juror B", 3)
    assert jury.aliases(campaign.photos)["Juror V"] == 4  # type: ignore[arg-type]
    assert jury.queue(campaign, store, 3, "Juror V").kind == "rating"
    with pytest.raises(jury.JuryError):
        jury.vote(campaign, store, 3, "Juror B", "Danube.ogv", 5, campaign.end)
    assert service.round_title(campaign.photos, 3) == "Video: Best video"  # type: ignore[arg-type]


def test_a_nomination_without_categories_judges_the_contests_files(tmp_path: Path) -> None:
    text = CONTEST.split("[[photos.nomination]]")[0] + (
        '[[photos.nomination]]\nname = "Jury prize"\n'
        '[[photos.nomination.round]]\nname = "Pick"\nkind = "yesno"\nquorum = 1\nadvance = 1\n'
    )
    path = tmp_path / "c.toml"
    path.write_text(text, encoding="utf-8")
    photos = load_campaign(path).photos
    assert photos is not None
    part = service.part_of(photos, 3)
    assert part.key == "" and part.offset == 2 and part.contest.rounds[0].name == "Pick"


@pytest.mark.parametrize(
    ("table", "field"),
    [
        ('[[photos.nomination]]\nmedia = "video"\n', "photos.nomination[1].name"),
        ('[[photos.nomination]]\nname = "V"\nmedia = "audio"\n', "photos.nomination[1].media"),
        ('[[photos.nomination]]\nname = "V"\n', "photos.nomination[1].round"),
        ('[[photos.nomination]]\nname = "V"\ncategories = []\n', "photos.nomination[1].categories"),
        ('[[photos.nomination]]\nname = "V"\ncolour = 1\n', "photos.nomination[1].colour"),
        (
            '[[photos.nomination]]\nname = "V"\n[[photos.nomination.round]]\nname = "R"\nkind = "yesno"\n'
            "quorum = 0\nadvance = 1\n",
            "photos.nomination[1].round[1].quorum",
        ),
    ],
)
def test_a_wrong_nomination_is_one_line_naming_its_key(tmp_path: Path, table: str, field: str) -> None:
    path = tmp_path / "c.toml"
    path.write_text(CONTEST.split("[[photos.nomination]]")[0] + table, encoding="utf-8")
    code, _out, err = run("photos", "results", str(path), "--round", "1", "--db", str(tmp_path / "s.db"))
    assert code == 2, err
    assert f": {field}:" in err, err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def any_store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    if request.param == "sqlite":
        yield open_store(str(tmp_path / "store.sqlite3"))
        return
    url = os.environ.get("WIKITALLY_TEST_PG_URL")
    if not url:
        pytest.skip(
            "WIKITALLY_TEST_PG_URL is not set (export WIKITALLY_TEST_PG_URL=$(scripts/postgres.sh start))"
        )
    pg = open_store(url)
    yield pg
    from wikitally.store import models as orm

    orm.Campaign.objects.using(pg.alias).filter(key__startswith="nominations-store").delete()


def test_the_store_keeps_where_each_file_was_listed(any_store: Store, tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    path.write_text(CONTEST.replace('name = "WLE test"', 'name = "nominations-store"', 1), encoding="utf-8")
    campaign = load_campaign(path)
    any_store.save_campaign(campaign, frozenset())
    at = campaign.start
    photos = [Photo(f"F{i}.jpg", i, "Up", at, 2000, 1000, "image/jpeg", f"s{i}", None) for i in (1, 2, 3)]
    store = PhotoStore(any_store)
    store.save_entries(campaign, [(p, 1) for p in photos])
    assert [p.parts for p in store.entries(campaign)] == [(), (), ()]  # not yet listed: the contest's own
    assert all(p.in_part("") and not p.in_part("Caves") for p in store.entries(campaign))
    store.set_parts(campaign, {1: [""], 2: ["", "Caves"], 3: ["Caves"]})
    store.set_parts(campaign, {1: [""], 2: ["Caves", ""], 3: ["Caves"]})  # the same again: no change
    got = {p.file: p.parts for p in store.entries(campaign)}
    assert got == {"F1.jpg": ("",), "F2.jpg": ("", "Caves"), "F3.jpg": ("Caves",)}
    assert [p.file for p in store.entries(campaign) if p.in_part("")] == ["F1.jpg", "F2.jpg"]


def test_a_nominations_awards_name_it_and_carry_their_own_marker(
    contest: tuple[FakeCommons, Path, str], tmp_path: Path
) -> None:
    _commons, path, db = contest
    run("photos", "import", str(path), "--db", db)
    assert votes(tmp_path, path, db, ["3,Juror V,Danube.ogv,5"])[0] == 0
    campaign, store = load_campaign(path), open_store(db)
    video = service.nominated(campaign, store, 3)
    assert photo_awards.title(campaign, video) == "WLE test: Video"
    assert photo_awards.title(campaign, service.nominated(campaign, store, 2)) == "WLE test"
    # an uploader who wins both the contest and a nomination is congratulated for each
    assert photo_awards.marker("WLE test: Video") != photo_awards.marker("WLE test")
    written = photo_awards.certificates(campaign, store, tmp_path / "certs", translator("en"), 3)
    assert len(written) == 1 and written[0].suffix == ".pdf"
