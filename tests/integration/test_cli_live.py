"""The command line against real wikis (and a real PostgreSQL): exit codes, one-line errors, filters."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from wikis import LocalWiki

from wikitally.campaign_file import load_campaign
from wikitally.metrics.outcome import compute
from wikitally.services import collection
from wikitally.store import open_store

pytestmark = pytest.mark.wiki
WIKITALLY = [sys.executable, "-m", "wikitally.cli"]


def now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


def campaign_file(tmp_path: Path, wikis: list[LocalWiki], start: datetime, body: str) -> Path:
    api = "\n".join(f'"{w.domain}" = "{w.api}"' for w in wikis)
    domains = ", ".join(f'"{w.domain}"' for w in wikis)
    text = (
        f'name = "CLI {tmp_path.name}"\nstart = {start.isoformat()}\nend = {(start + timedelta(days=1)).isoformat()}\n'
        f"wikis = [{domains}]\n{body}\n[api]\n{api}\n"
    )
    path = tmp_path / "campaign.toml"
    path.write_text(text, encoding="utf-8")
    return path


def wikitally(*args: str, db: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, WIKITALLY_DB=db, WIKITALLY_CONTACT="tests@wikitally.invalid")
    return subprocess.run([*WIKITALLY, *args], capture_output=True, text=True, env=env, timeout=300)


def test_report_json_and_csv_through_the_cli(tmp_path, wiki_a):
    start = now() - timedelta(minutes=1)
    user = wiki_a.create_user("Cli Writer")
    user.edit("Cli Article", "Cli article text has five words.<ref>Source.</ref>", summary="new")
    path = campaign_file(tmp_path, [wiki_a], start, 'participants = ["cli_Writer"]')
    db = str(tmp_path / "cli.sqlite3")
    done = wikitally("report", str(path), "--format", "json", "--quiet", db=db)
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert out["totals"]["edits"] == 1 and out["totals"]["words_added"] == 6
    assert out["totals"]["references_added"] == 1 and out["totals"]["articles_created"] == 1
    csv = wikitally("report", str(path), "--format", "csv", "--no-collect", db=db)
    assert csv.returncode == 0 and csv.stdout.splitlines()[0].startswith("scope,name,participants")
    table = wikitally("report", str(path), "--no-collect", db=db)
    assert "Words added" in table.stdout and "Cli Writer" in table.stdout


@pytest.mark.postgres
def test_postgresql_store_gives_the_same_outcome(tmp_path, wiki_a):
    pg = os.environ.get("WIKITALLY_TEST_PG_URL")
    if not pg:
        pytest.skip("WIKITALLY_TEST_PG_URL is not set")
    start = now() - timedelta(minutes=1)
    user = wiki_a.create_user("Pg Writer")
    user.edit("Pg Article", "Stored in PostgreSQL.<ref>PG docs.</ref>")
    user.edit("Pg Article", "Stored in PostgreSQL, really.<ref>PG docs.</ref><ref>More.</ref>")
    path = campaign_file(tmp_path, [wiki_a], start, 'participants = ["Pg Writer"]')
    lite = wikitally("report", str(path), "--format", "json", "-q", db=str(tmp_path / "x.sqlite3"))
    post = wikitally("report", str(path), "--format", "json", "-q", db=pg)
    again = wikitally("report", str(path), "--format", "json", "-q", db=pg)
    assert lite.returncode == post.returncode == again.returncode == 0, post.stderr
    totals = [json.loads(p.stdout)["totals"] for p in (lite, post, again)]
    assert totals[0] == totals[1] == totals[2]
    assert totals[0]["edits"] == 2 and totals[0]["references_added"] == 2 and totals[0]["words_added"] == 4


@pytest.mark.parametrize(
    ("body", "api", "field"),
    [
        ('participants = ["X"]\nnamespaces = [0, 4242]', None, "namespaces"),
        ('participants = ["X"]', "/no-such-api.php", "wikis"),  # it answers, but is no API
        ('participants_page = "a.wiki.test:No such participants page"', None, "participants_page"),
    ],
)
def test_campaign_errors_that_need_the_wiki_are_one_line_exit_2(tmp_path, wiki_a, body, api, field):
    path = campaign_file(tmp_path, [wiki_a], now(), body)
    if api:
        path.write_text(path.read_text().replace(wiki_a.api, wiki_a.api.replace("/api.php", api)))
    done = wikitally("collect", str(path), "-q", db=str(tmp_path / "e.sqlite3"))
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in done.stderr
    assert lines[0].startswith(f"wikitally: {path}: {field}:")


def test_a_wiki_that_is_down_is_a_source_error_naming_it(tmp_path, wiki_a):
    path = campaign_file(tmp_path, [wiki_a], now(), 'participants = ["X"]')
    path.write_text(path.read_text().replace(wiki_a.api, "http://127.0.0.1:9/api.php"))  # nothing listens
    done = wikitally("collect", str(path), "-q", db=str(tmp_path / "e.sqlite3"))
    assert done.returncode == 1, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in done.stderr
    assert lines[0].startswith(f"wikitally: {wiki_a.domain} is unreachable at http://127.0.0.1:9/api.php (")
    assert str(path) not in lines[0]  # the file is not to blame


def test_bad_file_is_one_line_exit_2(tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text('name = "x"\nstart = 2024-03-08\n')
    done = wikitally("report", str(path), db=str(tmp_path / "b.sqlite3"))
    assert done.returncode == 2 and len(done.stderr.strip().splitlines()) == 1
    assert "Traceback" not in done.stderr


def test_participants_page_hashtags_and_users_that_do_not_exist(tmp_path, wiki_a):
    start = now() - timedelta(minutes=1)
    admin = wiki_a.admin()
    one, two = wiki_a.create_user("Page Listed One"), wiki_a.create_user("Page Listed Two")
    admin.edit(
        "Project:Spine/Participants",
        "* [[User:Page Listed One]]\n* [[User:Page_Listed_Two|two]]\n* [[User:Never Registered Person]]",
    )
    one.edit("Page Hashtag A", "Counted words here. #notahashtag", summary="writing #PageGap")
    one.edit("Page Hashtag B", "Not counted: no hashtag.", summary="writing #PageGap2")
    two.edit("Page Hashtag C", "Counted too.", summary="#pagegap: start")
    path = campaign_file(
        tmp_path,
        [wiki_a],
        start,
        'participants_page = "a.wiki.test:Project:Spine/Participants"\nhashtags = ["#PageGap"]',
    )
    campaign = load_campaign(path)
    store = open_store(str(tmp_path / "p.sqlite3"))
    summary = collection.collect(campaign, store, collection.session_factory())
    assert summary.participants == {"Page Listed One", "Page Listed Two", "Never Registered Person"}
    out = compute(store.snapshot(campaign), store.participants(campaign), now())
    assert out.totals["edits"] == 2 and out.totals["participants"] == 2
    assert out.totals["words_added"] == 4 + 2  # "Counted words here notahashtag", "Counted too"
    assert out.totals["new_editors"] == 2


def test_hashtag_campaign_without_participants_uses_recent_changes(tmp_path, wiki_a):
    start = now() - timedelta(minutes=1)
    a, b = wiki_a.create_user("Rc Anyone One"), wiki_a.create_user("Rc Anyone Two")
    a.edit("Rc Article One", "First article.", summary="#RcDrive start")
    b.edit("Rc Article Two", "Second one here.", summary="done #rcdrive")
    b.edit("Rc Article Three", "Not this.", summary="#RcDriveX")
    a.upload("Rc upload.png", comment="photo for #RcDrive")
    b.upload("Rc other.png", comment="no hashtag")
    path = campaign_file(tmp_path, [wiki_a], start, 'hashtags = ["#RcDrive"]')
    campaign = load_campaign(path)
    store = open_store(str(tmp_path / "rc.sqlite3"))
    collection.collect(campaign, store, collection.session_factory())
    out = compute(store.snapshot(campaign), store.participants(campaign), now())
    t = out.totals
    assert (t["edits"], t["participants"], t["articles_created"], t["words_added"]) == (2, 2, 2, 2 + 3)
    assert (t["uploads"], t["uploads_in_use"]) == (1, 0)
    again = collection.collect(campaign, store, collection.session_factory())
    assert all(ws.mode == "refresh" for ws in again.wikis.values())


def test_ip_participant(tmp_path, wiki_a):
    start = now() - timedelta(seconds=2)
    anon = httpx.Client(headers={"User-Agent": "wikitally-tests/0.1"})
    token = anon.get(wiki_a.api, params={"action": "query", "meta": "tokens", "format": "json"}).json()
    anon.post(
        wiki_a.api,
        data={
            "action": "edit",
            "title": "Ip Article",
            "text": "Written by an address.",
            "token": token["query"]["tokens"]["csrftoken"],
            "format": "json",
        },
    ).raise_for_status()
    path = campaign_file(tmp_path, [wiki_a], start, 'participants = ["127.0.0.1"]')
    campaign = load_campaign(path)
    store = open_store(str(tmp_path / "ip.sqlite3"))
    collection.collect(campaign, store, collection.session_factory())
    out = compute(store.snapshot(campaign), store.participants(campaign), now())
    assert out.totals["edits"] >= 1 and out.totals["new_editors"] == 0
    assert {a["title"] for a in out.articles} >= {"Ip Article"}


class FaultyTransport(httpx.BaseTransport):
    """The real wiki behind a flaky network: 503 + Retry-After, timeouts, truncated bodies, maxlag."""

    def __init__(self) -> None:
        self.inner = httpx.HTTPTransport()
        self.n = 0

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.n += 1
        if self.n == 1:
            return self.inner.handle_request(request)  # siteinfo: the wiki answers once, so it exists
        fault = self.n % 5
        if fault == 0:
            return httpx.Response(503, headers={"Retry-After": "2"}, text="busy")
        if fault == 2:
            raise httpx.ReadTimeout("injected timeout", request=request)
        if fault == 3:
            real = self.inner.handle_request(request)
            body = real.read()
            return httpx.Response(200, content=body[: len(body) // 2])  # truncated mid-answer
        if fault == 4:
            lag = {"error": {"code": "maxlag", "info": "Waiting for 10.64.0.1: 6 seconds lagged"}}
            return httpx.Response(200, json=lag, headers={"Retry-After": "1"})
        return self.inner.handle_request(request)


def test_faults_lose_and_double_nothing(tmp_path, wiki_a):
    start = now() - timedelta(minutes=1)
    user = wiki_a.create_user("Fault Writer")
    for i in range(12):
        user.edit(
            f"Fault Article {i % 4}", f"Fault text number {i} with words.<ref>R{i}.</ref>" * (1 + i % 3)
        )
    path = campaign_file(tmp_path, [wiki_a], start, 'participants = ["Fault Writer"]')
    campaign = load_campaign(path)
    clean_store = open_store(str(tmp_path / "clean.sqlite3"))
    collection.collect(campaign, clean_store, collection.session_factory())
    flaky_store = open_store(str(tmp_path / "flaky.sqlite3"))
    sleeps: list[float] = []
    summary = collection.collect(
        campaign, flaky_store, collection.session_factory(transport=FaultyTransport(), sleep=sleeps.append)
    )
    clean = compute(clean_store.snapshot(campaign), clean_store.participants(campaign), start).as_json()
    flaky = compute(flaky_store.snapshot(campaign), flaky_store.participants(campaign), start).as_json()
    assert flaky == clean
    assert clean["totals"]["edits"] == 12
    assert 2.0 in sleeps and 1.0 in sleeps  # Retry-After honoured for 503 and maxlag
    assert summary.wikis[wiki_a.domain].requests > 6


def test_user_hidden_revisions_do_not_count_and_progress_is_shown(tmp_path, wiki_a):
    start = now() - timedelta(minutes=1)
    user = wiki_a.create_user("Hidden Author")
    first = user.edit("Hidden Article", "One two three.")
    user.edit("Hidden Article", "One two three four.")
    wiki_a.admin().edit("Hidden Article", "One two three four five.")
    wiki_a.admin().hide_revision(first, text=False, user=True)
    path = campaign_file(tmp_path, [wiki_a], start, 'participants = ["Hidden Author"]')
    done = wikitally("report", str(path), "--format", "json", db=str(tmp_path / "h.sqlite3"))
    assert done.returncode == 0, done.stderr
    totals = json.loads(done.stdout)["totals"]
    # the page's creation is no longer attributable to anyone: one counted edit, an improvement
    assert (totals["edits"], totals["articles_created"], totals["articles_improved"]) == (1, 0, 1)
    assert "requests" in done.stderr and "rows" in done.stderr  # the progress bar, on stderr


def test_wikitext_report_in_serbian_and_its_bad_inputs(tmp_path, wiki_a, monkeypatch):
    start = now() - timedelta(minutes=1)
    user = wiki_a.create_user("Wikitext Writer")
    user.edit("Wikitext Article", "Десет речи.{{coord|44.8|20.46}}<ref>Извор.</ref>")
    path = campaign_file(tmp_path, [wiki_a], start, 'participants = ["Wikitext Writer"]\nlanguage = "sr"')
    db = str(tmp_path / "w.sqlite3")
    empty = wikitally("report", str(path), "--format", "wikitext", "--no-collect", db=db)
    assert empty.returncode == 2 and "nothing collected yet" in empty.stderr
    assert len(empty.stderr.strip().splitlines()) == 1
    bad = wikitally("report", str(path), "--format", "wikitext", "--lang", "xx", db=db)
    assert bad.returncode == 2 and "no catalogue" in bad.stderr
    monkeypatch.setenv("WIKITALLY_WIKIDATA_API", "off")
    done = wikitally("report", str(path), "--format", "wikitext", "-q", db=db)
    assert done.returncode == 0, done.stderr
    assert '{| class="wikitable sortable"' in done.stdout and "<mapframe" in done.stdout
    assert "[20.46, 44.8]" in done.stdout  # the article's {{coord}}, as GeoJSON [lon, lat]
    assert "Wikitext Article" in done.stdout


def test_certificates_command_writes_one_pdf_per_participant(tmp_path, wiki_a):
    from pypdf import PdfReader

    start = now() - timedelta(minutes=1)
    for name in ("Cert Writer", "Сертификат Писац"):
        wiki_a.create_user(name).edit(f"Cert {name}", "Words for a certificate.")
    path = campaign_file(
        tmp_path,
        [wiki_a],
        start,
        'participants = ["Cert Writer", "Сертификат Писац", "Cert Idle"]\nlanguage = "sr"',
    )
    out = tmp_path / "pdf"
    done = wikitally(
        "certificates", str(path), "--out", str(out), "--organizer", "Org", "-q", db=str(tmp_path / "c.db")
    )
    assert done.returncode == 0, done.stderr
    pdfs = sorted(out.glob("*.pdf"))
    assert len(pdfs) == 2  # counted participants only, not the idle enrolled one
    text = " ".join(PdfReader(str(p)).pages[0].extract_text() for p in pdfs)
    assert "Сертификат Писац" in text and "Cert Writer" in text and "1 измена" in text


def test_the_widest_window_a_campaign_file_allows_collects(tmp_path, wiki_a):
    user = wiki_a.create_user("Cli Wide")
    user.edit("Cli Wide Article", "Written inside the widest window.")
    path = campaign_file(tmp_path, [wiki_a], now(), 'participants = ["Cli Wide"]')
    text = path.read_text()
    lines = [
        "start = 2001-01-01T00:00:00Z" if line.startswith("start =") else line for line in text.splitlines()
    ]
    lines = ["end = 9999-12-31T18:59:59-05:00" if line.startswith("end =") else line for line in lines]
    path.write_text("\n".join(lines) + "\n")
    done = wikitally("report", str(path), "--format", "json", "--quiet", db=str(tmp_path / "w.sqlite3"))
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["totals"]["edits"] == 1
    for end in ("9999-12-31T23:59:59-05:00", "10000-01-01T00:00:00Z"):
        path.write_text(
            "\n".join(f"end = {end}" if line.startswith("end =") else line for line in lines) + "\n"
        )
        refused = wikitally("report", str(path), "--quiet", db=str(tmp_path / "w.sqlite3"))
        assert refused.returncode == 2 and len(refused.stderr.strip().splitlines()) == 1, refused.stderr


def test_a_name_only_the_wiki_refuses_is_a_campaign_file_error(tmp_path, wiki_a):
    namespaces = wiki_a.api_get(action="query", meta="siteinfo", siprop="namespaces")["query"]["namespaces"]
    name = f"{namespaces['4']['name']}:Somebody"  # the project namespace, named after this wiki
    path = campaign_file(tmp_path, [wiki_a], now(), f'participants = ["Real One", "{name}"]')
    done = wikitally("collect", str(path), "-q", db=str(tmp_path / "n.sqlite3"))
    assert done.returncode == 2, done.stderr
    (line,) = done.stderr.strip().splitlines()
    assert line.startswith(f"wikitally: {path}: participants: the wiki refuses a name (") and name in line
