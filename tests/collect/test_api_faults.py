"""The API client against misbehaving servers on 127.0.0.1 (tests/fault_servers.py): every fault ends as one
line naming the wiki (its API URL), within the configured limits, never as a traceback or a hang.

The limits are made small here (a 1 s deadline, 1 MiB answers, 20-request listings) so each test runs in
about a second; the time asserts are generous hang guards, not speed checks."""

from __future__ import annotations

import os
import random
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

import pytest
from fault_servers import (
    answer,
    dribble,
    endless_continuation,
    gzip_bomb,
    huge_body,
    redirect_loop,
    repeating_continuation,
    reset,
    script,
    serving,
    status,
)

from wikitally.collect.addresses import Allowance, Guard, check_campaign
from wikitally.collect.api import ApiSession, Limits
from wikitally.collect.reader import WikiReader
from wikitally.errors import AddressError, SourceError
from wikitally.model import Campaign
from wikitally.services import collection
from wikitally.store import open_store

SMALL = Limits(
    timeout_s=2.0, deadline_s=1.0, max_body_bytes=1024 * 1024, max_redirects=5, min_listing_requests=20
)
OK = {"batchcomplete": True, "query": {"x": 1}}
HANG_GUARD_S = 15.0


def session(api: str, sleeps: list[float] | None = None, **kw: object) -> ApiSession:
    kw.setdefault("limits", SMALL)
    kw.setdefault("max_attempts", 2)
    return ApiSession(
        api,
        sleep=(sleeps if sleeps is not None else []).append,
        rng=random.Random(8),
        contact="tests@example.org",
        **kw,  # type: ignore[arg-type]
    )


def one_line_naming(error: SourceError, api: str) -> str:
    text = str(error)
    assert "\n" not in text and text.startswith(api), text
    return text


def test_a_redirect_loop_is_one_error_naming_the_wiki():
    with serving(redirect_loop) as server, session(server.api) as s, pytest.raises(SourceError) as raised:
        s.get({"meta": "siteinfo"})
    assert "redirect" in one_line_naming(raised.value, server.api)
    assert len(server.requests) == 1 + SMALL.max_redirects  # no retry: a loop stays a loop


def test_a_redirect_to_another_scheme_is_one_line():
    to_ftp = status(302, {"Location": "ftp://127.0.0.1/w/api.php"})
    with serving(to_ftp) as server, session(server.api) as s, pytest.raises(SourceError) as raised:
        s.get({"meta": "siteinfo"})
    assert "not a usable URL" in one_line_naming(raised.value, server.api)
    assert len(server.requests) == 1


@pytest.mark.parametrize("headers_too", [False, True], ids=["body", "headers"])
def test_a_server_dribbling_bytes_is_cut_at_the_deadline(headers_too):
    body = b'{"batchcomplete": true, "query": {"x": 1}}'  # 43 bytes at 0.15 s: 6.5 s unbounded
    started = time.monotonic()
    with (
        serving(dribble(body, 0.15, headers_too)) as server,
        session(server.api) as s,
        pytest.raises(SourceError) as raised,
    ):
        s.get({"meta": "siteinfo"})
    elapsed = time.monotonic() - started
    assert "took longer than 1 s; gave up after 2 attempts" in one_line_naming(raised.value, server.api)
    assert len(server.requests) == 2
    assert elapsed < HANG_GUARD_S


def test_a_guarded_session_the_web_worker_uses_is_cut_at_the_deadline_too(monkeypatch):
    """Campaigns defined on the web go through the address guard's own transport: the deadline holds there."""
    monkeypatch.setattr(urllib.request, "getproxies", dict)  # the guard connects itself (no proxy)
    guard = Guard(Allowance.parse("127.0.0.1"), lambda host, port: [host])
    body = b'{"batchcomplete": true, "query": {"x": 1}}'
    started = time.monotonic()
    with serving(dribble(body, 0.15, headers_too=True)) as server, session(server.api, guard=guard) as s:
        assert guard.transport() is not None
        with pytest.raises(SourceError) as raised:
            s.get({"meta": "siteinfo"})
    assert "took longer than 1 s" in one_line_naming(raised.value, server.api)
    assert time.monotonic() - started < HANG_GUARD_S  # cut in the headers, not after them


def test_a_slow_but_whole_answer_within_the_deadline_is_read():
    body = b'{"batchcomplete": true, "query": {"x": 1}}'
    with serving(dribble(body, 0.001)) as server, session(server.api) as s:
        assert s.get({"meta": "siteinfo"}) == OK


def test_an_endless_continuation_stops_at_the_listing_bound():
    with (
        serving(endless_continuation) as server,
        session(server.api) as s,
        pytest.raises(SourceError) as raised,
    ):
        for _ in s.query_all({"list": "recentchanges"}):
            pass
    assert "a listing still continues after 20 requests" in one_line_naming(raised.value, server.api)
    assert len(server.requests) == 20


def test_the_listing_bound_follows_the_wikis_statistics():
    """edits 3,000 + pages 1,500, doubled for log rows: 9,000 rows, 500 a request → 19 requests at most."""
    siteinfo = {
        "curtimestamp": "2024-03-08T00:00:00Z",
        "query": {
            "general": {},
            "namespaces": {"0": {"id": 0, "name": "", "content": True}},
            "statistics": {"edits": 3000, "pages": 1500},
            "recentchanges": [{"type": "edit", "rcid": 77}],
        },
    }
    scenario = script(answer(siteinfo), endless_continuation)
    limits = Limits(deadline_s=2.0, min_listing_requests=5)
    with serving(scenario) as server, session(server.api, limits=limits) as s:
        reader = WikiReader(s, "xx.example.org")
        assert reader.siteinfo()[2] == 77
        start = datetime(2024, 3, 8, tzinfo=UTC)
        with pytest.raises(SourceError) as raised:
            list(reader.recent_changes(start, None))
    text = one_line_naming(raised.value, server.api)
    assert "after 19 requests, more than the 9,000 rows this wiki can hold" in text
    assert len(server.requests) == 1 + 19


def test_a_continuation_that_comes_back_is_an_error():
    with (
        serving(repeating_continuation) as server,
        session(server.api) as s,
        pytest.raises(SourceError) as raised,
    ):
        list(s.query_all({"list": "recentchanges"}))
    assert "continuation does not advance" in one_line_naming(raised.value, server.api)
    assert len(server.requests) == 3  # A, B, then A again


@pytest.mark.parametrize("chunked", [False, True], ids=["content-length", "chunked"])
def test_a_huge_answer_is_refused_without_reading_it_all(chunked):
    started = time.monotonic()
    with (
        serving(huge_body(2 * 1024**3, chunked)) as server,
        session(server.api) as s,
        pytest.raises(SourceError) as raised,
    ):
        s.get({"list": "recentchanges"})
    assert "larger than 1 MiB" in one_line_naming(raised.value, server.api)
    assert len(server.requests) == 1  # not retried: it would be as large again
    assert time.monotonic() - started < HANG_GUARD_S


def test_a_gzip_bomb_is_stopped_as_it_inflates():
    with (
        serving(gzip_bomb(32 * 1024 * 1024)) as server,
        session(server.api) as s,
        pytest.raises(SourceError) as raised,
    ):
        s.get({"list": "recentchanges"})
    assert "larger than 1 MiB" in one_line_naming(raised.value, server.api)


def test_server_errors_then_an_answer():
    with serving(script(status(503), status(502), answer(OK))) as server:
        sleeps: list[float] = []
        with session(server.api, sleeps, max_attempts=3) as s:
            assert s.get({"list": "recentchanges"}) == OK
    assert len(server.requests) == 3
    # this call's first and second back-off: 1 s and 2 s, each jittered into [half, whole)
    assert 0.5 <= sleeps[0] < 1.0 and 1.0 <= sleeps[1] < 2.0


MAXLAG = {"error": {"code": "maxlag", "info": "Waiting for 10.64.0.7: 7 seconds lagged."}}


def test_maxlag_with_retry_after_in_seconds():
    with serving(script(answer(MAXLAG, {"Retry-After": "7"}), answer(OK))) as server:
        sleeps: list[float] = []
        with session(server.api, sleeps) as s:
            assert s.get({"meta": "siteinfo"}) == OK
    assert sleeps == [7.0]


def test_maxlag_with_retry_after_as_an_http_date():
    """The date is read against the answer's own Date header: a server clock apart from ours doesn't matter."""
    server_now = datetime(2024, 3, 8, 12, 0, 0, tzinfo=UTC)
    headers = {
        "Date": format_datetime(server_now, usegmt=True),
        "Retry-After": format_datetime(server_now + timedelta(seconds=9), usegmt=True),
    }
    with serving(script(answer(MAXLAG, headers), answer(OK))) as server:
        sleeps: list[float] = []
        with session(server.api, sleeps) as s:
            assert s.get({"meta": "siteinfo"}) == OK
    assert sleeps == [9.0]


def test_a_connection_reset_is_retried():
    with serving(script(answer(OK), reset, answer(OK))) as server:
        sleeps: list[float] = []
        with session(server.api, sleeps) as s:
            assert s.get({"meta": "siteinfo"}) == OK
            assert s.get({"list": "recentchanges"}) == OK
    assert len(server.requests) == 3 and len(sleeps) == 1


def test_connections_reset_every_time_give_up_with_one_line():
    with serving(script(answer(OK), reset)) as server, session(server.api, max_attempts=3) as s:
        s.get({"meta": "siteinfo"})
        with pytest.raises(SourceError) as raised:
            s.get({"list": "recentchanges"})
    assert "connection failed" in one_line_naming(raised.value, server.api)
    assert "gave up after 3 attempts" in str(raised.value)


# -- a collection and the CLI over a faulty wiki: one line, nothing half-stored

SITEINFO = {
    "curtimestamp": "2024-03-20T00:00:00Z",
    "query": {
        "general": {},
        "namespaces": {"0": {"id": 0, "name": "", "content": True}, "6": {"id": 6, "name": "File"}},
        "statistics": {"edits": 100, "pages": 10},
        "recentchanges": [{"type": "edit", "rcid": 7}],
    },
}


def campaign_on(api: str) -> Campaign:
    return Campaign(
        name="Faults",
        start=datetime(2024, 3, 8, tzinfo=UTC),
        end=datetime(2024, 3, 15, tzinfo=UTC),
        wikis=("xx.example.org",),
        participants=("Ana",),
        api={"xx.example.org": api},
    )


@pytest.mark.parametrize(
    "fault",
    [endless_continuation, redirect_loop, huge_body(4 * 1024 * 1024)],
    ids=["endless-continuation", "redirect-loop", "huge-answer"],
)
def test_a_collection_over_a_faulty_listing_fails_with_one_line_and_stores_no_listing(fault, tmp_path):
    store = open_store(str(tmp_path / "store.sqlite3"))
    with serving(script(answer(SITEINFO), fault)) as server:
        campaign = campaign_on(server.api)
        sessions = collection.session_factory(sleep=lambda s: None, limits=SMALL)
        with pytest.raises(SourceError) as raised:
            collection.collect(campaign, store, sessions)
    one_line_naming(raised.value, server.api)
    assert store.wiki_state(campaign, "xx.example.org") is None  # no watermark: the next run starts over
    counts = store.counts(campaign)
    assert (counts["revision"], counts["page"], counts["content_facts"]) == (0, 0, 0)


def test_the_cli_reports_a_redirect_loop_in_one_line(tmp_path):
    with serving(script(answer(SITEINFO), redirect_loop)) as server:
        path = tmp_path / "faults.toml"
        path.write_text(
            'name = "Faults"\nstart = 2024-03-08T00:00:00Z\nend = 2024-03-15T00:00:00Z\n'
            f'wikis = ["xx.example.org"]\nparticipants = ["Ana"]\n[api]\n"xx.example.org" = "{server.api}"\n'
        )
        env = dict(
            os.environ, WIKITALLY_DB=str(tmp_path / "db.sqlite3"), WIKITALLY_CONTACT="tests@example.org"
        )
        done = subprocess.run(
            [str(Path(sys.executable).parent / "wikitally"), "collect", str(path), "--quiet"],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
        )
    assert done.returncode == 1, done.stderr
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert server.api in done.stderr and "redirect" in done.stderr


def test_a_wiki_that_answers_no_api_names_both_ways_to_give_its_address(tmp_path):
    """A page that isn't api.php (here: an HTML error page): the fix names the campaign file's [api] entry and
    the web form's "API addresses" field, where an organizer on the web fixes it."""
    from wikitally.errors import CampaignFileError

    store = open_store(str(tmp_path / "store.sqlite3"))
    with serving(script(status(404))) as server:
        campaign = campaign_on(server.api)
        sessions = collection.session_factory(sleep=lambda s: None, limits=SMALL)
        with pytest.raises(CampaignFileError) as raised:
            collection.collect(campaign, store, sessions)
    line = str(raised.value)
    assert "xx.example.org gave no API answer" in line and "\n" not in line
    assert '[api] "xx.example.org" = "https://…/api.php"' in line and 'the "API addresses" field' in line


def _stuck_lookups(monkeypatch: pytest.MonkeyPatch, host: str) -> threading.Event:
    """socket.getaddrinfo hangs for `host` (as a broken resolver does) until the returned event is set; other
    names resolve as usual."""
    release = threading.Event()
    real = socket.getaddrinfo

    def getaddrinfo(name, *args, **kwargs):
        if name == host:
            release.wait(HANG_GUARD_S * 2)
            name = "127.0.0.1"
        return real(name, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return release


def test_a_host_lookup_that_hangs_is_cut_at_the_deadline(monkeypatch):
    """getaddrinfo takes no timeout: a stuck resolver must not hold a collection past the deadline."""
    monkeypatch.setattr(urllib.request, "getproxies", dict)
    release = _stuck_lookups(monkeypatch, "stuck.example")
    started = time.monotonic()
    try:
        with serving(answer(OK)) as server:
            api = server.api.replace("127.0.0.1", "stuck.example")
            with session(api) as s, pytest.raises(SourceError) as raised:
                s.get({"meta": "siteinfo"})
    finally:
        release.set()
    assert "took longer than 1 s; gave up after 2 attempts" in one_line_naming(raised.value, api)
    assert server.requests == []
    assert time.monotonic() - started < HANG_GUARD_S


def test_a_guarded_lookup_that_hangs_is_cut_at_the_deadline_too(monkeypatch):
    monkeypatch.setattr(urllib.request, "getproxies", dict)
    release = threading.Event()
    guard = Guard(
        Allowance.parse("stuck.example"), lambda host, port: ["127.0.0.1"] if release.wait(30) else []
    )
    try:
        with serving(answer(OK)) as server:
            api = server.api.replace("127.0.0.1", "stuck.example")
            with session(api, guard=guard) as s, pytest.raises(SourceError) as raised:
                s.get({"meta": "siteinfo"})
    finally:
        release.set()
    assert "took longer than 1 s" in one_line_naming(raised.value, api)


def test_a_campaign_whose_host_lookup_hangs_is_one_line_naming_the_field():
    release = threading.Event()
    guard = Guard(Allowance(), lambda host, port: ["203.0.113.9"] if release.wait(30) else [])
    campaign = Campaign(
        name="Slow DNS",
        wikis=("slow.example",),
        start=datetime(2026, 1, 1, tzinfo=UTC),
        end=datetime(2026, 1, 2, tzinfo=UTC),
        participants=("Ann",),
        source="slow.toml",
    )
    try:
        with pytest.raises(AddressError) as raised:
            check_campaign(campaign, guard, lookup_timeout_s=0.2)
    finally:
        release.set()
    assert str(raised.value) == (
        "slow.toml: wikis: this server may not fetch https://slow.example/w/api.php: looking up its host took "
        "longer than 0.2 s; try again later, or check the address's host name"
    )
