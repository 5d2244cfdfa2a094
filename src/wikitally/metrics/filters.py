"""Which revisions count: the campaign's filters as small pure predicates."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from wikitally.model import Campaign, PageState, Revision, SiteInfo


@lru_cache(maxsize=256)
def _hashtag_pattern(hashtags: tuple[str, ...]) -> re.Pattern[str]:
    # Whole tag, case-insensitive: "#WikiGap" matches "#wikigap," but not "#WikiGap2024" or "a#WikiGap".
    alternatives = "|".join(re.escape(h) for h in sorted(hashtags, key=len, reverse=True))
    return re.compile(rf"(?<![\w#＃])[#＃](?:{alternatives})(?!\w)", re.IGNORECASE)


def has_hashtag(comment: str | None, hashtags: tuple[str, ...]) -> bool:
    if not hashtags:
        return True
    return comment is not None and _hashtag_pattern(hashtags).search(comment) is not None


def has_tag(tags: Iterable[str], wanted: tuple[str, ...]) -> bool:
    return not wanted or any(t in wanted for t in tags)


def passes_filters(rev: Revision, campaign: Campaign) -> bool:
    """The campaign's marks: with hashtags and/or change tags given, an edit must carry at least one of them —
    a hashtag in its summary OR one of the tags. Both lists mark the same thing (this edit belongs to the
    campaign): a tool that tags its edits (Citation Hunt, the apps, an event's own tag) and people who type the
    hashtag by hand are one campaign, so either mark is enough. With neither list, every edit passes.
    """
    if not campaign.hashtags and not campaign.tags:
        return True
    return (bool(campaign.hashtags) and has_hashtag(rev.comment, campaign.hashtags)) or (
        bool(campaign.tags) and has_tag(rev.tags, campaign.tags)
    )


def in_window(rev: Revision, campaign: Campaign) -> bool:
    return campaign.start <= rev.timestamp <= campaign.end


def tracked_namespaces(campaign: Campaign, info: SiteInfo | None) -> frozenset[int]:
    if campaign.namespaces is not None:
        return frozenset(campaign.namespaces)
    return frozenset(info.content_namespaces) if info else frozenset({0})


def is_counted(
    rev: Revision,
    campaign: Campaign,
    participants: frozenset[str] | None,
    page: PageState | None,
    tracked: frozenset[int],
) -> bool:
    """A counted edit (docs/metrics.md, "Metric definitions"): everything but the revert status."""
    return (
        rev.wiki in campaign.wikis
        and (participants is None or rev.user in participants)
        and in_window(rev, campaign)
        and page is not None
        and page.exists
        and not page.redirect
        and page.namespace in tracked
        and passes_filters(rev, campaign)
    )
