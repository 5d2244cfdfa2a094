"""wikitally.collect.pageviews against recorded-format REST answers: URLs, manners, 404 = no data,
faults, and fetching only the days not yet known."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import httpx
import pytest

from wikitally.collect.api import PoliteClient, user_agent
from wikitally.collect.pageviews import article_url, fetch_missing, missing_ranges, pageviews
from wikitally.errors import SourceError
from wikitally.metrics.geo import views_total

FIXTURE = json.loads(
    (Path(__file__).resolve().parent.parent / "fixtures" / "geo" / "pageviews.json").read_text()
)
SQ = "sq.wikipedia.org"
D = date(2024, 3, 8)


def recorded(seen: list[httpx.Request]) -> httpx.MockTransport:
    """The recorded answers by URL; any other URL is AQS's 404 problem document."""

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        body = FIXTURE["answers"].get(str(request.url))
        if body is None:
            return httpx.Response(
                404, json=FIXTURE["not_found"], headers={"Content-Type": "application/problem+json"}
            )
        return httpx.Response(200, json=body)

    return httpx.MockTransport(handler)


def scripted(answers: list[httpx.Response | Exception], seen: list[httpx.Request]) -> httpx.MockTransport:
    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        answer = answers.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return answer

    return httpx.MockTransport(handler)


def client(transport: httpx.BaseTransport, sleeps: list[float] | None = None, **kw: object) -> PoliteClient:
    sleep = (sleeps if sleeps is not None else []).append
    return PoliteClient(transport=transport, sleep=sleep, contact="ops@example.org", **kw)  # type: ignore[arg-type]


def test_daily_views_with_politeness():
    seen: list[httpx.Request] = []
    with client(recorded(seen)) as c:
        daily = pageviews(c, SQ, "Kalaja e Rozafës", D, date(2024, 3, 12))
    # 10 March is absent from the answer: nobody read the page that day.
    assert daily == [(D, 41), (date(2024, 3, 9), 57), (date(2024, 3, 11), 12), (date(2024, 3, 12), 30)]
    assert views_total(daily, date(2024, 3, 9)) == 99
    assert seen[0].headers["User-Agent"] == user_agent("ops@example.org")
    assert seen[0].url.raw_path.endswith(
        b"/sq.wikipedia.org/all-access/user/Kalaja_e_Rozaf%C3%ABs/daily/2024030800/2024031200"
    )


def test_titles_are_percent_encoded_slash_included():
    url = article_url(SQ, "AC/DC", D, D)
    assert (
        url
        == f"https://wikimedia.org/api/rest_v1/metrics/pageviews/per-article/{SQ}/all-access/user/AC%2FDC/daily/2024030800/2024030800"
    )
    assert "Are_You_the_One%3F" in article_url("en.wikipedia.org", "Are You the One?", D, D)
    seen: list[httpx.Request] = []
    with client(recorded(seen)) as c:
        assert pageviews(c, SQ, "AC/DC", D, date(2024, 3, 9)) == [(D, 7), (date(2024, 3, 9), 9)]
    assert b"/AC%2FDC/" in seen[0].url.raw_path


def test_404_with_a_problem_body_is_no_data():
    with client(recorded([])) as c:
        assert pageviews(c, SQ, "Zana", D, date(2024, 3, 12)) == []


def test_404_without_a_problem_body_is_an_error():
    seen: list[httpx.Request] = []
    with (
        client(scripted([httpx.Response(404, text="<html>Not here</html>")], seen)) as c,
        pytest.raises(SourceError, match="HTTP 404"),
    ):
        pageviews(c, SQ, "Zana", D, D)


def test_throttling_honours_retry_after_then_answers():
    seen: list[httpx.Request] = []
    ok = httpx.Response(200, json={"items": []})
    sleeps: list[float] = []
    transport = scripted([httpx.Response(429, headers={"Retry-After": "4"}), httpx.Response(503), ok], seen)
    with client(transport, sleeps) as c:
        assert pageviews(c, SQ, "Tirana", D, D) == []
        assert c.stats.requests == 3 and c.stats.retries == 2
    assert sleeps[0] == 4.0 and len(sleeps) == 2


def test_retry_after_is_capped():
    sleeps: list[float] = []
    transport = scripted(
        [httpx.Response(429, headers={"Retry-After": "3600"}), httpx.Response(200, json={"items": []})], []
    )
    with client(transport, sleeps, max_backoff_s=30) as c:
        pageviews(c, SQ, "Tirana", D, D)
    assert sleeps == [30.0]


def test_server_errors_give_up_with_one_line():
    transport = scripted([httpx.Response(200, json={"items": []})] + [httpx.Response(502)] * 3, [])
    with client(transport, max_attempts=3) as c:
        pageviews(c, SQ, "Tirana", D, D)
        with pytest.raises(SourceError, match=r"HTTP 502; gave up after 3 attempts"):
            pageviews(c, SQ, "Tirana", D, D)


def test_an_unreachable_host_fails_fast():
    seen: list[httpx.Request] = []
    with (
        client(scripted([httpx.ConnectError("no route")], seen)) as c,
        pytest.raises(SourceError, match="connection failed"),
    ):
        pageviews(c, SQ, "Tirana", D, D)
    assert len(seen) == 1


@pytest.mark.parametrize(
    ("status", "body"),
    [
        (
            400,
            {
                "type": "about:blank",
                "title": "Bad Request",
                "detail": "start timestamp is invalid",
                "status": 400,
            },
        ),
        (403, {"type": "about:blank", "title": "Forbidden", "status": 403}),
    ],
)
def test_other_errors_are_source_errors_not_retried(status, body):
    seen: list[httpx.Request] = []
    with (
        client(scripted([httpx.Response(status, json=body)], seen)) as c,
        pytest.raises(SourceError, match=f"HTTP {status}: {body['title']}"),
    ):
        pageviews(c, SQ, "Tirana", D, D)
    assert len(seen) == 1


@pytest.mark.parametrize(
    "body",
    [
        {"detail": "no items"},
        {"items": [{"timestamp": "2024030800"}]},
        {"items": [{"timestamp": "2024-03-08", "views": 1}]},
        {"items": [{"timestamp": "2024030800", "views": -1}]},
        {"items": [{"timestamp": "2024030800", "views": "12"}]},
    ],
)
def test_malformed_answers_are_errors_never_no_data(body):
    with (
        client(scripted([httpx.Response(200, json=body)], [])) as c,
        pytest.raises(SourceError, match="malformed"),
    ):
        pageviews(c, SQ, "Tirana", D, D)


def test_a_truncated_answer_is_retried_then_an_error():
    answers: list[httpx.Response | Exception] = [httpx.Response(200, json={"items": []})]
    answers += [httpx.Response(200, content=b'{"items": [{"proj')] * 2
    with client(scripted(answers, []), max_attempts=2) as c:
        pageviews(c, SQ, "Tirana", D, D)  # the host has answered once: later faults are retried
        with pytest.raises(SourceError, match="malformed answer"):
            pageviews(c, SQ, "Tirana", D, D)


# ---------------------------------------------------------------------------------------------- caching


def test_missing_ranges():
    days = [date(2024, 3, d) for d in (9, 10, 13)]
    assert missing_ranges(days, date(2024, 3, 8), date(2024, 3, 14)) == [
        (date(2024, 3, 8), date(2024, 3, 8)),
        (date(2024, 3, 11), date(2024, 3, 12)),
        (date(2024, 3, 14), date(2024, 3, 14)),
    ]
    assert missing_ranges(days, date(2024, 3, 9), date(2024, 3, 10)) == []
    assert missing_ranges([], D, D) == [(D, D)]
    assert missing_ranges([], D, date(2024, 3, 7)) == []


def test_only_missing_days_are_fetched_and_settled_gaps_become_zeros():
    seen: list[httpx.Request] = []
    known = {date(2024, 3, 9), date(2024, 3, 10), date(2024, 3, 11)}
    answers = {
        "2024030800/2024030800": {
            "items": [{"timestamp": "2024030800", "views": 41, "project": "sq.wikipedia"}]
        },
        "2024031200/2024031500": {"items": [{"timestamp": "2024031300", "views": 5}]},
    }

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        tail = "/".join(str(request.url).rsplit("/", 2)[-2:])
        return httpx.Response(200, json=answers[tail])

    with client(httpx.MockTransport(handler)) as c:
        rows = fetch_missing(c, SQ, "Tirana", D, date(2024, 3, 15), known, settled_before=date(2024, 3, 14))
    assert len(seen) == 2  # 8 March, then 12–15 March: the known days are not asked again
    # 12 March is settled and absent: 0 views. 14–15 March are not settled yet: asked again next time.
    assert rows == [(D, 41), (date(2024, 3, 12), 0), (date(2024, 3, 13), 5)]


def test_a_range_without_data_is_all_zeros_once_settled():
    with client(recorded([])) as c:
        rows = fetch_missing(c, SQ, "Zana", D, date(2024, 3, 10), set(), settled_before=date(2024, 3, 10))
    assert rows == [(D, 0), (date(2024, 3, 9), 0)]


def test_nothing_missing_means_no_request():
    seen: list[httpx.Request] = []
    with client(scripted([], seen)) as c:
        assert fetch_missing(c, SQ, "Tirana", D, D, {D}, settled_before=D) == []
    assert seen == []


@pytest.mark.parametrize(
    "answer",
    [
        httpx.Response(400, json={"type": "x", "title": "Bad\nrequest\x1b]0;pwned\x07" + "y" * 100_000}),
        httpx.Response(200, json={"items": [{"timestamp": "2024031000", "views": "many\n" * 20_000}]}),
    ],
    ids=["problem-title", "malformed-item"],
)
def test_what_the_server_sent_is_shown_in_one_short_line(answer):
    with client(scripted([answer], [])) as c, pytest.raises(SourceError) as raised:
        pageviews(c, SQ, "Tirana", D, D)
    text = str(raised.value)
    assert "\n" not in text and "\x1b" not in text and len(text) < 500, text[:600]
    assert text.startswith(
        "https://wikimedia.org/api/rest_v1/metrics/pageviews/per-article/sq.wikipedia.org/"
    )
