"""The campaign page as the event's page: the organizers' Markdown (raw HTML off, links checked), how and
where it meets, its organizers, its on-wiki page, and the rules an edit must follow, repeated where people
join."""

from __future__ import annotations

import pytest
from django.test import Client
from test_enrolment import wiki_user
from webseed import assert_inert, csrf_post, define, log_in, parse, text_of

from wikitally.store.models import CampaignDefinition
from wikitally.web.campaigns import event, organizers

SLUG = "wikigap"
HOSTILE_MARKDOWN = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](java\tscript:alert(1))",
    "[click](vbscript:msgbox(1))",
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[click](file:///etc/passwd)",
    "![pixel](https://tracker.invalid/p.gif)",
    "![x](data:image/png;base64,iVBORw0KGgo=)",
    '[click](https://ok.invalid/ "x\\" onmouseover=\\"alert(1)")',
    '<a href="javascript:alert(1)">x</a>',
    "[x]: javascript:alert(1)\n\n[click][x]",
    "<https://ok.invalid/?a=<script>>",
    "[click](javascript&colon;alert(1))",
    "[click](&#106;avascript:alert(1))",
    "[click](\x01javascript:alert(1))",
    "[click](<javascript:alert(1)>)",
    "[click](ftp://files.invalid/x)",
]


@pytest.mark.parametrize("text", HOSTILE_MARKDOWN)
def test_hostile_markdown_is_inert(text: str) -> None:
    html = str(event.render_markdown(text))
    elements = parse(html).elements
    assert {tag for tag, _ in elements} <= {"p", "a", "code", "em", "strong"}
    for tag, attrs in elements:
        assert not any(name.startswith("on") for name in attrs)
        if tag == "a":
            assert str(attrs.get("href", "")).startswith("https://")  # an image is a plain link
            assert attrs.get("rel") == "nofollow noopener"


def test_markdown_keeps_what_organizers_write() -> None:
    html = str(event.render_markdown("**Bold** and *it*\n\n- [Rules](https://meta.invalid/R)\n- [here](#x)"))
    assert "<strong>Bold</strong>" in html and "<em>it</em>" in html
    assert '<a href="https://meta.invalid/R" rel="nofollow noopener">Rules</a>' in html
    assert '<a href="#x" rel="nofollow noopener">here</a>' in html


@pytest.fixture
def campaign(db: str) -> CampaignDefinition:
    definition, _ = define(wiki_user("creator", "Creator", sub=1), slug=SLUG, timezone="Europe/Tirane")
    return definition


def test_the_campaign_page_is_the_event_page(campaign: CampaignDefinition) -> None:
    organizers.add(campaign, "Helper")
    campaign.description = "Write about **women** <script>alert(1)</script> [x](javascript:alert(1))"
    campaign.mode, campaign.place = "in_person", "Biblioteka Kombëtare, Tiranë"
    campaign.event_page = "https://meta.wikimedia.org/wiki/Event:WikiGap"
    campaign.save()
    html = Client().get(f"/c/{SLUG}/").content.decode()
    assert_inert(html)
    page = text_of(html)
    # The tag shown as text; the javascript: link left as the text it was typed as.
    assert "Write about women <script>alert(1)</script> [x](javascript:alert(1))" in page
    assert "<strong>women</strong>" in html
    assert "In person Biblioteka Kombëtare, Tiranë" in page
    assert "Time zone Europe/Tirane" in page
    assert "<dd><bdi>Creator</bdi>, <bdi>Helper</bdi></dd>" in html
    assert 'href="https://meta.wikimedia.org/wiki/Event:WikiGap"' in html
    assert "Write #WikiGap in the summary of every edit: an edit without it is not counted" in page
    assert "Edit on: sq.wikipedia.org, commons.wikimedia.org." in page


@pytest.mark.parametrize(
    ("changes", "rule"),
    [
        ({}, "Write #WikiGap in the summary of every edit"),
        ({"tags": ["citationhunt"]}, "or edit with a tool that adds the tag citationhunt"),
        ({"hashtags": [], "tags": ["citationhunt"]}, "Only edits carrying the change tag citationhunt count"),
        ({"namespaces": [0, 118]}, "Only pages in the namespaces 0, 118 count."),
        ({}, "Only articles count (the wiki's content pages)"),
        ({"participants": ["Ana"]}, "Only participants' edits count"),
        ({}, "Anyone's edits count"),
    ],
)
def test_the_rules_follow_the_file(db: str, changes: dict[str, object], rule: str) -> None:
    define(wiki_user("creator", "Creator"), slug=SLUG, **changes)
    assert rule in text_of(Client().get(f"/c/{SLUG}/").content)


def test_the_join_page_and_welcome_repeat_the_rules(campaign: CampaignDefinition) -> None:
    wiki_user("joiner", "Joiner", sub=2)
    joiner = Client(enforce_csrf_checks=True)
    log_in(joiner, "joiner")
    before = text_of(joiner.get(f"/c/{SLUG}/join/").content)
    assert "Write #WikiGap in the summary of every edit" in before
    csrf_post(joiner, f"/c/{SLUG}/join/", {})
    welcome = text_of(joiner.get(f"/c/{SLUG}/join/").content)
    assert "Joiner" in welcome and "Write #WikiGap in the summary of every edit" in welcome
    assert "Only participants' edits count" in welcome  # now that people join, only they count


@pytest.mark.parametrize(
    "url", ["http://meta.wikimedia.org/wiki/E", "javascript:alert(1)", "https://", "//meta.wikimedia.org/"]
)
def test_the_event_page_must_be_https(campaign: CampaignDefinition, url: str) -> None:
    creator = Client(enforce_csrf_checks=True)
    log_in(creator, "creator")
    data = {"form": "details", "event-mode": "online", "event-event_page": url}
    response = csrf_post(creator, f"/c/{SLUG}/organize/", data)
    assert response.status_code == 200 and response.context["event_form"].errors["event_page"]
    campaign.refresh_from_db()
    assert campaign.event_page == ""


def test_saving_the_details(campaign: CampaignDefinition) -> None:
    creator = Client(enforce_csrf_checks=True)
    log_in(creator, "creator")
    data = {
        "form": "details",
        "event-description": "Hello",
        "event-mode": "hybrid",
        "event-place": "Tirana",
        "event-event_page": "https://meta.wikimedia.org/wiki/E",
    }
    assert csrf_post(creator, f"/c/{SLUG}/organize/", data).status_code == 302
    campaign.refresh_from_db()
    assert (campaign.description, campaign.mode, campaign.place) == ("Hello", "hybrid", "Tirana")
    assert "Online and in person Tirana" in text_of(Client().get(f"/c/{SLUG}/").content)
