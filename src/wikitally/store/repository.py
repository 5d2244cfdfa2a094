"""`Store`: wikitally.model values in and out of the database; the only code that knows the schema.

Every write is one transaction and idempotent: rows are upserted by their unique keys, so writing the
same values twice changes nothing, and a process killed mid-way leaves the old or the new state.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import UTC, date, datetime
from decimal import Decimal
from itertools import islice
from typing import Any, ParamSpec, TypeVar

from django.db import DatabaseError, connections, transaction
from django.utils import timezone

from wikitally import model as m
from wikitally.errors import StoreError
from wikitally.judging.expression import Expression
from wikitally.metrics.geo import Location
from wikitally.model import Point
from wikitally.store.db import one_line

BATCH = 500


@dataclasses.dataclass(frozen=True)
class WikiState:
    watermark: datetime
    fingerprint: str
    sfn: list[str] | None
    last_collected: datetime | None
    rc_high: int | None  # newest recent-changes id already looked at


class Listing(dict[int, tuple[str, ...]]):
    """rev_id -> tags of a wiki's stored revisions, with the ids of their pages."""

    def __init__(self) -> None:
        super().__init__()
        self.page_ids: set[int] = set()


class _Models:
    """wikitally.store.models, imported on first use: Django must be set up first (open_store does it),
    while Store itself can be imported any time, even by modules a Django project loads early."""

    def __getattr__(self, name: str) -> Any:
        from wikitally.store import models

        value = getattr(models, name)
        setattr(self, name, value)
        return value


orm = _Models()

P = ParamSpec("P")
R = TypeVar("R")
T = TypeVar("T")


def db_errors(method: Callable[P, R]) -> Callable[P, R]:
    """Turn the driver's errors into StoreError (one line), the traceback kept as the cause."""

    @functools.wraps(method)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return method(*args, **kwargs)
        except (DatabaseError, UnicodeDecodeError) as e:
            alias = getattr(args[0], "alias", "?")
            if isinstance(e, UnicodeDecodeError) or "could not decode to utf-8" in str(e).lower():
                # text that isn't UTF-8 where wikitally wrote UTF-8: the file is damaged
                raise StoreError(
                    f"database on connection {alias!r} holds text that is not UTF-8, so it is damaged; "
                    "restore it from a backup, or move it away and collect again"
                ) from e
            raise StoreError(f"database error on connection {alias!r}: {one_line(e)}") from e

    return wrapper


class Store:
    """The campaigns, revisions, pages, facts, uploads, accounts, outcomes, page locations and page views
    in one database."""

    def __init__(self, alias: str = "default") -> None:
        self.alias = alias
        self._ids: dict[str, tuple[int, m.Campaign]] = {}  # key -> (row id, campaign as last saved)

    def __repr__(self) -> str:
        return f"Store({self.alias!r})"

    @property
    def vendor(self) -> str:
        """The database's kind: "sqlite" or "postgresql"."""
        return str(connections[self.alias].vendor)

    @property
    def read_only(self) -> bool:
        """True for a store opened read-only (a file this process may not write): read, don't save."""
        from wikitally.store.db import is_read_only

        return is_read_only(connections[self.alias].settings_dict)

    def close(self) -> None:
        """Close this thread's connection (it reopens on next use)."""
        connections[self.alias].close()

    # ------------------------------------------------------------------ campaigns

    @db_errors
    def campaign_id(self, campaign: m.Campaign) -> int:
        """The campaign's row id, creating the row or updating its name and config when they changed."""
        config = campaign_json(campaign)
        with transaction.atomic(using=self.alias):
            row, created = orm.Campaign.objects.using(self.alias).get_or_create(
                key=campaign.key, defaults={"name": campaign.name, "config": config}
            )
            if not created and (row.name != campaign.name or row.config != config):
                row.name, row.config = campaign.name, config
                row.save(using=self.alias, update_fields=["name", "config", "updated"])
            # Remembered once committed: a caller's transaction that rolls back forgets the row too.
            transaction.on_commit(
                lambda: self._ids.update({campaign.key: (row.pk, campaign)}), using=self.alias
            )
        return int(row.pk)

    def _cid(self, campaign: m.Campaign) -> int:
        cached = self._ids.get(campaign.key)
        if cached is not None and cached[1] == campaign:
            return cached[0]
        return self.campaign_id(campaign)

    def _find(self, campaign: m.Campaign) -> int | None:
        """The campaign's row id without writing anything; None when it was never stored."""
        cached = self._ids.get(campaign.key)
        if cached is not None:
            return cached[0]
        pk = orm.Campaign.objects.using(self.alias).filter(key=campaign.key).values_list("pk", flat=True)
        return next(iter(pk), None)

    # ------------------------------------------------------------------ per-wiki state

    @db_errors
    def watermark(self, campaign: m.Campaign, wiki: str) -> datetime | None:
        """Server time of the last completed collection of wiki, None before the first."""
        cid = self._find(campaign)
        if cid is None:
            return None
        rows = orm.WikiState.objects.using(self.alias).filter(campaign_id=cid, wiki=wiki)
        return next(iter(rows.values_list("watermark", flat=True)), None)

    @db_errors
    def siteinfo(self, campaign: m.Campaign, wiki: str) -> m.SiteInfo | None:
        cid = self._find(campaign)
        if cid is None:
            return None
        rows = orm.WikiState.objects.using(self.alias).filter(campaign_id=cid, wiki=wiki)
        data = next(iter(rows.values_list("siteinfo", flat=True)), None)
        return None if data is None else siteinfo_from_json(wiki, data)

    @db_errors
    def save_siteinfo(self, campaign: m.Campaign, info: m.SiteInfo) -> None:
        with transaction.atomic(using=self.alias):
            state = orm.WikiState(
                campaign_id=self._cid(campaign), wiki=info.wiki, siteinfo=siteinfo_json(info)
            )
            self._upsert(orm.WikiState, [state], ("campaign", "wiki"), update=["siteinfo"])

    @db_errors
    def finish_wiki(
        self,
        campaign: m.Campaign,
        wiki: str,
        watermark: datetime,
        collected_at: datetime,
        fingerprint: str = "",
        sfn: list[str] | None = None,
        rc_high: int | None = None,
    ) -> None:
        """Record a completed collection of wiki: the next one may start from watermark."""
        with transaction.atomic(using=self.alias):
            state = orm.WikiState(
                campaign_id=self._cid(campaign),
                wiki=wiki,
                watermark=utc(watermark),
                last_collected=utc(collected_at),
                fingerprint=fingerprint,
                sfn=sfn,
                rc_high=rc_high,
            )
            self._upsert(
                orm.WikiState,
                [state],
                ("campaign", "wiki"),
                update=["watermark", "last_collected", "fingerprint", "sfn", "rc_high"],
            )

    @db_errors
    def wiki_state(self, campaign: m.Campaign, wiki: str) -> WikiState | None:
        """Watermark and what the stored listing was collected for; None before the first collection."""
        cid = self._find(campaign)
        if cid is None:
            return None
        rows = orm.WikiState.objects.using(self.alias).filter(campaign_id=cid, wiki=wiki)
        row = next(
            iter(rows.values_list("watermark", "fingerprint", "sfn", "last_collected", "rc_high")), None
        )
        if row is None or row[0] is None:
            return None
        return WikiState(
            watermark=row[0], fingerprint=row[1], sfn=row[2], last_collected=row[3], rc_high=row[4]
        )

    @db_errors
    def campaign_changed(self, campaign: m.Campaign) -> None:
        """The campaign's public web pages show something new that no collection brought (a jury's visible
        marks): their cached versions are dropped (store/page_versions.py)."""
        from wikitally.store.page_versions import campaign_changed

        campaign_changed(campaign.key, using=self.alias)

    @db_errors
    def last_collected(self, campaign: m.Campaign) -> datetime | None:
        """Server time of the newest completed collection of any of the campaign's wikis."""
        cid = self._find(campaign)
        if cid is None:
            return None
        rows = orm.WikiState.objects.using(self.alias).filter(campaign_id=cid, last_collected__isnull=False)
        return max(rows.values_list("last_collected", flat=True), default=None)

    @db_errors
    def save_wiki(
        self,
        campaign: m.Campaign,
        wiki: str,
        *,
        revisions: Iterable[m.Revision],
        pages: Iterable[m.PageState],
        uploads: Iterable[m.Upload],
        watermark: datetime,
        collected_at: datetime,
        fingerprint: str,
        sfn: list[str],
        rc_high: int | None,
    ) -> None:
        """A whole collection of one wiki in one transaction: readers see all of it or none of it."""
        with transaction.atomic(using=self.alias):
            self.replace_revisions(campaign, wiki, revisions)
            self.replace_pages(campaign, wiki, pages)
            self.replace_uploads(campaign, wiki, uploads)
            self.finish_wiki(campaign, wiki, watermark, collected_at, fingerprint, sfn, rc_high)

    @db_errors
    def known_listing(self, campaign: m.Campaign, wiki: str) -> Listing:
        """The stored listing of wiki: tags per rev_id, page ids and titles (for the refresh check)."""
        cid = self._find(campaign)
        listing = Listing()
        if cid is None:
            return listing
        revs = orm.Revision.objects.using(self.alias).filter(campaign_id=cid, wiki=wiki)
        for rev_id, page_id, tags in revs.values_list("rev_id", "page_id", "tags"):
            listing[rev_id] = tuple(tags)
            listing.page_ids.add(page_id)
        return listing

    @db_errors
    def forget_facts(self, campaign: m.Campaign, wiki: str) -> None:
        """Drop wiki's content facts (they were measured with other settings); the next collection remeasures."""
        cid = self._find(campaign)
        if cid is not None:
            orm.ContentFacts.objects.using(self.alias).filter(campaign_id=cid, wiki=wiki).delete()
            orm.EntityFacts.objects.using(self.alias).filter(campaign_id=cid, wiki=wiki).delete()

    @db_errors
    def active_users(self, campaign: m.Campaign) -> set[str]:
        """Users with a stored revision or upload in any wiki of the campaign."""
        cid = self._find(campaign)
        if cid is None:
            return set()
        users = set(
            orm.Revision.objects.using(self.alias).filter(campaign_id=cid).values_list("user", flat=True)
        )
        users.update(
            orm.Upload.objects.using(self.alias).filter(campaign_id=cid).values_list("user", flat=True)
        )
        return users

    @db_errors
    def save_campaign(self, campaign: m.Campaign, participants: frozenset[str] | None) -> None:
        """The campaign and its resolved participants (None: anyone matching the hashtag/tag filters)."""
        with transaction.atomic(using=self.alias):
            cid = self._cid(campaign)
            value = sorted(participants) if participants is not None else None
            orm.Campaign.objects.using(self.alias).filter(pk=cid).update(participants=value)

    @db_errors
    def participants(self, campaign: m.Campaign) -> frozenset[str] | None:
        """Participants as resolved by the last collection; the file's list if never collected."""
        cid = self._find(campaign)
        rows = orm.Campaign.objects.using(self.alias).filter(pk=cid) if cid is not None else None
        stored = next(iter(rows.values_list("participants", flat=True)), None) if rows is not None else None
        if stored is not None:
            return frozenset(stored)
        if campaign.participants or campaign.participants_page:
            return frozenset(campaign.participants)
        return None

    @db_errors
    def private_participants(self, campaign: m.Campaign) -> frozenset[str]:
        """Who registered on the web for this campaign (a definition whose stored data these are) and asked
        to be named on no public page: every output counts them and names them nowhere (services/privacy)."""
        from django.db.models import Q

        rows = orm.Enrolment.objects.using(self.alias).filter(
            Q(definition__campaign__key=campaign.key) | Q(definition__name=campaign.key), private=True
        )
        return frozenset(rows.values_list("username", flat=True))

    # ------------------------------------------------------------------ revisions and pages

    @db_errors
    def replace_revisions(self, campaign: m.Campaign, wiki: str, revisions: Iterable[m.Revision]) -> None:
        """Make revisions the complete listing of wiki's revisions: upsert them, delete the others."""
        with transaction.atomic(using=self.alias):
            cid = self._cid(campaign)
            self._replace(orm.Revision, cid, wiki, "rev_id", self._revision_rows(cid, wiki, revisions))

    @db_errors
    def add_revisions(self, campaign: m.Campaign, wiki: str, revisions: Iterable[m.Revision]) -> None:
        """Upsert revisions of wiki, keeping the others."""
        with transaction.atomic(using=self.alias):
            cid = self._cid(campaign)
            self._upsert(
                orm.Revision, self._revision_rows(cid, wiki, revisions), ("campaign", "wiki", "rev_id")
            )

    @staticmethod
    def _revision_rows(cid: int, wiki: str, revisions: Iterable[m.Revision]) -> Iterator[Any]:
        for r in revisions:
            _same_wiki(wiki, r.wiki, r)
            yield orm.Revision(
                campaign_id=cid,
                wiki=wiki,
                rev_id=r.rev_id,
                parent_id=r.parent_id,
                page_id=r.page_id,
                namespace=r.namespace,
                title=r.title,
                user=r.user,
                timestamp=utc(r.timestamp),
                comment=r.comment,
                size=r.size,
                sizediff=r.sizediff,
                tags=list(r.tags),
                new=r.new,
                texthidden=r.texthidden,
            )

    @db_errors
    def replace_pages(self, campaign: m.Campaign, wiki: str, pages: Iterable[m.PageState]) -> None:
        """Make pages the complete listing of wiki's pages: upsert them, delete the others."""
        with transaction.atomic(using=self.alias):
            cid = self._cid(campaign)
            self._replace(orm.Page, cid, wiki, "page_id", self._page_rows(cid, wiki, pages))

    @db_errors
    def upsert_pages(self, campaign: m.Campaign, wiki: str, pages: Iterable[m.PageState]) -> None:
        with transaction.atomic(using=self.alias):
            cid = self._cid(campaign)
            self._upsert(orm.Page, self._page_rows(cid, wiki, pages), ("campaign", "wiki", "page_id"))

    @staticmethod
    def _page_rows(cid: int, wiki: str, pages: Iterable[m.PageState]) -> Iterator[Any]:
        for p in pages:
            _same_wiki(wiki, p.wiki, p)
            yield orm.Page(
                campaign_id=cid,
                wiki=wiki,
                page_id=p.page_id,
                namespace=p.namespace,
                title=p.title,
                redirect=p.redirect,
                exists=p.exists,
            )

    # ------------------------------------------------------------------ content facts

    @db_errors
    def known_facts(self, campaign: m.Campaign, wiki: str) -> set[int]:
        """rev_ids of wiki that already have content facts."""
        cid = self._find(campaign)
        if cid is None:
            return set()
        rows = orm.ContentFacts.objects.using(self.alias).filter(campaign_id=cid, wiki=wiki)
        return set(rows.values_list("rev_id", flat=True))

    @db_errors
    def save_facts(self, campaign: m.Campaign, facts: Iterable[m.ContentFacts]) -> None:
        with transaction.atomic(using=self.alias):
            cid = self._cid(campaign)
            rows = (
                orm.ContentFacts(
                    campaign_id=cid,
                    wiki=f.wiki,
                    rev_id=f.rev_id,
                    words_added=f.words_added,
                    refs_before=f.refs_before,
                    refs_after=f.refs_after,
                )
                for f in facts
            )
            self._upsert(orm.ContentFacts, rows, ("campaign", "wiki", "rev_id"))

    @db_errors
    def known_entity_facts(self, campaign: m.Campaign, wiki: str) -> set[int]:
        """rev_ids of wiki that already have Wikibase entity facts."""
        cid = self._find(campaign)
        if cid is None:
            return set()
        rows = orm.EntityFacts.objects.using(self.alias).filter(campaign_id=cid, wiki=wiki)
        return set(rows.values_list("rev_id", flat=True))

    @db_errors
    def save_entity_facts(self, campaign: m.Campaign, facts: Iterable[m.EntityFacts]) -> None:
        with transaction.atomic(using=self.alias):
            cid = self._cid(campaign)
            rows = (orm.EntityFacts(campaign_id=cid, **dataclasses.asdict(f)) for f in facts)
            self._upsert(orm.EntityFacts, rows, ("campaign", "wiki", "rev_id"))

    # ------------------------------------------------------------------ uploads and accounts

    @db_errors
    def replace_uploads(self, campaign: m.Campaign, wiki: str, uploads: Iterable[m.Upload]) -> None:
        """Make uploads the complete listing of wiki's uploads: upsert them, delete the others."""

        def rows(cid: int) -> Iterator[Any]:
            for u in uploads:
                _same_wiki(wiki, u.wiki, u)
                yield orm.Upload(
                    campaign_id=cid,
                    wiki=wiki,
                    title=u.title,
                    user=u.user,
                    timestamp=utc(u.timestamp),
                    in_use=u.in_use,
                )

        with transaction.atomic(using=self.alias):
            cid = self._cid(campaign)
            self._replace(orm.Upload, cid, wiki, "title", rows(cid))

    @db_errors
    def upsert_accounts(self, campaign: m.Campaign, accounts: Iterable[m.Account]) -> None:
        with transaction.atomic(using=self.alias):
            cid = self._cid(campaign)
            rows = (
                orm.Account(
                    campaign_id=cid,
                    wiki=a.wiki,
                    user=a.user,
                    registration=None if a.registration is None else utc(a.registration),
                    exists=a.exists,
                )
                for a in accounts
            )
            self._upsert(orm.Account, rows, ("campaign", "wiki", "user"))

    @db_errors
    def accounts(self, campaign: m.Campaign) -> list[m.Account]:
        """The campaign's accounts, ordered by (wiki, user)."""
        cid = self._find(campaign)
        return [] if cid is None else list(self._load(m.Account, orm.Account, cid, ("wiki", "user")))

    # ------------------------------------------------------------------ locations and page views

    @db_errors
    def save_locations(
        self, campaign: m.Campaign, locations: Iterable[Location], fetched_at: datetime
    ) -> None:
        """Upsert where pages are (as a report may show them: coarsen sensitive ones first)."""
        when = utc(fetched_at)
        with transaction.atomic(using=self.alias):
            cid = self._cid(campaign)
            rows = (
                orm.PageLocation(
                    campaign_id=cid,
                    wiki=loc.wiki,
                    title=loc.title,
                    lat=None if loc.point is None else loc.point.lat,
                    lon=None if loc.point is None else loc.point.lon,
                    source=loc.source,
                    fetched_at=when,
                )
                for loc in locations
            )
            self._upsert(orm.PageLocation, rows, ("campaign", "wiki", "title"))

    @db_errors
    def locations(self, campaign: m.Campaign) -> dict[tuple[str, str], Point | None]:
        """(wiki, title) -> Point, or None for pages looked up and found nowhere."""
        cid = self._find(campaign)
        if cid is None:
            return {}
        rows = self._rows(orm.PageLocation, cid, ("wiki", "title"))
        return {
            (wiki, title): None if lat is None or lon is None else Point(lat, lon)
            for wiki, title, lat, lon in rows.values_list("wiki", "title", "lat", "lon")
        }

    @db_errors
    def location_fetched(self, campaign: m.Campaign, wiki: str) -> dict[str, datetime]:
        """title -> when wiki's page was last located (to skip pages looked up recently)."""
        cid = self._find(campaign)
        if cid is None:
            return {}
        rows = orm.PageLocation.objects.using(self.alias).filter(campaign_id=cid, wiki=wiki)
        return dict(rows.values_list("title", "fetched_at"))

    @db_errors
    def save_pageviews(
        self, campaign: m.Campaign, wiki: str, daily: Mapping[str, Iterable[tuple[date, int]]]
    ) -> None:
        """Upsert wiki's daily views, title -> [(UTC day, views)] (a day stored again is overwritten)."""
        with transaction.atomic(using=self.alias):
            cid = self._cid(campaign)
            rows = (
                orm.PageViews(campaign_id=cid, wiki=wiki, title=title, day=day, views=views)
                for title, days in daily.items()
                for day, views in days
            )
            self._upsert(orm.PageViews, rows, ("campaign", "wiki", "title", "day"))

    @db_errors
    def pageviews(self, campaign: m.Campaign) -> dict[tuple[str, str], list[tuple[date, int]]]:
        """(wiki, title) -> [(UTC day, views)], oldest day first."""
        cid = self._find(campaign)
        out: dict[tuple[str, str], list[tuple[date, int]]] = {}
        if cid is None:
            return out
        rows = self._rows(orm.PageViews, cid, ("wiki", "title", "day"))
        for wiki, title, day, views in rows.values_list("wiki", "title", "day", "views").iterator(
            chunk_size=2000
        ):
            out.setdefault((wiki, title), []).append((day, views))
        return out

    @db_errors
    def known_pageview_days(
        self, campaign: m.Campaign, wiki: str, start: date, end: date
    ) -> dict[str, set[date]]:
        """title -> the days in [start, end] whose views are stored: only the others need fetching."""
        cid = self._find(campaign)
        out: dict[str, set[date]] = {}
        if cid is None:
            return out
        rows = orm.PageViews.objects.using(self.alias).filter(
            campaign_id=cid, wiki=wiki, day__gte=start, day__lte=end
        )
        for title, day in rows.values_list("title", "day").iterator(chunk_size=2000):
            out.setdefault(title, set()).add(day)
        return out

    # ------------------------------------------------------------------ reading it all back

    @db_errors
    def snapshot(self, campaign: m.Campaign) -> m.Snapshot:
        """Everything stored for the campaign (empty for an unknown one); revisions by (wiki, rev_id)."""
        cid = self._find(campaign)
        if cid is None:
            return m.Snapshot(campaign, (), (), (), (), (), ())
        # One transaction: a consistent view while a collection writes (on SQLite it waits for the writer).
        with transaction.atomic(using=self.alias):
            # tags: JSON list -> tuple, in the constructor (a dataclasses.replace per revision was slow)
            names = [f.name for f in dataclasses.fields(m.Revision)]
            at = names.index("tags")
            rows = self._rows(orm.Revision, cid, ("wiki", "rev_id")).values_list(*names)
            revisions = tuple(_revision(list(row), at) for row in rows.iterator(chunk_size=2000))
            states = self._rows(orm.WikiState, cid, ("wiki",)).filter(siteinfo__isnull=False)
            return m.Snapshot(
                campaign=campaign,
                revisions=revisions,
                pages=tuple(self._load(m.PageState, orm.Page, cid, ("wiki", "page_id"))),
                facts=tuple(self._load(m.ContentFacts, orm.ContentFacts, cid, ("wiki", "rev_id"))),
                uploads=tuple(self._load(m.Upload, orm.Upload, cid, ("wiki", "title"))),
                accounts=tuple(self._load(m.Account, orm.Account, cid, ("wiki", "user"))),
                siteinfo=tuple(
                    siteinfo_from_json(w, data) for w, data in states.values_list("wiki", "siteinfo")
                ),
                entity_facts=tuple(self._load(m.EntityFacts, orm.EntityFacts, cid, ("wiki", "rev_id"))),
                worklist=self._worklist_pages(cid),
            )

    def _worklist_pages(self, cid: int) -> frozenset[tuple[str, str]] | None:
        from wikitally.metrics.coverage import Resolution

        data = orm.Worklist.objects.using(self.alias).filter(campaign_id=cid).values_list("data", flat=True)
        row = next(iter(data[:1]), None)
        return None if row is None else Resolution.from_json(row).pages()

    @db_errors
    def user_snapshot(self, campaign: m.Campaign, user: str) -> m.Snapshot:
        """The campaign's snapshot cut to one user's revisions and uploads (their facts; every page and
        siteinfo, which decide what counts): what a participant's own page computes from, without loading
        everyone's revisions."""
        cid = self._find(campaign)
        if cid is None:
            return m.Snapshot(campaign, (), (), (), (), (), ())
        mine = {"user": user}
        with transaction.atomic(using=self.alias):
            revisions = tuple(
                dataclasses.replace(r, tags=tuple(r.tags))
                for r in self._load(m.Revision, orm.Revision, cid, ("wiki", "rev_id"), mine)
            )
            rev_ids = orm.Revision.objects.using(self.alias).filter(campaign_id=cid, user=user)
            facts = self._rows(orm.ContentFacts, cid, ("wiki", "rev_id")).filter(
                rev_id__in=rev_ids.values("rev_id")
            )
            names = [f.name for f in dataclasses.fields(m.ContentFacts)]
            states = self._rows(orm.WikiState, cid, ("wiki",)).filter(siteinfo__isnull=False)
            return m.Snapshot(
                campaign=campaign,
                revisions=revisions,
                pages=tuple(self._load(m.PageState, orm.Page, cid, ("wiki", "page_id"))),
                facts=tuple(m.ContentFacts(*row) for row in facts.values_list(*names)),
                uploads=tuple(self._load(m.Upload, orm.Upload, cid, ("wiki", "title"), mine)),
                accounts=(),
                siteinfo=tuple(
                    siteinfo_from_json(w, data) for w, data in states.values_list("wiki", "siteinfo")
                ),
            )

    def _load(
        self, cls: type[T], model: Any, cid: int, order: tuple[str, ...], where: dict[str, Any] | None = None
    ) -> Iterator[T]:
        """The campaign's rows (those matching `where`) as cls values: the columns are named as the
        dataclass's fields."""
        names = [f.name for f in dataclasses.fields(cls)]  # type: ignore[arg-type]
        rows = self._rows(model, cid, order).filter(**(where or {}))
        for row in rows.values_list(*names).iterator(chunk_size=2000):
            yield cls(*row)

    def _rows(self, model: Any, cid: int, order: tuple[str, ...]) -> Any:
        return model.objects.using(self.alias).filter(campaign_id=cid).order_by(*order)

    # ------------------------------------------------------------------ outcomes

    @db_errors
    def save_outcome(
        self, campaign: m.Campaign, data: dict[str, Any], as_of: datetime, computed_at: datetime | None = None
    ) -> None:
        """Store computed numbers; the newest saved is the current one. computed_at defaults to now."""
        with transaction.atomic(using=self.alias):
            orm.Outcome.objects.using(self.alias).create(
                campaign_id=self._cid(campaign),
                computed_at=timezone.now() if computed_at is None else utc(computed_at),
                as_of=utc(as_of),
                data=data,
            )

    @db_errors
    def latest_outcome(self, campaign: m.Campaign) -> dict[str, Any] | None:
        cid = self._find(campaign)
        if cid is None:
            return None
        rows = orm.Outcome.objects.using(self.alias).filter(campaign_id=cid).order_by("-computed_at", "-id")
        data = next(iter(rows.values_list("data", flat=True)[:1]), None)
        return None if data is None else dict(data)

    # ------------------------------------------------------------------ worklists (docs/worklists.md)

    @db_errors
    def save_worklist(self, campaign: m.Campaign, data: dict[str, Any], resolved_at: datetime) -> None:
        """The worklist as resolved now (services/worklist.py's JSON), replacing the one before."""
        with transaction.atomic(using=self.alias):
            # update, else create: not update_or_create, whose get() would read and decode the whole
            # previous resolution (megabytes of JSON for 20,000 items) only to overwrite it
            cid = self._cid(campaign)
            rows = orm.Worklist.objects.using(self.alias).filter(campaign_id=cid)
            if not rows.update(data=data, resolved_at=utc(resolved_at)):
                orm.Worklist.objects.using(self.alias).create(
                    campaign_id=cid, data=data, resolved_at=utc(resolved_at)
                )

    @db_errors
    def worklist(self, campaign: m.Campaign) -> tuple[dict[str, Any], datetime] | None:
        """The last resolved worklist and when; None when it was never resolved."""
        cid = self._find(campaign)
        if cid is None:
            return None
        row = orm.Worklist.objects.using(self.alias).filter(campaign_id=cid).first()
        return None if row is None else (dict(row.data), row.resolved_at)

    @db_errors
    def worklist_resolved(self, campaign: m.Campaign) -> datetime | None:
        """When the worklist was last resolved (without reading the resolution); None when never."""
        cid = self._find(campaign)
        if cid is None:
            return None
        found = (
            orm.Worklist.objects.using(self.alias)
            .filter(campaign_id=cid)
            .values_list("resolved_at", flat=True)
        )
        return found.first()

    @db_errors
    def assignments(self, campaign: m.Campaign) -> dict[str, tuple[str, bool]]:
        """item key -> (username, claimed by the participant)."""
        cid = self._find(campaign)
        if cid is None:
            return {}
        rows = orm.Assignment.objects.using(self.alias).filter(campaign_id=cid)
        return {item: (user, claimed) for item, user, claimed in rows.values_list("item", "user", "claimed")}

    @db_errors
    def assign(
        self, campaign: m.Campaign, pairs: Mapping[str, str], when: datetime, claimed: bool = False
    ) -> None:
        """Give items (key -> username) to participants, replacing who had them before."""
        with transaction.atomic(using=self.alias):
            cid = self._cid(campaign)
            for item, user in pairs.items():
                orm.Assignment.objects.using(self.alias).update_or_create(
                    campaign_id=cid,
                    item=item,
                    defaults={"user": user, "claimed": claimed, "created": utc(when)},
                )

    @db_errors
    def claim(self, campaign: m.Campaign, item: str, user: str, when: datetime) -> bool:
        """The participant takes an unassigned item; False when someone has it already."""
        with transaction.atomic(using=self.alias):
            _, created = orm.Assignment.objects.using(self.alias).get_or_create(
                campaign_id=self._cid(campaign),
                item=item,
                defaults={"user": user, "claimed": True, "created": utc(when)},
            )
        return bool(created)

    @db_errors
    def unassign(self, campaign: m.Campaign, items: Iterable[str]) -> None:
        cid = self._find(campaign)
        if cid is not None:
            orm.Assignment.objects.using(self.alias).filter(campaign_id=cid, item__in=list(items)).delete()

    # ------------------------------------------------------------------ pages wikitally writes whole

    @db_errors
    def publication(self, api_url: str, title: str) -> m.Publication | None:
        """The revision wikitally saved last on `title` of the wiki at `api_url`; None when it never did."""
        rows = orm.PublishedPage.objects.using(self.alias).filter(api_url=api_url, title=title)
        row = next(iter(rows.values_list("rev_id", "user", "saved_at")), None)
        return None if row is None else m.Publication(int(row[0]), row[1], row[2])

    @db_errors
    def record_publication(
        self, api_url: str, title: str, rev_id: int, user: str, saved_at: datetime
    ) -> None:
        """Remember that wikitally saved revision `rev_id` of `title` (or found it holding its text)."""
        with transaction.atomic(using=self.alias):
            orm.PublishedPage.objects.using(self.alias).update_or_create(
                api_url=api_url,
                title=title,
                defaults={"rev_id": rev_id, "user": user, "saved_at": utc(saved_at)},
            )

    # ------------------------------------------------------------------ bookkeeping

    @db_errors
    def counts(self, campaign: m.Campaign) -> dict[str, int]:
        """Rows per table for the campaign (campaign: 1 when stored, else 0)."""
        cid = self._find(campaign)
        tables: dict[str, Any] = {
            "wiki_state": orm.WikiState,
            "revision": orm.Revision,
            "page": orm.Page,
            "content_facts": orm.ContentFacts,
            "upload": orm.Upload,
            "account": orm.Account,
            "outcome": orm.Outcome,
        }
        counts = {"campaign": 0 if cid is None else 1}
        for name, model in tables.items():
            counts[name] = (
                0 if cid is None else model.objects.using(self.alias).filter(campaign_id=cid).count()
            )
        return counts

    def _upsert(
        self,
        model: Any,
        rows: Iterable[Any],
        unique: tuple[str, ...],
        update: list[str] | None = None,
        current: dict[Any, tuple[Any, ...]] | None = None,
    ) -> set[Any]:
        """INSERT … ON CONFLICT (unique) DO UPDATE in batches; return the last unique field of each row.

        current: the stored rows, {last unique field: values of the update fields}, when known; rows
        equal to their stored version are skipped, so rewriting an unchanged listing writes nothing.
        """
        if update is None:
            update = _value_fields(model, unique)
        manager = model.objects.using(self.alias)
        keys = [model._meta.get_field(f).attname for f in unique]  # "campaign" -> "campaign_id"
        seen: set[Any] = set()
        iterator = iter(rows)
        while batch := list(islice(iterator, BATCH)):
            # One row per key within a statement (PostgreSQL refuses to update a row twice); last wins.
            by_key = {tuple(getattr(row, f) for f in keys): row for row in batch}
            seen.update(key[-1] for key in by_key)
            if current is not None:
                by_key = {
                    key: row
                    for key, row in by_key.items()
                    if current.get(key[-1]) != tuple(getattr(row, f) for f in update)
                }
            if by_key:
                manager.bulk_create(
                    list(by_key.values()),
                    batch_size=BATCH,
                    update_conflicts=True,
                    unique_fields=list(unique),
                    update_fields=update,
                )
        return seen

    def _replace(self, model: Any, cid: int, wiki: str, key_field: str, rows: Iterable[Any]) -> None:
        """Upsert rows (all of one wiki), then delete that wiki's rows not among them."""
        unique = ("campaign", "wiki", key_field)
        update = _value_fields(model, unique)
        stored = model.objects.using(self.alias).filter(campaign_id=cid, wiki=wiki)
        current = {key: tuple(values) for key, *values in stored.values_list(key_field, *update)}
        seen = self._upsert(model, rows, unique, update, current)
        stale = sorted(current.keys() - seen)
        for start in range(0, len(stale), BATCH):
            stored.filter(**{f"{key_field}__in": stale[start : start + BATCH]}).delete()


def _value_fields(model: Any, unique: tuple[str, ...]) -> list[str]:
    """The columns an upsert overwrites: all but the primary key and the unique key."""
    return [f.attname for f in model._meta.concrete_fields if not f.primary_key and f.name not in unique]


# ---------------------------------------------------------------------- conversions


def utc(value: datetime) -> datetime:
    """value in UTC; naive datetimes are refused (the model's times are timezone-aware)."""
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"naive datetime {value.isoformat()}: wikitally stores timezone-aware times")
    return value.astimezone(UTC)


def _same_wiki(wiki: str, item_wiki: str, item: object) -> None:
    if item_wiki != wiki:
        raise ValueError(f"{type(item).__name__} of {item_wiki} given for {wiki}")


def _jsonable(value: Any) -> Any:
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, Expression):  # a contest's points formula: as written
        return value.source
    if dataclasses.is_dataclass(value) and not isinstance(value, type):  # a contest's table
        return {f.name: _jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (tuple, list)):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):  # a photo contest's [photos]
        return {f.name: _jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    return value


def campaign_json(campaign: m.Campaign) -> dict[str, Any]:
    """The campaign as JSON (times as ISO 8601), kept with its row for reference."""
    return {f.name: _jsonable(getattr(campaign, f.name)) for f in dataclasses.fields(campaign)}


def siteinfo_json(info: m.SiteInfo) -> dict[str, Any]:
    return {
        "content_namespaces": list(info.content_namespaces),
        "namespace_names": {str(k): v for k, v in info.namespace_names.items()},
        "extensions": list(info.extensions),
        "rc_max_age_s": info.rc_max_age_s,
        "server": info.server,
        "article_path": info.article_path,
        "entity_namespaces": list(info.entity_namespaces),
        "wiki_id": info.wiki_id,
    }


def siteinfo_from_json(wiki: str, data: dict[str, Any]) -> m.SiteInfo:
    return m.SiteInfo(
        wiki=wiki,
        content_namespaces=tuple(data["content_namespaces"]),
        namespace_names={int(k): v for k, v in data["namespace_names"].items()},
        extensions=tuple(data["extensions"]),
        rc_max_age_s=data["rc_max_age_s"],
        server=data.get("server", ""),  # stored before 2026-12: the Wikimedia layout is assumed
        article_path=data.get("article_path", ""),
        entity_namespaces=tuple(data.get("entity_namespaces", ())),  # stored before 2026-12: none
        wiki_id=data.get("wiki_id", ""),  # stored before worklists: asked again when needed
    )


def _revision(values: list[Any], tags_at: int) -> m.Revision:
    """A Revision from its row (columns in field order), the tags' JSON list as a tuple."""
    values[tags_at] = tuple(values[tags_at])
    return m.Revision(*values)
