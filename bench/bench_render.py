"""Render time and size of the publishing renderers on a big synthetic campaign.

    .venv/bin/python bench/bench_render.py [--participants 1000 --articles 10000] [--seed 2024] [--lang en]
                                           [--out FILE.html]

Builds a ReportData like a large multi-wiki writing drive (titles and usernames in Latin, Cyrillic,
Greek, Armenian, Georgian and Arabic script; 70 % of the articles with coordinates; page views on all),
then times render_html and, when the module exists, wikitext.render_wikitext. Target: the HTML < 5 MB.
Exits with status 1 when the HTML is over the bound.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from typing import Any
from urllib.parse import quote

from wikitally.metrics.outcome import METRICS
from wikitally.reports.csv_report import render_articles_csv, render_csv
from wikitally.reports.data import ArticleRow, DayCount, Point, ReportData
from wikitally.reports.html import STATUSES, render_html
from wikitally.reports.i18n import translator
from wikitally.reports.json_report import render_json
from wikitally.reports.table import render_table
from wikitally.reports.wikitext import render_wikitext

HTML_LIMIT_BYTES = 5_000_000

# Per wiki: title heads, title tails, username stems, a rough bounding box (lat, lon) for its places.
WIKIS: dict[str, tuple[list[str], list[str], list[str], tuple[float, float, float, float]]] = {
    "sq.wikipedia.org": (
        ["Kalaja e", "Ura e", "Xhamia e", "Kisha e Shën Mërisë në", "Muzeu Historik i", "Liqeni i"],
        ["Rozafës", "Beratit", "Gjirokastrës", "Korçës", "Prizrenit", "Ohrit", "Butrintit", "Tepelenës"],
        ["Vyolltsa", "Arbëresha", "Drita", "Lumturi", "Besa", "Edona"],
        (39.6, 19.3, 42.6, 21.0),
    ),
    "sr.wikipedia.org": (
        ["Манастир", "Тврђава", "Црква Светог Николе у", "Народни музеј у", "Мост на", "Кула у"],
        ["Студеници", "Жичи", "Смедереву", "Крушевцу", "Нишу", "Дрини", "Сремским Карловцима", "Новом Саду"],
        ["Милица", "Јелена", "Драгана", "Ивана", "Снежана", "Марија"],
        (42.3, 19.0, 46.1, 22.9),
    ),
    "el.wikipedia.org": (
        ["Ναός του Αγίου", "Κάστρο της", "Μουσείο της", "Γέφυρα της", "Μονή της"],
        ["Θεσσαλονίκης", "Άρτας", "Ιωαννίνων", "Καστοριάς", "Ναυπλίου", "Μονεμβασιάς", "Χανίων"],
        ["Ελένη", "Μαρία", "Κατερίνα", "Σοφία", "Δήμητρα"],
        (35.0, 20.0, 41.7, 28.2),
    ),
    "hy.wikipedia.org": (
        ["Գեղարդի", "Տաթևի", "Սևանի", "Էջմիածնի", "Նորավանքի", "Հաղպատի"],
        ["վանք", "լիճ", "տաճար", "բերդ", "կամուրջ", "եկեղեցի"],
        ["Անահիտ", "Նունե", "Մարիամ", "Լիլիթ", "Գայանե"],
        (38.9, 43.5, 41.2, 46.6),
    ),
    "ka.wikipedia.org": (
        ["ჯვრის", "სვეტიცხოვლის", "ნარიყალას", "გელათის", "ვარძიის"],
        ["მონასტერი", "ციხე", "ტაძარი", "ხიდი", "მუზეუმი"],
        ["ნინო", "თამარი", "ეკა", "მარიამი"],
        (41.1, 40.0, 43.5, 46.7),
    ),
    "ar.wikipedia.org": (
        ["مسجد", "قلعة", "متحف", "جسر", "مكتبة"],
        ["حلب", "دمشق", "بيروت", "طرابلس", "صيدا", "حمص", "عمان"],
        ["فاطمة", "مريم", "نور", "ليلى", "سلمى"],
        (31.0, 35.0, 36.6, 40.0),
    ),
    "en.wikipedia.org": (
        [
            "Château de",
            "Église Saint-Étienne de",
            "Museum of",
            "Bridge over the",
            "List of women writers from",
        ],
        ["Łódź", "Kraków", "Brașov", "Timișoara", "Škofja Loka", "Dubrovnik", "Plovdiv", "Mostar"],
        ["Ana Example", "Zoë Q.", "Kasia", "Ioana", "Wiki Woman"],
        (41.0, 13.0, 54.0, 28.0),
    ),
}


def synthetic_report(participants: int, articles: int, seed: int, days: int = 14) -> ReportData:
    rng = random.Random(seed)
    wikis = list(WIKIS)
    start = datetime(2024, 3, 8, tzinfo=timezone(timedelta(hours=1)))
    users = []
    for i in range(participants):
        wiki = rng.choice(wikis)
        users.append((f"{rng.choice(WIKIS[wiki][2])} {i}", wiki))
    by_user: dict[str, dict[str, int]] = {u: dict.fromkeys(METRICS, 0) for u, _ in users}
    by_wiki: dict[str, dict[str, int]] = {w: dict.fromkeys(METRICS, 0) for w in wikis}
    rows: list[ArticleRow] = []
    seen: set[tuple[str, str]] = set()
    for n in range(articles):
        # Everyone writes at least one article; the rest follow a long tail (a few write hundreds).
        k = n if n < participants else min(int(rng.paretovariate(0.9)) - 1, participants - 1)
        user, wiki = users[k] if rng.random() < 0.6 or n < participants else rng.choice(users)
        heads, tails, _, (lat0, lon0, lat1, lon1) = WIKIS[wiki]
        title = f"{rng.choice(heads)} {rng.choice(tails)}"
        while (wiki, title) in seen:  # disambiguated the way Wikipedia does: a year or a second place
            title = (
                f"{title} ({rng.randrange(1800, 2024)})"
                if rng.random() < 0.5
                else f"{title}, {rng.choice(tails)}"
            )
        seen.add((wiki, title))
        status = rng.choices(STATUSES, [3, 6, 1])[0]
        edits = 1 + int(rng.expovariate(1 / 4))
        words = int(rng.lognormvariate(5.5, 1.2))
        row = ArticleRow(
            wiki=wiki,
            title=title,
            status=status,
            edits=edits,
            bytes_added=words * 7 + rng.randrange(400),
            words_added=words,
            references_added=rng.randrange(12),
            url=f"https://{wiki}/wiki/{quote(title.replace(' ', '_'))}",
            point=Point(rng.uniform(lat0, lat1), rng.uniform(lon0, lon1)) if rng.random() < 0.7 else None,
            views=int(rng.lognormvariate(6, 1.5)),
        )
        rows.append(row)
        for m in (by_user[user], by_wiki[wiki]):
            m["edits"] += edits
            m["articles_created"] += status == "created"
            m["articles_improved"] += status != "created"
            m["articles_edited"] += 1
            m["bytes_added"] += row.bytes_added
            m["words_added"] += words
            m["references_added"] += row.references_added
    for m in by_user.values():
        m["participants"] = int(m["edits"] > 0)
        m["new_editors"] = int(m["edits"] > 0 and rng.random() < 0.3)
    for w in wikis:
        wiki_users = [u for u, uw in users if uw == w and by_user[u]["edits"]]
        by_wiki[w]["participants"] = len(wiki_users)
        by_wiki[w]["new_editors"] = sum(by_user[u]["new_editors"] for u in wiki_users)
    totals: dict[str, int] = defaultdict(int)
    for m in by_wiki.values():
        for metric, value in m.items():
            totals[metric] += value
    rows.sort(key=lambda r: (r.wiki, r.title))
    # Edits and words spread over the days with a weekend bump.
    weights = [
        rng.uniform(0.5, 1.5) * (1.8 if (start.date() + timedelta(days=d)).weekday() >= 5 else 1)
        for d in range(days)
    ]
    timeline = tuple(
        DayCount(
            start.date() + timedelta(days=d),
            round(totals["edits"] * w / sum(weights)),
            round(totals["words_added"] * w * rng.uniform(0.7, 1.3) / sum(weights)),
        )
        for d, w in enumerate(weights)
    )
    outcome: dict[str, Any] = {
        "campaign": {
            "name": "WikiGap Balkans & Caucasus 2024",
            "start": start.isoformat(),
            "end": (start + timedelta(days=days) - timedelta(seconds=1)).isoformat(),
            "wikis": wikis,
            "hashtags": ["#WikiGap"],
            "tags": [],
            "namespaces": [0],
            "listed_participants": participants,
            "as_of": (start + timedelta(days=days, hours=2)).isoformat(),
        },
        "totals": dict(totals),
        "by_wiki": by_wiki,
        "by_participant": sorted(
            ({"user": u, **m} for u, m in by_user.items() if m["edits"]),
            key=lambda p: (-p["edits"], p["user"]),
        ),
        "articles": [],  # the renderers read ReportData.articles
        "uploads": [],
    }
    return ReportData(outcome=outcome, articles=tuple(rows), timeline=timeline, locations_coarsened=True)


ALL_FORMATS_LIMIT_S = 10.0  # the issue: all formats of a 1,000-participant, 10,000-article campaign < 10 s


def timed(fn: Any, *args: Any) -> tuple[str, float]:
    start = time.perf_counter()
    out = fn(*args)
    return out, time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--participants", type=int, default=1000)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--lang", default="en")
    parser.add_argument("--out", help="also write the HTML here")
    args = parser.parse_args()

    data = synthetic_report(args.participants, args.articles, args.seed)
    t = translator(args.lang)
    placed = sum(a.point is not None for a in data.articles)
    print(
        f"{len(data.outcome['by_participant']):,} participants, {len(data.articles):,} articles "
        f"({placed:,} with coordinates), {len(data.timeline)} days, language {args.lang}"
    )
    render_html(data, t)  # warm-up: Babel's locale data and the vendored Leaflet are loaded once
    # The spine's JSON carries the article list too (the synthetic outcome leaves it to ArticleRow).
    outcome = {
        **data.outcome,
        "articles": [
            {
                "wiki": a.wiki,
                "title": a.title,
                "status": "created" if a.status == "translated" else a.status,
                "edits": a.edits,
                "bytes_added": a.bytes_added,
                "words_added": a.words_added,
                "references_added": a.references_added,
            }
            for a in data.articles
        ],
    }
    renderers: list[tuple[str, Callable[[], str]]] = [
        ("render_html", lambda: render_html(data, t)),
        ("render_wikitext", lambda: render_wikitext(data, t)),
        ("render_json", lambda: render_json(outcome)),
        ("render_csv", lambda: render_csv(outcome)),
        ("render_articles_csv", lambda: render_articles_csv(outcome)),
        ("render_table", lambda: render_table(outcome)),
    ]
    print(f"{'renderer':<22}{'time':>10}{'size':>14}   target")
    total = 0.0
    html = ""
    verdict = "PASS"
    for name, render in renderers:
        text, seconds = timed(render)
        total += seconds
        size = len(text.encode("utf-8"))
        note = ""
        if name == "render_html":
            html = text
            ok = size < HTML_LIMIT_BYTES
            verdict = verdict if ok else "FAIL"
            note = f"< {HTML_LIMIT_BYTES / 1e6:.0f} MB {'PASS' if ok else 'FAIL'}"
        print(f"{name:<22}{seconds:>9.2f}s{size / 1e6:>11.2f} MB   {note}")
    ok = total < ALL_FORMATS_LIMIT_S
    verdict = verdict if ok else "FAIL"
    print(
        f"{'all formats':<22}{total:>9.2f}s{'':>14}   < {ALL_FORMATS_LIMIT_S:.0f} s {'PASS' if ok else 'FAIL'}"
    )
    if args.out:
        with open(args.out, "w", encoding="utf-8") as f:
            f.write(html)
    return 0 if verdict == "PASS" else 1


if __name__ == "__main__":
    sys.exit(main())
