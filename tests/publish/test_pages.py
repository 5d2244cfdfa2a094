"""The never-overwrite rule as a pure decision, its links and the dry run's diff."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from wikitally.model import Publication
from wikitally.publish.pages import Conflict, Edit, check, index_url, text_diff

API = "http://127.0.0.1:8080/w/api.php"
T = datetime(2026, 12, 2, 10, 0, tzinfo=UTC)
BOT = "Organizer"


def ours(rev_id: int, user: str = BOT) -> Publication:
    return Publication(rev_id, user, T)


@pytest.mark.parametrize(
    ("recorded", "current", "history", "account", "editors"),
    [
        # the page doesn't exist: created with createonly, never a conflict
        (None, None, [], BOT, None),
        (ours(10), None, [], BOT, None),
        # the latest revision is wikitally's own
        (ours(10), 10, [Edit(10, BOT)], BOT, None),
        # a translator edited since
        (ours(10), 12, [Edit(12, "Translator"), Edit(10, BOT)], BOT, ("Translator",)),
        # several people, newest first, each named once
        (
            ours(10),
            14,
            [Edit(14, "B"), Edit(13, "A"), Edit(12, "B"), Edit(10, BOT)],
            BOT,
            ("B", "A"),
        ),
        # only the publishing account edited since (a save whose record was lost): not someone else
        (ours(10), 11, [Edit(11, BOT), Edit(10, BOT)], BOT, None),
        # the account as MediaWiki writes it, whatever the case of its first letter or its underscores
        (ours(10), 11, [Edit(11, "News_bot"), Edit(10, "News bot")], "news bot", None),
        # account unknown (a dry run without credentials): the recorded publication's account is ours
        (ours(10, "News bot"), 11, [Edit(11, "News bot"), Edit(10, "News bot")], None, None),
        (ours(10, "News bot"), 11, [Edit(11, "Ana"), Edit(10, "News bot")], None, ("Ana",)),
        # an anonymous or hidden editor still counts
        (ours(10), 11, [Edit(11, "192.0.2.7"), Edit(10, BOT)], BOT, ("192.0.2.7",)),
        (ours(10), 11, [Edit(11, "(username hidden)"), Edit(10, BOT)], BOT, ("(username hidden)",)),
        # no record: a page made or edited by anyone else is not wikitally's to replace
        (None, 5, [Edit(5, "Ana")], BOT, ("Ana",)),
        (None, 6, [Edit(6, BOT), Edit(5, "Ana")], BOT, ("Ana",)),
        (None, 6, [Edit(6, BOT), Edit(5, BOT)], BOT, None),
        # no record and no account known: every editor is someone else
        (None, 6, [Edit(6, BOT)], None, (BOT,)),
        # the current revision is not among what was read (an edit landed in between): refused
        (ours(10), 12, [Edit(10, BOT)], BOT, ("unknown users",)),
    ],
)
def test_who_edited_since_wikitally_published(recorded, current, history, account, editors):
    conflict = check(recorded, current, history, account)

    if editors is None:
        assert conflict is None
    else:
        assert conflict == Conflict(editors, current, recorded.rev_id if recorded else None)


@pytest.mark.parametrize(
    ("api", "index"),
    [
        ("https://meta.wikimedia.org/w/api.php", "https://meta.wikimedia.org/w/index.php"),
        ("http://127.0.0.1:8080/api.php", "http://127.0.0.1:8080/index.php"),
        ("https://wiki.example.org/mw/", "https://wiki.example.org/mw/index.php"),
    ],
)
def test_index_php_next_to_api_php(api, index):
    assert index_url(api) == index


def test_the_refusal_names_the_editors_and_links_the_diff():
    line = Conflict(("Translator", "Ana"), 12, 10).describe(API, "News/2024-03/ru")

    assert line == (
        "edited by Translator, Ana since wikitally's revision 10; "
        "see http://127.0.0.1:8080/w/index.php?diff=12&oldid=10"
    )
    assert "\n" not in line


def test_without_a_record_the_refusal_links_the_history():
    names = tuple(f"User {i}" for i in range(7))
    line = Conflict(names, 6, None).describe(API, "News/März 2024/ru")

    assert line.startswith("edited by User 0, User 1, User 2, User 3, User 4 and 2 more ")
    assert "no record" in line
    assert line.endswith("see http://127.0.0.1:8080/w/index.php?title=News/M%C3%A4rz_2024/ru&action=history")


def test_the_dry_run_diff_is_unified_and_cut_short():
    old = "\n".join(f"line {i}" for i in range(100))
    new = "\n".join(f"line {i}" if i % 2 else f"LINE {i}" for i in range(100))

    diff = text_diff("News/ru", old, new, max_lines=40).splitlines()

    assert diff[0] == "--- News/ru (now on the wiki)"
    assert diff[1] == "+++ News/ru (what wikitally would write)"
    assert "-line 0" in diff and "+LINE 0" in diff
    assert len(diff) == 41
    full = text_diff("News/ru", old, new, max_lines=10_000).splitlines()
    assert diff[-1] == f"… {len(full) - 40} more lines"


def test_a_diff_of_a_short_change_is_whole():
    diff = text_diff("P", "a\nb\nc\n", "a\nB\nc")

    assert diff.splitlines()[2:] == ["@@ -1,3 +1,3 @@", " a", "-b", "+B", " c"]
