"""The newsletter issue as wikitext (golden files for a two-language issue), as HTML, and its announcement;
hostile strings and raw HTML in Markdown stay text."""

from __future__ import annotations

import html
import json
import os
import re
from dataclasses import replace
from datetime import date
from pathlib import Path

import mwparserfromhell
import pytest

from wikitally.metrics.outcome import METRICS
from wikitally.newsletter import render
from wikitally.newsletter.issue_file import IssueFileError, load_issue
from wikitally.newsletter.markdown import to_html, to_wikitext
from wikitally.newsletter.model import GeneratedStory, Issue, Section, Text, WrittenStory
from wikitally.reports.data import ArticleRow, Point, ReportData
from wikitally.reports.i18n import translator
from wikitally.reports.wikitext import escape_wikitext, headline

HERE = Path(__file__).resolve().parent
ISSUE = HERE / "issue" / "issue.toml"
GOLDEN = HERE / "golden"
# WIKITALLY_UPDATE_GOLDEN=1 rewrites the golden files; otherwise they are compared byte for byte.
UPDATE_GOLDEN = os.environ.get("WIKITALLY_UPDATE_GOLDEN") == "1"
HOSTILE = [
    "a|b",
    "}}{{evil}}",
    "[[Category:X]]",
    "<script>alert(1)</script>",
    "''bold''",
    "__NOTOC__",
    "~~~~",
    "{|",
    "x\n== Injected ==\ny",
    "</div>",
    "* item",
    "ISBN 978-3-16-148410-0",
    "https://evil.example/x",
    "[https://evil.example link]",
    "{campaign}",
]


def metrics(**values: int) -> dict[str, int]:
    return {m: values.get(m, 0) for m in METRICS}


def article(wiki: str, title: str, status: str, point: Point | None, **numbers: int) -> ArticleRow:
    return ArticleRow(
        wiki=wiki,
        title=title,
        status=status,  # type: ignore[arg-type]
        edits=numbers.get("edits", 1),
        bytes_added=numbers.get("bytes_added", 0),
        words_added=numbers.get("words_added", 0),
        references_added=numbers.get("references_added", 0),
        url=f"https://{wiki}/wiki/{title.replace(' ', '_')}",
        point=point,
    )


def wikigap(name: str = "WikiGap Tirana 2024") -> ReportData:
    """The generated story's numbers, made by hand: a small WikiGap on two Wikipedias and Commons."""
    outcome = {
        "campaign": {
            "name": name,
            "start": "2024-03-08T09:00:00+01:00",
            "end": "2024-03-15T23:59:59+01:00",
            "wikis": ["sq.wikipedia.org", "sr.wikipedia.org", "commons.wikimedia.org"],
            "as_of": "2024-03-16T10:00:00+01:00",
        },
        "totals": metrics(
            participants=3, edits=23, articles_created=2, articles_improved=2, articles_edited=4,
            words_added=3_509, references_added=28, uploads=3,
        ),
        "by_wiki": {
            "sq.wikipedia.org": metrics(participants=2, edits=14, articles_edited=3),
            "sr.wikipedia.org": metrics(participants=1, edits=6, articles_edited=1),
            "commons.wikimedia.org": metrics(participants=1, edits=3, uploads=3),
        },
        "by_participant": [
            {"user": "Vyolltsa", **metrics(participants=1, edits=9)},
            {"user": "Ана Марковић", **metrics(participants=1, edits=9)},
            {"user": "Besa Kelmendi", **metrics(participants=1, edits=5)},
        ],
        "articles": [],
        "uploads": [],
    }  # fmt: skip
    articles = (
        article("sq.wikipedia.org", "Musine Kokalari", "created", None, edits=5),
        article("sq.wikipedia.org", "Kalaja e Rozafës", "created", Point(42.0469, 19.4939), edits=4),
        article("sq.wikipedia.org", "Tirana", "improved", Point(41.3275, 19.8189), edits=5),
        article("sr.wikipedia.org", "Ниш", "improved", Point(43.3209, 21.8958), edits=4),
    )
    return ReportData(outcome=outcome, articles=articles, timeline=())


def check_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if UPDATE_GOLDEN:
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
    assert path.read_bytes().decode("utf-8") == text


@pytest.fixture
def issue() -> Issue:
    return load_issue(ISSUE)


@pytest.fixture
def data() -> dict[str, ReportData]:
    return {"WikiGap Tirana 2024": wikigap()}


# -- the wiki pages ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["en", "ru"])
def test_golden_pages(issue, data, language):
    check_golden(f"cee-2024-03.{language}.wiki", render.wikitext_page(issue, data, translator(language)))


def test_page_structure(issue, data):
    text = render.wikitext_page(issue, data, translator("ru"))
    code = mwparserfromhell.parse(text)
    # story titles are bidi-isolated: compare their text
    headings = [
        (h.level, str(h.title).strip().removeprefix("<bdi>").removesuffix("</bdi>"))
        for h in code.filter_headings()
    ]
    assert headings == [
        (2, "От редакции"),
        (2, "Новости"),
        (3, "Начинается «Вики-весна ЦВЕ 2024»"),
        (2, "Отчёты"),
        (3, "WikiGap Tirana 2024"),
    ]
    assert text.startswith('<div lang="ru" dir="ltr">\n') and text.endswith("</div>\n")
    # The language switcher links to the other language's page with its name in itself.
    assert "Читать на других языках: [[:CEE/Newsletter/March 2024|English]]\n" in text
    assert "Том 4 • Выпуск 2 • март 2024\u202fг." in text  # CLDR's narrow no-break space
    # Each story: byline, summary, then its full text folded in a collapsed div that expands and folds
    # on the translated toggles.
    collapsibles = re.findall(
        r'<div class="mw-collapsible mw-collapsed" data-expandtext="([^"]*)" data-collapsetext="([^"]*)">',
        text,
    )
    assert collapsibles == [("читать полностью…", "свернуть статью")] * 2
    assert "''Автор: Ana Marković''\n\nКрупнейший конкурс статей региона '''возвращается'''." in text
    # The generated story: the template filled in, the stats line, the map.
    dates = "8 марта 2024\u202fг. — 15 марта 2024\u202fг."
    assert f"'''WikiGap Tirana 2024''' ({dates}): 3 участника, 4 статьи." in text
    assert text.count("<mapframe ") == 1 and text.count("</mapframe>") == 1
    assert code.filter_templates() == []


def test_page_summary(issue):
    assert render.page_summary(issue, translator("en")) == (
        "CEE Newsletter, Volume 4 • Issue 2 • March 2024 (published with wikitally)"
    )
    assert render.page_summary(issue, translator("ru")) == (
        "«Новостная рассылка ЦВЕ», Том 4 • Выпуск 2 • март 2024\u202fг. (опубликовано с помощью wikitally)"
    )


def test_a_language_without_its_own_text_shows_the_source_languages(issue, data):
    spring = issue.sections[0].stories[0]
    assert isinstance(spring, WrittenStory)
    one_language = replace(spring, body={"en": spring.body["en"]}, summary={})
    issue = replace(issue, sections=(Section(issue.sections[0].name, (one_language,)),))
    text = render.wikitext_page(issue, data, translator("ru"))
    assert "The contest runs from 21 March to 31 May." in text
    assert "== Новости ==" in text


def test_generated_story_defaults_to_the_campaign_name_and_stats_line(issue, data):
    story = next(issue.generated_stories())
    bare = replace(story, title={}, template={}, summary={}, map=False, author="")
    issue = replace(issue, sections=(Section({"en": "Reports"}, (bare,)),), editorial={})
    text = render.wikitext_page(issue, data, translator("en"))
    stats = (
        "3 editors created or improved 4 articles on Wikipedia, added 3.5K words and 28 references, and "
        "uploaded 3 files to Wikimedia Commons."
    )
    # the stats line once, shown; nothing left to fold away, so no collapsible block
    assert f"=== <bdi>WikiGap Tirana 2024</bdi> ===\n\n{stats}\n</div>" in text
    assert text.count(stats) == 1
    assert "By:" not in text and "<mapframe" not in text and "mw-collapsible" not in text


@pytest.mark.parametrize(
    ("summary", "template"),
    [
        (None, None),
        ("A week of writing.", None),
        ("A week of writing.", "{participants} wrote {articles}."),
        ("A week of writing.", "{participants} wrote {articles}: {stats}"),
        (None, "{participants} wrote {articles}: {stats}"),
        (None, "{participants} wrote {articles}."),
    ],
)
def test_a_generated_story_shows_its_stats_line_once(issue, data, summary, template):
    """The stats line was printed twice: as the summary and again in the folded part."""
    story = next(issue.generated_stories())
    story = replace(
        story,
        summary={"en": Text(summary, "markdown")} if summary else {},
        template={"en": template} if template else {},
        map=True,
    )
    issue = replace(issue, sections=(Section({"en": "Reports"}, (story,)),), editorial={})
    stats = headline(data[story.key], translator("en"))
    for page in (
        render.wikitext_page(issue, data, translator("en")),
        render.html_page(issue, data, translator("en")),
    ):
        shown = page if "<mapframe" in page else html.unescape(page)
        assert shown.count(html.unescape(stats)) == 1, (summary, template)


def test_a_written_story_without_a_summary_shows_its_body(issue, data):
    """It showed only its heading, with the whole body folded away."""
    story = WrittenStory(title={"en": "Prizes"}, body={"en": Text("The jury met on *Friday*.", "markdown")})
    issue = replace(issue, sections=(Section({"en": "News"}, (story,)),), editorial={})
    text = render.wikitext_page(issue, data, translator("en"))
    assert (
        "=== <bdi>Prizes</bdi> ===\n\nThe jury met on ''Friday''.\n" in text and "mw-collapsible" not in text
    )
    page = render.html_page(issue, data, translator("en"))
    assert '<div class="summary"><p>The jury met on <em>Friday</em>.</p></div>' in page
    assert "<details>" not in page


def test_hostile_strings_stay_text():
    story_file = Text("Body.", "markdown")
    written = [
        WrittenStory(title={"en": h}, body={"en": story_file}, author=h, summary={"en": Text(h, "markdown")})
        for h in HOSTILE
    ]
    issue = Issue(
        title={"en": "News }}{{evil}} [[Category:X]] ~~~~"},
        volume=1,
        number=1,
        month=date(2024, 3, 1),
        languages=("en", "ru"),
        base_page="Newsletter/2024",
        wiki="meta.wikimedia.org",
        api_url="https://meta.wikimedia.org/w/api.php",
        sections=tuple(Section({"en": h}, (w,)) for h, w in zip(HOSTILE, written, strict=True)),
    )
    campaign = next(load_issue(ISSUE).generated_stories())
    hostile_name = "Camp }}{{evil}} [[Category:X]] ~~~~ __NOTOC__ </div>"
    generated = replace(
        campaign, campaign=replace(campaign.campaign, name=hostile_name), title={}, template={}
    )
    issue = replace(issue, sections=(*issue.sections, Section({"en": "Reports"}, (generated,))))
    hostile_data = {hostile_name: wikigap(hostile_name)}
    for language in ("en", "ru"):
        text = render.wikitext_page(issue, hostile_data, translator(language))
        code = mwparserfromhell.parse(text)
        assert code.filter_templates() == []
        links = [str(link.title) for link in code.filter_wikilinks()]
        assert all(not t.lower().lstrip(":").startswith("category") for t in links), links
        html_tags = {str(tag.tag) for tag in code.filter_tags() if not tag.wiki_markup}
        assert html_tags <= {"div", "mapframe", "span", "pre", "bdi"}, (
            html_tags
        )  # ~~~~ is a Markdown code fence
        assert text.count("<div") == text.count("</div>")
        assert "~~~" not in text and "__NOTOC__" not in text and "{{" not in text
        headings = code.filter_headings()
        assert len(headings) == 2 * len(HOSTILE) + 2
        for h in HOSTILE[:-1]:  # as titles, section names and bylines (summaries are Markdown)
            assert f"=== <bdi>{escape_wikitext(h)}</bdi> ===" in text, h


def test_markdown_raw_html_is_escaped_not_passed_through():
    source = (
        '<script>alert(1)</script>\n\nText with <b onclick="x()">bold</b> and <!-- comment -->.\n\n'
        '<div class="mw-collapsible">\n\n{{evil}} [[Category:X]] ~~~~ [x](javascript:alert(1))\n'
    )
    wikitext = to_wikitext(source)
    code = mwparserfromhell.parse(wikitext)
    assert code.filter_tags() == [] and code.filter_templates() == [] and code.filter_wikilinks() == []
    # Only what could be markup where it stands is referenced: the source stays readable (issue 9).
    assert "&lt;script>alert(1)&lt;/script>" in wikitext
    assert 'Text with &lt;b onclick="x()">bold&lt;/b> and &lt;!-- comment -->.' in wikitext
    assert "<div" not in wikitext and "~~~" not in wikitext and "[javascript" not in wikitext
    html = to_html(source)
    assert "<script" not in html and "<b " not in html and "<div" not in html and "<!--" not in html
    assert "&lt;script&gt;" in html and 'href="javascript' not in html


@pytest.mark.parametrize(
    ("markdown", "wikitext"),
    [
        ("*em* and **strong**", "''em'' and '''strong'''"),
        ("x ***both*** y", "x ''<nowiki/>'''both'''<nowiki/>'' y"),
        ("# Title", "'''Title'''"),
        ("[text](https://example.org/a b)", "[text](https://example.org/a b)"),  # not a link: shown as typed
        ('He said "hi": 5 > 3, see x.org!', 'He said "hi": 5 > 3, see x.org!'),  # no &quot; &#58; &gt; &#33;
        (
            "[[Category:X]] {{evil}} ~~~~ a__NOTOC__",
            "&#91;&#91;Category:X&#93;&#93; &#123;&#123;evil&#125;&#125; "
            "&#126;&#126;&#126;&#126; a&#95;&#95;NOTOC&#95;&#95;",
        ),
        ("AT&T &amp; -{x}-", "AT&amp;T & -&#123;x&#125;-"),  # &amp; is Markdown's own entity: one &
        ("[text](https://example.org/a_b?c=d)", "[https://example.org/a_b?c=d text]"),
        ("[rel](/wiki/X) and [mail](mailto:a@b.c)", "rel and mail"),
        ("<https://example.org>", "[https://example.org https&#58;//example.org]"),
        ("- a\n- b\n  1. c\n  2. d", "* a\n* b\n*# c\n*# d"),
        ("> quoted\n> text", "<blockquote>\nquoted text\n</blockquote>"),
        ("```\n<x> {{y}}\n  z\n```", "<pre>&lt;x&gt; &#123;&#123;y&#125;&#125;\n&#32; z</pre>"),
        ("a  \nb", "a<br />b"),
        ("one\n\n---\n\ntwo", "one\n\n----\n\ntwo"),
        ("`a|b`", "<code>a&#124;b</code>"),
        ("![a map](https://example.org/map.png)", "[https://example.org/map.png a map]"),
        ("it's 'quoted'", "it's 'quoted&#39;"),  # a ' that ends a run could meet markup
    ],
)
def test_markdown_to_wikitext(markdown, wikitext):
    assert to_wikitext(markdown) == wikitext


# -- the HTML page -----------------------------------------------------------------------------------------


def test_html_page(issue, data):
    page = render.html_page(issue, data, translator("ru"))
    assert page.startswith('<!DOCTYPE html>\n<html lang="ru" dir="ltr">')
    assert "<img" not in page
    # scripts: only the map preview's, each allowed by its hash in the page's policy
    scripts = re.findall(r"<script(?: type=\"application/json\" id=\"[^\"]+\")?>", page)
    assert scripts == ['<script type="application/json" id="story-2-1-map-data">', "<script>", "<script>"]
    assert page.count("<details>") == 2 and page.count("<summary>читать полностью…</summary>") == 2
    assert '<a href="en.html" hreflang="en" lang="en">English</a>' in page
    assert '<p class="byline">Автор: Ana Marković</p>' in page
    assert "<h5>Сроки</h5>" in page  # a story's ## heading sits under its <h3>
    assert "3 участника" in page and "Kalaja e Rozafës" in page


def test_the_html_preview_draws_the_pages_own_map(issue, data):
    """The Kartographer map could only be checked on a wiki with Kartographer: the preview draws the same
    GeoJSON (points, colours, titles) the wiki page's <mapframe> holds."""
    page = render.html_page(issue, data, translator("en"))
    wikitext = render.wikitext_page(issue, data, translator("en"))
    body = re.search(r"<mapframe[^>]*>\n(.*?)\n</mapframe>", wikitext, re.DOTALL).group(1)
    features = json.loads(body)["features"]
    config = json.loads(re.search(r'id="story-2-1-map-data">(.*?)</script>', page).group(1))
    assert config["points"] == [
        [f["geometry"]["coordinates"][1], f["geometry"]["coordinates"][0], f["properties"]["marker-color"],
         html.unescape(f["properties"]["title"])]
        for f in features
    ]  # fmt: skip
    policy = re.search(r'Content-Security-Policy" content="([^"]+)"', page).group(1)
    assert "img-src https://tile.openstreetmap.org data:" in html.unescape(policy)
    assert html.unescape(policy).count("'sha256-") == 2


def test_a_page_without_maps_has_no_script(issue, data):
    issue = replace(issue, sections=issue.sections[:1])  # the written story only
    page = render.html_page(issue, data, translator("en"))
    assert "<script" not in page and "script-src" not in page


def test_html_page_escapes(data):
    issue = load_issue(ISSUE)
    story = WrittenStory(
        title={"en": "<script>x</script>"},
        body={"en": Text("<img src=x onerror=alert(1)>\n\n[[Category:X]] {{evil}}", "wikitext")},
        author='"><b>',
    )
    issue = replace(issue, sections=(Section({"en": "<i>S</i>"}, (story,)),))
    page = render.html_page(issue, data, translator("en"))
    assert "<script>x" not in page and "<img" not in page and "<i>S" not in page and '"><b>' not in page
    assert "&lt;script&gt;x&lt;/script&gt;" in page and "&lt;i&gt;S&lt;/i&gt;" in page


# -- the announcement --------------------------------------------------------------------------------------


def test_announcement(issue):
    a = render.announcement(issue, translator("en"))
    assert a.heading == "CEE Newsletter: Volume 4 • Issue 2 • March 2024"
    assert a.summary == "New issue of CEE Newsletter (posted with wikitally)"
    assert a.text == (
        "A new issue of CEE Newsletter is out: [[:CEE/Newsletter/March 2024]]\n\n"
        "In this issue:\n* CEE Spring 2024 starts\n\n~~~~\n" + render.marker(issue)
    )
    assert re.fullmatch(r"<!-- wikitally-newsletter:[0-9a-f]{16} -->", a.marker)
    assert render.marker(replace(issue, base_page="CEE/Newsletter/April 2024")) != a.marker
    ru = render.announcement(issue, translator("ru"))
    assert ru.heading == "Новостная рассылка ЦВЕ: Том 4 • Выпуск 2 • март 2024\u202fг."
    assert ru.summary == "Новый выпуск «Новостная рассылка ЦВЕ» (отправлено с помощью wikitally)"
    # a teaser in the subscriber's language, linking to the issue's page in that language
    assert ru.text.startswith(
        "Вышел новый выпуск «Новостная рассылка ЦВЕ»: [[:CEE/Newsletter/March 2024/ru]]\n\n"
        "В этом выпуске:\n* Начинается «Вики-весна ЦВЕ 2024»\n\n~~~~"
    )
    # a language the issue isn't written in: the source language's page and titles
    assert render.announcement(issue, translator("pl")).text.count("[[:CEE/Newsletter/March 2024]]") == 1


def test_announcement_teases_generated_stories_by_their_campaigns_name(issue, data):
    a = render.announcement(issue, translator("en"), data)
    assert "* CEE Spring 2024 starts\n* WikiGap Tirana 2024\n" in a.text


def test_announcement_escapes_the_title(issue):
    issue = replace(issue, title={"en": "X ]] [[Category:Y]] {{evil}} ~~~~"})
    a = render.announcement(issue, translator("en"))
    code = mwparserfromhell.parse(a.text)
    assert [str(link.title) for link in code.filter_wikilinks()] == [":CEE/Newsletter/March 2024"]
    assert code.filter_templates() == [] and a.text.count("~~~~") == 1 and a.text.endswith(a.marker)


def test_generated_story_key_is_the_campaign_key(issue):
    story = next(issue.generated_stories())
    assert isinstance(story, GeneratedStory) and story.key == "WikiGap Tirana 2024"


# -- layout options: a masthead image, a contents box, a lead in columns ------------------------------------


def test_masthead_image_contents_box_and_lead_columns(issue, data):
    issue = replace(issue, masthead_image="File:CEE logo.svg", contents=True, lead_columns=2)
    text = render.wikitext_page(issue, data, translator("en"))
    assert "[[File:CEE logo.svg|frameless|center|upright=2|link=|alt=]]" in text
    box = text[text.index("'''In this issue'''") :]
    box = box[: box.index("</div>")]
    assert box.splitlines()[1:] == [
        "* [[#Editorial|Editorial]]",
        "* [[#News|News]]",
        "** [[#CEE Spring 2024 starts|CEE Spring 2024 starts]]",
        "* [[#Reports|Reports]]",
        "** [[#WikiGap Tirana 2024|WikiGap Tirana 2024]]",
    ]
    lead = text[text.index("== News ==") : text.index("== Reports ==")]
    assert '<div style="column-count:2; column-width:22em; column-gap:2em;">' in lead
    assert lead.count("<div") == lead.count("</div>")
    code = mwparserfromhell.parse(text)
    assert [
        str(h.title).strip().removeprefix("<bdi>").removesuffix("</bdi>") for h in code.filter_headings()
    ][:3] == [
        "Editorial",
        "News",
        "CEE Spring 2024 starts",
    ]
    page = render.html_page(issue, data, translator("ru"))
    assert '<p class="masthead-image" role="img">File:CEE logo.svg</p>' in page
    assert '<nav class="contents" aria-label="В этом выпуске">' in page
    assert '<a href="#story-1-1">Начинается «Вики-весна ЦВЕ 2024»</a>' in page and 'id="story-1-1"' in page
    assert '<div class="lead" style="column-count:2">' in page


def test_without_the_options_the_page_is_as_before(issue, data):
    text = render.wikitext_page(issue, data, translator("en"))
    assert "In this issue" not in text and "column-count" not in text and "[[File:" not in text


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('masthead_image = "File:[bad].png"', "masthead_image: 'File:[bad].png' is not a file name"),
        ("lead_columns = 4", "lead_columns: must be 1, 2 or 3"),
        ('contents = "yes"', "contents: must be true or false"),
    ],
)
def test_layout_options_are_checked(tmp_path, line, message):
    source = (ISSUE.parent / "issue.toml").read_text(encoding="utf-8")
    for name in (
        "editorial.md",
        "editorial.ru.md",
        "spring.md",
        "spring.ru.md",
        "wikigap.toml",
        "wikigap.en.wiki",
        "wikigap.ru.wiki",
    ):
        if (ISSUE.parent / name).exists():
            (tmp_path / name).write_bytes((ISSUE.parent / name).read_bytes())
    path = tmp_path / "issue.toml"
    path.write_text(line + "\n" + source, encoding="utf-8")
    with pytest.raises(IssueFileError, match=re.escape(message)):
        load_issue(path)


# -- pages of any size -------------------------------------------------------------------------------------


def with_many_places(n: int) -> ReportData:
    data = wikigap()
    rows = tuple(
        article("sq.wikipedia.org", f"Fshati {i}", "created", Point(40 + i / 1000, 19 + i / 1000))
        for i in range(n)
    )
    return replace(data, articles=rows)


def test_a_small_issue_is_one_page_per_language(issue, data):
    pages = render.wikitext_pages(issue, data, translator("en"), 2048 * 1024)
    assert pages == [(None, render.wikitext_page(issue, data, translator("en")))]


def test_a_page_over_the_limit_moves_full_stories_and_big_maps_to_subpages(issue):
    """A newsletter page can be as big as a report: each story's full part moves to a subpage, and a map too
    big for one page is split in parts, every page under the wiki's limit."""
    data = {"WikiGap Tirana 2024": with_many_places(900)}
    limit = 60 * 1024
    t = translator("ru")
    assert len(render.wikitext_page(issue, data, t).encode()) > limit
    pages = render.wikitext_pages(issue, data, t, limit)
    assert all(len(text.encode()) <= limit for _name, text in pages)
    names = [name for name, _text in pages]
    assert (
        names[:3] == [None, "1", "2"] and all(n.startswith("2/Карта ") for n in names[3:]) and len(names) > 4
    )
    main = pages[0][1]
    assert "mw-collapsible" not in main
    assert "'''[[/1|читать полностью…]]'''" in main and "'''[[/2|читать полностью…]]'''" in main
    story = dict(pages)["2"]
    assert story.startswith('<div lang="ru" dir="ltr">\n← [[../]]') and "<mapframe" not in story
    assert all(f"* [[/{n.split('/', 1)[1]}]]" in story for n in names[3:])
    maps = "".join(text for name, text in pages if name and "/" in name)
    assert maps.count('"type": "Feature"') == 900
    code = mwparserfromhell.parse(main)
    assert code.filter_templates() == []
