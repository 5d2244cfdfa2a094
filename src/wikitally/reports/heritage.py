"""Exports of approved heritage-at-risk reports for organizers to review and publish by hand.

- `wikitext_table`: a sortable table for a Meta or Commons page. It is public once saved, so it is built from
  the public view (metrics/heritage.py `public_reports`): no reporter, sensitive points coarsened.
- `quickstatements`: QuickStatements (v1, tab-separated) lines stating each listed site's reported state,
  with the observation date and the source; wikitally never edits Wikidata itself. Which item each kind
  of risk is stated as (e.g. a value of P5816, state of conservation) is the organizers' choice, passed in
  `values`; a kind without one yields no line but a note. Coordinates are never written.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from wikitally.metrics.heritage import ITEM, PublicReport
from wikitally.reports.wikitext import escape_wikitext, link_target, safe_url

HEADERS = ("Site", "Item", "Kind", "Observed", "Coordinates", "Description", "Evidence", "Source")


def wikitext_table(reports: Sequence[PublicReport]) -> str:
    """Approved reports as a wikitable; every value escaped (reporters' text is data)."""
    lines = ['{| class="wikitable sortable"', *(f"! {h}" for h in HEADERS)]
    for r in reports:
        item = f"[[d:{r.site}|{r.site}]]" if r.site and ITEM.match(r.site) else ""
        where = (
            f"{r.point.lat:.4f}, {r.point.lon:.4f}" + (" (~10 km)" if r.coarsened else "") if r.point else ""
        )
        targets = (link_target(f) for f in r.evidence)
        files = " ".join(f"[[:c:{t}]]" for t in targets if t)
        url = safe_url(r.source_url) if r.source_url else None
        cells = [
            escape_wikitext(r.label),
            item,
            escape_wikitext(r.kind.replace("_", " ")),
            r.observed.isoformat(),
            where,
            escape_wikitext(r.description),
            files,
            f"[{url} source]" if url else "",
        ]
        lines += ["|-", *(f"| {c}" if c else "|" for c in cells)]
    lines.append("|}")
    return "\n".join(lines) + "\n"


def quickstatements(
    reports: Sequence[PublicReport], values: Mapping[str, str], prop: str = "P5816"
) -> tuple[list[str], list[str]]:
    """(lines, notes): one `ITEM<TAB>PROP<TAB>VALUE<TAB>P585<TAB>date<TAB>S854<TAB>"url"` line per approved
    report of a listed Wikidata item whose kind has a value; notes say what was left out and why."""
    lines, notes = [], []
    for r in reports:
        if not r.site or not ITEM.match(r.site):
            notes.append(f"report {r.report_id}: {r.label[:60]!r} has no Wikidata item; create it by hand")
            continue
        value = values.get(r.kind)
        if value is None or not ITEM.match(value):
            notes.append(f"report {r.report_id}: no item given for kind {r.kind!r}")
            continue
        parts = [r.site, prop, value, "P585", f"+{r.observed.isoformat()}T00:00:00Z/11"]
        url = r.source_url
        if url and not any(c in url for c in '"\t\n|'):
            parts += ["S854", f'"{url}"']
        lines.append("\t".join(parts))
    return lines, notes
