"""The jury in the web app: each campaign's queue of articles to mark, conflicts of interest, comments, and
the closings of marking (results frozen with a version). Marks themselves are the contest's own
(store/contests.py): the web and `contest marks import` write the same rows and the same audit log."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import transaction
from django.db.models import Count, Exists, OuterRef

from wikitally import model as m
from wikitally.judging.jury import Mark
from wikitally.store.contests import ContestStore
from wikitally.store.repository import Store, db_errors, orm, utc


@dataclass(frozen=True)
class QueueArticle:
    wiki: str
    title: str
    ord: int
    page_id: int | None
    first_parent: int
    last_rev: int
    words: int | None
    references: int | None
    entries: tuple[dict[str, Any], ...]  # participant, numbers, failed, warnings, info, points, eligible


@dataclass(frozen=True)
class Closing:
    version: int
    closed_at: datetime
    closed_by: str
    reopened_at: datetime | None
    reopened_by: str
    results: dict[str, Any]
    csv: str
    wikitext: str


def _article(row: Any) -> QueueArticle:
    return QueueArticle(
        row.wiki,
        row.title,
        row.ord,
        row.page_id,
        row.first_parent,
        row.last_rev,
        row.words,
        row.references,
        tuple(row.entries),
    )


def _closing(row: Any) -> Closing:
    return Closing(
        row.version,
        row.closed_at,
        row.closed_by,
        row.reopened_at,
        row.reopened_by,
        row.results,
        row.csv,
        row.wikitext,
    )


class JuryStore:
    def __init__(self, store: Store) -> None:
        self.store, self.alias = store, store.alias

    def _rows(self, model: Any, cid: int) -> Any:
        return model.objects.using(self.alias).filter(campaign_id=cid)

    # -- the queue -------------------------------------------------------------------------------------
    @db_errors
    def built_from(self, campaign: m.Campaign) -> str | None:
        cid = self.store._find(campaign)
        if cid is None:
            return None
        row = self._rows(orm.JuryQueueBuild, cid).first()
        return None if row is None else str(row.source)

    @db_errors
    def replace_queue(
        self,
        campaign: m.Campaign,
        source: str,
        articles: Iterable[QueueArticle],
        conflicts: Iterable[tuple[str, str, str]],
        at: datetime,
        jurors: Iterable[str] = (),
        shared: bool = False,
    ) -> None:
        """The queue as built now from `source` (juror, wiki, title for each conflict), and each juror's open
        articles (not marked — by anyone when the mark is `shared` — nor in conflict), in one transaction."""
        articles = list(articles)
        conflicts = set(conflicts)
        with transaction.atomic(using=self.alias):
            cid = self.store._cid(campaign)
            self._rows(orm.JuryArticle, cid).delete()
            self._rows(orm.JuryConflict, cid).delete()
            self._rows(orm.JuryOpen, cid).delete()
            marked = set(self._rows(orm.ContestMark, cid).values_list("juror", "wiki", "title").distinct())
            anyone = {(w, t) for _, w, t in marked}
            orm.JuryOpen.objects.using(self.alias).bulk_create(
                (
                    orm.JuryOpen(campaign_id=cid, juror=j, ord=a.ord, wiki=a.wiki, title=a.title)
                    for j in jurors
                    for a in articles
                    if (j, a.wiki, a.title) not in conflicts
                    and ((a.wiki, a.title) not in anyone if shared else (j, a.wiki, a.title) not in marked)
                ),
                batch_size=2000,
            )
            orm.JuryArticle.objects.using(self.alias).bulk_create(
                (
                    orm.JuryArticle(
                        campaign_id=cid,
                        wiki=a.wiki,
                        title=a.title,
                        ord=a.ord,
                        page_id=a.page_id,
                        first_parent=a.first_parent,
                        last_rev=a.last_rev,
                        words=a.words,
                        references=a.references,
                        entries=list(a.entries),
                    )
                    for a in articles
                ),
                batch_size=1000,
            )
            orm.JuryConflict.objects.using(self.alias).bulk_create(
                (orm.JuryConflict(campaign_id=cid, juror=j, wiki=w, title=t) for j, w, t in conflicts),
                batch_size=1000,
            )
            orm.JuryQueueBuild.objects.using(self.alias).update_or_create(
                campaign_id=cid, defaults={"source": source, "built_at": utc(at)}
            )

    @db_errors
    def next_article(
        self, campaign: m.Campaign, juror: str, after: int | None = None, shared: bool = False
    ) -> QueueArticle | None:
        """The juror's next article: the first (by `ord`, after `after` and then from the start again) still
        open to them — read from their open rows by (campaign, juror, ord), checked against the marks (one
        imported since the last build counts: theirs, anyone's when the mark is `shared`). A LIMIT 1 on an
        index: the database never walks past the articles they marked on the web."""
        cid = self.store._find(campaign)
        if cid is None:
            return None
        marks = orm.ContestMark.objects.using(self.alias).filter(
            campaign_id=cid, wiki=OuterRef("wiki"), title=OuterRef("title")
        )
        if not shared:
            marks = marks.filter(juror=juror)
        open_ = self._rows(orm.JuryOpen, cid).filter(juror=juror).filter(~Exists(marks)).order_by("ord")
        row = open_.filter(ord__gt=after).first() if after is not None else None
        if row is None:
            row = open_.first()
        if row is None:
            return None
        found = self._rows(orm.JuryArticle, cid).filter(wiki=row.wiki, title=row.title).first()
        return None if found is None else _article(found)

    @db_errors
    def article(self, campaign: m.Campaign, wiki: str, title: str) -> QueueArticle | None:
        cid = self.store._find(campaign)
        if cid is None:
            return None
        row = self._rows(orm.JuryArticle, cid).filter(wiki=wiki, title=title).first()
        return None if row is None else _article(row)

    @db_errors
    def articles(self, campaign: m.Campaign) -> list[QueueArticle]:
        cid = self.store._find(campaign)
        if cid is None:
            return []
        return [_article(r) for r in self._rows(orm.JuryArticle, cid).order_by("ord")]

    @db_errors
    def articles_of(self, campaign: m.Campaign, participant: str) -> list[QueueArticle]:
        """The articles where `participant` has an entry (read in one query, filtered here: entries are
        JSON, and the SQL to look inside it differs between SQLite and PostgreSQL)."""
        return [a for a in self.articles(campaign) if any(e["participant"] == participant for e in a.entries)]

    @db_errors
    def conflicted(self, campaign: m.Campaign, juror: str, wiki: str, title: str) -> bool:
        cid = self.store._find(campaign)
        return cid is not None and (
            self._rows(orm.JuryConflict, cid).filter(juror=juror, wiki=wiki, title=title).exists()
        )

    @db_errors
    def progress(self, campaign: m.Campaign) -> tuple[int, dict[str, int], dict[str, int]]:
        """(articles in the queue, articles marked per juror, conflicts per juror)."""
        cid = self.store._find(campaign)
        if cid is None:
            return 0, {}, {}
        total = self._rows(orm.JuryArticle, cid).count()
        queued = self._rows(orm.JuryArticle, cid).filter(wiki=OuterRef("wiki"), title=OuterRef("title"))
        marked = (
            self._rows(orm.ContestMark, cid)
            .filter(Exists(queued))
            .values("juror")
            .annotate(n=Count("title", distinct=True))  # titles are unique per wiki in practice
        )
        conflicts = self._rows(orm.JuryConflict, cid).values("juror").annotate(n=Count("id"))
        return (
            total,
            {r["juror"]: r["n"] for r in marked},
            {r["juror"]: r["n"] for r in conflicts},
        )

    @db_errors
    def marked_in_round(self, campaign: m.Campaign, juror: str, round_name: str) -> set[tuple[str, str]]:
        """The (wiki, title) of the articles `juror` marked in round `round_name`."""
        cid = self.store._find(campaign)
        if cid is None:
            return set()
        rows = self._rows(orm.ContestMark, cid).filter(juror=juror, round=round_name)
        return set(rows.values_list("wiki", "title").distinct())

    @db_errors
    def conflicts_of(self, campaign: m.Campaign, juror: str) -> set[tuple[str, str]]:
        """The (wiki, title) of the articles `juror` edited (may not mark)."""
        cid = self.store._find(campaign)
        if cid is None:
            return set()
        return set(self._rows(orm.JuryConflict, cid).filter(juror=juror).values_list("wiki", "title"))

    # -- marks of one article ---------------------------------------------------------------------------
    @db_errors
    def article_marks(self, campaign: m.Campaign, wiki: str, title: str, round_name: str = "") -> list[Mark]:
        """One article's marks given in round `round_name` ("" : outside any round)."""
        cid = self.store._find(campaign)
        if cid is None:
            return []
        rows = (
            self._rows(orm.ContestMark, cid)
            .filter(wiki=wiki, title=title, round=round_name)
            .order_by("juror", "part")
        )
        return [Mark(*r) for r in rows.values_list("juror", "wiki", "title", "part", "value", "round")]

    @db_errors
    def save_article_marks(
        self,
        campaign: m.Campaign,
        marks: list[Mark],
        drop: Iterable[Mark],
        comment: tuple[str, str, str, str] | None,
        at: datetime,
        actor: str,
        shared: bool = False,
    ) -> int:
        """One juror's marks on one article, in one transaction with the marks they replace (`drop`: the
        other jurors' marks in consensual mode) and their comment (juror, wiki, title, text); each change is
        in the audit log. Returns how many marks changed."""
        cs = ContestStore(self.store)
        with transaction.atomic(using=self.alias):
            cid = self.store._cid(campaign)
            changed = cs.save_marks(campaign, marks, at, actor)
            for article in {(mk.wiki, mk.title) for mk in marks}:
                done = self._rows(orm.JuryOpen, cid).filter(wiki=article[0], title=article[1])
                (done if shared else done.filter(juror__in={mk.juror for mk in marks})).delete()
            for d in drop:
                gone = self._rows(orm.ContestMark, cid).filter(
                    juror=d.juror, wiki=d.wiki, title=d.title, part=d.part, round=d.round
                )
                if gone.delete()[0]:
                    cs._audit(cid, at, actor, f"mark:{d.juror}", d.wiki, d.title, d.part, d.value, None)
                    changed += 1
            if comment is not None:
                juror, wiki, title, text = comment
                rows = self._rows(orm.JuryComment, cid).filter(juror=juror, wiki=wiki, title=title)
                old = rows.values_list("text", flat=True).first()
                if (old or "") != text:
                    if text:
                        orm.JuryComment.objects.using(self.alias).update_or_create(
                            campaign_id=cid,
                            juror=juror,
                            wiki=wiki,
                            title=title,
                            defaults={"text": text, "at": utc(at)},
                        )
                    else:
                        rows.delete()
                    cs._audit(cid, at, actor, f"comment:{juror}", wiki, title, "", old, text or None)
        return changed

    @db_errors
    def comments(self, campaign: m.Campaign, wiki: str, title: str) -> dict[str, str]:
        cid = self.store._find(campaign)
        if cid is None:
            return {}
        rows = self._rows(orm.JuryComment, cid).filter(wiki=wiki, title=title)
        return dict(rows.values_list("juror", "text"))

    # -- closing ----------------------------------------------------------------------------------------
    @db_errors
    def closings(self, campaign: m.Campaign) -> list[Closing]:
        """Every closing, newest first."""
        cid = self.store._find(campaign)
        if cid is None:
            return []
        return [_closing(r) for r in self._rows(orm.JuryClosing, cid).order_by("-version")]

    def closing(self, campaign: m.Campaign) -> Closing | None:
        """The closing in force (marking closed), or None while marking is open."""
        latest = next(iter(self.closings(campaign)), None)
        return latest if latest is not None and latest.reopened_at is None else None

    @db_errors
    def closed_version(self, campaign: m.Campaign) -> int | None:
        """The version marking is closed at; None while it is open."""
        cid = self.store._find(campaign)
        if cid is None:
            return None
        latest = self._rows(orm.JuryClosing, cid).order_by("-version").values_list("version", "reopened_at")
        row = latest.first()
        return int(row[0]) if row is not None and row[1] is None else None

    @db_errors
    def close(
        self,
        campaign: m.Campaign,
        by: str,
        at: datetime,
        results: dict[str, Any],
        csv: str,
        wikitext: str,
    ) -> int | None:
        """Freeze the results as the next version; None when marking is closed already (nothing changes)."""
        with transaction.atomic(using=self.alias):
            cid = self.store._cid(campaign)
            rows = self._rows(orm.JuryClosing, cid).select_for_update()
            latest = rows.order_by("-version").first()
            if latest is not None and latest.reopened_at is None:
                return None
            version = 1 if latest is None else latest.version + 1
            orm.JuryClosing.objects.using(self.alias).create(
                campaign_id=cid,
                version=version,
                closed_at=utc(at),
                closed_by=by,
                results=results,
                csv=csv,
                wikitext=wikitext,
            )
            ContestStore(self.store)._audit(cid, at, by, "close", "", "", "", None, str(version))
            return version

    @db_errors
    def reopen(self, campaign: m.Campaign, by: str, at: datetime) -> int | None:
        """Re-open marking (logged); the frozen version stays, as history. None when it was open."""
        with transaction.atomic(using=self.alias):
            cid = self.store._cid(campaign)
            latest = self._rows(orm.JuryClosing, cid).select_for_update().order_by("-version").first()
            if latest is None or latest.reopened_at is not None:
                return None
            latest.reopened_at, latest.reopened_by = utc(at), by
            latest.save(using=self.alias, update_fields=["reopened_at", "reopened_by"])
            ContestStore(self.store)._audit(cid, at, by, "reopen", "", "", "", str(latest.version), None)
            return int(latest.version)
