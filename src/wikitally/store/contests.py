"""A contest's own rows: the articles' facts for the rules, submissions, jury marks and their audit log.

Every write is one transaction; marks are upserted by (juror, wiki, title, part), so importing the same
file twice changes nothing (and logs nothing the second time)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.db import connections, transaction
from django.db.models import Max

from wikitally import model as m
from wikitally.judging.entries import Article
from wikitally.judging.jury import JurorSum, Mark
from wikitally.store.repository import Store, db_errors, orm, utc

SUM_PLACES = 6  # decimal places of a part's points the database sums exactly (as scaled integers)


@dataclass(frozen=True)
class StoredArticle:
    """An article as the contest last saw it: its facts, whether it still exists, who had entries on it."""

    article: Article
    exists: bool
    participants: tuple[str, ...]
    text_rev_id: int | None


@dataclass(frozen=True)
class Submission:
    user: str
    wiki: str
    title: str
    submitted_at: datetime
    page_id: int | None = None  # the page the title led to when last resolved (None: not found)


class ContestStore:
    def __init__(self, store: Store) -> None:
        self.store, self.alias = store, store.alias

    def _cid(self, campaign: m.Campaign) -> int:
        return self.store._cid(campaign)

    # -- articles --------------------------------------------------------------------------------------
    @db_errors
    def articles(self, campaign: m.Campaign) -> list[StoredArticle]:
        cid = self.store._find(campaign)
        if cid is None:
            return []
        rows = (
            orm.ContestArticle.objects.using(self.alias)
            .filter(campaign_id=cid)
            .order_by("wiki", "page_id")
            # Tuples, not model instances: a big contest has tens of thousands of articles, and building a
            # model per row was most of reading them (bench/README.md, "Contest results").
            .values_list(
                "wiki",
                "page_id",
                "title",
                "namespace",
                "creator",
                "words",
                "references",
                "categories",
                "exists",
                "participants",
                "text_rev_id",
            )
        )
        return [
            StoredArticle(
                Article(
                    wiki,
                    page_id,
                    title,
                    namespace,
                    creator=creator,
                    words=words,
                    references=references,
                    categories=None if categories is None else frozenset(categories),
                ),
                exists,
                tuple(participants),
                text_rev_id,
            )
            for (
                wiki,
                page_id,
                title,
                namespace,
                creator,
                words,
                references,
                categories,
                exists,
                participants,
                text_rev_id,
            ) in rows
        ]

    @db_errors
    def save_articles(self, campaign: m.Campaign, articles: Iterable[StoredArticle]) -> None:
        with transaction.atomic(using=self.alias):
            cid = self._cid(campaign)
            rows = [
                orm.ContestArticle(
                    campaign_id=cid,
                    wiki=s.article.wiki,
                    page_id=s.article.page_id,
                    title=s.article.title,
                    namespace=s.article.namespace,
                    exists=s.exists,
                    words=s.article.words,
                    references=s.article.references,
                    categories=None if s.article.categories is None else sorted(s.article.categories),
                    creator=s.article.creator,
                    text_rev_id=s.text_rev_id,
                    participants=sorted(s.participants),
                )
                for s in articles
            ]
            self.store._upsert(orm.ContestArticle, rows, ("campaign", "wiki", "page_id"))

    # -- submissions -----------------------------------------------------------------------------------
    @db_errors
    def submissions(self, campaign: m.Campaign) -> list[Submission]:
        cid = self.store._find(campaign)
        if cid is None:
            return []
        rows = orm.ContestSubmission.objects.using(self.alias).filter(campaign_id=cid)
        return [
            Submission(*row)
            for row in rows.order_by("wiki", "title", "user").values_list(
                "user", "wiki", "title", "submitted_at", "page_id"
            )
        ]

    @db_errors
    def resolve_submissions(self, campaign: m.Campaign, wiki: str, pages: dict[str, int | None]) -> None:
        """Remember which page each submitted title of `wiki` leads to now (None: no page)."""
        with transaction.atomic(using=self.alias):
            rows = orm.ContestSubmission.objects.using(self.alias).filter(
                campaign_id=self._cid(campaign), wiki=wiki
            )
            for title, page_id in pages.items():
                rows.filter(title=title).exclude(page_id=page_id).update(page_id=page_id)

    @db_errors
    def submit(self, campaign: m.Campaign, user: str, wiki: str, title: str, at: datetime) -> bool:
        """Record a submission; False when it was already there (nothing changes)."""
        with transaction.atomic(using=self.alias):
            cid = self._cid(campaign)
            _, created = orm.ContestSubmission.objects.using(self.alias).get_or_create(
                campaign_id=cid, user=user, wiki=wiki, title=title, defaults={"submitted_at": utc(at)}
            )
            if created:
                self._audit(cid, at, user, "submit", wiki, title, "", None, title)
            return bool(created)

    # -- marks -----------------------------------------------------------------------------------------
    @db_errors
    def marks(self, campaign: m.Campaign, rounds: bool = False) -> list[Mark]:
        """The marks given outside any round (what the contest's jury score reads); with `rounds`, also
        those MARKS.csv gave for one [[contest.round]] (Mark.round)."""
        cid = self.store._find(campaign)
        if cid is None:
            return []
        # One plain query: a big contest has 150,000 marks, and the ORM's per-row converters cost more than
        # the reading (the columns are plain text).
        where = "" if rounds else " AND round = ''"
        with connections[self.alias].cursor() as cursor:
            cursor.execute(
                "SELECT juror, wiki, title, part, value, round FROM store_contest_mark "
                f"WHERE campaign_id = %s{where}",
                [cid],
            )
            return list(map(Mark._make, cursor.fetchall()))

    @db_errors
    def changes(self, campaign: m.Campaign) -> int:
        """The newest audit row's id (0: none): every change to the marks or submissions makes a new one, so
        it versions them for caches."""
        cid = self.store._find(campaign)
        if cid is None:
            return 0
        rows = orm.ContestAudit.objects.using(self.alias).filter(campaign_id=cid)
        return int(rows.aggregate(newest=Max("id"))["newest"] or 0)

    @db_errors
    def marked_articles(self, campaign: m.Campaign) -> int:
        """How many articles have at least one mark (counted by the database, not read back)."""
        cid = self.store._find(campaign)
        if cid is None:
            return 0
        rows = orm.ContestMark.objects.using(self.alias).filter(campaign_id=cid)
        return rows.values("wiki", "title").distinct().count()

    @db_errors
    def mark_pairs(self, campaign: m.Campaign) -> list[tuple[str, str]]:
        """The distinct (part, value) pairs marked: what a scheme prices before `juror_sums`."""
        cid = self.store._find(campaign)
        if cid is None:
            return []
        with connections[self.alias].cursor() as cursor:
            cursor.execute(
                "SELECT DISTINCT part, value FROM store_contest_mark WHERE campaign_id = %s AND round = ''",
                [cid],
            )
            return [(p, v) for p, v in cursor.fetchall()]

    @db_errors
    def juror_sums(
        self, campaign: m.Campaign, jurors: Iterable[str], worth: Mapping[tuple[str, str], Decimal]
    ) -> list[JurorSum] | None:
        """One row per (article, juror): the sum of that juror's parts, priced by `worth` ((part, value) →
        points; pairs not in it are left out, and a juror with none left is no mark). Summed by the database
        in exact integers (points scaled by 10^places); None when the prices need more than 6 decimal places
        (the caller then sums the marks itself)."""
        cid = self.store._find(campaign)
        jurors = sorted(set(jurors))
        if cid is None or not worth or not jurors:
            return []
        places = max(max(-p.as_tuple().exponent, 0) for p in worth.values())  # type: ignore[operator]
        if places > SUM_PLACES:
            return None
        scale = Decimal(10) ** places
        branches, params = [], []
        for (part, value), points in sorted(worth.items()):
            branches.append("WHEN part = %s AND value = %s THEN %s")
            params += [part, value, int(points * scale)]
        price = f"CASE {' '.join(branches)} ELSE NULL END"
        # The price is computed once per mark (inner query); unpriced marks drop out before grouping.
        sql = (
            f"SELECT wiki, title, juror, SUM(points) FROM (SELECT wiki, title, juror, {price} AS points "
            f"FROM store_contest_mark WHERE campaign_id = %s AND round = '' AND juror IN ({', '.join(['%s'] * len(jurors))})"
            ") AS priced WHERE points IS NOT NULL GROUP BY wiki, title, juror"
        )
        with connections[self.alias].cursor() as cursor:
            cursor.execute(sql, [*params, cid, *jurors])
            return [(w, t, j, Decimal(int(total)) / scale) for w, t, j, total in cursor.fetchall()]

    @db_errors
    def save_marks(self, campaign: m.Campaign, marks: Iterable[Mark], at: datetime, actor: str) -> int:
        """Upsert marks in one transaction, logging each change (old → new); returns how many changed.
        Unchanged marks write nothing (so the same file twice changes nothing and logs nothing)."""
        with transaction.atomic(using=self.alias):
            cid = self._cid(campaign)
            stored = orm.ContestMark.objects.using(self.alias).filter(campaign_id=cid)
            current = {
                (j, w, t, p, r): v
                for j, w, t, p, v, r in stored.values_list("juror", "wiki", "title", "part", "value", "round")
            }
            changed: dict[tuple[str, str, str, str, str], tuple[str | None, str]] = {}
            for mark in marks:
                key = (mark.juror, mark.wiki, mark.title, mark.part, mark.round)
                old = current.get(key)
                if old != mark.value:
                    changed[key] = (old, mark.value)
                    current[key] = mark.value
            when = utc(at)
            rows = (
                orm.ContestMark(
                    campaign_id=cid, juror=j, wiki=w, title=t, part=p, round=r, value=new, marked_at=when
                )
                for (j, w, t, p, r), (_, new) in changed.items()
            )
            self.store._upsert(orm.ContestMark, rows, ("campaign", "juror", "wiki", "title", "part", "round"))
            orm.ContestAudit.objects.using(self.alias).bulk_create(
                (
                    orm.ContestAudit(
                        campaign_id=cid,
                        at=when,
                        actor=actor,
                        action=f"mark:{j}",
                        wiki=w,
                        title=t,
                        part=f"{p} ({r})"[:255] if r else p,  # a round's mark: its name after the part
                        old=old,
                        new=new,
                    )
                    for (j, w, t, p, r), (old, new) in changed.items()
                ),
                batch_size=500,
            )
        return len(changed)

    @db_errors
    def audit(
        self, campaign: m.Campaign
    ) -> list[tuple[datetime, str, str, str, str, str, str | None, str | None]]:
        cid = self.store._find(campaign)
        if cid is None:
            return []
        rows = orm.ContestAudit.objects.using(self.alias).filter(campaign_id=cid).order_by("at", "id")
        return list(rows.values_list("at", "actor", "action", "wiki", "title", "part", "old", "new"))

    def _audit(
        self,
        cid: int,
        at: datetime,
        actor: str,
        action: str,
        wiki: str,
        title: str,
        part: str,
        old: str | None,
        new: str | None,
    ) -> None:
        orm.ContestAudit.objects.using(self.alias).create(
            campaign_id=cid,
            at=utc(at),
            actor=actor,
            action=action,
            wiki=wiki,
            title=title,
            part=part,
            old=old,
            new=new,
        )
