"""The issue file: what a good one becomes, and one line (file, field, fix) with exit 2 for each mistake."""

from __future__ import annotations

import os
import shutil
from datetime import date
from pathlib import Path

import pytest
from blocking import error_from_fifo
from click.testing import CliRunner

from wikitally.cli import main
from wikitally.newsletter.issue_file import MAX_ISSUE_BYTES, MAX_STORY_BYTES, IssueFileError, load_issue
from wikitally.newsletter.model import GeneratedStory, WrittenStory

ISSUE_DIR = Path(__file__).resolve().parent / "issue"


@pytest.fixture
def issue_dir(tmp_path: Path) -> Path:
    """A copy of the two-language test issue, to break."""
    target = tmp_path / "issue"
    shutil.copytree(ISSUE_DIR, target)
    return target


def edit(issue_dir: Path, old: str, new: str) -> Path:
    path = issue_dir / "issue.toml"
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def test_a_good_issue(issue_dir):
    issue = load_issue(issue_dir / "issue.toml")
    assert issue.title == {"en": "CEE Newsletter", "ru": "Новостная рассылка ЦВЕ"}
    assert (issue.volume, issue.number, issue.month) == (4, 2, date(2024, 3, 1))
    assert issue.languages == ("en", "ru") and issue.source_language == "en"
    assert issue.page("en") == "CEE/Newsletter/March 2024"
    assert issue.page("ru") == "CEE/Newsletter/March 2024/ru"
    assert issue.api_url == "https://meta.wikimedia.org/w/api.php"
    assert issue.editorial["ru"].markup == "markdown" and issue.editorial["ru"].body.startswith("Дорогие")
    news, reports = issue.sections
    spring = news.stories[0]
    assert isinstance(spring, WrittenStory) and spring.author == "Ana Marković"
    assert spring.body["en"].source == str(issue_dir / "spring.md")
    assert spring.summary["en"].markup == "markdown"  # text written in the issue file is Markdown
    wikigap = reports.stories[0]
    assert isinstance(wikigap, GeneratedStory) and wikigap.map and wikigap.where == "sections[2].stories[1]"
    assert wikigap.campaign.name == "WikiGap Tirana 2024" and wikigap.campaign_file == str(
        issue_dir / "wikigap.toml"
    )
    assert wikigap.template["ru"].startswith("'''{campaign}'''")


def test_single_values_and_other_spellings(issue_dir):
    path = edit(
        issue_dir,
        'title = {en = "CEE Newsletter", ru = "Новостная рассылка ЦВЕ"}',
        'title = "CEE Newsletter"',
    )
    edit(issue_dir, 'month = "2024-03"', "month = 2024-03-01")
    languages = 'languages = ["en", "sr_Latn"]\napi = {"meta.wikimedia.org" = "http://127.0.0.1:9/api.php"}'
    edit(issue_dir, 'languages = ["en", "ru"]', languages)
    edit(issue_dir, 'editorial = {en = "editorial.md", ru = "editorial.ru.md"}', 'editorial = "editorial.md"')
    for old in ('name = {en = "News", ru = "Новости"}', 'name = {en = "Reports", ru = "Отчёты"}'):
        edit(issue_dir, old, 'name = "Section"')
    edit(
        issue_dir,
        'title = {en = "CEE Spring 2024 starts", ru = "Начинается «Вики-весна ЦВЕ 2024»"}',
        'title = "CEE Spring"',
    )
    edit(issue_dir, 'file = {en = "spring.md", ru = "spring.ru.md"}', 'file = "spring.md"')
    edit(
        issue_dir,
        'template = {en = "wikigap.en.wiki", ru = "wikigap.ru.wiki"}',
        'template = "wikigap.en.wiki"',
    )
    (issue_dir / "summary.wiki").write_text("A '''wikitext''' summary.\r\n", encoding="utf-8")
    text = (issue_dir / "issue.toml").read_text(encoding="utf-8")
    summary_start = text.index("summary = {")
    summary_end = text.index("\n", summary_start)
    path.write_text(text[:summary_start] + 'summary = "summary.wiki"' + text[summary_end:], encoding="utf-8")
    issue = load_issue(path)
    assert issue.title == {"en": "CEE Newsletter"} and issue.languages == ("en", "sr-latn")
    assert issue.month == date(2024, 3, 1) and issue.api_url == "http://127.0.0.1:9/api.php"
    assert set(issue.editorial) == {"en"} and issue.pick(issue.editorial, "sr-latn") == issue.editorial["en"]
    story = issue.sections[0].stories[0]
    assert isinstance(story, WrittenStory)
    assert (
        story.summary["en"].markup == "wikitext" and story.summary["en"].body == "A '''wikitext''' summary.\n"
    )


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        # a story file that doesn't exist
        (
            'file = {en = "spring.md", ru = "spring.ru.md"}',
            'file = {en = "spring.md", ru = "nowhere.ru.md"}',
            "sections[1].stories[1].file.ru: {dir}/nowhere.ru.md does not exist; "
            "check the path (relative to the issue file)",
        ),
        (
            'editorial = {en = "editorial.md", ru = "editorial.ru.md"}',
            'editorial = "editorial.txt"',
            "editorial: 'editorial.txt' is neither Markdown nor wikitext; name it *.md (Markdown) or *.wiki (wikitext)",
        ),
        # a language with no catalogue
        (
            'languages = ["en", "ru"]',
            'languages = ["en", "xx"]',
            "languages: no catalogue for 'xx'; use one of cs, el, en, hy, mk, pl, ro, ru, sq, sr, sr-latn, tr, uk",
        ),
        (
            'languages = ["en", "ru"]',
            'languages = ["en", "ru", "EN"]',
            "languages: 'EN' is listed twice; remove the duplicate",
        ),
        # unknown keys, the closest suggested, at every level
        ("volume = 4", "volum = 4", "volum: unknown key; did you mean `volume`?"),
        ('name = {en = "News"', 'nmae = {en = "News"', "sections[1].nmae: unknown key; did you mean `name`?"),
        ("map = true", "mapp = true", "sections[2].stories[1].mapp: unknown key; did you mean `map`?"),
        (
            'author = "Ana Marković"',
            'auhtor = "Ana Marković"',
            "sections[1].stories[1].auhtor: unknown key; did you mean `author`?",
        ),
        # a campaign file's own error, passed through
        (
            'campaign = "wikigap.toml"',
            'campaign = "nowhere.toml"',
            "sections[2].stories[1].campaign: {dir}/nowhere.toml: cannot read the file (No such file or directory); "
            "check the path",
        ),
        # per-language values
        (
            'title = {en = "CEE Newsletter", ru = "Новостная рассылка ЦВЕ"}',
            'title = {en = "CEE Newsletter", uk = "Х"}',
            "title.uk: names a language the issue doesn't have; add 'uk' to languages or remove it",
        ),
        (
            'name = {en = "News", ru = "Новости"}',
            'name = {ru = "Новости"}',
            "sections[1].name: has no value for 'en', the source language; add en = \"…\"",
        ),
        # the rest of the fields
        (
            'month = "2024-03"',
            'month = "March 2024"',
            "month: 'March 2024' is not a month; write month = \"2024-03\"",
        ),
        (
            'month = "2024-03"',
            'month = "2024-13"',
            "month: '2024-13' is not a month; write month = \"2024-03\"",
        ),
        ("issue = 2", 'issue = "2"', "issue: must be a whole number ≥ 1; e.g. issue = 2 (no quotes)"),
        ("volume = 4\n", "", 'volume: is missing; add volume = "…"'),
        (
            'wiki = "meta.wikimedia.org"',
            'wiki = "https://meta.wikimedia.org/"',
            "wiki: 'https://meta.wikimedia.org/' is not a wiki domain; write the bare domain, e.g. \"meta.wikimedia.org\"",
        ),
        (
            'base_page = "CEE/Newsletter/March 2024"',
            'base_page = "CEE/Newsletter [March]"',
            "base_page: 'CEE/Newsletter [March]' is not a page title MediaWiki accepts; "
            "leave out # < > [ ] | { } and keep it under 255 bytes",
        ),
        (
            'wiki = "meta.wikimedia.org"',
            'wiki = "meta.wikimedia.org"\napi = "ftp://x"',
            "api: 'ftp://x' is not an http(s) URL; e.g. api = \"https://meta.wikimedia.org/w/api.php\"",
        ),
        (
            'campaign = "wikigap.toml"',
            'campaign = "wikigap.toml"\nfile = "spring.md"',
            "sections[2].stories[1].file: a story is hand-written (file) or generated (campaign), not both; "
            "remove one of them",
        ),
        (
            'file = {en = "spring.md", ru = "spring.ru.md"}',
            "map = true",
            'sections[1].stories[1].map: is only for a generated story; add campaign = "…" or remove it',
        ),
        (
            'file = {en = "spring.md", ru = "spring.ru.md"}',
            "",
            "sections[1].stories[1]: has neither file nor campaign; "
            'add file = "story.md" or campaign = "campaign.toml"',
        ),
        ("map = true", 'map = "yes"', "sections[2].stories[1].map: must be true or false; write map = true"),
        (
            'title = {en = "CEE Spring 2024 starts", ru = "Начинается «Вики-весна ЦВЕ 2024»"}',
            'title = ""',
            'sections[1].stories[1].title: must be a non-empty string; write title = "…"',
        ),
        ("volume = 4", "volume = 4\nvolume = 5", "is not valid TOML"),
    ],
)
def test_mistakes_are_one_line_naming_file_field_and_fix(issue_dir, old, new, message):
    path = edit(issue_dir, old, new)
    with pytest.raises(IssueFileError) as e:
        load_issue(path)
    assert e.value.exit_code == 2
    text = str(e.value)
    assert "\n" not in text
    expected = f"{path}: " + message.replace("{dir}", str(issue_dir))
    assert text == expected or (
        message == "is not valid TOML" and text.startswith(f"{path}: is not valid TOML")
    )


def test_unknown_template_placeholder(issue_dir):
    (issue_dir / "wikigap.ru.wiki").write_text(
        "{campaign}: {participant} {{Box|{stats}}}\n", encoding="utf-8"
    )
    with pytest.raises(IssueFileError) as e:
        load_issue(issue_dir / "issue.toml")
    assert str(e.value) == (
        f"{issue_dir / 'issue.toml'}: sections[2].stories[1].template.ru: {issue_dir / 'wikigap.ru.wiki'}: "
        "unknown placeholder {participant}; use {campaign}, {stats}, {dates}, {participants}, {articles}"
    )


def test_a_story_file_that_is_not_utf8(issue_dir):
    (issue_dir / "spring.ru.md").write_bytes("Конкурс".encode("cp1251"))
    with pytest.raises(
        IssueFileError, match=r"file\.ru: .*spring\.ru\.md is not UTF-8 text; save it as UTF-8$"
    ):
        load_issue(issue_dir / "issue.toml")


def test_an_issue_path_that_is_a_fifo_is_refused_without_waiting(tmp_path):
    fifo = tmp_path / "issue.toml"
    os.mkfifo(fifo)
    error = error_from_fifo(load_issue, fifo)
    assert isinstance(error, IssueFileError)
    assert str(error) == f"{fifo}: is not a regular file; give the path of the issue's .toml file"


def test_a_story_that_is_a_device_or_too_large_is_refused(issue_dir):

    story = issue_dir / "spring.md"
    story.unlink()
    os.mkfifo(story)
    with pytest.raises(
        IssueFileError, match=r"spring\.md is not a regular file; name a \.md or \.wiki file$"
    ):
        load_issue(issue_dir / "issue.toml")
    story.unlink()
    story.write_bytes(b"word " * (MAX_STORY_BYTES // 5 + 1))
    with pytest.raises(IssueFileError, match=r"spring\.md is larger than 4 MiB; check the path$"):
        load_issue(issue_dir / "issue.toml")


def test_an_issue_file_too_large_is_refused(tmp_path):
    big = tmp_path / "issue.toml"
    big.write_bytes(b"#" * (MAX_ISSUE_BYTES + 1))
    with pytest.raises(IssueFileError, match=r"issue\.toml: is larger than 1 MiB; check the path$"):
        load_issue(big)


# -- through the command line: one line on stderr, exit 2, nothing else done -------------------------------


def run(*args: str) -> tuple[int, list[str]]:
    done = CliRunner().invoke(main, ["newsletter", *args])
    return done.exit_code, done.output.strip().splitlines()


def test_cli_unknown_key(issue_dir):
    path = edit(issue_dir, "issue = 2", "isue = 2")
    assert run(str(path)) == (2, [f"wikitally: {path}: isue: unknown key; did you mean `issue`?"])


def test_cli_missing_story_file(issue_dir):
    (issue_dir / "spring.md").unlink()
    path = issue_dir / "issue.toml"
    assert run(str(path)) == (
        2,
        [
            f"wikitally: {path}: sections[1].stories[1].file.en: {issue_dir / 'spring.md'} does not exist; "
            "check the path (relative to the issue file)"
        ],
    )


def test_cli_campaign_error_passes_through(issue_dir):
    campaign = issue_dir / "wikigap.toml"
    campaign.write_text(campaign.read_text(encoding="utf-8").replace("hashtags", "hashtag"), encoding="utf-8")
    path = issue_dir / "issue.toml"
    assert run(str(path)) == (
        2,
        [
            f"wikitally: {path}: sections[2].stories[1].campaign: {campaign}: hashtag: unknown key; "
            "did you mean `hashtags`?"
        ],
    )


def test_cli_generated_story_without_collected_data(issue_dir, tmp_path):
    path = issue_dir / "issue.toml"
    db = tmp_path / "empty.sqlite3"
    assert run(str(path), "--db", str(db), "--out", str(tmp_path / "out")) == (
        2,
        [
            f"wikitally: {path}: sections[2].stories[1].campaign: nothing collected yet for 'WikiGap Tirana 2024'; "
            f"run `wikitally collect {issue_dir / 'wikigap.toml'}`"
        ],
    )
    assert not (tmp_path / "out").exists()


def test_cli_publish_wants_the_credentials_first(issue_dir, tmp_path, monkeypatch):
    monkeypatch.delenv("WIKITALLY_BOT_USER", raising=False)
    monkeypatch.delenv("WIKITALLY_BOT_PASSWORD", raising=False)
    code, lines = run(str(issue_dir / "issue.toml"), "--publish", "--db", str(tmp_path / "never.sqlite3"))
    assert code == 2 and len(lines) == 1 and lines[0].startswith("wikitally: posting needs a bot password")
    assert not (tmp_path / "never.sqlite3").exists()
