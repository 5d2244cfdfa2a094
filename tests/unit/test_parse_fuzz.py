"""Fuzzing the API answer parsers (collect/parse.py and the readers over them): any JSON a server may send,
random or a real answer with parts replaced, gives a model object or a SourceError — never another exception;
through a WikiReader, that SourceError is one line naming the wiki.

A seeded corpus (deterministic, a few seconds): random JSON values, and real-format answers mutated at
random places (a value replaced by random JSON, a key dropped, an object put in a list). The readers'
own row handling (log rows, file usage, links) is reached through WikiReader over scripted answers."""

from __future__ import annotations

import copy
import json
import random
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest

from wikitally.collect import parse
from wikitally.collect.api import ApiSession
from wikitally.collect.reader import WikiReader, content_of, pages_of, rows_of
from wikitally.errors import SourceError

SEED = 20240308
ROUNDS = 1200
WIKI = "xx.wikipedia.org"
API = f"https://{WIKI}/w/api.php"


def random_json(rng: random.Random, depth: int = 0) -> Any:
    kinds = ["null", "bool", "int", "float", "str", "list", "dict"] if depth < 3 else ["null", "int", "str"]
    kind = rng.choice(kinds)
    if kind == "null":
        return None
    if kind == "bool":
        return rng.random() < 0.5
    if kind == "int":
        return rng.choice([0, 1, -1, 2**63, -(2**70), rng.randint(-1000, 10**9)])
    if kind == "float":
        return rng.choice([0.5, -1e308, 1e308, float("1e-300")])
    if kind == "str":
        return rng.choice(["", "x", "2024-03-08T10:00:00Z", "2024-13-45T99:99:99Z", "\U000f0000", "0", "ns"])
    if kind == "list":
        return [random_json(rng, depth + 1) for _ in range(rng.randint(0, 3))]
    keys = [
        "query",
        "continue",
        "pages",
        "revisions",
        "slots",
        "main",
        "content",
        "revid",
        "ns",
        "title",
        "user",
        "timestamp",
        "tags",
        "name",
        "id",
        "namespaces",
        "missing",
        "logparams",
        "pageid",
    ]
    return {rng.choice(keys): random_json(rng, depth + 1) for _ in range(rng.randint(0, 4))}


def mutate(value: Any, rng: random.Random, rate: float = 0.15) -> Any:
    """A copy of value with random parts replaced, dropped or wrapped."""
    if rng.random() < rate:
        roll = rng.random()
        if roll < 0.6:
            return random_json(rng)
        if roll < 0.8:
            return [value]
        return None
    if isinstance(value, dict):
        out = {}
        for k, v in value.items():
            if rng.random() < rate / 2:
                continue  # dropped
            out[k] = mutate(v, rng, rate)
        return out
    if isinstance(value, list):
        return [mutate(v, rng, rate) for v in value]
    return value


CONTRIB = {
    "userid": 3, "user": "Ana", "pageid": 11, "revid": 101, "parentid": 0, "ns": 0, "title": "Alpha",
    "timestamp": "2024-03-08T10:00:00Z", "new": True, "minor": False, "top": True, "comment": "#WikiGap",
    "size": 120, "sizediff": 120, "tags": ["visualeditor"],
}  # fmt: skip
RC_EDIT = {
    "type": "edit", "ns": 0, "title": "Alpha", "pageid": 11, "revid": 102, "old_revid": 101, "rcid": 5,
    "user": "Besa", "oldlen": 120, "newlen": 150, "timestamp": "2024-03-08T11:00:00Z", "comment": "more",
    "tags": [],
}  # fmt: skip
RC_LOG = {
    "type": "log", "ns": 0, "title": "Alpha", "pageid": 11, "revid": 0, "old_revid": 0, "rcid": 6,
    "user": "Admin", "timestamp": "2024-03-08T12:00:00Z", "comment": "", "logtype": "move",
    "logaction": "move", "logparams": {"target_ns": 0, "target_title": "Beta"},
}  # fmt: skip
PAGE = {"pageid": 11, "ns": 0, "title": "Alpha", "redirect": False, "lastrevid": 102}
REV_PAGE = {
    **PAGE,
    "revisions": [
        {"revid": 102, "parentid": 101, "slots": {"main": {"contentmodel": "wikitext", "content": "Hi"}}}
    ],
}
USER = {"userid": 3, "name": "Ana", "registration": "2020-01-01T00:00:00Z"}
SITEINFO = {
    "batchcomplete": True,
    "curtimestamp": "2024-03-08T12:00:00Z",
    "query": {
        "general": {"sitename": "Wikipedia"},
        "namespaces": {"0": {"id": 0, "name": "", "content": True}, "2": {"id": 2, "name": "User"}},
        "extensions": [{"name": "Cite"}],
        "statistics": {"edits": 1000, "pages": 100},
        "recentchanges": [{"type": "edit", "rcid": 9}],
    },
}
FILE_PAGE = {
    "title": "File:A.png", "ns": 6, "pageid": 20,
    "imageinfo": [{"timestamp": "2024-03-08T10:00:00Z", "user": "Ana"}],
    "fileusage": [{"pageid": 11, "ns": 0, "title": "Alpha"}],
}  # fmt: skip

PARSERS = [
    ("contribution", lambda v: parse.contribution(WIKI, v), CONTRIB),
    ("recent_change", lambda v: parse.recent_change(WIKI, v), RC_EDIT),
    ("page_state", lambda v: parse.page_state(WIKI, v), PAGE),
    ("account", lambda v: parse.account(WIKI, v), USER),
    ("siteinfo", lambda v: parse.siteinfo(WIKI, v), SITEINFO),
    ("timestamp", parse.timestamp, "2024-03-08T10:00:00Z"),
    ("content_of", content_of, REV_PAGE["revisions"][0]),
    ("pages_of", pages_of, {"query": {"pages": [PAGE]}}),
    ("rows_of", lambda v: rows_of(v, "usercontribs"), {"usercontribs": [CONTRIB]}),
]


@pytest.mark.parametrize(("name", "parser", "valid"), PARSERS, ids=[p[0] for p in PARSERS])
def test_a_parser_gives_a_value_or_a_source_error(name, parser, valid):
    parser(copy.deepcopy(valid))  # the valid shape parses
    rng = random.Random(f"{SEED}-{name}")
    outcomes = {"parsed": 0, "refused": 0}
    for _ in range(ROUNDS):
        value = random_json(rng) if rng.random() < 0.3 else mutate(valid, rng)
        try:
            parser(value)
            outcomes["parsed"] += 1
        except SourceError:
            outcomes["refused"] += 1
    assert min(outcomes.values()) > 0, outcomes  # the corpus reaches both the good and the bad paths


def answers_of(valid: dict[str, Any], rng: random.Random, n: int) -> list[bytes]:
    return [json.dumps(mutate(valid, rng, 0.1)).encode() for _ in range(n)]


READS = [
    ("siteinfo", lambda r: r.siteinfo(), SITEINFO),
    (
        "contributions",
        lambda r: list(
            r.contributions(["Ana"], datetime(2024, 3, 1, tzinfo=UTC), datetime(2024, 4, 1, tzinfo=UTC), [0])
        ),
        {"batchcomplete": True, "query": {"usercontribs": [CONTRIB, CONTRIB]}},
    ),
    (
        "recent_changes",
        lambda r: list(r.recent_changes(datetime(2024, 3, 1, tzinfo=UTC), None)),
        {"batchcomplete": True, "query": {"recentchanges": [RC_EDIT, RC_LOG]}},
    ),
    ("pages", lambda r: list(r.pages([11, 12])), {"batchcomplete": True, "query": {"pages": [PAGE]}}),
    ("texts", lambda r: list(r.texts([102])), {"batchcomplete": True, "query": {"pages": [REV_PAGE]}}),
    ("accounts", lambda r: list(r.accounts(["Ana"])), {"batchcomplete": True, "query": {"users": [USER]}}),
    (
        "linked_users",
        lambda r: r.linked_users("Event:Participants"),
        {"batchcomplete": True, "query": {"pages": [{**PAGE, "links": [{"ns": 2, "title": "User:Ana"}]}]}},
    ),
    (
        "files",
        lambda r: list(r.files(["File:A.png"], False)),
        {"batchcomplete": True, "query": {"pages": [FILE_PAGE]}},
    ),
]


@pytest.mark.parametrize(("name", "read", "valid"), READS, ids=[r[0] for r in READS])
def test_a_reader_gives_values_or_a_source_error_on_any_answer(name, read, valid):
    rng = random.Random(f"{SEED}-read-{name}")
    outcomes = {"read": 0, "refused": 0}
    for _ in range(ROUNDS // 4):
        bodies = answers_of(valid, rng, 3)

        def handler(request: httpx.Request, bodies: list[bytes] = bodies) -> httpx.Response:
            return httpx.Response(200, content=bodies.pop(0) if bodies else b'{"batchcomplete": true}')

        transport = httpx.MockTransport(handler)
        with ApiSession(API, transport=transport, sleep=lambda s: None, max_attempts=1) as session:
            try:
                read(WikiReader(session, WIKI))
                outcomes["read"] += 1
            except SourceError as e:
                assert str(e).startswith((WIKI, API)) and "\n" not in str(e), str(
                    e
                )  # one line naming the wiki
                outcomes["refused"] += 1
    assert min(outcomes.values()) > 0, outcomes


@pytest.mark.parametrize("value", ["9" * 1_000_000, ["x"] * 100_000, "2024\n03\x1b"])
def test_a_malformed_timestamp_is_shown_short_and_on_one_line(value):
    with pytest.raises(SourceError) as raised:
        parse.timestamp(value)
    assert len(str(raised.value)) < 300 and "\n" not in str(raised.value) and "\x1b" not in str(raised.value)
