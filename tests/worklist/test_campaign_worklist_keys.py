"""The campaign file's worklist keys (docs/worklists.md)."""

from pathlib import Path

import pytest

from wikitally.campaign_file import load_campaign
from wikitally.errors import CampaignFileError

BASE = """name = "Villages"
start = 2024-03-01T00:00:00Z
end = 2024-03-31T23:59:59Z
wikis = ["sq.wikipedia.org", "en.wikipedia.org"]
hashtags = ["#OneVillage"]
"""


def write(tmp_path: Path, extra: str) -> Path:
    path = tmp_path / "sub" / "campaign.toml"
    path.parent.mkdir(exist_ok=True)
    path.write_text(BASE + extra, encoding="utf-8")
    return path


def test_keys_parse(tmp_path):
    c = load_campaign(
        write(
            tmp_path,
            'worklist = ["Meta.Wikimedia.org:One_village One article/List"]\n'
            'worklist_categories = ["sq.wikipedia.org:Category:Villages_in_Albania"]\n'
            "worklist_depth = 1\n"
            'worklist_files = ["villages.csv"]\n'
            'scope = "worklist"\n'
            '[api]\n"meta.wikimedia.org" = "http://127.0.0.1:9/api.php"\n',
        )
    )
    assert c.worklist == ("meta.wikimedia.org:One village One article/List",)  # _ is a space
    assert c.worklist_categories == ("sq.wikipedia.org:Category:Villages in Albania",)
    assert c.worklist_depth == 1
    assert c.worklist_files == (str((tmp_path / "sub" / "villages.csv").resolve()),)  # relative to the file
    assert c.scope == "worklist" and c.has_worklist
    assert c.api_url("meta.wikimedia.org") == "http://127.0.0.1:9/api.php"


def test_without_worklist_nothing_changes(tmp_path):
    c = load_campaign(write(tmp_path, ""))
    assert not c.has_worklist and c.scope is None and c.worklist_depth == 0


@pytest.mark.parametrize(
    ("extra", "field", "words"),
    [
        ('worklist = ["x"]\nscope = "articles"\n', "scope", "'articles'"),
        ('worklist = ["x"]\nscope = 3\n', "scope", "'3'"),
        ('scope = "worklist"\n', "scope", "no worklist"),
        ('worklist = ["no domain here"]\n', "worklist", "DOMAIN:Title"),
        ('worklist_categories = ["sq.wikipedia.org:"]\n', "worklist_categories", "DOMAIN:Title"),
        ("worklist_depth = -1\n", "worklist_depth", "0 to"),
        ("worklist_depth = true\n", "worklist_depth", "0 to"),
        ("worklist_files = [1]\n", "worklist_files", "non-empty strings"),
    ],
)
def test_bad_worklist_keys_exit_2_naming_the_field(tmp_path, extra, field, words):
    extra = extra.replace('["x"]', '["sq.wikipedia.org:List"]')
    with pytest.raises(CampaignFileError) as e:
        load_campaign(write(tmp_path, extra))
    assert e.value.exit_code == 2
    assert e.value.field == field
    assert words in str(e.value)
    assert "\n" not in str(e.value)


def test_every_worklist_key_is_documented():
    docs = (Path(__file__).resolve().parents[2] / "docs" / "worklists.md").read_text(encoding="utf-8")
    for key in ("worklist", "worklist_categories", "worklist_depth", "worklist_files", "scope"):
        assert f"`{key}`" in docs or f"\n{key} = " in docs, key
    for key in (
        "items",
        "by_wiki",
        "before",
        "now",
        "created",
        "improved",
        "with_image",
        "with_coordinates",
        "missing",
    ):
        assert f"`{key}`" in docs, key


def test_a_campaign_defined_on_the_web_may_not_read_server_files():
    from wikitally.campaign_file import parse_campaign

    data = {
        "name": "Web",
        "start": __import__("datetime").datetime(2024, 3, 1, tzinfo=__import__("datetime").UTC),
        "end": __import__("datetime").datetime(2024, 3, 2, tzinfo=__import__("datetime").UTC),
        "wikis": ["sq.wikipedia.org"],
        "hashtags": ["#x"],
        "worklist_files": ["/etc/passwd"],
    }
    with pytest.raises(CampaignFileError) as e:
        parse_campaign(data, "web.toml")
    assert e.value.field == "worklist_files" and e.value.exit_code == 2
