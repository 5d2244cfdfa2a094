"""What the web tests share: a campaign seeded through the real Store API, hostile strings, an HTML checker,
and a browser-like form post (the CSRF token read from the page first)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from html.parser import HTMLParser
from typing import Any

from django.contrib.auth.models import User
from django.test import Client

from wikitally.campaign_file import parse_campaign
from wikitally.metrics.geo import Location
from wikitally.model import Account, Campaign, ContentFacts, PageState, Point, Revision, SiteInfo, Upload
from wikitally.services import reporting
from wikitally.store import Store
from wikitally.store.models import CampaignDefinition
from wikitally.web.campaigns import definitions

SQ, COMMONS = "sq.wikipedia.org", "commons.wikimedia.org"
SCRIPT = "<script>alert(1)</script>"
ATTR = '"><img src=x onerror=alert(1)>'
WIKITEXT = "{{Delete|now}} [[Link|x]] '''b''' __NOTOC__ ~~~~ {| |}"
HOSTILE = (SCRIPT, ATTR)
NAME = f"WikiGap {SCRIPT} {ATTR}"
USER_SCRIPT = f"Mallory {SCRIPT}"
USER_ATTR = f"Eve{ATTR}"
T0 = datetime(2024, 3, 10, 12, 0, tzinfo=UTC)
PASSWORD = "correct horse battery staple"


def campaign_data(name: str = NAME, **changes: Any) -> dict[str, Any]:
    """A campaign file's dict: two wikis, the #WikiGap hashtag, anyone who uses it."""
    data: dict[str, Any] = {
        "name": name,
        "start": datetime.fromisoformat("2024-03-08T00:00:00+01:00"),
        "end": datetime.fromisoformat("2024-03-15T23:59:59+01:00"),
        "wikis": [SQ, COMMONS],
        "hashtags": ["#WikiGap"],
        "language": "sq",
    }
    data.update(changes)
    return data


def user(username: str) -> User:
    return User.objects.create_user(username, password=PASSWORD)


def define(
    owner: User, name: str = NAME, slug: str = "wikigap", visibility: str = "public", **changes: Any
) -> tuple[CampaignDefinition, Campaign]:
    """A campaign defined on the web (through the module the form saves with), owner its organizer."""
    data = campaign_data(name, **changes)
    campaign = parse_campaign(data, "seed.toml")
    toml = definitions.dump_toml(data)
    definition = definitions.create(
        slug=slug, visibility=visibility, toml=toml, campaign=campaign, user=owner
    )
    return definition, definitions.campaign_of(definition)


def _rev(rev_id: int, page_id: int, title: str, user: str, comment: str, **changes: Any) -> Revision:
    fields: dict[str, Any] = {
        "wiki": SQ,
        "rev_id": rev_id,
        "parent_id": 0,
        "page_id": page_id,
        "namespace": 0,
        "title": title,
        "user": user,
        "timestamp": T0 + timedelta(minutes=rev_id),
        "comment": comment,
        "size": 1000,
        "sizediff": 400,
        "tags": (),
        "new": False,
    }
    fields.update(changes)
    return Revision(**fields)


@dataclass(frozen=True)
class Seeded:
    campaign: Campaign
    outcome: dict[str, Any]
    collected_at: datetime


def seed(campaign: Campaign, collected_at: datetime) -> Seeded:
    """Revisions, pages, facts, uploads, accounts and places of the campaign, through Store's own methods;
    then the outcome through the reporting service. Hostile titles, usernames and summaries throughout."""
    store = Store("default")
    titles = {1: "Kalaja e Rozafës", 2: SCRIPT, 3: ATTR, 4: WIKITEXT}
    revisions = [
        _rev(101, 1, titles[1], "Vyolltsa", "#WikiGap new article", new=True, sizediff=1200, size=1200),
        _rev(102, 2, titles[2], USER_SCRIPT, f"#WikiGap {SCRIPT} {ATTR}"),
        _rev(103, 3, titles[3], USER_ATTR, f"#WikiGap {WIKITEXT}", new=True, sizediff=900, size=900),
        _rev(104, 4, titles[4], "Ana", "#WikiGap"),
        _rev(105, 1, titles[1], "Ana", "#WikiGap more", sizediff=50),
        _rev(106, 1, titles[1], "Ana", "no hashtag: not counted", sizediff=70),
    ]
    pages = [PageState(SQ, page_id, 0, title, redirect=False) for page_id, title in titles.items()]
    facts = [
        ContentFacts(SQ, 101, words_added=250, refs_before=0, refs_after=3),
        ContentFacts(SQ, 102, words_added=40, refs_before=2, refs_after=3),
        ContentFacts(SQ, 103, words_added=180, refs_before=0, refs_after=1),
        ContentFacts(SQ, 104, words_added=5, refs_before=1, refs_after=1),
        ContentFacts(SQ, 105, words_added=12, refs_before=3, refs_after=5),
    ]
    uploads = [
        Upload(COMMONS, f"File:{SCRIPT}.jpg", USER_SCRIPT, T0, in_use=True),
        Upload(COMMONS, "File:Rozafa.jpg", "Vyolltsa", T0 + timedelta(hours=1), in_use=False),
    ]
    for wiki in (SQ, COMMONS):
        store.save_siteinfo(campaign, SiteInfo(wiki, (0,), {0: "", 6: "File"}))
    store.save_campaign(campaign, None)  # hashtag only: anyone whose summary has #WikiGap
    store.save_facts(campaign, facts)
    store.upsert_accounts(
        campaign,
        [
            Account(SQ, "Vyolltsa", T0 - timedelta(days=1)),  # registered during the campaign: new editor
            Account(SQ, "Ana", datetime(2015, 1, 1, tzinfo=UTC)),
        ],
    )
    common = {"watermark": collected_at, "collected_at": collected_at, "fingerprint": "seed", "rc_high": None}
    store.save_wiki(campaign, SQ, revisions=revisions, pages=pages, uploads=[], sfn=["sfn"], **common)
    store.save_wiki(campaign, COMMONS, revisions=[], pages=[], uploads=uploads, sfn=["sfn"], **common)
    store.save_locations(
        campaign,
        [
            Location(SQ, titles[1], Point(42.0469, 19.4931), "geodata"),
            Location(SQ, titles[2], Point(41.3275, 19.8187), "wikidata"),
            Location(SQ, titles[3], None, "none"),
        ],
        collected_at,
    )
    outcome = reporting.outcome(campaign, store, collected_at)
    return Seeded(campaign, outcome, collected_at)


# -- HTML


# Elements the app writes (its templates, the report's timeline and map sections, Django's forms).
ALLOWED_TAGS = frozenset(
    [
        "html",
        "head",
        "meta",
        "title",
        "link",
        "body",
        "a",
        "div",
        "nav",
        "ul",
        "ol",
        "li",
        "form",
        "input",
        "label",
        "select",
        "option",
        "button",
        "main",
        "footer",
        "header",
        "h1",
        "h2",
        "h3",
        "h4",
        "p",
        "time",
        "section",
        "table",
        "caption",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
        "bdi",
        "b",
        "small",
        "dl",
        "dt",
        "dd",
        "details",
        "summary",
        "script",
        "svg",
        "desc",
        "text",
        "line",
        "rect",
        "polyline",
        "circle",
        "g",
        "span",
        "fieldset",
        "legend",
        "textarea",
        # an event's description (Markdown: web/campaigns/event.py)
        "strong",
        "em",
        "code",
        "pre",
        "blockquote",
        "hr",
        "s",
        "br",
    ]
)


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(html: str) -> _Elements:
    parser = _Elements()
    parser.feed(html)
    parser.close()
    return parser


def assert_inert(html: str, *, shown: tuple[str, ...] = ()) -> None:
    """No element or attribute that a hostile string could have made; `shown` strings appear as text."""
    page = parse(html)
    for tag, attrs in page.elements:
        assert tag in ALLOWED_TAGS, f"unexpected element <{tag} {attrs}>"
        for name, value in attrs.items():
            assert not name.startswith("on"), f"event handler on <{tag}>: {name}={value!r}"
            assert name in _ATTRIBUTES, f"unexpected attribute on <{tag}>: {name}={value!r}"
            assert not (value or "").strip().lower().startswith(("javascript:", "data:")), (tag, name, value)
        if tag == "script":
            assert (
                attrs.get("src", "").startswith("/assets/")
                or attrs.get("src") == "/static/campaigns/tables.js"
                or (attrs.get("type") == "application/json" and attrs.get("id") == "map-data")
            ), f"unexpected script {attrs}"
    for raw in HOSTILE:
        assert raw not in html, f"{raw!r} written unescaped"
    text = "".join(page.text)
    for wanted in shown:
        assert wanted in text, f"{wanted!r} not shown as text"


# Attributes the app writes; anything else came from somewhere it shouldn't have.
_ATTRIBUTES = frozenset(
    [
        "lang",
        "data-scroll-hint",  # the line tables.js shows above a table that scrolls sideways
        "step",  # the date and time pickers (seconds)
        "dir",
        "charset",
        "name",
        "content",
        "rel",
        "href",
        "class",
        "id",
        "aria-label",
        "aria-labelledby",
        "aria-describedby",
        "aria-sort",
        "aria-current",
        "aria-invalid",
        "aria-hidden",
        "role",
        "tabindex",
        "method",
        "action",
        "type",
        "value",
        "for",
        "selected",
        "download",
        "datetime",
        "data-sort",
        "data-day",
        "scope",
        "hidden",
        "open",
        "style",
        "viewbox",
        "x",
        "y",
        "x1",
        "x2",
        "y1",
        "y2",
        "cx",
        "cy",
        "r",
        "width",
        "height",
        "points",
        "text-anchor",
        "dy",
        "src",
        "defer",
        "enctype",
        "novalidate",
        "rows",
        "cols",
        "maxlength",
        "placeholder",
        "required",
        "checked",
        "accept",
        "spellcheck",
        "multiple",
        "autofocus",
        "autocomplete",
        "autocapitalize",
        "direction",
        "disabled",
    ]
)


def csrf_post(client: Client, url: str, data: dict[str, Any], page: str | None = None) -> Any:
    """POST as a browser does: read the form page first (session, CSRF cookie and token), then send."""
    form_page = client.get(page or url)
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form_page.content.decode())
    assert match, f"no CSRF token on {page or url} ({form_page.status_code})"
    return client.post(url, {**data, "csrfmiddlewaretoken": match.group(1)})


def log_in(client: Client, username: str) -> None:
    assert client.login(username=username, password=PASSWORD)


def text_of(html: str | bytes) -> str:
    """The page's text, whitespace collapsed, character references decoded."""
    if isinstance(html, bytes):
        html = html.decode()
    return " ".join(" ".join(parse(html).text).split())
