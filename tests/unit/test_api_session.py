"""The API session's manners and faults, against scripted answers (a real MediaWiki can't be made to lag)."""

import json
import random
from datetime import UTC, datetime

import httpx
import pytest

from wikitally.collect.api import ApiSession, user_agent
from wikitally.errors import SourceError

API = "https://xx.wikipedia.org/w/api.php"


def scripted(answers):
    """A transport answering each request with the next scripted answer; records requests."""
    seen = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        answer = answers.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return answer

    return httpx.MockTransport(handler), seen


def ok(data, **headers):
    return httpx.Response(200, json=data, headers=headers)


def session(transport, sleeps, **kw):
    return ApiSession(API, transport=transport, sleep=sleeps.append, contact="ops@example.org", **kw)


def test_user_agent_maxlag_and_format_are_sent():
    transport, seen = scripted([ok({"batchcomplete": True, "query": {}})])
    session(transport, []).get({"meta": "siteinfo"})
    req = seen[0]
    assert req.headers["User-Agent"] == user_agent("ops@example.org")
    assert "ops@example.org" in req.headers["User-Agent"] and req.headers["User-Agent"].startswith(
        "wikitally/"
    )
    assert req.url.params["maxlag"] == "5"
    assert req.url.params["format"] == "json" and req.url.params["formatversion"] == "2"


def test_maxlag_honours_retry_after():
    lag = {"error": {"code": "maxlag", "info": "Waiting for a database server: 7 seconds lagged."}}
    transport, seen = scripted([ok(lag, **{"Retry-After": "7"}), ok({"query": {"x": 1}})])
    sleeps: list[float] = []
    assert session(transport, sleeps).get({"meta": "siteinfo"}) == {"query": {"x": 1}}
    assert sleeps == [7.0] and len(seen) == 2


@pytest.mark.parametrize("status", [429, 503, 502])
def test_throttling_and_server_errors_retry(status):
    transport, _ = scripted([httpx.Response(status, headers={"Retry-After": "3"}), ok({"query": {}})])
    sleeps: list[float] = []
    session(transport, sleeps).get({"list": "x"})
    assert sleeps == [3.0]


def test_retry_after_is_capped():
    transport, _ = scripted([httpx.Response(429, headers={"Retry-After": "86400"}), ok({"query": {}})])
    sleeps: list[float] = []
    session(transport, sleeps, max_backoff_s=60).get({"list": "x"})
    assert sleeps == [60.0]


def test_timeouts_retry_with_capped_backoff():
    answers = [ok({"query": {}}), httpx.ReadTimeout("slow"), httpx.ConnectError("refused"), ok({"query": {}})]
    transport, seen = scripted(answers)
    sleeps: list[float] = []
    s = session(transport, sleeps, max_backoff_s=1.5)
    s.get({"meta": "siteinfo"})
    s.get({"list": "x"})
    assert len(seen) == 4 and len(sleeps) == 2 and all(0 < d <= 1.5 for d in sleeps)


def test_a_wiki_that_never_answered_fails_fast():
    transport, seen = scripted([httpx.ConnectError("Name or service not known")])
    with pytest.raises(SourceError, match="connection failed"):
        session(transport, []).get({"meta": "siteinfo"})
    assert len(seen) == 1


def test_gives_up_after_max_attempts_with_one_line():
    transport, _ = scripted([httpx.Response(503)] * 3)
    with pytest.raises(SourceError, match=r"HTTP 503; gave up after 3 attempts"):
        session(transport, [], max_attempts=3).get({"list": "x"})


@pytest.mark.parametrize(
    "body", [b'{"query": {"usercontribs": [{"revid"', b"<html>Server error</html>", b"[]"]
)
def test_malformed_or_truncated_answer_is_an_error_never_no_data(body):
    transport, _ = scripted([httpx.Response(200, content=body)] * 2)
    with pytest.raises(SourceError, match="malformed"):
        session(transport, [], max_attempts=2).get({"list": "usercontribs"})


def test_api_errors_are_not_retried():
    transport, seen = scripted([ok({"error": {"code": "baduser_ucuser", "info": "Invalid value"}})])
    with pytest.raises(SourceError, match="baduser_ucuser") as err:
        session(transport, []).get({"list": "usercontribs"})
    assert err.value.code == "baduser_ucuser" and len(seen) == 1


def test_continuation_is_followed_exactly():
    pages = [
        ok({"continue": {"uccontinue": "20240308|5", "continue": "-||"}, "query": {"usercontribs": [1, 2]}}),
        ok({"continue": {"uccontinue": "20240309|9", "continue": "-||"}, "query": {"usercontribs": [3]}}),
        ok({"batchcomplete": True, "query": {"usercontribs": [4]}}),
    ]
    transport, seen = scripted(pages)
    rows = [
        r
        for d in session(transport, []).query_all({"list": "usercontribs"})
        for r in d["query"]["usercontribs"]
    ]
    assert rows == [1, 2, 3, 4]
    assert "uccontinue" not in seen[0].url.params
    assert seen[1].url.params["uccontinue"] == "20240308|5"
    assert seen[2].url.params["uccontinue"] == "20240309|9"


def test_continuation_that_does_not_advance_is_an_error():
    same = {"continue": {"uccontinue": "1", "continue": "-||"}, "query": {"usercontribs": []}}
    transport, _ = scripted([ok(same), ok(same)])
    with pytest.raises(SourceError, match="does not advance"):
        list(session(transport, []).query_all({"list": "usercontribs"}))


def test_never_writes():
    transport, seen = scripted([])
    with pytest.raises(SourceError, match="read-only"):
        session(transport, []).get({"action": "edit", "title": "X"})
    assert seen == []


def test_long_queries_are_posted():
    transport, seen = scripted([ok({"query": {}})])
    session(transport, []).get({"list": "users", "ususers": "|".join(f"User number {i}" for i in range(300))})
    assert seen[0].method == "POST"


def test_counts_requests_and_bytes():
    body = json.dumps({"query": {"a": "x" * 100}}).encode()
    transport, _ = scripted([httpx.Response(200, content=body), httpx.Response(200, content=body)])
    s = session(transport, [])
    s.get({"list": "x"})
    s.get({"list": "y"})
    assert s.stats.requests == 2 and s.stats.bytes_received == 2 * len(body)


def test_backoff_counts_this_calls_attempts_not_the_sessions():
    """A call that failed three times before doesn't make the next call's first retry wait 8 s."""
    answers = [httpx.Response(503)] * 3 + [ok({"query": {}}), httpx.Response(503), ok({"query": {}})]
    transport, _ = scripted(answers)
    sleeps: list[float] = []
    s = session(transport, sleeps, rng=random.Random(1))
    s.get({"list": "x"})
    s.get({"list": "y"})
    first_call, second_call = sleeps[:3], sleeps[3:]
    assert [0.5 <= d / 2**i < 1.0 for i, d in enumerate(first_call)] == [True, True, True]
    assert len(second_call) == 1 and 0.5 <= second_call[0] < 1.0


def backoffs(seed: int) -> list[float]:
    transport, _ = scripted([httpx.Response(502)] * 5 + [ok({"query": {}})])
    sleeps: list[float] = []
    session(transport, sleeps, rng=random.Random(seed), max_backoff_s=1000).get({"list": "x"})
    return sleeps


def test_backoff_is_jittered_by_the_given_randomness():
    assert backoffs(1) == backoffs(1)  # seeded: reproducible
    assert backoffs(1) != backoffs(2)  # jittered: two clients failing together come back apart
    assert all(2**i / 2 <= d < 2**i for i, d in enumerate(backoffs(3)))


@pytest.mark.parametrize(
    ("retry_after", "date", "expected"),
    [
        ("Fri, 08 Mar 2024 12:00:30 GMT", "Fri, 08 Mar 2024 12:00:00 GMT", 30.0),  # against the answer's Date
        ("Fri, 08 Mar 2024 12:00:20 GMT", None, 20.0),  # no Date header: against the session's clock
        ("Fri, 08 Mar 2024 11:00:00 GMT", None, 0.0),  # a date past: at once
        ("Fri, 08 Mar 2024 18:00:00 GMT", None, 60.0),  # capped
    ],
)
def test_retry_after_as_an_http_date(retry_after, date, expected):
    headers = {"Retry-After": retry_after} | ({"Date": date} if date else {})
    transport, _ = scripted([httpx.Response(503, headers=headers), ok({"query": {}})])
    sleeps: list[float] = []
    now = datetime(2024, 3, 8, 12, 0, 0, tzinfo=UTC)
    session(transport, sleeps, now=lambda: now, max_backoff_s=60).get({"list": "x"})
    assert sleeps == [expected]


@pytest.mark.parametrize("value", ["soon", "", "nan", "inf"])
def test_an_unreadable_retry_after_falls_back_to_the_backoff(value):
    transport, _ = scripted([httpx.Response(503, headers={"Retry-After": value}), ok({"query": {}})])
    sleeps: list[float] = []
    session(transport, sleeps, rng=random.Random(5)).get({"list": "x"})
    assert len(sleeps) == 1 and 0.5 <= sleeps[0] < 1.0


def test_maxlag_without_retry_after_waits_at_least_five_seconds():
    lag = {"error": {"code": "maxlag", "info": "lagged"}}
    transport, _ = scripted([ok(lag), ok({"query": {}})])
    sleeps: list[float] = []
    session(transport, sleeps, rng=random.Random(5)).get({"meta": "siteinfo"})
    assert sleeps == [5.0]


def test_a_broken_gzip_answer_is_retried_then_one_line():
    def broken() -> httpx.Response:
        garbage = httpx.ByteStream(
            b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03" + b"\xff" * 20
        )  # block type 3: invalid
        return httpx.Response(200, stream=garbage, headers={"Content-Encoding": "gzip"})

    transport, seen = scripted([ok({"query": {}}), broken(), broken()])
    s = session(transport, [], max_attempts=2)
    s.get({"meta": "siteinfo"})
    with pytest.raises(SourceError, match=r"compression is broken\); gave up after 2 attempts"):
        s.get({"list": "x"})
    assert len(seen) == 3


def test_an_api_error_is_shown_in_one_short_line():
    info = "Invalid value\n\x1b]0;pwned\x07 " * 5_000
    transport, _ = scripted([ok({"error": {"code": "bad\nvalue", "info": info}})])
    with pytest.raises(SourceError) as raised:
        session(transport, []).get({"list": "usercontribs"})
    text = str(raised.value)
    assert text.startswith(f"{API}: API error bad value: Invalid value \\x1b]0;pwned\\x07 Invalid")
    assert "\n" not in text and "\x1b" not in text and len(text) < 500
