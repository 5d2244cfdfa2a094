"""A contest's entries from a campaign's snapshot: (article, participant) pairs with the participant's
own numbers, counted exactly as `by_participant` counts them (metrics/outcome.py)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from wikitally.metrics.outcome import bytes_added, counted_edits, upload_counts
from wikitally.model import Snapshot

NUMBERS = (
    "created",
    "improved",
    "translated",
    "edits",
    "bytes_added",
    "words_added",
    "references_added",
    "uploads",
)


@dataclass(frozen=True)
class Entry:
    """One participant's entry: an article (wiki, page id, current title) and their numbers on it."""

    wiki: str
    title: str
    participant: str
    page_id: int | None = None  # None: a submitted title no counted edit or lookup resolved
    namespace: int = 0
    numbers: dict[str, int] = field(default_factory=lambda: dict.fromkeys(NUMBERS, 0))
    first_edit_tags: tuple[str, ...] | None = None  # tags of the participant's first counted edit on it
    deleted: bool = False
    submitted: bool = False

    @property
    def article(self) -> tuple[str, str]:
        return (self.wiki, self.title)

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.wiki, self.title, self.participant)


@dataclass(frozen=True)
class Article:
    """What the rules need to know about an article beyond one participant's edits."""

    wiki: str
    page_id: int
    title: str
    namespace: int
    created_in_window: bool = False  # a participant's counted, non-reverted edit created it
    creator: str | None = None  # whoever made its first revision, when known
    words: int | None = None  # prose words of its text at the end of the window (None: not collected)
    references: int | None = None  # references in that text
    categories: frozenset[str] | None = None  # names without namespace (None: not collected)


def auto_entries(
    snapshot: Snapshot, participants: frozenset[str] | None, translation_tags: Iterable[str]
) -> tuple[list[Entry], dict[tuple[str, int], Article]]:
    """Every (article, participant) with counted edits, and the articles; uploads are entries of their own
    (the File page), or add to the File page's entry when that page is counted too."""
    campaign = snapshot.campaign
    wanted = set(translation_tags)
    pages = {(p.wiki, p.page_id): p for p in snapshot.pages}
    numbers: dict[tuple[str, int, str], dict[str, int]] = {}
    touched: dict[tuple[str, int, str], bool] = {}
    first_tags: dict[tuple[str, int, str], tuple[str, ...]] = {}
    created_by: dict[tuple[str, int], str] = {}
    for rev, fact in counted_edits(snapshot, participants):
        key = (rev.wiki, rev.page_id, rev.user)
        row = numbers.setdefault(key, dict.fromkeys(NUMBERS, 0))
        first_tags.setdefault(key, rev.tags)  # counted_edits yields in rev_id order: the first is first
        row["edits"] += 1
        if rev.reverted:
            continue
        touched[key] = True
        if rev.new:
            row["created"] = 1
            created_by[(rev.wiki, rev.page_id)] = rev.user
        if wanted.intersection(rev.tags):
            row["translated"] = 1
        row["bytes_added"] += bytes_added(rev)
        if fact is not None:
            row["words_added"] += fact.words_added
            row["references_added"] += max(0, fact.refs_delta)
    for key, row in numbers.items():
        row["improved"] = int(touched.get(key, False) and not row["created"])
    # The creator of an article created before the window, or by someone else, when the listing shows it.
    for rev in snapshot.revisions:
        if rev.new:
            created_by.setdefault((rev.wiki, rev.page_id), rev.user)
    created = {(k[0], k[1]) for k, row in numbers.items() if row["created"]}
    articles = {
        (wiki, page_id): Article(
            wiki,
            page_id,
            pages[(wiki, page_id)].title,
            pages[(wiki, page_id)].namespace,
            created_in_window=(wiki, page_id) in created,
            creator=created_by.get((wiki, page_id)),
        )
        for wiki, page_id in {(k[0], k[1]) for k in numbers}
    }
    entries = [
        Entry(
            wiki,
            articles[(wiki, page_id)].title,
            user,
            page_id,
            articles[(wiki, page_id)].namespace,
            row,
            first_tags.get((wiki, page_id, user)),
        )
        for (wiki, page_id, user), row in numbers.items()
    ]
    by_title = {(e.wiki, e.title, e.participant): i for i, e in enumerate(entries)}
    for up in snapshot.uploads:
        if not upload_counts(up, campaign, participants):
            continue
        i = by_title.get((up.wiki, up.title, up.user))
        if i is None:
            row = dict.fromkeys(NUMBERS, 0)
            row["uploads"] = 1
            by_title[(up.wiki, up.title, up.user)] = len(entries)
            entries.append(Entry(up.wiki, up.title, up.user, None, 6, row))
        else:
            entries[i].numbers["uploads"] += 1
    return entries, articles


def with_article_facts(
    articles: dict[tuple[str, int], Article], facts: Iterable[Article]
) -> dict[tuple[str, int], Article]:
    """The articles with what was collected for the rules (text at the end, categories, creator)."""
    out = dict(articles)
    for fact in facts:
        key = (fact.wiki, fact.page_id)
        base = out.get(key, fact)
        out[key] = replace(
            base,
            creator=base.creator or fact.creator,
            words=fact.words,
            references=fact.references,
            categories=fact.categories,
        )
    return out
