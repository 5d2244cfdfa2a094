"""The rules collection applies before the metrics (metrics/selection.py), each on a small case."""

from dataclasses import replace
from datetime import timedelta

import pytest
from test_outcome import CAMPAIGN, END, START, rev

from wikitally.metrics.selection import (
    FILE_NS,
    REVERT_SETTLE,
    is_campaign_upload,
    is_first_upload,
    is_listed,
    needs_measuring,
    selects,
    selects_upload,
    settling,
)

MARKED = replace(CAMPAIGN, hashtags=("WikiGap",))


def test_with_participants_their_edits_are_selected_whatever_the_marks():
    assert selects(rev(1, user="Ana"), MARKED, frozenset({"Ana"}))
    assert not selects(rev(1, user="Zed", comment="#WikiGap"), MARKED, frozenset({"Ana"}))


def test_without_participants_the_marks_select():
    assert selects(rev(1, user="Zed", comment="#WikiGap"), MARKED, None)
    assert not selects(rev(1, user="Zed", comment="no mark"), MARKED, None)


def test_uploads_by_participants_or_anyone_without_a_list():
    assert selects_upload("Ana", frozenset({"Ana"})) and not selects_upload("Zed", frozenset({"Ana"}))
    assert selects_upload("Zed", None)


def test_a_participants_file_page_creation_stays_listed_without_a_hashtag():
    assert is_listed(rev(1, ns=FILE_NS, new=True, comment="upload"), MARKED)
    assert not is_listed(rev(1, ns=FILE_NS, comment="a later edit"), MARKED)
    assert not is_listed(rev(1, comment="no mark"), MARKED)
    assert is_listed(rev(1, comment="#WikiGap"), MARKED)


@pytest.mark.parametrize(
    ("logtype", "logaction", "first"),
    [
        ("upload", "upload", True),
        ("upload", "overwrite", False),
        ("upload", "revert", False),
        ("move", "upload", False),
    ],
)
def test_only_a_files_first_version_is_an_upload(logtype, logaction, first):
    assert is_first_upload(logtype, logaction) is first


@pytest.mark.parametrize(
    ("edit", "measured", "needed"),
    [
        (rev(5), set(), True),
        (rev(5), {5}, False),  # measured before: never fetched again
        (rev(5, tags=("mw-reverted",)), set(), False),  # reverted: counts in nothing measured
        (rev(5, ns=2), set(), False),  # not a tracked namespace
        (rev(5, ts=END + timedelta(seconds=1)), set(), False),  # after the window
        (rev(5, ts=START), set(), True),  # the window's bounds are included
    ],
)
def test_what_needs_measuring(edit, measured, needed):
    assert needs_measuring(edit, CAMPAIGN, {0}, measured) is needed


def test_a_recent_revert_is_looked_at_again_until_it_settles():
    now = START + timedelta(days=1)
    assert settling(("mw-undo",), now - REVERT_SETTLE + timedelta(seconds=1), now)
    assert not settling(("mw-undo",), now - REVERT_SETTLE, now)
    assert not settling(("mobile edit",), now, now)


def test_an_upload_is_the_campaigns_when_its_first_version_is_the_creators_in_the_window():
    inside = START + timedelta(hours=1)
    assert is_campaign_upload("Ana", "Ana", inside, CAMPAIGN)
    assert not is_campaign_upload("Zed", "Ana", inside, CAMPAIGN)  # someone else uploaded it first
    assert not is_campaign_upload("Ana", "Ana", START - timedelta(seconds=1), CAMPAIGN)  # a re-upload
    assert not is_campaign_upload("Ana", None, inside, CAMPAIGN)


def test_a_change_of_counting_rules_makes_stored_facts_stale(monkeypatch):
    """Facts measured under older rules (e.g. words with tables) must not mix with new ones."""
    from wikitally.services import collection

    before = collection.fingerprint(CAMPAIGN, frozenset({"Ana"}))
    monkeypatch.setattr(collection, "COUNTING_RULES", collection.COUNTING_RULES + 1)
    assert collection.fingerprint(CAMPAIGN, frozenset({"Ana"})) != before
