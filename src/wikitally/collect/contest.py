"""What a contest's rules need from a wiki beyond the campaign's listing, read in batches: each article's
revision at the end of the window, categories, creator; submitted titles resolved to their pages."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import datetime

from wikitally.collect import parse
from wikitally.collect.reader import BATCH, WikiReader, chunks, naming_the_wiki, pages_of, rows_of
from wikitally.model import PageState


class ContestReader:
    def __init__(self, reader: WikiReader) -> None:
        self.reader, self.session, self.wiki = reader, reader.session, reader.wiki

    @naming_the_wiki
    def latest(self, page_ids: Iterable[int]) -> Iterator[tuple[PageState, int | None, datetime | None]]:
        """Each page's state and its latest revision (id, time); 50 pages a request. Deleted pages come back
        with exists=False and no revision."""
        for batch in chunks(sorted(set(page_ids)), BATCH):
            data = self.session.get(
                {"prop": "info|revisions", "pageids": "|".join(map(str, batch)), "rvprop": "ids|timestamp"}
            )
            seen = set()
            for page in pages_of(data):
                state = parse.page_state(self.wiki, page)
                if state is None:
                    continue
                revs = rows_of(page, "revisions")
                rev_id = parse.required(revs[0], "revid", int) if revs else None
                at = parse.timestamp(revs[0].get("timestamp")) if revs else None
                if state.exists:
                    seen.add(state.page_id)
                yield state, rev_id, at
            for missing in set(batch) - seen:
                yield PageState(self.wiki, missing, 0, "", redirect=False, exists=False), None, None

    @naming_the_wiki
    def revision_at(self, page_id: int, moment: datetime) -> int | None:
        """The page's revision current at `moment` (one request: the API answers this one page at a time)."""
        data = self.session.get(
            {
                "prop": "revisions",
                "pageids": str(page_id),
                "rvprop": "ids",
                "rvlimit": 1,
                "rvdir": "older",
                "rvstart": parse.api_timestamp(moment),
            }
        )
        for page in pages_of(data):
            revs = rows_of(page, "revisions")
            if revs:
                return int(parse.required(revs[0], "revid", int))
        return None

    @naming_the_wiki
    def creator(self, page_id: int) -> str | None:
        """Who made the page's first revision (one request per page; asked only for the creator rule)."""
        data = self.session.get(
            {"prop": "revisions", "pageids": str(page_id), "rvprop": "user", "rvlimit": 1, "rvdir": "newer"}
        )
        for page in pages_of(data):
            for rev in rows_of(page, "revisions"):
                user = rev.get("user")
                return str(user) if isinstance(user, str) and not rev.get("userhidden") else None
        return None

    @naming_the_wiki
    def categories(self, page_ids: Iterable[int], names: Iterable[str]) -> dict[int, set[str]]:
        """Which of the categories `names` (without namespace) each page is in; 50 pages a request."""
        wanted = sorted(set(names))
        out: dict[int, set[str]] = {}
        if not wanted:
            return out
        for batch in chunks(sorted(set(page_ids)), BATCH):
            params: dict[str, str | int] = {
                "prop": "categories",
                "pageids": "|".join(map(str, batch)),
                "clcategories": "|".join(f"Category:{n}" for n in wanted),
                "cllimit": "max",
            }
            for data in self.session.query_all(params):
                for page in pages_of(data):
                    pid = page.get("pageid")
                    if not isinstance(pid, int):
                        continue
                    found = out.setdefault(pid, set())
                    for row in rows_of(page, "categories"):
                        title = str(row.get("title", ""))
                        found.add(title.split(":", 1)[1] if ":" in title else title)
        return out

    @naming_the_wiki
    def resolve(self, titles: Iterable[str]) -> dict[str, PageState]:
        """Submitted titles → their pages now, following redirects (a moved page's old title)."""
        out: dict[str, PageState] = {}
        for batch in chunks(sorted(set(titles)), BATCH):
            data = self.session.get({"prop": "info", "titles": "|".join(batch), "redirects": 1})
            query = data.get("query", {}) if isinstance(data, dict) else {}
            renamed: dict[str, str] = {}
            for key in ("normalized", "redirects"):
                for row in rows_of(query, key):
                    renamed[str(row.get("from", ""))] = str(row.get("to", ""))
            states = {}
            for page in pages_of(data):
                state = parse.page_state(self.wiki, page)
                if state is not None:
                    states[state.title] = state
            for title in batch:
                current = title
                for _ in range(3):  # normalized, then redirected
                    current = renamed.get(current, current)
                if current in states:
                    out[title] = states[current]
        return out
