"""The HTML report in a real headless Chromium (Debian's, driven by Playwright): it runs without errors, its
charts have a size, its tables sort by number, hostile wiki strings stay text, a phone gets no sideways
scrolling, and with no tiles (this machine is offline; tile requests are answered with an empty body, so
they fail without a network error) or no JavaScript the map gives way to its list of places."""

from __future__ import annotations

import struct
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from wikitally.metrics.outcome import METRICS
from wikitally.reports.data import ArticleRow, DayCount, Point, ReportData, Status
from wikitally.reports.html import render_html
from wikitally.reports.i18n import translator

CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.exists():
    pytest.skip(
        "needs Debian's chromium at /usr/bin/chromium (apt-get install chromium)", allow_module_level=True
    )
sync_api = pytest.importorskip("playwright.sync_api", reason="needs playwright (pip install playwright)")

ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
TILES = "https://tile.openstreetmap.org/"
SCRIPT = "<script>alert(1)</script>"
ATTR = '"><img src=x onerror=alert(1)>'
CLOSE = "</script><script>alert(2)</script>"
WORDS = [9, 10, 100, 1234, 25, 3, 250, 12_000, 2, 99]  # text order ≠ number order
EDITS_PER_DAY = [10, 17, 24, 28, 0, 38, 12, 19, 26, 5]
DAYS = len(EDITS_PER_DAY)


def metrics(**values: int) -> dict[str, int]:
    return {**dict.fromkeys(METRICS, 0), **values}


def report(placed: Callable[[int], bool] = lambda i: i < 24) -> ReportData:
    wikis = {
        "sq.wikipedia.org": ["Kalaja e Rozafës", "Ura e Mesit", "Liqeni i Ohrit", SCRIPT],
        "sr.wikipedia.org": ["Манастир Студеница", "Тврђава Смедерево", ATTR],
        "ar.wikipedia.org": ["قلعة حلب", "مسجد بيروت", CLOSE],
    }
    rows = []
    for i in range(30):
        wiki = list(wikis)[i % 3]
        title = f"{wikis[wiki][i % len(wikis[wiki])]} {i}"
        status: Status = ("created", "improved", "translated")[i % 3 if i % 4 else 1]
        rows.append(
            ArticleRow(
                wiki,
                title,
                status,
                edits=1 + i % 7,
                bytes_added=WORDS[i % 10] * 7,
                words_added=WORDS[i % 10],
                references_added=i % 5,
                url=f"https://{wiki}/wiki/{quote(title.replace(' ', '_'), safe='')}",
                point=Point(40 + i % 5 * 0.7, 19.5 + i % 6 * 0.8) if placed(i) else None,
            )
        )
    users = [SCRIPT, ATTR, CLOSE, "Vyolltsa", "Милица", "فاطمة", *(f"Participant {i}" for i in range(14))]
    outcome: dict[str, Any] = {
        "campaign": {
            "name": f"WikiGap {CLOSE}",
            "start": "2024-03-08T00:00:00+01:00",
            "end": "2024-03-17T23:59:59+01:00",
            "wikis": list(wikis),
            "hashtags": ["#WikiGap"],
            "tags": [],
            "as_of": "2024-03-18T09:00:00+00:00",
        },
        "totals": metrics(participants=20, new_editors=6, edits=412, articles_edited=30, words_added=15732),
        "by_wiki": {w: metrics(participants=7, edits=140 - 30 * n) for n, w in enumerate(wikis)},
        "by_participant": [
            {"user": u, **metrics(edits=60 - 3 * i, words_added=WORDS[i % 10])} for i, u in enumerate(users)
        ],
        "articles": [],
        "uploads": [],
    }
    timeline = tuple(
        DayCount(date(2024, 3, 8) + timedelta(days=d), n, n * 41) for d, n in enumerate(EDITS_PER_DAY)
    )
    return ReportData(outcome, tuple(rows), timeline, locations_coarsened=True)


def png() -> bytes:
    """A 1×1 light-grey PNG: a tile that loads."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\0\xe8\xe8\xe8"))
        + chunk(b"IEND", b"")
    )


@dataclass
class Visit:
    page: Any
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    def network(self) -> list[str]:
        return [u for u in self.requests if not u.startswith("file:")]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


@pytest.fixture
def visit(browser: Any, tmp_path: Path) -> Iterator[Callable[..., Visit]]:
    """Opens a rendered report; every request but the file itself is answered here (tiles: `tile` bytes,
    empty = a tile that fails), so nothing reaches the network."""
    contexts: list[Any] = []

    def open_report(
        data: ReportData | None = None,
        width: int = 1280,
        height: int = 900,
        tile: bytes = b"",
        js: bool = True,
    ) -> Visit:
        path = tmp_path / f"report{len(contexts)}.html"
        path.write_text(render_html(data or report(), translator("en")), encoding="utf-8")
        context = browser.new_context(viewport={"width": width, "height": height}, java_script_enabled=js)
        contexts.append(context)
        page = context.new_page()
        v = Visit(page)
        page.on("console", lambda m: v.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: v.errors.append(str(e)))

        def dialog(d: Any) -> None:
            v.dialogs.append(d.message)
            d.dismiss()

        page.on("dialog", dialog)
        page.on("request", lambda r: v.requests.append(r.url))
        page.route(
            lambda url: not url.startswith("file:"),
            lambda route: route.fulfill(status=200, content_type="image/png", body=tile),
        )
        page.goto(path.as_uri())
        return v

    yield open_report
    for c in contexts:
        c.close()


def test_offline_the_map_gives_way_to_the_list_of_places(visit):
    v = visit()
    v.page.wait_for_selector("#map-offline", state="visible")
    assert v.page.is_hidden("#map")
    assert v.page.eval_on_selector("#places", "d => d.open")
    assert v.page.locator("#places li").first.is_visible()
    assert v.page.locator("#places li").count() == 24
    assert v.page.is_visible("#coarsened")
    assert v.network() and all(u.startswith(TILES) for u in v.network())
    assert v.errors == [] and v.dialogs == []
    ARTIFACTS.mkdir(exist_ok=True)
    v.page.screenshot(path=str(ARTIFACTS / "report.png"), full_page=True)


def test_with_tiles_the_map_shows_markers_and_popups(visit):
    # One place (with a hostile title): the map is fitted to it, so its marker is in the middle.
    v = visit(report(placed=lambda i: i == 3), tile=png())
    v.page.wait_for_selector(".leaflet-tile-loaded")
    assert v.page.is_visible("#map") and v.page.is_hidden("#map-offline")
    assert not v.page.eval_on_selector("#places", "d => d.open")
    assert "OpenStreetMap" in v.page.inner_text(".leaflet-control-attribution")
    box = v.page.locator("#map").bounding_box()
    v.page.locator("#map").click(position={"x": box["width"] / 2, "y": box["height"] / 2})
    popup = v.page.wait_for_selector(".leaflet-popup-content")
    link = popup.query_selector("a")
    assert link is not None and link.inner_text() == SCRIPT + " 3"
    assert (
        link.get_attribute("href")
        == "https://sq.wikipedia.org/wiki/%3Cscript%3Ealert%281%29%3C%2Fscript%3E_3"
    )
    assert "sq.wikipedia.org · created" in popup.inner_text()
    assert v.errors == [] and v.dialogs == []


def test_charts_have_a_size(visit):
    v = visit()
    charts = v.page.locator("svg.chart")
    assert charts.count() == 3
    for i in range(3):
        box = charts.nth(i).bounding_box()
        assert box is not None and box["width"] > 100 and box["height"] > 50
    bars = v.page.locator("#chart-timeline rect.bar")
    assert bars.count() == DAYS
    heights = [bars.nth(i).bounding_box()["height"] for i in range(DAYS)]
    assert heights[4] == 0 < min(h for i, h in enumerate(heights) if i != 4)  # the day with no edits
    assert max(heights) == heights[5]
    assert v.page.locator("#chart-top rect.bar").count() == 10
    assert v.errors == []


def test_clicking_a_header_sorts_by_number(visit):
    v = visit()
    header = v.page.locator("table.t-articles th", has_text="Words added")
    column = 5

    def words() -> list[int]:
        return v.page.eval_on_selector_all(
            "table.t-articles tbody tr",
            f"rows => rows.map(r => Number(r.cells[{column}].dataset.sort ?? r.cells[{column}].textContent))",
        )

    assert words() != sorted(words())
    header.locator("button").click()
    assert words() == sorted(words(), reverse=True) and words()[0] == 12_000
    assert header.get_attribute("aria-sort") == "descending"
    header.locator("button").click()
    assert words() == sorted(words())
    assert header.get_attribute("aria-sort") == "ascending"
    titles = v.page.locator("table.t-articles th", has_text="Article")
    titles.locator("button").click()
    assert titles.get_attribute("aria-sort") == "ascending" and header.get_attribute("aria-sort") is None
    assert v.errors == []


def test_hostile_strings_do_not_run(visit):
    v = visit()
    v.page.wait_for_selector("#map-offline", state="visible")
    v.page.locator("table.t-people th", has_text="Participant").locator("button").click()
    v.page.wait_for_timeout(300)
    assert v.dialogs == []
    injected = v.page.evaluate(
        "() => [document.querySelectorAll('img[src=\"x\"], [onerror]').length, document.scripts.length]"
    )
    assert injected == [0, 3]
    assert v.page.title() == f"Outcome of \u2068WikiGap {CLOSE}\u2069"  # the name isolated (FSI … PDI)
    assert v.page.get_by_text(SCRIPT + " 3", exact=True).count() >= 1
    assert v.page.locator("table.t-people td", has_text=ATTR).count() == 1
    assert v.errors == []


def test_phone_has_no_sideways_scrolling(visit):
    v = visit(width=390, height=844)
    v.page.wait_for_selector("#map-offline", state="visible")
    scroll_width, inner_width = v.page.evaluate("[document.scrollingElement.scrollWidth, innerWidth]")
    assert scroll_width <= inner_width == 390
    assert v.errors == []
    ARTIFACTS.mkdir(exist_ok=True)
    v.page.screenshot(path=str(ARTIFACTS / "report-phone.png"), full_page=True)


def test_without_javascript_the_places_are_listed(visit):
    v = visit(js=False)
    assert v.page.is_hidden("#map") and v.page.is_hidden("#map-offline")
    assert v.page.locator("#places li").first.is_visible()
    assert v.page.locator("table.t-articles tbody tr").count() == 30
    assert v.network() == []  # no script, no tiles
    assert v.errors == []


def test_the_newsletter_preview_draws_the_storys_map_when_it_is_opened(browser, tmp_path):
    """The newsletter's HTML preview shows the GeoJSON the wiki page's <mapframe> holds, on a Leaflet map."""
    from wikitally.newsletter import render
    from wikitally.newsletter.issue_file import load_issue

    issue = load_issue(Path(__file__).resolve().parents[1] / "newsletter" / "issue" / "issue.toml")
    data = report(placed=lambda i: i < 5)
    path = tmp_path / "en.html"
    path.write_text(
        render.html_page(issue, {"WikiGap Tirana 2024": data}, translator("en")), encoding="utf-8"
    )
    context = browser.new_context(viewport={"width": 390, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.route(
        lambda url: not url.startswith("file:"),
        lambda r: r.fulfill(status=200, content_type="image/png", body=png()),
    )
    page.goto(path.as_uri())
    assert page.is_hidden(".story-map")  # folded away: drawn when opened (Leaflet needs its size)
    page.locator("#story-2-1 details summary").click()
    page.wait_for_selector(".story-map .leaflet-tile-loaded")
    assert page.locator(".story-map path.leaflet-interactive").count() == 5
    page.locator(".story-map path.leaflet-interactive").first.click()
    assert page.locator(".leaflet-popup-content b").inner_text() in {a.title for a in data.articles}
    assert errors == []
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "newsletter-map.png"), full_page=True)
    context.close()
