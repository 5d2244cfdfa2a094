"""Worklist coverage in the publishing outputs: a table per wiki, a progress bar, a map of the items by
status (covered or missing), and the items still missing. The numbers are the JSON's `coverage` object;
the map's points were coarsened before they got here (metrics/coverage.py)."""

from __future__ import annotations

import html
import math
from collections import Counter
from collections.abc import Sequence
from typing import Any

from wikitally.metrics.coverage import STATUSES, CoveredItem
from wikitally.metrics.coverage import Status as ItemStatus
from wikitally.reports import messages
from wikitally.reports.i18n import Translator

COLOURS: dict[ItemStatus, str] = {
    "created": "#14866d",
    "improved": "#3366cc",
    "existing": "#72777d",
    "missing": "#d73333",
}
STATUS_TEXT: dict[ItemStatus, str] = {
    "created": messages.STATUS_CREATED,
    "improved": messages.STATUS_IMPROVED,
    "existing": messages.STATUS_EXISTING,
    "missing": messages.STATUS_MISSING,
}
LEGEND: dict[ItemStatus, str] = {
    "created": messages.LEGEND_CREATED,
    "improved": messages.LEGEND_IMPROVED,
    "existing": messages.LEGEND_EXISTING,
    "missing": messages.LEGEND_MISSING,
}


def covered_share(coverage: dict[str, Any]) -> tuple[int, int, float]:
    """(items with an article now, items, their share in 0…1)."""
    items = int(coverage["items"])
    covered = items - len(coverage["missing"])
    return covered, items, covered / items if items else 0.0


def coverage_percent(t: Translator, share: float) -> str:
    return f"{t.number(math.floor(share * 100))} %"


def item_name(item: CoveredItem | dict[str, Any]) -> str:
    if isinstance(item, CoveredItem):
        return item.label or item.title or item.item or ""
    return str(item.get("label") or item.get("title") or item.get("item") or "")


# -- HTML ----------------------------------------------------------------------------------------------
def esc(value: object) -> str:
    return html.escape(str(value), quote=True)


def html_section(coverage: dict[str, Any], items: Sequence[CoveredItem], t: Translator) -> str:
    covered, total, share = covered_share(coverage)
    heading = t.gettext(messages.SECTION_COVERAGE)
    summary = t.gettext(messages.COVERAGE_SUMMARY).format(
        covered=t.number(covered), items=t.number(total), percent=coverage_percent(t, share)
    )
    pct = math.floor(share * 100)
    head = "".join(
        f'<th scope="col" class="num">{esc(t.gettext(m))}</th>'
        for m in (
            messages.COL_BEFORE,
            messages.COL_NOW,
            messages.COL_COVERAGE_CREATED,
            messages.COL_COVERAGE_IMPROVED,
        )
    )
    rows = "\n".join(
        f"<tr><td>{esc(wiki)}"
        + "".join(f"<td>{esc(t.number(row[k]))}" for k in ("before", "now", "created", "improved"))
        for wiki, row in coverage["by_wiki"].items()
    )
    parts = [
        f'<section id="coverage" aria-labelledby="h-coverage">\n<h2 id="h-coverage">{esc(heading)}</h2>',
        f'<p id="coverage-summary">{esc(summary)}</p>',
        f'<div class="progress" role="progressbar" aria-valuemin="0" aria-valuemax="100" '
        f'aria-valuenow="{pct}" aria-label="{esc(summary)}" '
        f'style="background:#eaecf0;border:1px solid #a2a9b1;height:1rem;max-width:30rem">'
        f'<div style="background:{COLOURS["created"]};height:100%;width:{pct}%"></div></div>',
        f'<div class="scroll" tabindex="0" role="region" aria-labelledby="h-coverage">'
        f'<table class="sortable t-coverage">\n<thead><tr><th scope="col">{esc(t.gettext(messages.COL_WIKI))}'
        f"</th>{head}</tr></thead>\n<tbody>\n{rows}\n</tbody></table></div>",
        f"<p>{esc(t.gettext(messages.COVERAGE_WITH_IMAGE).format(count=t.number(coverage['with_image'])))}"
        f"{esc(t.gettext(messages.LIST_SEPARATOR))}"
        f"{esc(t.gettext(messages.COVERAGE_WITH_COORDINATES).format(count=t.number(coverage['with_coordinates'])))}"
        "</p>",
    ]
    placed = [i for i in items if i.point is not None]
    if placed:
        parts.append(_svg_map(placed, t))
    if coverage["missing"]:
        missing_rows = "\n".join(
            f"<tr><td>{esc(m.get('item') or '')}<td>{esc(m.get('title') or '')}"
            f"<td><bdi>{esc(m.get('label') or '')}</bdi>"
            for m in coverage["missing"]
        )
        parts.append(
            f'<h3 id="h-missing">{esc(t.gettext(messages.COVERAGE_MISSING))}</h3>\n'
            f'<details id="coverage-missing" open><summary>{esc(t.gettext(messages.COVERAGE_MISSING))} '
            f"({esc(t.number(len(coverage['missing'])))})</summary>"
            f'<div class="scroll" tabindex="0" role="region" aria-labelledby="h-missing">'
            f'<table class="sortable t-missing">\n<thead><tr><th scope="col">{esc(t.gettext(messages.COL_ITEM))}'
            f'</th><th scope="col">{esc(t.gettext(messages.COL_TITLE))}</th>'
            f'<th scope="col">{esc(t.gettext(messages.COL_LABEL))}</th></tr></thead>\n<tbody>\n'
            f"{missing_rows}\n</tbody></table></div></details>"
        )
    return "\n".join(parts) + "\n</section>"


def _svg_map(items: Sequence[CoveredItem], t: Translator) -> str:
    """The items as coloured dots on a plain equirectangular frame around them: no tiles to fetch, so
    the map works offline and under any content policy. Each dot's tooltip names the item and status."""
    lats = [i.point.lat for i in items if i.point]
    lons = [i.point.lon for i in items if i.point]
    pad = 0.05
    lat0, lat1 = min(lats), max(lats)
    lon0, lon1 = min(lons), max(lons)
    dlat = max(lat1 - lat0, 0.01) * (1 + 2 * pad)
    dlon = max(lon1 - lon0, 0.01) * (1 + 2 * pad)
    width = 640.0
    height = max(160.0, min(400.0, width * dlat / dlon))  # a tall spread is squeezed, not a tall page
    counts = Counter(i.status for i in items)
    dots = []
    for i in items:
        if i.point is None:
            continue
        x = (i.point.lon - lon0 + dlon * pad / (1 + 2 * pad)) / dlon * width
        y = (lat1 + dlat * pad / (1 + 2 * pad) - i.point.lat) / dlat * height
        label = f"{item_name(i)} — {t.gettext(STATUS_TEXT[i.status])}"
        dots.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="7" fill="{COLOURS[i.status]}" class="{i.status}">'
            f"<title>{esc(label)}</title></circle>"
        )
    caption = t.gettext(messages.SECTION_MAP)
    legend = "".join(
        f'<li class="{s}"><span style="color:{COLOURS[s]}" aria-hidden="true">●</span> '
        f"{esc(t.gettext(LEGEND[s]).format(count=t.number(counts[s])))}</li>"
        for s in STATUSES
        if counts[s]
    )
    return (
        f'<figure id="coverage-map"><svg viewBox="0 0 {width:.0f} {height:.0f}" role="img" '
        f'aria-label="{esc(caption)}" style="width:100%;max-width:40rem;background:#f8f9fa;'
        f'border:1px solid #c8ccd1">{"".join(dots)}</svg>'
        f'<figcaption><ul class="legend">{legend}</ul></figcaption></figure>'
    )
