"""What collection must look at, and what it must measure: the counting rules a collector applies before
the metrics see anything. Pure: revisions, log rows' fields and the campaign in, decisions out."""

from __future__ import annotations

from collections.abc import Container, Iterable
from datetime import datetime, timedelta

from wikitally.metrics.filters import in_window, passes_filters
from wikitally.model import Campaign, Revision

FILE_NS = 6
# Tags MediaWiki puts on a revert and on what it reverted; the second comes from a job, a little later.
REVERT_TAGS = frozenset({"mw-manual-revert", "mw-undo", "mw-rollback", "mw-reverted"})
REVERT_SETTLE = timedelta(hours=1)  # how long a recent revert is looked at again, until its job has run


def selects(rev: Revision, campaign: Campaign, participants: frozenset[str] | None) -> bool:
    """Whether an edit is one of the campaign's candidates: a participant's, or — with no participant list
    — any edit carrying the campaign's marks (hashtags or tags)."""
    if participants is not None:
        return rev.user in participants
    return passes_filters(rev, campaign)


def selects_upload(user: str, participants: frozenset[str] | None) -> bool:
    """Whether an upload by `user` may be the campaign's: a participant's, or anyone's without a list
    (then its summary's hashtag decides, see is_listed_upload)."""
    return participants is None or user in participants


def is_listed(rev: Revision, campaign: Campaign) -> bool:
    """Whether a participant's contribution stays in the listing: it carries the campaign's marks, or it
    created a File page (uploads count whatever their summary when participants are listed)."""
    return passes_filters(rev, campaign) or (rev.namespace == FILE_NS and rev.new)


def is_first_upload(logtype: str, logaction: str) -> bool:
    """An upload log row of a file's first version (not a re-upload or a revert of a file)."""
    return logtype == "upload" and logaction == "upload"


def needs_measuring(
    rev: Revision, campaign: Campaign, tracked: Container[int], measured: Container[int]
) -> bool:
    """Whether words and references must be measured for `rev`: a listed, non-reverted edit in the window
    on a tracked page that was never measured before (the texts of only these edits are fetched)."""
    return (
        rev.rev_id not in measured
        and not rev.reverted
        and rev.namespace in tracked
        and in_window(rev, campaign)
    )


def settling(tags: Iterable[str], timestamp: datetime, now: datetime) -> bool:
    """A revert too recent for MediaWiki's job to have tagged what it reverted: look at it again later."""
    return bool(REVERT_TAGS.intersection(tags)) and now - timestamp < REVERT_SETTLE


def is_campaign_upload(
    first_user: str, creator: str | None, first_timestamp: datetime, campaign: Campaign
) -> bool:
    """A file counts as the campaign's upload when its first version is by the user who created its page
    in the listing, within the window (anything else is a re-upload or someone else's file)."""
    return first_user == creator and campaign.start <= first_timestamp <= campaign.end
