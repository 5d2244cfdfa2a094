"""The baseline: collect a campaign the way an organizer would script it with mwclient.

usercontribs per user, then one content request per revision and one for its parent. It measures words and
references with wikitally's own functions, so the comparison is about collection, not arithmetic.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import mwclient
import requests

from wikitally.metrics.refs import count_refs
from wikitally.metrics.words import words_added
from wikitally.model import Campaign


@dataclass
class NaiveResult:
    requests: int = 0
    bytes_received: int = 0
    wall_s: float = 0.0
    edits: int = 0
    words_added: int = 0
    references_added: int = 0
    per_wiki: dict[str, int] = field(default_factory=dict)


def collect_naive(campaign: Campaign, participants: list[str]) -> NaiveResult:
    result = NaiveResult()
    t0 = time.perf_counter()
    session = requests.Session()

    def count(response: requests.Response, *args: object, **kwargs: object) -> None:
        result.requests += 1
        result.bytes_received += len(response.content)

    session.hooks["response"].append(count)
    for wiki in campaign.wikis:
        url = urlsplit(campaign.api_url(wiki))
        path = url.path.rsplit("/", 1)[0] + "/"
        site = mwclient.Site(
            url.netloc,
            path=path,
            scheme=url.scheme,
            pool=session,
            clients_useragent="wikitally-bench-naive/0.1 (benchmark baseline)",
        )
        for user in participants:
            for c in site.usercontributions(
                user,
                start=campaign.end,
                end=campaign.start,
                dir="older",
                namespace=0,
                prop="ids|title|timestamp|size|sizediff|flags|tags|comment",
            ):
                result.edits += 1
                if "mw-reverted" in c.get("tags", []):
                    continue
                text = _content(site, c["revid"])
                parent = _content(site, c["parentid"]) if c["parentid"] else ""
                result.words_added += words_added(parent, text)
                result.references_added += max(0, count_refs(text) - count_refs(parent))
        result.per_wiki[wiki] = result.requests
    result.wall_s = time.perf_counter() - t0
    return result


def _content(site: mwclient.Site, rev_id: int) -> str:
    revs = site.revisions([rev_id], prop="content")
    return str(revs[0].get("*", "")) if revs else ""
