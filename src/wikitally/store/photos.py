"""A photo contest's rows: files, overrides, votes, jurors' tasks and the audit log (models.Photo*).

`PhotoStore(store)` reads and writes them for one Store; every write is one transaction.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import transaction
from django.db.models import Count, Max, Min, OuterRef, Q, Subquery, Sum

from wikitally import model as m
from wikitally.judging.photos import Photo
from wikitally.store.repository import BATCH, Store, db_errors, orm, utc


@dataclass(frozen=True)
class StoredVote:
    round: int
    juror: str
    file: str
    value: int
    ballot: int = 0  # a ranking round's batch the rank was given in (0: one ranking of all; tally.Vote)


@dataclass(frozen=True)
class Override:
    file: str
    eligible: bool
    reason: str
    by: str
    at: datetime


class PhotoStore:
    def __init__(self, store: Store) -> None:
        self.store, self.alias = store, store.alias

    def _cid(self, campaign: m.Campaign) -> int:
        return self.store._cid(campaign)

    # -- entries -------------------------------------------------------------------------------------
    @db_errors
    def revisions(self, campaign: m.Campaign) -> dict[int, tuple[int, bool, bool]]:
        """page id → (file page revision read, deleted, in the categories)."""
        rows = orm.PhotoEntry.objects.using(self.alias).filter(campaign_id=self._cid(campaign))
        return {
            pid: (rev, deleted, inside)
            for pid, rev, deleted, inside in rows.values_list(
                "page_id", "last_rev_id", "deleted", "in_category"
            )
        }

    @db_errors
    def save_entries(self, campaign: m.Campaign, photos: Iterable[tuple[Photo, int]]) -> int:
        """Upsert (photo, file page revision) pairs as present in the categories; returns how many."""
        cid = self._cid(campaign)
        rows = [
            orm.PhotoEntry(
                campaign_id=cid,
                page_id=p.page_id,
                file=p.file,
                uploader=p.uploader,
                uploaded=utc(p.uploaded),
                width=p.width,
                height=p.height,
                mime=p.mime,
                sha1=p.sha1,
                site=p.site,
                deleted=p.deleted,
                in_category=True,
                last_rev_id=rev,
                thumb_url=p.thumb_url,
            )
            for p, rev in photos
        ]
        fields = [f for f in ("file", "uploader", "uploaded", "width", "height", "mime", "sha1", "site")]
        with transaction.atomic(using=self.alias):
            orm.PhotoEntry.objects.using(self.alias).bulk_create(
                rows,
                batch_size=BATCH,
                update_conflicts=True,
                unique_fields=["campaign", "page_id"],
                update_fields=[*fields, "deleted", "in_category", "last_rev_id", "thumb_url"],
            )
        return len(rows)

    @db_errors
    def mark(self, campaign: m.Campaign, page_ids: Sequence[int], *, deleted: bool) -> None:
        """Files gone from the categories: deleted (missing on the wiki) or only out of the categories."""
        manager = orm.PhotoEntry.objects.using(self.alias).filter(campaign_id=self._cid(campaign))
        with transaction.atomic(using=self.alias):
            for start in range(0, len(page_ids), BATCH):
                chunk = manager.filter(page_id__in=page_ids[start : start + BATCH])
                chunk.update(deleted=True) if deleted else chunk.update(in_category=False)

    @db_errors
    def entries(self, campaign: m.Campaign) -> list[Photo]:
        """The contest's files (deleted ones too, not those that left the categories), by file name."""
        cid = self.store._find(campaign)
        if cid is None:
            return []
        rows = (
            orm.PhotoEntry.objects.using(self.alias)
            .filter(campaign_id=cid, in_category=True)
            .order_by("file")
        )
        fields = (
            "file",
            "page_id",
            "uploader",
            "uploaded",
            "width",
            "height",
            "mime",
            "sha1",
            "site",
            "deleted",
            "thumb_url",
            "parts",
        )
        # tuples, not model instances: 30,000 files load in a fraction of the time
        out = []
        for *row, parts in rows.values_list(*fields).iterator(chunk_size=5000):
            out.append(Photo(*row, parts=tuple(parts or ())))  # type: ignore[misc]  # row: the 11 fields before parts
        return out

    @db_errors
    def set_parts(self, campaign: m.Campaign, parts: Mapping[int, Iterable[str]]) -> None:
        """page id → where this import listed the file ("" the contest's categories, or nominations)."""
        manager = orm.PhotoEntry.objects.using(self.alias).filter(campaign_id=self._cid(campaign))
        groups: dict[tuple[str, ...], list[int]] = {}
        for pid, names in parts.items():
            groups.setdefault(tuple(sorted(set(names))), []).append(pid)
        with transaction.atomic(using=self.alias):
            for names, pids in groups.items():  # a handful of groups: one UPDATE per batch of each
                for start in range(0, len(pids), BATCH):
                    manager.filter(page_id__in=pids[start : start + BATCH]).exclude(parts=list(names)).update(
                        parts=list(names)
                    )

    # -- overrides -----------------------------------------------------------------------------------
    @db_errors
    def add_override(self, campaign: m.Campaign, o: Override) -> None:
        cid = self._cid(campaign)
        with transaction.atomic(using=self.alias):
            orm.PhotoOverride.objects.using(self.alias).create(
                campaign_id=cid, file=o.file, eligible=o.eligible, reason=o.reason, by=o.by, at=utc(o.at)
            )
            self._audit(
                cid, o.at, o.by, "override", {"file": o.file, "eligible": o.eligible, "reason": o.reason}
            )

    @db_errors
    def overrides(self, campaign: m.Campaign) -> list[Override]:
        """Every override, oldest first (the last one of a file counts)."""
        cid = self.store._find(campaign)
        if cid is None:
            return []
        rows = orm.PhotoOverride.objects.using(self.alias).filter(campaign_id=cid).order_by("at", "pk")
        return [Override(r.file, r.eligible, r.reason, r.by, r.at) for r in rows]

    # -- votes ---------------------------------------------------------------------------------------
    @db_errors
    def votes(self, campaign: m.Campaign, round_no: int | None = None) -> list[StoredVote]:
        cid = self.store._find(campaign)
        if cid is None:
            return []
        rows = orm.PhotoVote.objects.using(self.alias).filter(campaign_id=cid)
        if round_no is not None:
            rows = rows.filter(round=round_no)
        return [
            StoredVote(*r)
            for r in rows.values_list("round", "juror", "file", "value", "ballot").iterator(chunk_size=5000)
        ]

    @db_errors
    def save_votes(
        self, campaign: m.Campaign, votes: Sequence[StoredVote], at: datetime, actor: str, source: str = ""
    ) -> None:
        """Upsert votes (one per round, juror and file; the new value wins) and mark their tasks done, all
        or nothing. Each vote that changes something is in the audit log: who, when, old → new."""
        cid = self._cid(campaign)
        rows = [
            orm.PhotoVote(
                campaign_id=cid,
                round=v.round,
                juror=v.juror,
                file=v.file,
                value=v.value,
                ballot=v.ballot,
                at=utc(at),
            )
            for v in votes
        ]
        tasks = orm.PhotoTask.objects.using(self.alias).filter(campaign_id=cid)
        stored = orm.PhotoVote.objects.using(self.alias).filter(campaign_id=cid)
        by_key: dict[tuple[int, str], list[StoredVote]] = {}
        for v in votes:
            by_key.setdefault((v.round, v.juror), []).append(v)
        with transaction.atomic(using=self.alias):
            log = []
            for (round_no, juror), mine in by_key.items():
                for start in range(0, len(mine), BATCH):
                    chunk = mine[start : start + BATCH]
                    old = dict(
                        stored.filter(
                            round=round_no, juror=juror, file__in=[v.file for v in chunk]
                        ).values_list("file", "value")
                    )
                    log += [
                        self._entry(
                            cid,
                            at,
                            actor,
                            "vote",
                            {
                                "round": v.round,
                                "juror": v.juror,
                                "file": v.file,
                                "old": old.get(v.file),
                                "new": v.value,
                            },
                        )
                        for v in chunk
                        if old.get(v.file) != v.value
                    ]
            orm.PhotoVote.objects.using(self.alias).bulk_create(
                rows,
                batch_size=BATCH,
                update_conflicts=True,
                unique_fields=["campaign", "round", "juror", "file"],
                update_fields=["value", "ballot", "at"],
            )
            for (round_no, juror), mine in by_key.items():
                files = [v.file for v in mine]
                for start in range(0, len(files), BATCH):
                    tasks.filter(round=round_no, juror=juror, file__in=files[start : start + BATCH]).update(
                        done=True
                    )
            orm.PhotoAudit.objects.using(self.alias).bulk_create(log, batch_size=BATCH)
            if source or len(votes) > 1:
                self._audit(cid, at, actor, "votes", {"count": len(votes), "source": source})

    @db_errors
    def undo_vote(self, campaign: m.Campaign, round_no: int, juror: str, file: str, at: datetime) -> None:
        cid = self._cid(campaign)
        with transaction.atomic(using=self.alias):
            found = orm.PhotoVote.objects.using(self.alias).filter(
                campaign_id=cid, round=round_no, juror=juror, file=file
            )
            old = found.values_list("value", flat=True).first()
            found.delete()
            orm.PhotoTask.objects.using(self.alias).filter(
                campaign_id=cid, round=round_no, juror=juror, file=file
            ).update(done=False)
            self._audit(
                cid,
                at,
                juror,
                "undo",
                {"round": round_no, "juror": juror, "file": file, "old": old, "new": None},
            )

    @db_errors
    def last_vote(self, campaign: m.Campaign, round_no: int, juror: str) -> StoredVote | None:
        """The juror's most recent vote in the round (what "undo" takes back)."""
        row = (
            orm.PhotoVote.objects.using(self.alias)
            .filter(campaign_id=self._cid(campaign), round=round_no, juror=juror)
            .order_by("-at", "-pk")
            .values_list("round", "juror", "file", "value")
            .first()
        )
        return StoredVote(*row) if row else None

    @db_errors
    def juror_votes(self, campaign: m.Campaign, round_no: int, juror: str) -> dict[str, int]:
        """file → value of one juror's votes in the round."""
        rows = orm.PhotoVote.objects.using(self.alias).filter(
            campaign_id=self._cid(campaign), round=round_no, juror=juror
        )
        return dict(rows.values_list("file", "value"))

    @db_errors
    def vote_totals(self, campaign: m.Campaign, round_no: int) -> dict[str, tuple[int, int]]:
        """file → (votes, sum of values) in the round, summed by the database (one GROUP BY)."""
        cid = self.store._find(campaign)
        if cid is None:
            return {}
        rows = (
            orm.PhotoVote.objects.using(self.alias)
            .filter(campaign_id=cid, round=round_no)
            .values("file")
            .annotate(n=Count("id"), total=Sum("value"))
            .values_list("file", "n", "total")
        )
        return {file: (n, int(total)) for file, n, total in rows.iterator(chunk_size=5000)}

    @db_errors
    def vote_spans(self, campaign: m.Campaign, round_no: int) -> dict[str, tuple[datetime, datetime]]:
        """juror → (first, last) time of their votes standing in the round (one GROUP BY)."""
        cid = self.store._find(campaign)
        if cid is None:
            return {}
        rows = (
            orm.PhotoVote.objects.using(self.alias)
            .filter(campaign_id=cid, round=round_no)
            .values("juror")
            .annotate(first=Min("at"), last=Max("at"))
            .values_list("juror", "first", "last")
        )
        return {juror: (utc(first), utc(last)) for juror, first, last in rows}

    # -- jurors' flags and favourites ---------------------------------------------------------------
    @db_errors
    def set_mark(
        self, campaign: m.Campaign, juror: str, file: str, kind: str, on: bool, note: str, at: datetime
    ) -> None:
        cid = self._cid(campaign)
        marks = orm.PhotoMark.objects.using(self.alias)
        with transaction.atomic(using=self.alias):
            if on:
                marks.update_or_create(
                    campaign_id=cid, juror=juror, file=file, kind=kind, defaults={"note": note, "at": utc(at)}
                )
            else:
                marks.filter(campaign_id=cid, juror=juror, file=file, kind=kind).delete()
            self._audit(cid, at, juror, kind if on else f"un{kind}", {"file": file, "note": note})

    @db_errors
    def marks(
        self, campaign: m.Campaign, juror: str | None = None
    ) -> list[tuple[str, str, str, str, datetime]]:
        """(juror, file, kind, note, at) of the contest's flags and favourites (one juror's, if named)."""
        cid = self.store._find(campaign)
        if cid is None:
            return []
        rows = orm.PhotoMark.objects.using(self.alias).filter(campaign_id=cid)
        if juror is not None:
            rows = rows.filter(juror=juror)
        return list(rows.order_by("at", "pk").values_list("juror", "file", "kind", "note", "at"))

    @db_errors
    def thumbs(self, campaign: m.Campaign, files: Sequence[str]) -> dict[str, str]:
        """file → its stored thumbnail URL ("" when the import had none)."""
        rows = orm.PhotoEntry.objects.using(self.alias).filter(
            campaign_id=self._cid(campaign), file__in=list(files), in_category=True
        )
        return dict(rows.values_list("file", "thumb_url"))

    # -- tasks ---------------------------------------------------------------------------------------
    @db_errors
    def open_tasks(self, campaign: m.Campaign, round_no: int) -> dict[str, list[str]]:
        """file → jurors still to vote on it in the round."""
        cid = self.store._find(campaign)
        if cid is None:
            return {}
        rows = orm.PhotoTask.objects.using(self.alias).filter(campaign_id=cid, round=round_no, done=False)
        out: dict[str, list[str]] = {}
        for juror, file in rows.values_list("juror", "file").iterator(chunk_size=5000):
            out.setdefault(file, []).append(juror)
        return out

    @db_errors
    def replace_tasks(
        self,
        campaign: m.Campaign,
        round_no: int,
        queues: Mapping[str, Sequence[str]],
        at: datetime,
        actor: str,
    ) -> None:
        """The round's unfinished tasks become `queues` (juror → files in order); done tasks stay."""
        cid = self._cid(campaign)
        manager = orm.PhotoTask.objects.using(self.alias)
        with transaction.atomic(using=self.alias):
            manager.filter(campaign_id=cid, round=round_no, done=False).delete()
            rows = [
                orm.PhotoTask(campaign_id=cid, round=round_no, juror=juror, file=file, position=i, done=False)
                for juror, files in queues.items()
                for i, file in enumerate(files)
            ]
            manager.bulk_create(rows, batch_size=BATCH, ignore_conflicts=True)
            self._audit(cid, at, actor, "allocate", {"round": round_no, "tasks": len(rows)})

    @db_errors
    def drop_tasks(
        self, campaign: m.Campaign, round_no: int, files: Sequence[str], at: datetime, actor: str
    ) -> None:
        """The files' open tasks in the round go (a deleted or ineligible photo leaves every queue)."""
        cid = self._cid(campaign)
        tasks = orm.PhotoTask.objects.using(self.alias).filter(campaign_id=cid, round=round_no, done=False)
        with transaction.atomic(using=self.alias):
            for start in range(0, len(files), BATCH):
                tasks.filter(file__in=files[start : start + BATCH]).delete()
            self._audit(cid, at, actor, "leave_queues", {"round": round_no, "files": list(files[:100])})

    @db_errors
    def next_task(self, campaign: m.Campaign, round_no: int, juror: str, count: int = 1) -> list[str]:
        """The juror's next `count` photos to judge in the round (the queue's order): one index range read."""
        cid = self._cid(campaign)
        rows = (
            orm.PhotoTask.objects.using(self.alias)
            .filter(campaign_id=cid, round=round_no, juror=juror, done=False)
            .order_by("position")
            .values_list("file", flat=True)[:count]
        )
        return list(rows)

    @db_errors
    def assigned(self, campaign: m.Campaign, round_no: int, juror: str, files: Sequence[str]) -> set[str]:
        """Which of `files` are in the juror's queue for the round (done or not)."""
        rows = orm.PhotoTask.objects.using(self.alias).filter(
            campaign_id=self._cid(campaign), round=round_no, juror=juror, file__in=list(files)
        )
        return set(rows.values_list("file", flat=True))

    @db_errors
    def queue_files(self, campaign: m.Campaign, round_no: int, juror: str) -> list[str]:
        """Every file of the juror's queue for the round, done or not, in the queue's order."""
        rows = orm.PhotoTask.objects.using(self.alias).filter(
            campaign_id=self._cid(campaign), round=round_no, juror=juror
        )
        return list(rows.order_by("position", "pk").values_list("file", flat=True))

    @db_errors
    def juror_progress(self, campaign: m.Campaign, round_no: int, juror: str) -> tuple[int, int]:
        """(tasks done, tasks in all) of one juror in the round: one count on the queue's index."""
        rows = orm.PhotoTask.objects.using(self.alias).filter(
            campaign_id=self._cid(campaign), round=round_no, juror=juror
        )
        got = rows.aggregate(done=Count("id", filter=Q(done=True)), assigned=Count("id"))
        return int(got["done"] or 0), int(got["assigned"] or 0)

    @db_errors
    def next_shown(
        self, campaign: m.Campaign, round_no: int, juror: str, count: int
    ) -> list[tuple[str, str]]:
        """(file, stored thumbnail URL) of the juror's next `count` photos: one query (the queue's index
        range; each file's thumbnail by the entries' (campaign, file) index). The juror's counts stay a query
        of their own: as scalar subqueries here PostgreSQL planned a scan of the whole task table."""
        cid = self._cid(campaign)
        thumb = orm.PhotoEntry.objects.using(self.alias).filter(
            campaign_id=cid, file=OuterRef("file"), in_category=True
        )
        rows = (
            orm.PhotoTask.objects.using(self.alias)
            .filter(campaign_id=cid, round=round_no, juror=juror, done=False)
            .order_by("position")
            .annotate(thumb=Subquery(thumb.values("thumb_url")[:1]))
            .values_list("file", "thumb")[:count]
        )
        return [(file, url or "") for file, url in rows]

    @db_errors
    def progress(self, campaign: m.Campaign, round_no: int) -> dict[str, tuple[int, int]]:
        """juror → (tasks done, tasks in all) in the round."""
        cid = self.store._find(campaign)
        if cid is None:
            return {}
        out: dict[str, tuple[int, int]] = {}
        rows = orm.PhotoTask.objects.using(self.alias).filter(campaign_id=cid, round=round_no)
        for juror, done in rows.values_list("juror", "done").iterator(chunk_size=5000):
            d, n = out.get(juror, (0, 0))
            out[juror] = (d + int(done), n + 1)
        return out

    # -- audit ---------------------------------------------------------------------------------------
    def log(
        self, campaign: m.Campaign, at: datetime, actor: str, action: str, detail: dict[str, Any]
    ) -> None:
        self._audit(self._cid(campaign), at, actor, action, detail)

    @db_errors
    def audit(self, campaign: m.Campaign) -> list[tuple[datetime, str, str, dict[str, Any]]]:
        cid = self.store._find(campaign)
        if cid is None:
            return []
        rows = orm.PhotoAudit.objects.using(self.alias).filter(campaign_id=cid).order_by("at", "pk")
        return [(r.at, r.actor, r.action, r.detail) for r in rows]

    @db_errors
    def audit_of(
        self, campaign: m.Campaign, actions: Sequence[str]
    ) -> list[tuple[datetime, str, str, dict[str, Any]]]:
        cid = self.store._find(campaign)
        if cid is None:
            return []
        rows = orm.PhotoAudit.objects.using(self.alias).filter(campaign_id=cid, action__in=list(actions))
        return [(r.at, r.actor, r.action, r.detail) for r in rows.order_by("at", "pk")]

    def _audit(self, cid: int, at: datetime, actor: str, action: str, detail: dict[str, Any]) -> None:
        self._entry(cid, at, actor, action, detail).save(using=self.alias)

    @staticmethod
    def _entry(cid: int, at: datetime, actor: str, action: str, detail: dict[str, Any]) -> Any:
        return orm.PhotoAudit(campaign_id=cid, at=utc(at), actor=actor, action=action, detail=detail)
