"""`wikitally thank` against a real MediaWiki 1.39: a bot password, new sections, exactly once."""

from __future__ import annotations

import html
import os
import secrets
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from wikis import ADMIN_USER, LocalWiki

from wikitally.publish.session import ENV_PASSWORD, ENV_USER
from wikitally.services.thanks import marker

pytestmark = pytest.mark.wiki
WIKITALLY = [sys.executable, "-m", "wikitally.cli"]
# No editprotected grant: the admin's bot password can't edit a sysop-protected page, a real refusal.
GRANTS = "basic,highvolume,editpage,createeditmovepage"


def campaign_file(tmp_path: Path, wiki: LocalWiki, name: str, participants: list[str]) -> Path:
    start = datetime.now(UTC).replace(microsecond=0) - timedelta(minutes=1)
    users = ", ".join(f'"{p}"' for p in participants)
    text = (
        f'name = "{name}"\nstart = {start.isoformat()}\nend = {(start + timedelta(days=1)).isoformat()}\n'
        f'wikis = ["{wiki.domain}"]\nparticipants = [{users}]\n[api]\n"{wiki.domain}" = "{wiki.api}"\n'
    )
    path = tmp_path / "campaign.toml"
    path.write_text(text, encoding="utf-8")
    return path


def wikitally(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*WIKITALLY, *args], capture_output=True, text=True, env=env, timeout=300)


def revisions(wiki: LocalWiki, title: str) -> list[dict[str, Any]]:
    page = wiki.api_get(
        action="query",
        titles=title,
        prop="revisions",
        rvprop=["ids", "user", "comment", "parsedcomment", "content"],
        rvslots="main",
        rvlimit="max",
    )["query"]["pages"][0]
    return list(page.get("revisions", []))


def text_of(revision: dict[str, Any]) -> str:
    return str(revision["slots"]["main"]["content"])


def test_thanks_are_posted_once_a_refusal_stays_alone_and_dry_runs_change_nothing(tmp_path, wiki_a):
    suffix = secrets.token_hex(3)
    app, password = f"thanks{suffix}", secrets.token_hex(16)  # bot passwords have 32 characters
    wiki_a.maintenance("createBotPassword", "--appid", app, "--grants", GRANTS, ADMIN_USER, password)
    ana, besa, cene = (f"Thanks {who} {suffix}" for who in ("Ana", "Besa", "Cene"))
    campaign = f"Thanks [[Category:X]] {{{{evil}}}} ~~~~ {suffix}"
    path = campaign_file(tmp_path, wiki_a, campaign, [ana, besa, cene])
    for user in (ana, besa, cene):
        wiki_a.create_user(user).edit(f"Thanked article {user}", "Words to thank for.<ref>A source.</ref>")
    admin = wiki_a.admin()
    admin.edit(f"User talk:{besa}", "== Welcome ==\nWelcome to the wiki! ~~~~")
    admin.edit(f"User talk:{cene}", "== Welcome ==\nThis talk page is protected.")
    admin.post(
        action="protect",
        title=f"User talk:{cene}",
        protections="edit=sysop",
        expiry="infinite",
        token=admin.token(),
    )
    base = dict(
        os.environ, WIKITALLY_DB=str(tmp_path / "thanks.sqlite3"), WIKITALLY_CONTACT="tests@wikitally.invalid"
    )
    for name in (ENV_USER, ENV_PASSWORD):
        base.pop(name, None)
    env = dict(base, **{ENV_USER: f"{ADMIN_USER}@{app}", ENV_PASSWORD: password})
    talk = {user: f"User talk:{user}" for user in (ana, besa, cene)}
    mark = marker(campaign)
    protected = [r["revid"] for r in revisions(wiki_a, talk[cene])]  # protecting adds a null revision

    first = wikitally("thank", str(path), "--post", "-q", env=env)
    assert first.returncode == 1, first.stderr  # one failure
    lines = first.stdout.splitlines()
    assert len(lines) == 3, first.stdout
    assert any(line.startswith(f"{talk[ana]}: posted (revision ") for line in lines)
    assert any(line.startswith(f"{talk[besa]}: posted (revision ") for line in lines)
    assert f"{talk[cene]}: failed: protectedpage: " in first.stdout
    assert "2 posted, 0 already thanked, 1 failed" in first.stderr

    heading = f"Thank you for taking part in {campaign}"
    for user, before in ((ana, 0), (besa, 1)):
        revs = revisions(wiki_a, talk[user])
        assert len(revs) == before + 1
        latest = revs[0]
        text = text_of(latest)
        assert text.count(mark) == 1 and text.rstrip().endswith(mark)
        assert latest["user"] == ADMIN_USER
        assert latest["comment"].replace("\u2060", "") == f"Thanks for {campaign} (posted with wikitally)"
        assert "<a " not in latest["parsedcomment"]  # no link made of the campaign's name
        parsed = wiki_a.api_get(action="parse", page=talk[user], prop=["sections", "categories", "templates"])
        sections = [html.unescape(s["line"]) for s in parsed["parse"]["sections"]]
        assert sections == ([] if before == 0 else ["Welcome"]) + [heading]
        assert parsed["parse"]["categories"] == [] and parsed["parse"]["templates"] == []
        assert "1 edit · 1 article created · 4 words · 1 reference" in text
    assert text_of(revisions(wiki_a, talk[besa])[0]).startswith("== Welcome ==\nWelcome to the wiki!")
    assert [r["revid"] for r in revisions(wiki_a, talk[cene])] == protected

    def latest_ids() -> dict[str, int]:
        return {user: revisions(wiki_a, title)[0]["revid"] for user, title in talk.items()}

    ids = latest_ids()
    again = wikitally("thank", str(path), "--post", "--no-collect", env=env)
    assert again.returncode == 1  # the protected page refuses again; the others are left alone
    assert (
        f"{talk[ana]}: already thanked" in again.stdout and f"{talk[besa]}: already thanked" in again.stdout
    )
    assert f"{talk[cene]}: failed: protectedpage" in again.stdout
    assert latest_ids() == ids and len(revisions(wiki_a, talk[ana])) == 1

    dry = wikitally("thank", str(path), "-q", env=base)  # no credentials needed, none used
    assert dry.returncode == 0, dry.stderr
    assert (
        f"{talk[ana]}: already thanked" in dry.stdout and f"--- would post to {talk[cene]} ---" in dry.stdout
    )
    assert "dry run: 1 to post, 2 already thanked, 0 failed" in dry.stderr
    assert "nothing was changed" in dry.stderr
    assert latest_ids() == ids


def test_each_participant_is_thanked_on_the_wiki_where_they_did_most(tmp_path, wiki_a, wiki_b):
    """Thanks went only to the campaign's first wiki: Dita, who wrote on the second, got hers where she
    never edits. Now each message goes where its participant did most (ties: the wiki listed first)."""
    suffix = secrets.token_hex(3)
    dita, eno = f"Thanks Dita {suffix}", f"Thanks Eno {suffix}"
    a_dita, b_dita = wiki_a.create_user(dita), wiki_b.create_user(dita)
    a_eno = wiki_a.create_user(eno)
    wiki_b.create_user(eno)
    a_dita.edit(f"Home A {dita}", "One edit here.")
    for i in range(3):
        b_dita.edit(f"Home B {dita} {i}", "Three edits there.")
    a_eno.edit(f"Home A {eno}", "Only here.")
    start = datetime.now(UTC).replace(microsecond=0) - timedelta(minutes=5)
    path = tmp_path / "campaign.toml"
    path.write_text(
        f'name = "Home wikis {suffix}"\nstart = {start.isoformat()}\n'
        f"end = {(start + timedelta(days=1)).isoformat()}\n"
        f'wikis = ["{wiki_a.domain}", "{wiki_b.domain}"]\nparticipants = ["{dita}", "{eno}"]\n'
        f'[api]\n"{wiki_a.domain}" = "{wiki_a.api}"\n"{wiki_b.domain}" = "{wiki_b.api}"\n',
        encoding="utf-8",
    )
    # One bot password name for both wikis, as a SUL account has on Wikimedia: the same app id and password.
    app, password = f"same{suffix}", secrets.token_hex(16)
    for wiki in (wiki_a, wiki_b):
        wiki.maintenance("createBotPassword", "--appid", app, "--grants", GRANTS, ADMIN_USER, password)
    env = dict(
        os.environ,
        WIKITALLY_DB=str(tmp_path / "home.sqlite3"),
        WIKITALLY_CONTACT="tests@wikitally.invalid",
        **{ENV_USER: f"{ADMIN_USER}@{app}", ENV_PASSWORD: password},
    )
    dry = wikitally("thank", str(path), "-q", env=env)
    assert dry.returncode == 0, dry.stderr
    assert f"--- would post to {wiki_b.domain}: User talk:{dita} ---" in dry.stdout
    assert f"--- would post to {wiki_a.domain}: User talk:{eno} ---" in dry.stdout

    posted = wikitally("thank", str(path), "--post", "-q", "--no-collect", env=env)
    assert posted.returncode == 0, posted.stderr
    mark = marker(f"Home wikis {suffix}")
    assert mark in text_of(revisions(wiki_b, f"User talk:{dita}")[0])
    assert revisions(wiki_a, f"User talk:{dita}") == []  # not where she barely edited
    assert mark in text_of(revisions(wiki_a, f"User talk:{eno}")[0])
    assert revisions(wiki_b, f"User talk:{eno}") == []

    # --to first puts everyone on the first wiki; Eno is thanked already, Dita not yet there
    first = wikitally("thank", str(path), "--to", "first", "-q", "--no-collect", env=env)
    assert f"--- would post to {wiki_a.domain}: User talk:{dita} ---" in first.stdout
    assert f"{wiki_a.domain}: User talk:{eno}: already thanked" in first.stdout
