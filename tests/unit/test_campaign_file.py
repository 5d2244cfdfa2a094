from datetime import UTC, datetime, timedelta, timezone

import pytest

from wikitally.campaign_file import load_campaign, parse_campaign
from wikitally.errors import CampaignFileError

BASE = """
name = "WikiGap Tirana 2024"
start = 2024-03-08T09:00:00+01:00
end   = 2024-03-15T23:59:59+01:00
wikis = ["sq.wikipedia.org", "commons.wikimedia.org"]
participants = ["Vyolltsa", "example_user"]
"""


def write(tmp_path, text):
    path = tmp_path / "c.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_full_example_parses(tmp_path):
    c = load_campaign(
        write(
            tmp_path,
            BASE
            + """
participants_page = "meta.wikimedia.org:WikiGap/Tirana 2024/Participants"
hashtags = ["#WikiGap"]
tags = ["campaign-x"]
namespaces = [0]
[api]
"sq.wikipedia.org" = "http://127.0.0.1:8080/api.php"
""",
        )
    )
    assert c.name == "WikiGap Tirana 2024"
    assert c.start == datetime(2024, 3, 8, 8, 0, tzinfo=UTC)
    assert c.end.utcoffset() == timedelta(hours=1)
    assert c.wikis == ("sq.wikipedia.org", "commons.wikimedia.org")
    assert c.participants == ("Vyolltsa", "Example user")
    assert c.participants_page == "meta.wikimedia.org:WikiGap/Tirana 2024/Participants"
    assert c.hashtags == ("WikiGap",)
    assert c.tags == ("campaign-x",)
    assert c.namespaces == (0,)
    assert c.api_url("sq.wikipedia.org") == "http://127.0.0.1:8080/api.php"
    assert c.api_url("commons.wikimedia.org") == "https://commons.wikimedia.org/w/api.php"
    assert c.sfn_for("sq.wikipedia.org") == ("sfn", "sfnp")


def test_timezone_applies_to_times_without_offset():
    c = parse_campaign(
        {
            "name": "x",
            "start": datetime(2024, 3, 8, 9, 0),
            "end": datetime(2024, 3, 9, 9, 0),
            "wikis": ["sq.wikipedia.org"],
            "participants": ["A"],
            "campaign": {"timezone": "Europe/Tirane"},
        }
    )
    assert c.start.astimezone(UTC) == datetime(2024, 3, 8, 8, 0, tzinfo=UTC)


def test_dates_with_timezone_cover_whole_days():
    from datetime import date

    c = parse_campaign(
        {
            "name": "x",
            "start": date(2024, 3, 8),
            "end": date(2024, 3, 8),
            "wikis": ["sq.wikipedia.org"],
            "participants": ["A"],
            "timezone": "UTC",
        }
    )
    assert (c.start.hour, c.end.hour, c.end.minute, c.end.second) == (0, 23, 59, 59)


@pytest.mark.parametrize(
    ("text", "field", "fix"),
    [
        ("name = [", "", "fix the syntax"),
        (BASE + 'participans = ["x"]\n', "participans", "did you mean `participants`?"),
        (BASE.replace("end   = 2024-03-15T23:59:59+01:00", "end = 2024-03-01T00:00:00+01:00"), "end", "swap"),
        (BASE.replace("+01:00\nend", "\nend"), "start", "timezone"),
        (
            BASE.replace('"Vyolltsa", "example_user"', '"Example_user", "example user"'),
            "participants",
            "duplicate",
        ),
        (
            BASE.replace('participants = ["Vyolltsa", "example_user"]', "participants = []"),
            "participants",
            "hashtags",
        ),
        (BASE.replace('"commons.wikimedia.org"', '"https://commons.wikimedia.org"'), "wikis", "bare domain"),
        (BASE + "namespaces = [-1]\n", "namespaces", "namespaces = [0]"),
        (BASE + 'hashtags = ["#wiki gap"]\n', "hashtags", "letters"),
        (
            BASE + '[api]\n"xx.wikipedia.org" = "http://x/api.php"\n',
            "api.xx.wikipedia.org",
            "add it to wikis",
        ),
        (BASE + '[api]\n"sq.wikipedia.org" = "ftp://x"\n', "api.sq.wikipedia.org", "https"),
        (BASE.replace('name = "WikiGap Tirana 2024"', ""), "name", "add name"),
        (BASE + 'timezone = "Mars/Olympus"\n', "timezone", "IANA"),
        (BASE.replace('"Vyolltsa"', '"Bad|name"'), "participants", "fix or remove"),
    ],
)
def test_bad_files_name_file_field_and_fix(tmp_path, text, field, fix):
    path = write(tmp_path, text)
    with pytest.raises(CampaignFileError) as err:
        load_campaign(path)
    message = str(err.value)
    assert message.startswith(str(path))
    assert err.value.field == field
    assert fix in message
    assert "\n" not in message
    assert err.value.exit_code == 2


def test_missing_file_is_one_line(tmp_path):
    with pytest.raises(CampaignFileError, match="cannot read"):
        load_campaign(tmp_path / "nope.toml")


def test_hashtags_alone_are_enough(tmp_path):
    c = load_campaign(
        write(
            tmp_path, BASE.replace('participants = ["Vyolltsa", "example_user"]', 'hashtags = ["1lib1ref"]')
        )
    )
    assert c.participants == () and c.hashtags == ("1lib1ref",)


def test_offsets_are_kept_exactly():
    c = parse_campaign(
        {
            "name": "x",
            "start": datetime(2024, 3, 8, 9, 0, tzinfo=timezone(timedelta(hours=5, minutes=45))),
            "end": datetime(2024, 3, 9, 9, 0, tzinfo=UTC),
            "wikis": ["ne.wikipedia.org"],
            "hashtags": ["#x"],
        }
    )
    assert c.start.astimezone(UTC) == datetime(2024, 3, 8, 3, 15, tzinfo=UTC)


def test_publishing_keys(tmp_path):
    c = load_campaign(
        write(
            tmp_path,
            BASE
            + 'language = "sr-Latn"\npageviews = true\nsensitive_locations = ["Category:Heritage at risk"]\n',
        )
    )
    assert (c.language, c.pageviews, c.sensitive_locations) == (
        "sr-latn",
        True,
        ("Category:Heritage at risk",),
    )
    assert c.translation_tags == ("contenttranslation",)


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ('language = "xx"\n', "language"),
        ('pageviews = "yes"\n', "pageviews"),
        ("sensitive_locations = 3\n", "sensitive_locations"),
    ],
)
def test_bad_publishing_keys(tmp_path, extra, field):
    with pytest.raises(CampaignFileError) as err:
        load_campaign(write(tmp_path, BASE + extra))
    assert err.value.field == field


def test_sensitive_categories_need_their_namespace(tmp_path):
    with pytest.raises(CampaignFileError, match="Category:Heritage"):
        load_campaign(write(tmp_path, BASE + 'sensitive_locations = ["Heritage"]\n'))
