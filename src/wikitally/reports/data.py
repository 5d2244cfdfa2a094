"""What every publishing renderer (wikitext, HTML, CSV tables, certificates, newsletter) receives."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from wikitally.metrics.coverage import CoveredItem
from wikitally.model import Point

__all__ = ["ArticleRow", "DayCount", "Point", "ReportData", "Status"]

Status = Literal["created", "improved", "translated"]


@dataclass(frozen=True)
class ArticleRow:
    wiki: str
    title: str
    status: Status
    edits: int
    bytes_added: int
    words_added: int
    references_added: int
    url: str  # https://WIKI/wiki/Title (percent-encoded)
    point: Point | None = None  # None: no coordinates found (listed, not dropped)
    views: int | None = None  # None: page views not requested or not available


@dataclass(frozen=True)
class DayCount:
    day: date  # in the campaign's time zone
    edits: int
    words_added: int


@dataclass(frozen=True)
class ReportData:
    outcome: dict[str, Any]  # the spine's JSON (campaign, totals, by_wiki, by_participant, articles, uploads)
    articles: tuple[ArticleRow, ...]
    timeline: tuple[DayCount, ...]
    locations_coarsened: bool = False
    wikidata_revisions: int | None = None  # counted edits on a Wikidata wiki, when the campaign has one
    # the worklist's items with status (outcome["coverage"] has the numbers); None: no worklist
    worklist: tuple[CoveredItem, ...] | None = None
    # made from XML dumps without asking any wiki: no map, page views or translated status (they need the
    # wikis); the reports say so where the map would be
    from_dumps: bool = False

    @property
    def campaign_name(self) -> str:
        return str(self.outcome["campaign"]["name"])
