"""The photo jury in a real headless Chromium (Debian's, driven by Playwright): three jurors vote with the
keyboard (Y/N, then 1–5 in the next round; U undoes), one stops halfway; the organizer sees the effect,
closes the round with what there is, deals the next round and reads the results. Every request the browser
makes is answered by Django's test client, one per signed-in person (the pages are the app's own, on the
test database); the thumbnails come from another origin, as Commons' do, so the page's CSP must allow them.
Screenshots at 360 and 1366 px are kept under the test's tmp dir (and PHOTO_JURY_SHOTS if set): look at them."""

from __future__ import annotations

import io
import os
import re
import shutil
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.test import Client
from PIL import Image
from webseed import define, log_in, user

from wikitally.judging.photos import Photo
from wikitally.services import photos as service
from wikitally.store.models import PhotoVote, WikiAccount
from wikitally.store.photos import PhotoStore
from wikitally.web.campaigns import figures

CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.exists():
    pytest.skip("needs Debian's chromium at /usr/bin/chromium", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="needs playwright")

ORIGIN = "http://wikitally.test"
THUMBS = "https://upload.wikimedia.test"
JURORS = {"a": "Juror A", "b": "Juror B", "c": "Juror C"}
T = datetime(2024, 5, 10, tzinfo=UTC)
WAIT_MS = 20_000


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as playwright:
        found = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu", "--headless"]
        )
        yield found
        found.close()


@pytest.fixture(autouse=True)
def _sync_django_beside_playwright(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def png(i: int, size: tuple[int, int]) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (40 * i % 256, 120, 200 - 20 * i % 200)).save(out, format="PNG")
    return out.getvalue()


def seeded() -> tuple[Any, dict[str, bytes]]:
    photos: dict[str, Any] = {
        "wiki": "commons.wikimedia.org",
        "categories": ["WLE test"],
        "min_megapixels": 2.0,
        "jurors": list(JURORS.values()),
        "round": [
            {"name": "First round", "kind": "yesno", "quorum": 2, "advance": 3},
            {"name": "Final", "kind": "rating", "quorum": 2, "advance": 1},
        ],
    }
    _d, campaign = define(
        user("organizer"),
        name="WLE 2024 in Testland",
        slug="wle",
        start=datetime(2024, 5, 1, tzinfo=UTC),
        end=datetime(2024, 5, 31, tzinfo=UTC),
        photos=photos,
    )
    images: dict[str, bytes] = {}
    entries = []
    for i in range(1, 7):
        size = (1280, 853) if i % 2 else (853, 1280)  # landscape and portrait
        path = f"/thumb/{i}/1280px-Lake_{i}.png"
        images[path] = png(i, size)
        name = f"Lake {i} in a protected area with a rather long file name.png"
        entries.append(
            (
                Photo(
                    name,
                    i,
                    f"Up {i}",
                    T + timedelta(hours=i),
                    4000,
                    3000,
                    "image/png",
                    f"s{i}",
                    None,
                    thumb_url=THUMBS + path,
                ),
                i,
            )
        )
    store = figures.store()
    PhotoStore(store).save_entries(campaign, entries)
    service.allocate_round(campaign, store, 1, seed=7, now=T)
    for site, wiki in JURORS.items():
        account = user(site)
        WikiAccount.objects.create(user=account, username=wiki, provider="meta.wikimedia.org", sub=site)
    return campaign, images


class Browsing:
    """One person's browser tab. Django's test database is visible only in the test's own thread, so the
    browser's requests are answered from pages fetched here with that person's test client: a GET from
    `answers` (filled before each navigation, with the stylesheets and scripts the page loads); a POST (a
    form the keys submitted) is recorded, answered with an empty page, then replayed here with the client
    and its redirect followed, as the browser would. Thumbnails come from the stand-in upload server."""

    def __init__(self, browser: Any, client: Client, images: dict[str, bytes], width: int) -> None:
        self.client, self.images = client, images
        self.answers: dict[str, tuple[int, dict[str, str], bytes]] = {}
        self.posted: list[tuple[str, str, bytes]] = []
        self.page = browser.new_context(viewport={"width": width, "height": 800}).new_page()
        self.page.set_default_timeout(WAIT_MS)
        self.page.route("**/*", self.answer)

    def answer(self, route: Any) -> None:
        request = route.request
        parts = urlsplit(request.url)
        origin = f"{parts.scheme}://{parts.netloc}"
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        if origin == THUMBS and parts.path in self.images:
            route.fulfill(status=200, headers={"Content-Type": "image/png"}, body=self.images[parts.path])
        elif origin == ORIGIN and request.method == "POST":
            self.posted.append(
                (path, request.headers.get("content-type", ""), request.post_data_buffer or b"")
            )
            route.fulfill(status=200, headers={"Content-Type": "text/html"}, body=b"<!DOCTYPE html><p>sent")
        elif origin == ORIGIN and path in self.answers:
            status, headers, body = self.answers[path]
            route.fulfill(status=status, headers=headers, body=body)
        else:
            route.fulfill(status=404, body=b"")

    def fetch(self, path: str) -> None:
        todo = [path]
        while todo:
            path = todo.pop()
            response = self.client.get(path)
            body = b"".join(response.streaming_content) if response.streaming else response.content
            headers = {k: v for k, v in response.items() if k.lower() != "content-length"}
            self.answers[path] = (response.status_code, headers, body)
            if headers.get("Content-Type", "").startswith("text/html"):
                todo += [
                    p
                    for p in re.findall(r'(?:href|src)="(/(?:static|assets)/[^"]+)"', body.decode())
                    if p not in self.answers
                ]

    def goto(self, path: str) -> None:
        self.fetch(path)
        self.page.goto(ORIGIN + path)

    def press(self, key: str) -> None:
        """A key that submits a form: the browser posts, the client replays it here, the browser follows."""
        with self.page.expect_navigation():
            self.page.keyboard.press(key)
        self.replay()

    def click(self, selector: str) -> None:
        with self.page.expect_navigation():
            self.page.click(selector)
        self.replay()

    def replay(self) -> None:
        assert len(self.posted) == 1, self.posted
        path, content_type, body = self.posted.pop()
        response = self.client.post(path, data=body, content_type=content_type)
        assert response.status_code == 302, (path, response.status_code)
        self.goto(response["Location"])


def shoot(page: Any, name: str, folder: Path) -> None:
    page.screenshot(path=str(folder / f"{name}.png"), full_page=True)
    extra = os.environ.get("PHOTO_JURY_SHOTS")
    if extra:
        Path(extra).mkdir(parents=True, exist_ok=True)
        shutil.copy(folder / f"{name}.png", Path(extra) / f"{name}.png")


def test_three_jurors_vote_with_the_keyboard_and_the_organizer_closes_the_round(
    browser: Any, client: Client, tmp_path: Path
) -> None:
    campaign, images = seeded()
    store = figures.store()
    clients = {"organizer": client}
    for site in JURORS:
        clients[site] = Client()
    for site, person in clients.items():
        log_in(person, site)
    errors: list[str] = []

    def tab(site: str, width: int, person: Client | None = None) -> Browsing:
        made = Browsing(browser, person or clients[site], images, width)
        made.page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        return made

    def votes(**where: Any) -> Any:
        return PhotoVote.objects.filter(campaign_id=store._find(campaign), **where)

    for site, juror in JURORS.items():
        width = 360 if site == "a" else 1366
        juror_tab = tab(site, width)
        juror_tab.goto("/c/wle/photos/1/")
        page = juror_tab.page
        queue = PhotoStore(store).next_task(campaign, 1, juror, 100)
        assert queue, juror
        assert page.evaluate("document.getElementById('photo').naturalWidth") > 0  # CSP lets it in
        assert page.locator('link[rel="preload"][as="image"]').count() == (1 if len(queue) > 1 else 0)
        shoot(page, f"vote-{site}-{width}", tmp_path)
        assert page.evaluate("document.documentElement.scrollWidth") <= width + 1  # no sideways scroll
        if site == "c":  # votes one photo and stops: the organizer must close without them
            juror_tab.press("y")
            continue
        for i, _file in enumerate(queue):
            juror_tab.press("n" if i % 3 == 2 else "y")
            if i == 0:  # undo the first vote with U, then vote again
                juror_tab.press("u")
                assert not votes(juror=juror).exists()
                juror_tab.press("y")
        assert page.locator("#queue-done").is_visible()
        assert set(votes(juror=juror).values_list("file", flat=True)) == set(queue)
        page.context.close()
    assert votes(juror="Juror C").count() == 1

    boss = tab("organizer", 1366)
    boss.goto("/c/wle/photos/1/round/")
    lacking = len(service.round_status(campaign, store, 1).effect.missing)
    assert lacking > 0 and f"Photos lacking votes: {lacking}" in boss.page.inner_text("#missing-title")
    assert "Juror C" in boss.page.inner_text("#jurors tr.unfinished")
    shoot(boss.page, "round-1366", tmp_path)
    boss.click("#close button")
    assert boss.page.locator("#round-closed").is_visible()
    # round 2: deal it, a juror rates with the keyboard (4), the public results show aliases only
    boss.goto("/c/wle/photos/2/round/")
    boss.click("#redistribute button")
    rater = tab("a", 360)
    rater.goto("/c/wle/photos/2/")
    assert rater.page.locator("#rate-4").is_visible()
    shoot(rater.page, "rate-a-360", tmp_path)
    first = PhotoStore(store).next_task(campaign, 2, "Juror A", 1)[0]
    rater.press("4")
    assert votes(round=2, juror="Juror A", file=first).get().value == 4
    public = tab("public", 360, Client())
    public.goto("/c/wle/photos/1/results/")
    text = public.page.inner_text("main")
    assert "Juror 1" in text and "Juror A" not in text
    shoot(public.page, "results-360", tmp_path)
    boss.goto("/c/wle/photos/log/")
    assert "→" in boss.page.inner_text("#audit")
    shoot(boss.page, "log-1366", tmp_path)
    # Chromium ignores COOP on a plain-http test origin and says so; anything else is the app's
    assert [e for e in errors if "Cross-Origin-Opener-Policy" not in e] == []
