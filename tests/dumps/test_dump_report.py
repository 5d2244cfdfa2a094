"""`wikitally report FILE --source DIR`: the API path's metrics over dump facts, without any wiki.

The oracle here is independent of the ingest: mwxml reads the same dump, plain loops find identity reverts,
and the project's own metrics (compute, count_refs, words_added) count a Snapshot built from it."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import mwxml
import pytest
import synthetic
from click.testing import CliRunner

from wikitally.campaign_file import load_campaign
from wikitally.cli import main
from wikitally.metrics.outcome import compute
from wikitally.metrics.refs import count_refs
from wikitally.metrics.words import LinkNames, words_added
from wikitally.model import Account, ContentFacts, PageState, Revision, SiteInfo, Snapshot

SPEC = synthetic.Spec(pages=160, seed=31, hidden=True, users=12)
WIKI = "sr.wikipedia.org"


@pytest.fixture(scope="module")
def dump(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("d") / "srwiki.xml"
    with open(path, "wb") as f:
        synthetic.write(f, SPEC)
    return path


def _campaign(tmp_path: Path, body: str, days: int = 14) -> Path:
    start = SPEC.start + timedelta(days=1)
    path = tmp_path / "c.toml"
    path.write_text(
        f'name = "Dumps"\nstart = {start.isoformat()}\nend = {(start + timedelta(days=days)).isoformat()}\n'
        f'wikis = ["{WIKI}"]\n{body}\n',
        encoding="utf-8",
    )
    return path


def _oracle(dump: Path, campaign_path: Path) -> dict[str, Any]:
    campaign = load_campaign(str(campaign_path))
    names = LinkNames.of({k: (v,) for k, v in synthetic.NAMESPACES.items()})
    revisions, facts, pages, first = [], [], {}, {}
    reverted: set[int] = set()
    for page in mwxml.Dump.from_file(open(dump, "rb")):  # noqa: SIM115
        history: list[Any] = []
        for r in page:
            user = r.user.text if r.user else None
            ts = datetime.fromtimestamp(r.timestamp.unix(), UTC)
            if user and (WIKI, user) not in first:
                first[(WIKI, user)] = ts
            window = [h.sha1 for h in history[-15:]]
            if r.parent_id and r.sha1:
                for back, sha1 in enumerate(reversed(window)):
                    if sha1 == r.sha1:
                        if back:
                            reverted.update(h.id for h in history[len(history) - back :])
                        break
            parent = history[-1] if history else None
            text, parent_text = r.text or "", (parent.text or "") if parent else ""
            revisions.append((r, page, user, ts, (r.bytes or 0) - ((parent.bytes or 0) if parent else 0)))
            hidden_parent = parent is not None and parent.deleted.text
            if r.deleted.text:
                facts.append(ContentFacts(WIKI, r.id, 0, 0, 0))
            else:
                refs = count_refs(text)
                before = refs if hidden_parent else count_refs(parent_text)
                words = 0 if hidden_parent else words_added(parent_text, text, names)
                facts.append(ContentFacts(WIKI, r.id, words, before, refs))
            history.append(r)
        pages[page.id] = PageState(WIKI, page.id, page.namespace, page.title, page.redirect is not None)
    model = [
        Revision(
            WIKI, r.id, int(r.parent_id or 0), page.id, page.namespace, page.title, user or "", ts,
            None if r.deleted.comment else " ".join(t for t in (r.comment or "").split() if t.startswith("#")),
            r.bytes or 0, sizediff, ("mw-reverted",) if r.id in reverted else (), not r.parent_id, r.deleted.text,
        )
        for r, page, user, ts, sizediff in revisions
    ]  # fmt: skip
    accounts = [Account(w, u, t) for (w, u), t in first.items() if not u.startswith("10.0.")]
    snapshot = Snapshot(
        campaign,
        tuple(model),
        tuple(pages.values()),
        tuple(facts),
        (),
        tuple(accounts),
        (SiteInfo(WIKI, (0,), {}),),
    )
    participants = frozenset(campaign.participants) if campaign.participants else None
    return compute(snapshot, participants, datetime.now(UTC)).as_json()


def _report(campaign: Path, source: Path, *extra: str) -> Any:
    return CliRunner().invoke(
        main, ["report", str(campaign), "--source", str(source), "--format", "json", "--quiet", *extra]
    )


@pytest.mark.parametrize(
    "body",
    [
        'participants = ["Editor 1", "Editor 2", "Уредник 7", "Editor 3"]',
        'hashtags = ["wikigap", "1lib1ref"]',
        'participants = ["Editor 1", "Editor 4", "Editor 5", "Editor 6", "Editor 8"]\nhashtags = ["cee2024", "wikigap"]\nnamespaces = [0, 1, 10]',
    ],
)
def test_report_from_dumps_equals_the_metrics_over_the_same_history(
    body: str, dump: Path, tmp_path: Path
) -> None:
    campaign = _campaign(tmp_path, body)
    out = tmp_path / "facts"
    ingest = CliRunner().invoke(
        main, ["ingest", str(dump), "--out", str(out), "--campaign", str(campaign), "--quiet"]
    )
    assert ingest.exit_code == 0, ingest.output
    result = _report(campaign, out)
    assert result.exit_code == 0, result.output
    got, want = json.loads(result.stdout), _oracle(dump, campaign)
    assert got["totals"] == want["totals"]
    assert got["by_participant"] == want["by_participant"]
    assert got["articles"] == want["articles"]
    assert got["totals"]["edits"] > 3 and got["totals"]["words_added"] > 0


def test_without_campaign_scope_words_are_missing_and_said(dump: Path, tmp_path: Path) -> None:
    campaign = _campaign(tmp_path, 'hashtags = ["wikigap"]')
    out = tmp_path / "facts"
    assert CliRunner().invoke(main, ["ingest", str(dump), "--out", str(out), "-q"]).exit_code == 0
    result = CliRunner().invoke(main, ["report", str(campaign), "--source", str(out), "--format", "json"])
    assert result.exit_code == 0
    assert "outside the ingest's scope" in result.stderr
    assert json.loads(result.stdout)["totals"]["words_added"] == 0


def test_stub_dump_reports_metadata_and_says_so(tmp_path: Path) -> None:
    stub = tmp_path / "stub.xml"
    with open(stub, "wb") as f:
        synthetic.write(f, synthetic.Spec(pages=60, seed=31, stub=True))
    campaign = _campaign(tmp_path, 'hashtags = ["wikigap", "1lib1ref", "cee2024"]', days=30)
    out = tmp_path / "facts"
    assert (
        CliRunner()
        .invoke(main, ["ingest", str(stub), "--out", str(out), "-q", "--campaign", str(campaign)])
        .exit_code
        == 0
    )
    result = CliRunner().invoke(main, ["report", str(campaign), "--source", str(out), "--format", "json"])
    assert result.exit_code == 0
    assert "stub dump: metadata only" in result.stderr
    totals = json.loads(result.stdout)["totals"]
    assert totals["edits"] > 0 and totals["bytes_added"] > 0
    assert totals["words_added"] == totals["references_added"] == totals["references_removed"] == 0


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('participants_page = "sr.wikipedia.org:Project:Participants"', "cannot read a participants page"),
    ],
)
def test_what_a_dump_cannot_answer_is_one_line(body: str, message: str, dump: Path, tmp_path: Path) -> None:
    out = tmp_path / "facts"
    assert CliRunner().invoke(main, ["ingest", str(dump), "--out", str(out), "-q"]).exit_code == 0
    result = _report(_campaign(tmp_path, body), out)
    assert result.exit_code == 2
    assert message in result.output and "Traceback" not in result.output


def test_source_without_facts_or_of_another_wiki(dump: Path, tmp_path: Path) -> None:
    campaign = _campaign(tmp_path, 'hashtags = ["wikigap"]')
    empty = _report(campaign, tmp_path / "nothing")
    assert empty.exit_code == 2 and "wikitally ingest" in empty.output
    out = tmp_path / "facts"
    assert (
        CliRunner()
        .invoke(main, ["ingest", str(dump), "--out", str(out), "-q", "--wiki", "uk.wikipedia.org"])
        .exit_code
        == 0
    )
    other = _report(campaign, out)
    assert other.exit_code == 2 and "no ingested dump of sr.wikipedia.org" in other.output


def test_hostile_names_are_data_not_sql(tmp_path: Path) -> None:
    """A participant named like an SQL injection is just a name that edited nothing."""
    path = tmp_path / "x.xml"
    with open(path, "wb") as f:
        synthetic.write(f, synthetic.Spec(pages=20, seed=2))
    out = tmp_path / "facts"
    assert CliRunner().invoke(main, ["ingest", str(path), "--out", str(out), "-q"]).exit_code == 0
    campaign = _campaign(tmp_path, 'participants = ["Editor 1\') OR 1=1 --", "Editor 1"]')
    result = _report(campaign, out)
    assert result.exit_code == 0, result.output
    assert {p["user"] for p in json.loads(result.stdout)["by_participant"]} <= {"Editor 1"}


def test_ingest_writes_first_edits_and_latest_once(dump: Path, tmp_path: Path) -> None:
    import duckdb

    out = tmp_path / "facts"
    for _ in range(2):  # a re-run adds nothing twice
        assert CliRunner().invoke(main, ["ingest", str(dump), "--out", str(out), "-q"]).exit_code == 0
    firsts = sorted(str(p) for p in (out / "firsts").glob("*.parquet"))
    facts = sorted(str(p) for p in (out / "facts").glob("*.parquet"))
    assert len(firsts) == len(facts) == 1
    con = duckdb.connect()
    con.execute("SET TimeZone = 'UTC'")
    got = con.execute(f'SELECT wiki, "user", first_edit FROM read_parquet({firsts}) ORDER BY ALL').fetchall()
    want = con.execute(
        f'SELECT wiki, "user", min("timestamp") FROM read_parquet({facts}) WHERE "user" IS NOT NULL '
        "GROUP BY ALL ORDER BY ALL"
    ).fetchall()
    assert got == want and len(got) > 5
    latest = con.execute(f'SELECT max("timestamp") FROM read_parquet({facts})').fetchone()
    entry = next(iter(json.loads((out / "manifest.json").read_text())["files"].values()))
    assert latest is not None and datetime.fromisoformat(entry["latest"]) == latest[0]


def test_report_reads_only_the_campaigns_edits_from_the_facts(
    dump: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """First edits and the dump's latest time come from the side tables: one query over the facts."""
    from wikitally.services import dump_report

    campaign = _campaign(tmp_path, 'participants = ["Editor 1", "Editor 2", "Уредник 7"]')
    out = tmp_path / "facts"
    assert CliRunner().invoke(main, ["ingest", str(dump), "--out", str(out), "-q"]).exit_code == 0
    asked: list[str] = []
    rows = dump_report.DuckEngine.rows

    def spy(self: Any, sql: str) -> list[dict[str, Any]]:
        asked.append(sql)
        return rows(self, sql)

    monkeypatch.setattr(dump_report.DuckEngine, "rows", spy)
    result = _report(campaign, out)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["totals"]["new_editors"] >= 0
    assert [sql for sql in asked if " FROM facts" in sql] == [asked[0]]
    assert any(" FROM firsts" in sql for sql in asked)


@pytest.mark.parametrize(
    "body",
    [
        'participants = ["Editor 1", "Editor 2", "Уредник 7", "Editor 3"]',
        'hashtags = ["wikigap", "1lib1ref"]',
    ],
)
def test_facts_from_before_the_side_tables_report_the_same(
    body: str, dump: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Facts ingested before firsts/ and `latest` existed: the report aggregates them itself, and the next
    ingest adds the side tables without parsing the dump again."""
    campaign = _campaign(tmp_path, body)
    out = tmp_path / "facts"
    args = ["ingest", str(dump), "--out", str(out), "--campaign", str(campaign), "-q"]
    assert CliRunner().invoke(main, args).exit_code == 0
    new = _report(campaign, out)
    manifest = json.loads((out / "manifest.json").read_text())
    for entry in manifest["files"].values():
        del entry["latest"]
    (out / "manifest.json").write_text(json.dumps(manifest))
    for side in (out / "firsts").glob("*.parquet"):
        side.unlink()
    old = _report(campaign, out)
    assert old.exit_code == new.exit_code == 0
    assert json.loads(old.stdout) == json.loads(new.stdout)
    assert json.loads(new.stdout)["totals"]["new_editors"] > 0
    from wikitally.services import ingest

    def no_parse(*args: Any) -> None:
        raise AssertionError("the dump was parsed again")

    monkeypatch.setattr(ingest, "ingest_file", no_parse)
    assert CliRunner().invoke(main, args).exit_code == 0
    assert len(list((out / "firsts").glob("*.parquet"))) == 1
    assert json.loads(_report(campaign, out).stdout) == json.loads(new.stdout)


@pytest.mark.parametrize("fmt", ["wikitext", "html"])
@pytest.mark.parametrize("lang", ["en", "sr"])
def test_publishing_formats_from_dumps_ask_no_wiki_and_say_what_is_left_out(
    fmt: str, lang: str, dump: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import socket

    from wikitally.reports import messages
    from wikitally.reports.i18n import translator

    campaign = _campaign(tmp_path, 'participants = ["Editor 1", "Editor 2", "Уредник 7", "Editor 3"]')
    out = tmp_path / "facts"
    args = ["ingest", str(dump), "--out", str(out), "--campaign", str(campaign), "-q"]
    assert CliRunner().invoke(main, args).exit_code == 0
    want = json.loads(_report(campaign, out).stdout)

    def no_network(*args: Any, **kwargs: Any) -> None:
        raise AssertionError(f"a network connection was attempted: {args}")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(socket, "getaddrinfo", no_network)
    result = CliRunner().invoke(
        main,
        ["report", str(campaign), "--source", str(out), "--format", fmt, "--lang", lang, "--quiet"],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    text = result.stdout
    note = translator(lang).gettext(messages.FROM_DUMPS)
    assert (note if fmt == "wikitext" else note.replace("'", "&#x27;")) in text
    if lang != "en":
        assert note != messages.FROM_DUMPS  # translated
    assert translator(lang).gettext(messages.NO_COORDINATES) not in text
    some = max(want["articles"], key=lambda a: a["edits"])
    assert some["title"] in text or some["title"].replace(" ", "_") in text
    assert f"{want['totals']['edits']}" in text


@pytest.mark.parametrize(
    ("base", "server", "path"),
    [
        ("https://sr.wikipedia.org/wiki/Главна_страна", "https://sr.wikipedia.org", "/wiki/$1"),
        ("http://127.0.0.1:8080/index.php/Main_Page", "http://127.0.0.1:8080", "/index.php/$1"),
        ("http://127.0.0.1:8080/index.php?title=Main_Page", "http://127.0.0.1:8080", "/index.php?title=$1"),
        ("", "", ""),
    ],
)
def test_article_path_from_the_dumps_base(base: str, server: str, path: str) -> None:
    from wikitally.services.dump_report import article_path

    assert article_path(base) == (server, path)


def test_article_links_follow_the_dumps_base(tmp_path: Path) -> None:
    """A wiki that is not Wikimedia's: the report links pages where its <base> says they are."""
    import dataclasses

    local, port = "127.0.0.1", 8080  # a campaign names the wiki by its domain; --wiki gives it at ingest
    dump = tmp_path / "local.xml"
    with open(dump, "wb") as f:
        synthetic.write(f, dataclasses.replace(SPEC, base=f"http://{local}:{port}/index.php/Main_Page"))
    start = SPEC.start + timedelta(days=1)
    campaign = tmp_path / "c.toml"
    campaign.write_text(
        f'name = "Dumps"\nstart = {start.isoformat()}\nend = {(start + timedelta(days=14)).isoformat()}\n'
        f'wikis = ["{local}"]\nparticipants = ["Editor 1", "Editor 2", "Уредник 7", "Editor 3"]\n',
        encoding="utf-8",
    )
    out = tmp_path / "facts"
    args = ["ingest", str(dump), "--out", str(out), "--campaign", str(campaign), "--wiki", local, "-q"]
    assert CliRunner().invoke(main, args).exit_code == 0
    result = CliRunner().invoke(
        main,
        ["report", str(campaign), "--source", str(out), "--format", "html", "--quiet"],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    assert f"http://{local}:{port}/index.php/" in result.stdout
    assert f"https://{local}/wiki/" not in result.stdout
