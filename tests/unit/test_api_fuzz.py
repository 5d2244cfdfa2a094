"""Fuzzing the API session (collect/api.py) with scripted answers: any status, Retry-After, Date, body and
continuation a server may send gives answers or one SourceError line naming the wiki — never another
exception, never a wait past the cap. Seeded, a few seconds."""

from __future__ import annotations

import json
import random
from typing import Any

import httpx

from wikitally.collect.api import ApiSession, Limits
from wikitally.errors import SourceError

SEED = 8032024
API = "https://xx.wikipedia.org/w/api.php"
MAX_BACKOFF_S = 30.0

RETRY_AFTERS = [
    "", "0", "7", "-5", "1e400", "nan", "soon", "Fri, 08 Mar 2024 12:00:30 GMT", "Fri, 31 Dec 9999 23:59:59 GMT",
    "Mon, 01 Jan 0001 00:00:00 GMT", "Fri, 08 Mar 2024 25:61:61 GMT", "Thu, 01 Jan 1970 00:00:00 +9999",
]  # fmt: skip
DATES = ["", "Fri, 08 Mar 2024 12:00:00 GMT", "yesterday", "Fri, 08 Mar 99999 12:00:00 GMT"]
STATUSES = [200, 200, 200, 200, 301, 400, 404, 429, 500, 502, 503, 504]


def value(rng: random.Random, depth: int = 0) -> Any:
    roll = rng.random()
    if depth > 2 or roll < 0.3:
        return rng.choice([None, True, 0, -1, 2**70, 1.5, "", "x", "maxlag", "-||", "\u202e"])
    if roll < 0.6:
        return [value(rng, depth + 1) for _ in range(rng.randint(0, 3))]
    keys = ["query", "continue", "batchcomplete", "error", "code", "info", "warnings", "rccontinue", "*"]
    return {rng.choice(keys): value(rng, depth + 1) for _ in range(rng.randint(0, 4))}


def body(rng: random.Random) -> bytes:
    roll = rng.random()
    if roll < 0.1:
        return bytes(rng.randrange(256) for _ in range(rng.randint(0, 40)))  # not JSON at all
    answer: Any = {"query": {"recentchanges": []}}
    if roll < 0.5:
        answer = value(rng)
    elif roll < 0.8:
        answer["continue"] = rng.choice(
            [value(rng), {"rccontinue": str(rng.randint(0, 3)), "continue": "-||"}]
        )
    else:
        answer = {"error": value(rng)}
    text = json.dumps(answer)
    return text[: rng.randint(0, len(text))].encode() if rng.random() < 0.1 else text.encode()


def response(rng: random.Random) -> httpx.Response:
    headers = {}
    if rng.random() < 0.5:
        headers["Retry-After"] = rng.choice(RETRY_AFTERS)
    if rng.random() < 0.5:
        headers["Date"] = rng.choice(DATES)
    return httpx.Response(rng.choice(STATUSES), content=body(rng), headers=headers)


def test_any_answer_gives_data_or_one_line():
    rng = random.Random(SEED)
    outcomes = {"answered": 0, "refused": 0}
    for _ in range(600):
        sleeps: list[float] = []

        def handler(request: httpx.Request) -> httpx.Response:
            return response(rng)

        limits = Limits(min_listing_requests=5)
        with ApiSession(
            API,
            transport=httpx.MockTransport(handler),
            sleep=sleeps.append,
            rng=random.Random(rng.random()),
            max_attempts=3,
            max_backoff_s=MAX_BACKOFF_S,
            limits=limits,
        ) as session:
            try:
                if rng.random() < 0.5:
                    assert isinstance(session.get({"list": "recentchanges"}), dict)
                else:
                    assert all(isinstance(d, dict) for d in session.query_all({"list": "recentchanges"}))
                outcomes["answered"] += 1
            except SourceError as e:
                assert "\n" not in str(e) and str(e).startswith(API), str(e)
                outcomes["refused"] += 1
        assert all(0.0 <= s <= MAX_BACKOFF_S for s in sleeps), sleeps
    assert min(outcomes.values()) > 50, outcomes
