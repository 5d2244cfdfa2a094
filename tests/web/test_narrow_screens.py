"""Tables on a phone, a tablet and a laptop: a real headless Chromium (Debian's, driven by Playwright) loads the
campaign page, the full lists, the participants page and a program page at 360, 768 and 1366 px. Every
request of the browser is answered by Django's test client (Playwright's routing), so the pages are the app's
own, on the test database. Nothing may stick out of the viewport except inside a scroll container marked as
one (role=region, a label, keyboard-focusable, with a visible hint), every button can be reached, and a
screenshot of each page is kept under the test's tmp dir (look at them: the tests can't judge looks)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.utils import timezone
from webseed import csrf_post, define, log_in, seed, user

from wikitally.store import enrolments
from wikitally.store.models import Program

CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.exists():
    pytest.skip("needs Debian's chromium at /usr/bin/chromium", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="needs playwright")

ORIGIN = "http://wikitally.test"
WIDTHS = (360, 768, 1366)
LONG_NAME = "Participant With A Rather Long Username For Narrow Screens"

# Elements wider than the viewport, outside a marked scroll container; and every scroll container that
# actually scrolls without being marked (role=region, an accessible name, tabindex=0, a hint).
OVERFLOW_JS = """
() => {
  const width = document.documentElement.clientWidth;
  const marked = (box) => box.getAttribute('role') === 'region' && box.hasAttribute('aria-labelledby')
    && box.getAttribute('tabindex') === '0' && box.dataset.scrollHint !== undefined;
  const outside = [];
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    if (r.right <= width + 1 && r.left >= -1) continue;
    if (r.right <= 0) continue;  // moved off-screen on purpose (the skip link until focused)
    let box = el.parentElement, inside = false;
    while (box && box !== document.body) {
      const style = getComputedStyle(box);
      if (['auto', 'scroll'].includes(style.overflowX) && marked(box)) { inside = true; break; }
      box = box.parentElement;
    }
    if (!inside) outside.push(el.tagName + '.' + el.className + ' ' + Math.round(r.left) + '..' + Math.round(r.right));
  }
  const unmarked = [...document.querySelectorAll('*')].filter(el => {
    const style = getComputedStyle(el);
    return ['auto', 'scroll'].includes(style.overflowX) && el.scrollWidth > el.clientWidth + 1 && !marked(el)
      && el !== document.documentElement && el !== document.body;
  }).map(el => el.tagName + '.' + el.className);
  const pageScroll = document.documentElement.scrollWidth > width + 1;
  return {outside: outside.slice(0, 10), unmarked, pageScroll};
}
"""
# A visible hint on every container that scrolls now; none on one that doesn't.
HINTS_JS = """
() => [...document.querySelectorAll('[data-scroll-hint]')].map(box => {
  const hint = box.previousElementSibling;
  const shown = hint && hint.classList.contains('scroll-hint') && getComputedStyle(hint).display !== 'none';
  return {id: box.className, scrolls: box.scrollWidth > box.clientWidth + 1, hint: Boolean(shown)};
})
"""


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as playwright:
        found = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu", "--headless"]
        )
        yield found
        found.close()


def served(client: Client, paths: tuple[str, ...]) -> dict[str, tuple[int, dict[str, str], bytes]]:
    """The pages (and the stylesheets, scripts and images they load), fetched with Django's test client in
    the test's own thread (the test database is visible only there), for the browser to be served."""
    answers: dict[str, tuple[int, dict[str, str], bytes]] = {}
    todo = list(paths)
    while todo:
        path = todo.pop()
        if path in answers:
            continue
        response = client.get(path)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        headers = {k: v for k, v in response.items() if k.lower() != "content-length"}
        answers[path] = (response.status_code, headers, body)
        if headers.get("Content-Type", "").startswith("text/html"):
            todo += re.findall(r'(?:href|src)="(/(?:static|assets)/[^"]+)"', body.decode())
    return answers


def routed_page(browser: Any, answers: dict[str, tuple[int, dict[str, str], bytes]], width: int) -> Any:
    """A page at this width whose requests are answered from `answers` (nothing else is fetched)."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()

    def answer(route: Any) -> None:
        parts = urlsplit(route.request.url)
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        if parts.netloc != urlsplit(ORIGIN).netloc or path not in answers or route.request.method != "GET":
            route.fulfill(status=404, body=b"")
            return
        status, headers, body = answers[path]
        route.fulfill(status=status, headers=headers, body=body)

    page.route("**/*", answer)
    return page


@pytest.fixture(autouse=True)
def _sync_django_beside_playwright(monkeypatch: pytest.MonkeyPatch) -> None:
    """Playwright's sync API runs an event loop in this thread; Django's ORM calls stay synchronous here."""
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def site(client: Client) -> Client:
    """A collected campaign (leaderboard, articles, wikis), its participants page, a program holding it."""
    organizer = user("organizer")
    definition, campaign = define(organizer)
    seed(campaign, timezone.now() - timedelta(minutes=5))
    enrolments.enrol_all(definition, [LONG_NAME, "Vyolltsa", "Ana"], source="organizer")
    made = Program.objects.create(slug="cee-spring", name="CEE Spring")
    made.campaigns.add(definition)
    log_in(client, "organizer")
    return client


FORM_WITH_MISTAKES = "/c/new/?mistakes"
PAGES = (
    "/c/wikigap/",
    "/c/wikigap/leaderboard/",
    "/c/wikigap/articles/",
    "/c/wikigap/participants/",
    "/p/cee-spring/",
)


@pytest.mark.parametrize("width", WIDTHS)
def test_tables_fit_or_scroll_in_a_marked_box_at_every_width(
    browser: Any, site: Client, width: int, tmp_path: Path
) -> None:
    answers = served(site, PAGES)
    # the campaign form after a submit with four mistakes: the summary at the top, each field marked
    mistakes = {
        "form": "fields",
        "visibility": "public",
        "name": "",
        "start": "2024-03-40T09:00",
        "end": "",
        "timezone": "Europe/Tirane",
        "wikis": "sq.wikipedia.org\nnot a wiki",
        "hashtags": "#Wiki Gap",
        "language": "en",
        "sensitive_locations": "false",
    }
    posted = csrf_post(site, "/c/new/", mistakes)
    answers[FORM_WITH_MISTAKES] = (200, {"Content-Type": "text/html; charset=utf-8"}, posted.content)
    page = routed_page(browser, answers, width)
    for path in (*PAGES, FORM_WITH_MISTAKES):
        assert answers[path][0] == 200, path
        page.goto(ORIGIN + path)
        shot = tmp_path / f"{re.sub(r'[^a-z0-9-]+', '_', path.strip('/'))}-{width}.png"
        page.screenshot(path=str(shot), full_page=True)
        found = page.evaluate(OVERFLOW_JS)
        assert found == {"outside": [], "unmarked": [], "pageScroll": False}, (path, width, found, shot)
        for box in page.evaluate(HINTS_JS):
            assert box["hint"] == box["scrolls"], (path, width, box)
    print(f"screenshots: {tmp_path}")
    page.context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_every_remove_button_can_be_reached_and_pressed(browser: Any, site: Client, width: int) -> None:
    page = routed_page(browser, served(site, ("/c/wikigap/participants/",)), width)
    page.goto(ORIGIN + "/c/wikigap/participants/")
    buttons = page.locator("table.t-enrolled button")
    assert buttons.count() == 3
    for i in range(buttons.count()):
        button = buttons.nth(i)
        button.scroll_into_view_if_needed()
        box = button.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width, (width, i, box)
        form = button.locator("xpath=ancestor::form")
        assert form.get_attribute("method") == "post"  # to the page that asks first (test_enrolment)
        assert form.get_attribute("action") == "/c/wikigap/participants/remove/"
    page.context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_the_jurors_round_page_fits_at_every_width(
    browser: Any, client: Client, width: int, tmp_path: Path
) -> None:
    """The article jury's marking page of a contest with [[contest.round]] rounds (the rounds' list above
    the form), as a juror sees it."""
    from wikitally.store.models import WikiAccount

    table = {
        "entries": "auto",
        "score": "points+jury",
        "points": "10*created + 3*improved",
        "jury": {
            "jurors": ["Juror A"],
            "min_marks": 1,
            "part": [
                {"name": "quality", "kind": "integer", "min": 0, "max": 5},
                {"name": "length", "kind": "choice", "options": {"long": 2, "short": 0}},
            ],
        },
        "round": [
            {"name": "Shortlist of the best articles", "advance": 2, "parts": ["quality"]},
            {"name": "Final", "advance": 1, "parts": ["length"]},
        ],
    }
    _definition, campaign = define(user("organizer"), slug="wikigap", contest=table)
    seed(campaign, timezone.now() - timedelta(minutes=5))
    account = user("juror-a")
    WikiAccount.objects.create(user=account, username="Juror A", provider="meta.wikimedia.org", sub="juror-a")
    log_in(client, "juror-a")
    answers = served(client, ("/c/wikigap/jury/",))
    assert answers["/c/wikigap/jury/"][0] == 200 and b"jury-rounds" in answers["/c/wikigap/jury/"][2]
    page = routed_page(browser, answers, width)
    page.goto(ORIGIN + "/c/wikigap/jury/")
    shot = tmp_path / f"jury-rounds-{width}.png"
    page.screenshot(path=str(shot), full_page=True)
    found = page.evaluate(OVERFLOW_JS)
    assert found == {"outside": [], "unmarked": [], "pageScroll": False}, (width, found, shot)
    print(f"screenshot: {shot}")
    page.context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_a_batched_ranking_page_fits_at_every_width(
    browser: Any, client: Client, width: int, tmp_path: Path
) -> None:
    """A juror's page of a ranking round ranked in batches ("Batch 1 of 3" above the ordered list)."""
    from wikitally.judging.photos import Photo
    from wikitally.services import photos as photo_service
    from wikitally.store.models import WikiAccount
    from wikitally.store.photos import PhotoStore
    from wikitally.web.campaigns import figures

    photos = {
        "wiki": "commons.wikimedia.org",
        "categories": ["WLE test"],
        "jurors": ["Juror A"],
        "round": [
            {"name": "Final of the national round", "kind": "ranking", "quorum": 1, "advance": 3, "batch": 2}
        ],
    }
    start = timezone.now() - timedelta(days=2)
    _definition, campaign = define(
        user("organizer"), slug="wle", start=start, end=start + timedelta(days=1), photos=photos
    )
    names = [f"Lake with a rather long file name number {i}.jpg" for i in range(1, 6)]
    entries = [
        (
            Photo(
                f, i, f"Uploader {i}", start + timedelta(hours=i), 4000, 3000, "image/jpeg", f"sha{i}", None
            ),
            i,
        )
        for i, f in enumerate(names, start=1)
    ]
    store = figures.store()
    PhotoStore(store).save_entries(campaign, entries)
    photo_service.allocate_round(campaign, store, 1, seed=3, now=timezone.now())
    account = user("juror-a")
    WikiAccount.objects.create(user=account, username="Juror A", provider="meta.wikimedia.org", sub="juror-a")
    log_in(client, "juror-a")
    answers = served(client, ("/c/wle/photos/1/",))
    assert answers["/c/wle/photos/1/"][0] == 200 and b"Batch 1 of 3" in answers["/c/wle/photos/1/"][2]
    page = routed_page(browser, answers, width)
    page.goto(ORIGIN + "/c/wle/photos/1/")
    shot = tmp_path / f"photos-batch-{width}.png"
    page.screenshot(path=str(shot), full_page=True)
    found = page.evaluate(OVERFLOW_JS)
    assert found == {"outside": [], "unmarked": [], "pageScroll": False}, (width, found, shot)
    print(f"screenshot: {shot}")
    page.context.close()
