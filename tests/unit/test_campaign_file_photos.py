"""campaign_file: the [photos] table of a photo contest (issue 13's fixed contract)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from wikitally.campaign_file import load_campaign
from wikitally.cli import main
from wikitally.errors import CampaignFileError

CONTEST = """
name = "WLE 2024 Serbia"
start = 2024-05-01T00:00:00Z
end = 2024-05-31T23:59:59Z

[photos]
wiki = "commons.wikimedia.org"
categories = ["Images from Wiki Loves Earth 2024 in Serbia"]
min_megapixels = 2.0
site_template = "Protected area of Serbia"
sites = "sites.csv"
jurors = ["Juror A", "Juror B", "juror_C"]
[[photos.round]]
name = "First round"
kind = "yesno"
quorum = 2
advance = 100
[[photos.round]]
name = "Final"
kind = "ranking"
quorum = 3
advance = 15
"""


def write(folder: Path, text: str, sites: str | None = "id,label,coord\nSR-1,Uvac,\nSR-2,Tara,\n") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "contest.toml"
    path.write_text(text, encoding="utf-8")
    if sites is not None:
        (folder / "sites.csv").write_text(sites, encoding="utf-8")
    return path


def test_the_contract_example_parses_without_participants_or_hashtags(tmp_path: Path) -> None:
    c = load_campaign(write(tmp_path / "contest", CONTEST))
    p = c.photos
    assert p is not None
    assert c.participants == () and c.hashtags == ()
    assert c.wikis == ("commons.wikimedia.org",)
    assert p.categories == ("Category:Images from Wiki Loves Earth 2024 in Serbia",)
    assert p.depth == 0
    assert p.min_megapixels == 2.0
    assert p.jurors == ("Juror A", "Juror B", "Juror C")
    assert [s.id for s in p.sites or ()] == ["SR-1", "SR-2"] and p.sites and p.sites[0].label == "Uvac"
    assert [(r.name, r.kind, r.quorum, r.advance) for r in p.rounds] == [
        ("First round", "yesno", 2, 100),
        ("Final", "ranking", 3, 15),
    ]


def test_sites_is_relative_to_the_campaign_file_not_the_working_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path / "deep" / "folder", CONTEST)
    monkeypatch.chdir(tmp_path)
    assert load_campaign(path).photos.sites is not None  # type: ignore[union-attr]


def test_a_campaign_without_photos_is_as_before(tmp_path: Path) -> None:
    path = write(tmp_path, CONTEST.split("[photos]")[0] + 'wikis = ["sq.wikipedia.org"]\n', sites=None)
    with pytest.raises(CampaignFileError, match="participants: no participants"):
        load_campaign(path)


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        ("min_megapixels = 2.0", "min_megapixels = -1", "photos.min_megapixels"),
        ("min_megapixels = 2.0", 'min_megapixels = "2"', "photos.min_megapixels"),
        ('kind = "yesno"', 'kind = "stars"', "photos.round[1].kind"),
        ("quorum = 2", "quorum = 0", "photos.round[1].quorum"),
        ("advance = 100", "advance = 1.5", "photos.round[1].advance"),
        ('wiki = "commons.wikimedia.org"', 'wiki = "not a domain"', "photos.wiki"),
        ('jurors = ["Juror A", "Juror B", "juror_C"]', 'jurors = ["A", "a"]', "photos.jurors"),
        ('jurors = ["Juror A", "Juror B", "juror_C"]', "jurors = []", "photos.jurors"),
        ('jurors = ["Juror A", "Juror B", "juror_C"]', 'jurors = ["User:X"]', "photos.jurors"),
        ("categories = [", "depth = -1\ncategories = [", "photos.depth"),
        ("categories = [", "colour = 1\ncategories = [", "photos.colour"),
        ('site_template = "Protected area of Serbia"', "site_template = 3", "photos.site_template"),
        ('sites = "sites.csv"', 'sites = "missing.csv"', "photos.sites"),
        (
            'categories = ["Images from Wiki Loves Earth 2024 in Serbia"]',
            "categories = []",
            "photos.categories",
        ),
    ],
)
def test_bad_values_exit_2_naming_the_key(tmp_path: Path, old: str, new: str, field: str) -> None:
    assert old in CONTEST
    path = write(tmp_path, CONTEST.replace(old, new, 1))
    with pytest.raises(CampaignFileError) as e:
        load_campaign(path)
    assert field in str(e.value)
    result = CliRunner().invoke(
        main, ["photos", "results", str(path), "--round", "1", "--db", str(tmp_path / "s.db")]
    )
    assert result.exit_code == 2
    assert field in result.output and "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1


@pytest.mark.parametrize(
    ("sites", "message"),
    [
        ("label\nUvac\n", "no column id"),
        ("id\nSR-1\nSR-1\n", "listed twice"),
        ("id\nSR-1\n \n", None),
        ("id,label\n,x\n", "line 2"),
    ],
)
def test_bad_sites_files(tmp_path: Path, sites: str, message: str | None) -> None:
    path = write(tmp_path, CONTEST, sites=sites)
    if message is None:
        assert [s.id for s in load_campaign(path).photos.sites or ()] == ["SR-1"]  # type: ignore[union-attr]
        return
    with pytest.raises(CampaignFileError, match=message):
        load_campaign(path)


def test_no_rounds_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, CONTEST.split("[[photos.round]]")[0])
    with pytest.raises(CampaignFileError, match=r"photos\.round: is missing or empty"):
        load_campaign(path)


def test_a_campaign_not_read_from_a_file_cannot_make_the_server_read_one(tmp_path: Path) -> None:
    import tomllib

    from wikitally.campaign_file import parse_campaign

    data = tomllib.loads(CONTEST.replace('"sites.csv"', '"/etc/passwd"'))
    with pytest.raises(
        CampaignFileError, match=r"photos\.sites: cannot read the file \(only a campaign file"
    ):
        parse_campaign(data, "web form")


def test_a_ranking_round_may_be_ranked_in_batches(tmp_path: Path) -> None:
    c = load_campaign(write(tmp_path / "ok", CONTEST + "batch = 20\n"))  # the last round: the ranking
    assert c.photos is not None and [r.batch for r in c.photos.rounds] == [0, 20]
    for text, field, words in [
        (CONTEST.replace('kind = "yesno"', 'kind = "yesno"\nbatch = 20'), "photos.round[1].batch", "ranking"),
        (CONTEST + "batch = 1\n", "photos.round[2].batch", "≥ 2"),
    ]:
        with pytest.raises(CampaignFileError) as e:
            load_campaign(write(tmp_path / field, text))
        assert f": {field}: " in str(e.value) and words in str(e.value), str(e.value)
