"""Exports of approved heritage-at-risk reports for organizers to review and publish by hand.

- `wikitext_table`: a sortable table for a Meta or Commons page, with each listed site's designation and risk
  status on the site list. It is public once saved, so it is built from the public view
  (metrics/heritage.py `public_reports`): no reporter, sensitive points coarsened.
- `quickstatements`: QuickStatements (v1, tab-separated) lines stating each listed site's reported state,
  with the observation date and the source; wikitally never edits Wikidata itself. Which item each kind
  of risk is stated as (e.g. a value of P5816, state of conservation) is the organizers' choice, passed in
  `values`; a kind without one yields no line but a note. Coordinates are never written.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from wikitally.metrics.heritage import ITEM, PublicReport
from wikitally.reports import messages
from wikitally.reports.i18n import Translator
from wikitally.reports.wikitext import escape_wikitext, link_target, safe_url

HEADERS = (
    messages.HERITAGE_SITE,
    messages.HERITAGE_ITEM,
    messages.HERITAGE_DESIGNATION,
    messages.HERITAGE_LIST_RISK,
    messages.HERITAGE_KIND,
    messages.HERITAGE_OBSERVED,
    messages.HERITAGE_COORDINATES,
    messages.HERITAGE_DESCRIPTION,
    messages.HERITAGE_EVIDENCE,
    messages.HERITAGE_SOURCE,
)
KIND_NAMES = {
    "damaged": messages.RISK_DAMAGED,
    "destroyed": messages.RISK_DESTROYED,
    "threatened": messages.RISK_THREATENED,
    "neglected": messages.RISK_NEGLECTED,
    "armed_conflict": messages.RISK_ARMED_CONFLICT,
}


def wikitext_table(reports: Sequence[PublicReport], t: Translator) -> str:
    """Approved reports as a wikitable in t's language; every value escaped (reporters' text is data)."""
    lines = ['{| class="wikitable sortable"', *(f"! {escape_wikitext(t.gettext(h))}" for h in HEADERS)]
    rounded = escape_wikitext(t.gettext(messages.HERITAGE_COARSENED))
    source = escape_wikitext(t.gettext(messages.HERITAGE_SOURCE))
    for r in reports:
        item = f"[[d:{r.site}|{r.site}]]" if r.site and ITEM.match(r.site) else ""
        where = (
            f"{r.point.lat:.4f}, {r.point.lon:.4f}" + (f" {rounded}" if r.coarsened else "")
            if r.point
            else ""
        )
        targets = (link_target(f) for f in r.evidence)
        files = " ".join(f"[[:c:{t}]]" for t in targets if t)
        url = safe_url(r.source_url) if r.source_url else None
        cells = [
            escape_wikitext(r.label),
            item,
            escape_wikitext(r.designation),
            escape_wikitext(r.site_risk),
            escape_wikitext(t.gettext(KIND_NAMES[r.kind])),
            f'data-sort-value="{r.observed.isoformat()}" | {escape_wikitext(t.date(r.observed))}',
            where,
            escape_wikitext(r.description),
            files,
            f"[{url} {source}]" if url else "",
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
