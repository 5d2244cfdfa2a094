"""The look: Codex's design tokens vendored (scripts/vendor_codex.sh), used instead of hard-coded values,
readable (WCAG AA contrast on the vendored values), a visible focus, and nothing loaded from elsewhere."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.test import Client
from webseed import define, parse, user

import wikitally.web.campaigns
from wikitally.reports.html import REPORT_CSS

STATIC = Path(wikitally.web.campaigns.__file__).parent / "static"
CODEX = STATIC / "codex" / "theme-wikimedia-ui.css"
APP = STATIC / "campaigns" / "wikitally.css"
SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "vendor_codex.sh"


def _without_comments(css: str) -> str:
    return re.sub(r"/\*.*?\*/", "", css, flags=re.S)


def properties(css: str) -> dict[str, str]:
    """Custom properties declared in css (the last declaration of a name wins, as in the cascade)."""
    return {
        name: value.strip()
        for name, value in re.findall(r"(--[\w-]+)\s*:\s*([^;}]+)", _without_comments(css))
    }


# What a page sees: the tokens, then report.css, then the app's stylesheet (base.html's order).
TOKENS = properties(CODEX.read_text(encoding="utf-8"))
DEFINED = {**TOKENS, **properties(REPORT_CSS), **properties(APP.read_text(encoding="utf-8"))}


def resolve(name: str, seen: tuple[str, ...] = ()) -> str:
    assert name not in seen, f"var() cycle: {seen}"
    value = DEFINED[name]
    found = re.fullmatch(r"var\(\s*(--[\w-]+)\s*\)", value)
    return resolve(found.group(1), (*seen, name)) if found else value


def rgb(color: str) -> tuple[float, float, float]:
    color = color.strip().lower()
    if color.startswith("#"):
        digits = color[1:]
        if len(digits) == 3:
            digits = "".join(d * 2 for d in digits)
        assert len(digits) == 6, color
        r, g, b = (int(digits[i : i + 2], 16) for i in (0, 2, 4))
        return r, g, b
    raise AssertionError(f"not an opaque colour: {color}")


def luminance(color: str) -> float:
    def channel(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb(color))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(foreground: str, background: str) -> float:
    a, b = sorted((luminance(resolve(foreground)), luminance(resolve(background))), reverse=True)
    return (a + 0.05) / (b + 0.05)


BACKGROUNDS = (
    "--background-color-base",  # the page
    "--background-color-neutral-subtle",  # table heads, even rows, headline boxes
    "--background-color-progressive-subtle",  # a row under the pointer
)
# (text colour, backgrounds it is written on) as wikitally.css (and report.css through its variables) pairs them.
TEXT_PAIRS = [
    (
        "--color-base",
        (
            *BACKGROUNDS,
            "--background-color-neutral",
            "--background-color-interactive-subtle",
            "--background-color-interactive-subtle--hover",
            "--background-color-interactive-subtle--active",
            "--background-color-error-subtle",
            "--background-color-success-subtle",
            "--background-color-warning-subtle",
        ),
    ),
    ("--color-subtle", (*BACKGROUNDS, "--background-color-neutral")),
    ("--color-link", BACKGROUNDS),
    ("--color-link--visited", BACKGROUNDS),
    ("--color-link--hover", BACKGROUNDS),
    ("--color-link--active", BACKGROUNDS),
    ("--created", BACKGROUNDS),  # article status "created"
    ("--improved", BACKGROUNDS),
    ("--translated", BACKGROUNDS),
    ("--words", ("--background-color-base",)),  # the timeline's words axis
    (
        "--color-inverted",
        (
            "--background-color-progressive",
            "--background-color-progressive--hover",
            "--background-color-progressive--active",
            "--background-color-destructive",
            "--background-color-destructive--hover",
            "--background-color-destructive--active",
        ),
    ),
]


@pytest.mark.parametrize(("foreground", "backgrounds"), TEXT_PAIRS, ids=[p[0] for p in TEXT_PAIRS])
def test_text_contrast_is_at_least_aa(foreground: str, backgrounds: tuple[str, ...]) -> None:
    for background in backgrounds:
        ratio = contrast(foreground, background)
        assert ratio >= 4.5, f"{foreground} on {background}: {ratio:.2f}:1"


def test_the_focus_outline_is_progressive_and_visible() -> None:
    app = _without_comments(APP.read_text(encoding="utf-8"))
    rule = re.search(r"(?:^|})\s*:focus-visible\s*\{([^}]*)\}", app)
    assert rule, "no :focus-visible rule"
    assert "var(--outline-color-progressive--focus)" in rule.group(1)
    assert resolve("--outline-color-progressive--focus") == resolve("--color-progressive")
    for background in BACKGROUNDS:  # non-text contrast (WCAG 1.4.11): 3:1
        assert contrast("--outline-color-progressive--focus", background) >= 3
    # Only the skip link's target, focused by script-free anchor navigation, goes without an outline.
    hidden = re.findall(r"([^{}]+)\{[^}]*outline\s*:\s*(?:none|0)\b", app)
    assert [s.strip() for s in hidden] == ["main:focus"]


def test_the_stylesheet_uses_tokens_not_hard_coded_values() -> None:
    app = _without_comments(APP.read_text(encoding="utf-8"))
    assert not re.findall(r"#[0-9a-fA-F]{3,8}\b|\brgba?\(|\bhsla?\(", app), "a colour outside the tokens"
    assert "font-family:var(--font-family-system-sans)" in app
    for prefix in (
        "--color-base",
        "--background-color-base",
        "--spacing-",
        "--border-",
        "--color-progressive",
        "--background-color-destructive",
        "--background-color-progressive",
    ):
        assert f"var({prefix}" in app, prefix
    # Every variable used is defined: by the tokens, the report's stylesheet or the app's own :root.
    used = set(re.findall(r"var\(\s*(--[\w-]+)", app))
    assert used - DEFINED.keys() == set()
    for name in used:
        resolve(name)  # and resolves without a cycle


def test_pairs_are_the_ones_the_stylesheet_uses() -> None:
    app = APP.read_text(encoding="utf-8")
    own = properties(app)  # the report's variables (--created, …), pointed at tokens by the app's :root
    for foreground, backgrounds in TEXT_PAIRS:
        for name in (foreground, *backgrounds):
            assert f"var({name})" in app or (name in own and f"var({name})" in REPORT_CSS), name


def test_the_vendored_tokens_are_what_the_script_pins() -> None:
    version = re.search(r"version=\$\{1:-([\d.]+)\}", SCRIPT.read_text(encoding="utf-8"))
    assert version
    head = CODEX.read_text(encoding="utf-8")[:200]
    assert f"Codex Design Tokens v{version.group(1)}" in head
    assert (
        (STATIC / "codex" / "LICENSE").read_text(encoding="utf-8").lstrip().startswith("GNU GENERAL PUBLIC")
    )
    assert (
        (STATIC / "codex" / "VERSION")
        .read_text(encoding="utf-8")
        .startswith(f"@wikimedia/codex-design-tokens {version.group(1)}\n")
    )
    assert len(TOKENS) > 300


# -- nothing from elsewhere


def _resources(html: str) -> list[str]:
    """Every URL the page loads by itself (stylesheets, scripts, images, icons)."""
    urls = []
    for tag, attrs in parse(html).elements:
        if tag == "link":
            urls.append(attrs.get("href") or "")
        elif tag in ("script", "img", "iframe", "source", "audio", "video") and attrs.get("src"):
            urls.append(attrs["src"] or "")
    return urls


@pytest.mark.parametrize("url", ["/", "/c/look/", "/accounts/login/", "/nowhere/"])
def test_pages_load_only_local_static_and_asset_urls(client: Client, url: str) -> None:
    define(user("organizer"), name="Look", slug="look")
    response = client.get(url)
    html = response.content.decode()
    resources = _resources(html)
    assert "/static/codex/theme-wikimedia-ui.css" in resources
    for resource in resources:
        assert resource.startswith(("/static/", "/assets/")) and not resource.startswith("//"), resource
    assert "@import" not in html and "cdn" not in html.lower()


def test_the_stylesheets_load_nothing_themselves(client: Client) -> None:
    for url in (
        "/static/codex/theme-wikimedia-ui.css",
        "/static/campaigns/wikitally.css",
        "/assets/report.css",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Content-Type"].startswith("text/css"), url
        css = _without_comments(
            b"".join(response).decode() if response.streaming else response.content.decode()
        )
        assert "@import" not in css and "url(" not in css, url
