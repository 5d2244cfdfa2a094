"""Article contests end to end on a real local MediaWiki, through the command line: rules that read the
text at the end of the window, categories, creators, registrations and tags; moved and deleted entries;
submissions; three jurors' marks; the results saved as wikitext and parsed by the wiki."""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from wikis import LocalWiki

from wikitally.judging.jury import Mark
from wikitally.store.contests import ContestStore

pytestmark = pytest.mark.wiki
WIKITALLY = [sys.executable, "-m", "wikitally.cli"]
FILLER = " ".join(f"word{i}" for i in range(400))


def wikitally(*args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, WIKITALLY_CONTACT="tests@wikitally.invalid")
    env.pop("WIKITALLY_DB", None)  # --db is given: every contest command takes it
    return subprocess.run([*WIKITALLY, *args], capture_output=True, text=True, env=env, timeout=300)


def wiki_time(wiki: LocalWiki) -> datetime:
    stamp = wiki.api_get(action="query", meta="siteinfo", siprop="general")["query"]["general"]["time"]
    return datetime.fromisoformat(stamp.replace("Z", "+00:00"))


def write_campaign(
    path: Path, wiki: LocalWiki, name: str, start: datetime, end: datetime, contest: str
) -> Path:
    path.write_text(
        f'name = "{name}"\nstart = {start.isoformat()}\nend = {end.isoformat()}\nwikis = ["{wiki.domain}"]\n'
        'participants = ["Ana Contest", "Besa Contest", "Cem Contest"]\n'
        f'[api]\n"{wiki.domain}" = "{wiki.api}"\n{contest}\n',
        encoding="utf-8",
    )
    return path


CONTEST = """
[contest]
entries = "auto"
score = "points+jury"
points = "10*created + 3*improved + words_added/10 + 0.5*references_added"
[[contest.rule]]
kind = "min_words"
value = 10
[[contest.rule]]
kind = "min_references"
value = 1
mode = "optional"
[[contest.rule]]
kind = "in_category"
value = "Opochka"
mode = "informational"
[[contest.rule]]
kind = "creator_is_participant"
mode = "informational"
[[contest.rule]]
kind = "registered_after"
value = 2020-01-01
[[contest.rule]]
kind = "not_translated"
[contest.jury]
jurors = ["Juror A", "Juror B", "Juror C"]
min_marks = 2
hidden = true
[[contest.jury.part]]
name = "quality"
kind = "integer"
min = 0
max = 5
[[contest.jury.part]]
name = "photo"
kind = "checkbox"
value = 1
[[contest.jury.part]]
name = "length"
kind = "choice"
options = {long = 2, short = 0}
"""


@pytest.fixture(scope="module")
def seeded(wiki_a: LocalWiki, tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    ana = wiki_a.create_user("Ana Contest")
    besa = wiki_a.create_user("Besa Contest")
    cem = wiki_a.create_user("Cem Contest")
    outsider = wiki_a.create_user("Outsider Contest")
    wiki_a.set_registration("Cem Contest", datetime(2019, 5, 1, tzinfo=UTC))
    admin = wiki_a.admin()
    with contextlib.suppress(Exception):  # created by an earlier module of the session
        admin.create_tag("contenttranslation")
    start = wiki_time(wiki_a) - timedelta(seconds=5)
    ana.edit(
        "Opochka Fortress",
        "The fortress of Opochka stands on a hill above the river.<ref>Pskov 1990.</ref>\n"
        "[[Category:Opochka]]",
    )
    besa.edit(
        "Opochka Fortress",
        "The fortress of Opochka stands on a hill above the river. Its walls were rebuilt twice."
        "<ref>Pskov 1990.</ref><ref>Kremlins.</ref>\n[[Category:Opochka]]",
    )
    besa.edit("Short Piece", "Too short to count.")
    besa.edit(
        "Translated Piece",
        "A translated article with more than ten prose words in it.",
        tags=["contenttranslation"],
    )
    outsider.edit("Outsider Page", "Somebody else wrote this page, more than ten words of it here.")
    cem.edit("Outsider Page", "Somebody else wrote this page, more than ten words of it here. Cem adds.")
    cem.edit("Moving Page", "This page will move to a new title before the results are out.")
    ana.edit("Doomed Page", "This page will be deleted after the first results are published today.")
    time.sleep(1.2)
    end = wiki_time(wiki_a)
    time.sleep(1.2)
    # After the window: a non-participant makes the short piece long; the rule reads the text at the end.
    outsider.edit("Short Piece", "Too short to count. " + FILLER)
    admin.move("Moving Page", "Moved Page")
    tmp = tmp_path_factory.mktemp("contest")
    path = write_campaign(tmp / "contest.toml", wiki_a, f"Contest {tmp.name}", start, end, CONTEST)
    return {
        "path": path,
        "db": str(tmp / "contest.sqlite3"),
        "tmp": tmp,
        "admin": admin,
        "start": start,
        "end": end,
    }


def results(seeded: dict[str, object], *extra: str) -> dict:
    done = wikitally(
        "contest", "results", str(seeded["path"]), "--format", "json", "-q", "--db", str(seeded["db"]), *extra
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def by_title(out: dict) -> dict[tuple[str, str], dict]:
    return {(e["title"], e["participant"]): e for e in out["entries"]}


def test_rules_points_moves_and_deletions(seeded, wiki_a):
    out = results(seeded)
    entries = by_title(out)
    fortress_ana = entries[("Opochka Fortress", "Ana Contest")]
    assert fortress_ana["eligible"] and fortress_ana["failed"] == [] and fortress_ana["info"] == []
    assert fortress_ana["points"] == 10 + 11 / 10 + 0.5 and fortress_ana["jury"] is None
    assert entries[("Opochka Fortress", "Besa Contest")]["points"] == 3 + 0.5 + 0.5  # 5 words, 1 reference
    short = entries[("Short Piece", "Besa Contest")]
    assert short["failed"] == ["min_words"] and short["score"] == 0 and not short["eligible"]
    assert "min_references" in short["warnings"] and "in_category" in short["info"]
    assert entries[("Translated Piece", "Besa Contest")]["failed"] == ["not_translated"]
    outsider = entries[("Outsider Page", "Cem Contest")]
    assert outsider["failed"] == ["registered_after"] and "creator_is_participant" in outsider["info"]
    assert ("Moved Page", "Cem Contest") in entries and ("Moving Page", "Cem Contest") not in entries
    assert all(e["deleted"] is False for e in out["entries"])
    seeded["admin"].delete("Doomed Page")  # type: ignore[attr-defined]
    again = by_title(results(seeded))
    doomed = again[("Doomed Page", "Ana Contest")]
    assert doomed["deleted"] is True and doomed["score"] == 0 and not doomed["eligible"]
    offline = by_title(results(seeded, "--no-collect"))
    assert offline[("Doomed Page", "Ana Contest")]["deleted"] is True


def test_three_jurors_marks_import_and_results_saved_on_the_wiki(seeded, wiki_a):
    tmp: Path = seeded["tmp"]  # type: ignore[assignment]
    marks = tmp / "marks.csv"
    marks.write_text(
        "juror,wiki,title,part,value\n"
        f"Juror A,{wiki_a.domain},Opochka Fortress,quality,5\n"
        f"Juror A,{wiki_a.domain},Opochka Fortress,photo,1\n"
        f"Juror B,{wiki_a.domain},Opochka Fortress,quality,3\n"
        f"Juror B,{wiki_a.domain},Opochka Fortress,length,long\n"
        f"Juror C,{wiki_a.domain},Opochka Fortress,quality,4\n"
        f"Juror C,{wiki_a.domain},Moved Page,quality,2\n",
        encoding="utf-8",
    )
    args = ("contest", "marks", "import", str(seeded["path"]), str(marks), "--db", str(seeded["db"]))
    first = wikitally(*args)
    assert first.returncode == 0 and "6 marks changed" in first.stderr, first.stderr
    second = wikitally(*args)
    assert second.returncode == 0 and "0 marks changed" in second.stderr
    bad = tmp / "bad.csv"
    bad.write_text(
        "juror,wiki,title,part,value\n"
        f"Juror A,{wiki_a.domain},Opochka Fortress,quality,1\n"
        f"Juror D,{wiki_a.domain},Opochka Fortress,quality,1\n",
        encoding="utf-8",
    )
    refused = wikitally(
        "contest", "marks", "import", str(seeded["path"]), str(bad), "--db", str(seeded["db"])
    )
    assert refused.returncode == 2 and "line 3" in refused.stderr and "Juror D" in refused.stderr
    assert len(refused.stderr.strip().splitlines()) == 1
    out = results(seeded, "--no-collect")
    entries = by_title(out)
    fortress = entries[("Opochka Fortress", "Ana Contest")]
    # Juror A 5+1, Juror B 3+2, Juror C 4: mean 5; Juror A's line 2 of the refused file changed nothing.
    assert fortress["marks"] == 3 and fortress["jury"] == 5 and fortress["score"] == fortress["points"] + 5
    assert entries[("Opochka Fortress", "Besa Contest")]["jury"] == 5  # one article, marks on each entry
    moved = entries[("Moved Page", "Cem Contest")]
    assert moved["marks"] == 1 and moved["jury"] is None  # below min_marks: not shown, counts 0
    ranks = [(r["rank"], r["participant"]) for r in out["ranking"]]
    assert ranks[0] == (1, "Ana Contest") and [r for r, _ in ranks] == sorted(r for r, _ in ranks)

    wikitext = wikitally(
        "contest",
        "results",
        str(seeded["path"]),
        "--format",
        "wikitext",
        "--no-collect",
        "--db",
        str(seeded["db"]),
    )
    assert wikitext.returncode == 0, wikitext.stderr
    admin = seeded["admin"]
    admin.edit("Contest results", wikitext.stdout)  # type: ignore[attr-defined]
    html = wiki_a.api_get(action="parse", page="Contest results", prop="text")["parse"]["text"]
    assert html.count("<table") == 3 and "wikitable" in html
    assert "Ana Contest</a>" in html and "Opochka Fortress</a>" in html  # links the wiki made
    assert "{|" not in html and "[[" not in html  # every piece of markup was parsed


def test_participants_read_their_own_verdicts(seeded):
    done = wikitally(
        "contest",
        "status",
        str(seeded["path"]),
        "--user",
        "besa_Contest",
        "--no-collect",
        "--db",
        str(seeded["db"]),
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Rules: 10 words needed (required); 1 references needed (optional);")
    assert "Short Piece: not eligible, score 0.00\n  - 10 words needed, the article has 4\n" in done.stdout
    assert "Opochka Fortress: eligible" in done.stdout


def test_submitted_entries_follow_moves_and_take_the_submitters_numbers(seeded, wiki_a):
    tmp: Path = seeded["tmp"]  # type: ignore[assignment]
    contest = CONTEST.replace('entries = "auto"', 'entries = "submitted"')
    path = write_campaign(
        tmp / "submitted.toml",
        wiki_a,
        f"Submitted {tmp.name}",
        seeded["start"],
        seeded["end"],
        contest,  # type: ignore[arg-type]
    )
    db = str(tmp / "submitted.sqlite3")
    for user, title in (
        ("Cem Contest", "Moving Page"),
        ("Ana Contest", "Opochka Fortress"),
        ("Ana Contest", "Short Piece"),
    ):
        done = wikitally(
            "contest",
            "submit",
            str(path),
            "--user",
            user,
            "--wiki",
            wiki_a.domain,
            "--title",
            title,
            "--db",
            db,
        )
        assert done.returncode == 0 and "submitted" in done.stderr, done.stderr
    out = results({"path": path, "db": db})
    entries = by_title(out)
    assert set(entries) == {
        ("Moved Page", "Cem Contest"),
        ("Opochka Fortress", "Ana Contest"),
        ("Short Piece", "Ana Contest"),
    }
    assert entries[("Opochka Fortress", "Ana Contest")]["points"] == 10 + 11 / 10 + 0.5
    short = entries[("Short Piece", "Ana Contest")]
    assert short["points"] == 0 and short["failed"] == ["min_words"]  # not her article: her numbers are 0


def test_on_worklist_reads_the_campaigns_resolved_worklist(seeded, wiki_a):
    """The rule `on_worklist` is judged against the worklist the campaign's collection resolved: articles
    linked from the list page pass, others fail with the rule's kind."""
    admin = seeded["admin"]
    admin.edit(
        "Contest worklist", "Write these: [[Opochka Fortress]], [[Translated Piece]], [[Not Yet Written]]."
    )
    tmp = seeded["tmp"]
    listed = (
        CONTEST.replace("[contest]\n", f'worklist = ["{wiki_a.domain}:Contest worklist"]\n[contest]\n', 1)
        + '[[contest.rule]]\nkind = "on_worklist"\n'
    )
    # keys before the first table: the worklist line must precede [api]
    path = tmp / "worklist-contest.toml"
    write_campaign(path, wiki_a, f"Worklist contest {tmp.name}", seeded["start"], seeded["end"], "")
    text = path.read_text(encoding="utf-8")
    head, api = text.split("[api]", 1)
    worklist_line, contest = listed.split("[contest]\n", 1)
    path.write_text(
        head + worklist_line.strip() + "\n[api]" + api + "[contest]\n" + contest, encoding="utf-8"
    )
    done = wikitally(
        "contest", "results", str(path), "--format", "json", "-q", "--db", str(tmp / "wl.sqlite3")
    )
    assert done.returncode == 0, done.stderr
    entries = by_title(json.loads(done.stdout))
    assert "on_worklist" not in entries[("Opochka Fortress", "Ana Contest")]["failed"]
    assert "on_worklist" not in entries[("Translated Piece", "Besa Contest")]["failed"]
    assert "on_worklist" in entries[("Short Piece", "Besa Contest")]["failed"]
    assert not entries[("Short Piece", "Besa Contest")]["eligible"]


def test_awards_congratulate_winners_by_rank_once(seeded, wiki_a):
    """`contest awards`: a dry run changes nothing; --post adds one section per winner ("1st place" in the
    wiki's language, here English) after what the talk page holds; a second run posts nothing."""
    import secrets

    from wikis import ADMIN_USER

    from wikitally.publish.session import ENV_PASSWORD, ENV_USER
    from wikitally.services.contest_awards import marker

    app, password = f"awards{secrets.token_hex(3)}", secrets.token_hex(16)
    grants = "basic,highvolume,editpage,createeditmovepage"
    wiki_a.maintenance("createBotPassword", "--appid", app, "--grants", grants, ADMIN_USER, password)
    admin = seeded["admin"]
    admin.edit("User talk:Besa Contest", "== Welcome ==\nA note Besa keeps. ~~~~")  # type: ignore[attr-defined]
    ranking = results(seeded, "--no-collect")["ranking"]
    top = [r for r in ranking if r["rank"] <= 2 and r["score"] > 0]
    assert top, ranking
    args = ("contest", "awards", str(seeded["path"]), "--top", "2", "--no-collect", "--db", str(seeded["db"]))
    certs = Path(str(seeded["tmp"])) / "certificates"
    dry = wikitally(*args, "--certificates", str(certs))
    assert dry.returncode == 0, dry.stderr
    assert len(list(certs.glob("*.pdf"))) == len(top)  # one certificate per winner, written even on a dry run
    first = top[0]["participant"]
    assert f"--- would post to User talk:{first} ---" in dry.stdout and "1st place" in dry.stdout
    assert f"dry run: {len(top)} to post" in dry.stderr
    env = dict(
        os.environ,
        WIKITALLY_CONTACT="tests@wikitally.invalid",
        **{ENV_USER: f"{ADMIN_USER}@{app}", ENV_PASSWORD: password},
    )
    env.pop("WIKITALLY_DB", None)
    posted = subprocess.run(
        [*WIKITALLY, *args, "--post"], capture_output=True, text=True, env=env, timeout=300
    )
    assert posted.returncode == 0, posted.stderr
    assert f"{len(top)} posted, 0 already congratulated, 0 failed" in posted.stderr
    for row in top:
        page = wiki_a.api_get(
            action="query",
            titles=f"User talk:{row['participant']}",
            prop="revisions",
            rvprop="content",
            rvslots="main",
        )["query"]["pages"][0]
        text = page["revisions"][0]["slots"]["main"]["content"]
        place = {1: "1st place", 2: "2nd place"}[row["rank"]]
        assert place in text and marker(seeded_name(seeded)) in text
        if row["participant"] == "Besa Contest":
            assert text.startswith("== Welcome ==\nA note Besa keeps.")  # kept, the award after it
    again = subprocess.run(
        [*WIKITALLY, *args, "--post"], capture_output=True, text=True, env=env, timeout=300
    )
    assert again.returncode == 0 and f"0 posted, {len(top)} already congratulated" in again.stderr


def seeded_name(seeded) -> str:
    return f"Contest {Path(str(seeded['tmp'])).name}"


def test_once_marking_is_closed_results_print_the_frozen_version(seeded):
    """`contest results` after the organizers closed marking (the web jury): the frozen JSON, CSV and wikitext,
    whatever was marked since; re-opened, the results are computed again."""
    from wikitally.campaign_file import load_campaign
    from wikitally.services import jury
    from wikitally.store import open_store

    before = results(seeded, "--no-collect")
    campaign = load_campaign(str(seeded["path"]))
    store = open_store(str(seeded["db"]))
    closed_at = datetime(2026, 12, 2, 12, 0, tzinfo=UTC)
    version = jury.close(campaign, store, "Organizer", closed_at)
    try:
        assert version == 1
        # A mark after closing (the import refuses it; written to the store directly, as a late import
        # racing the closing would) does not move the frozen results.
        late = [
            Mark(j, campaign.wikis[0], "Opochka Fortress", "quality", "0") for j in ("Juror A", "Juror B")
        ]
        ContestStore(store).save_marks(campaign, late, closed_at, "late")
        args = ("contest", "results", str(seeded["path"]), "--no-collect", "--db", str(seeded["db"]))
        frozen = wikitally(*args, "--format", "json")
        assert frozen.returncode == 0, frozen.stderr
        assert json.loads(frozen.stdout) == before  # categories included, as printed before the closing
        assert "the frozen results: version 1, closed 2026-12-02 12:00 UTC by Organizer" in frozen.stderr
        wikitext = wikitally(*args, "--format", "wikitext")
        assert wikitext.stdout == jury.closing(campaign, store).wikitext
        table = wikitally(*args)
        assert "this output is computed now" in table.stderr
    finally:
        jury.reopen(campaign, store, "Organizer", closed_at)
    reopened = results(seeded, "--no-collect")
    assert reopened != before  # the late mark counts once marking is open again
