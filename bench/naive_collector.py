"""The baseline: collect a campaign the way an organizer would script it with mwclient.

usercontribs per user and wiki, then one content request per revision and one for its parent. It measures
words and references with wikitally's own functions, so the comparison is about collection, not arithmetic;
and it counts what wikitally's metrics count (edits, reverted edits, bytes, words, references added), so
the benchmark can check that both read the same campaign.

Requests and bytes are counted by a response hook on the requests.Session mwclient uses: bytes on the wire
(compressed, if the server compressed) and decoded.
"""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import parse_qs, urlsplit

import mwclient
import requests

from wikitally.metrics.refs import count_refs
from wikitally.metrics.words import words_added
from wikitally.model import Campaign

USER_AGENT = "wikitally-bench-naive/0.1 (benchmark baseline; bench@wikitally.invalid)"


@dataclass
class NaiveResult:
    requests: int = 0
    bytes_received: int = 0  # on the wire
    bytes_decoded: int = 0
    content_requests: int = 0
    content_bytes: int = 0  # decoded bytes of the prop=revisions answers
    wall_s: float = 0.0
    http_s: float = 0.0  # waiting for and reading answers
    edits: int = 0
    edits_reverted: int = 0
    bytes_added: int = 0
    words_added: int = 0
    references_added: int = 0
    per_wiki: dict[str, Counter[str]] = field(default_factory=dict)  # requests, bytes_received, ...


def collect_naive(campaign: Campaign, participants: list[str]) -> NaiveResult:
    result = NaiveResult()
    t0 = time.perf_counter()
    session = requests.Session()
    wiki_counts: Counter[str] = Counter()

    def count(response: requests.Response, *args: object, **kwargs: object) -> None:
        t0 = time.perf_counter()
        decoded = len(response.content)  # reads the body: the hook runs before requests does
        result.http_s += response.elapsed.total_seconds() + time.perf_counter() - t0
        try:
            wire = int(response.raw.tell())  # urllib3: bytes read from the socket, before decoding
        except (AttributeError, TypeError, ValueError):
            wire = decoded
        wire = wire or decoded
        content = "revisions" in _params(response.request).get("prop", "")
        wiki_counts["requests"] += 1
        wiki_counts["bytes_received"] += wire
        wiki_counts["bytes_decoded"] += decoded
        wiki_counts["content_requests"] += int(content)
        wiki_counts["content_bytes"] += decoded if content else 0

    session.hooks["response"].append(count)
    sfn_by_wiki = {wiki: campaign.sfn_for(wiki) for wiki in campaign.wikis}
    namespace = "|".join(str(n) for n in (campaign.namespaces or (0,)))
    start, end = _ts(campaign.start), _ts(campaign.end)
    for wiki in campaign.wikis:
        wiki_counts = Counter()
        url = urlsplit(campaign.api_url(wiki))
        site = mwclient.Site(
            url.netloc,
            path=url.path.rsplit("/", 1)[0] + "/",
            scheme=url.scheme,
            pool=session,
            clients_useragent=USER_AGENT,
        )
        sfn = sfn_by_wiki[wiki]
        for user in participants:
            for c in site.usercontributions(
                user,
                start=start,
                end=end,
                dir="newer",
                namespace=namespace,
                prop="ids|title|timestamp|size|sizediff|flags|tags|comment",
            ):
                result.edits += 1
                if "mw-reverted" in c.get("tags", []):
                    result.edits_reverted += 1
                    continue
                result.bytes_added += max(0, int(c.get("sizediff", c.get("size", 0))))
                text = _content(site, c["revid"])
                parent = _content(site, c["parentid"]) if c["parentid"] else ""
                result.words_added += words_added(parent, text)
                result.references_added += max(0, count_refs(text, sfn) - count_refs(parent, sfn))
        result.per_wiki[wiki] = wiki_counts
    result.wall_s = time.perf_counter() - t0
    session.close()
    for counts in result.per_wiki.values():
        result.requests += counts["requests"]
        result.bytes_received += counts["bytes_received"]
        result.bytes_decoded += counts["bytes_decoded"]
        result.content_requests += counts["content_requests"]
        result.content_bytes += counts["content_bytes"]
    return result


def _content(site: mwclient.Site, rev_id: int) -> str:
    revs = site.revisions([rev_id], prop="ids|timestamp|content")  # mwclient needs the timestamp
    return str(revs[0].get("*", "")) if revs else ""


def _ts(when: datetime) -> str:
    return when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _params(request: requests.PreparedRequest) -> dict[str, str]:
    query = urlsplit(request.url or "").query
    body = request.body.decode("utf-8", "replace") if isinstance(request.body, bytes) else request.body
    body = body if isinstance(body, str) else ""
    pairs = {**parse_qs(query), **(parse_qs(body) if "=" in body else {})}
    return {k: v[0] for k, v in pairs.items()}
