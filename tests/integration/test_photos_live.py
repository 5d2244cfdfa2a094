"""A photo contest end to end on a real local MediaWiki: real JPEG/PNG uploads by test accounts (some too
small, a duplicate, one by a juror, one without the site template, one deleted mid-round), imported,
checked, allocated, voted on through VOTES.csv and ranked, all through the CLI."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from PIL import Image
from wikis import LocalWiki

from wikitally.campaign_file import load_campaign
from wikitally.store import open_store
from wikitally.store.photos import PhotoStore

pytestmark = pytest.mark.wiki
WIKITALLY = [sys.executable, "-m", "wikitally.cli"]
CATEGORY = "WLE Live Test"


def image(size: tuple[int, int], colour: tuple[int, int, int], kind: str) -> bytes:
    out = io.BytesIO()
    picture = Image.new("RGB", size, colour)
    for x in range(0, size[0], 97):  # a little texture, so no two images are the same bytes by chance
        picture.putpixel((x, x % size[1]), (255 - colour[0], x % 256, colour[2]))
    picture.save(out, format=kind)
    return out.getvalue()


def page(site: str | None) -> str:
    template = f"\n{{{{Protected area of Serbia|{site}}}}}" if site else ""
    return f"{{{{Information|description=A protected area}}}}{template}\n[[Category:{CATEGORY}]]"


def wikitally(*args: str, db: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, WIKITALLY_DB=db, WIKITALLY_CONTACT="tests@wikitally.invalid")
    return subprocess.run([*WIKITALLY, *args], capture_output=True, text=True, env=env, timeout=300)


def test_photo_contest_on_a_real_wiki(tmp_path: Path, wiki_a: LocalWiki) -> None:
    start = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=1)
    one, two = wiki_a.create_user("Wle Uploader One"), wiki_a.create_user("Wle Uploader Two")
    jurors = [wiki_a.create_user(f"Wle Juror {x}") for x in "ABC"]
    big_jpeg = image((2000, 1000), (20, 120, 40), "JPEG")  # exactly 2 Mpx: enough
    one.upload("Wle Uvac.jpg", big_jpeg, text=page("SR-1"))
    one.upload("Wle Tara.png", image((1600, 1250), (10, 60, 200), "PNG"), text=page("SR-2"))
    one.upload("Wle Small.jpg", image((1200, 900), (200, 200, 20), "JPEG"), text=page("SR-1"))
    two.upload("Wle Copy.jpg", big_jpeg, text=page("SR-1"))  # same bytes, later: a duplicate
    jurors[1].upload("Wle Juror photo.jpg", image((2400, 1600), (90, 30, 30), "JPEG"), text=page("SR-2"))
    two.upload("Wle No site.jpg", image((2400, 1600), (30, 90, 30), "JPEG"), text=page(None))
    two.upload("Wle Unknown site.jpg", image((2400, 1600), (30, 30, 90), "JPEG"), text=page("XX-9"))
    two.upload("Wle Fruska gora.jpg", image((3000, 2000), (60, 60, 60), "JPEG"), text=page("SR-1"))
    two.upload("Wle Deliblato.jpg", image((3000, 2000), (120, 60, 0), "JPEG"), text=page("SR-2"))

    (tmp_path / "sites.csv").write_text("id,label\nSR-1,Uvac\nSR-2,Tara\n", encoding="utf-8")
    path = tmp_path / "contest.toml"
    path.write_text(
        f'''name = "WLE live {tmp_path.name}"
start = {start.isoformat()}
end = {(start + timedelta(days=1)).isoformat()}
[api]
"{wiki_a.domain}" = "{wiki_a.api}"
[photos]
wiki = "{wiki_a.domain}"
categories = ["{CATEGORY}"]
min_megapixels = 2.0
site_template = "Protected area of Serbia"
sites = "sites.csv"
jurors = ["Wle Juror A", "Wle Juror B", "Wle Juror C"]
[[photos.round]]
name = "First round"
kind = "yesno"
quorum = 2
advance = 2
[[photos.round]]
name = "Final"
kind = "ranking"
quorum = 2
advance = 1
''',
        encoding="utf-8",
    )
    db = str(tmp_path / "store.sqlite3")
    done = wikitally("photos", "import", str(path), db=db)
    assert done.returncode == 0, done.stderr

    def results(number: int) -> dict:
        r = wikitally("photos", "results", str(path), "--round", str(number), "--format", "json", db=db)
        assert r.returncode == 0, r.stderr
        return json.loads(r.stdout)

    entries = {e["file"]: e for e in results(1)["entries"]}
    assert {f: e["reasons"] for f, e in entries.items()} == {
        "Wle Uvac.jpg": [],
        "Wle Tara.png": [],
        "Wle Small.jpg": ["too_small"],
        "Wle Copy.jpg": ["duplicate"],
        "Wle Juror photo.jpg": ["uploader_is_juror"],
        "Wle No site.jpg": ["no_site_id"],
        "Wle Unknown site.jpg": ["unknown_site_id"],
        "Wle Fruska gora.jpg": [],
        "Wle Deliblato.jpg": [],
    }
    assert entries["Wle Copy.jpg"]["uploader"] == "Wle Uploader Two"
    assert entries["Wle Tara.png"]["site"] == "SR-2" and entries["Wle No site.jpg"]["site"] is None

    assert wikitally("photos", "allocate", str(path), "--round", "1", "--seed", "5", db=db).returncode == 0
    campaign, store = load_campaign(path), open_store(db)
    # the jurors' page shows the URL MediaWiki gave for a 1280 px view, asked in the same batched request.
    # This wiki has no image scaler (start-wiki.sh: ImageMagick off, no GD), so MediaWiki answers with the
    # file itself; Commons answers with a scaled thumbnail (tests/judging: the stand-in's 1280px- URL)
    thumbs = PhotoStore(store).thumbs(campaign, ["Wle Fruska gora.jpg", "Wle Small.jpg"])
    for file, url in thumbs.items():
        assert url.startswith(wiki_a.api.split("/w/")[0] if "/w/" in wiki_a.api else "http"), thumbs
        fetched = httpx.get(url, timeout=60, follow_redirects=True)
        assert fetched.status_code == 200, (file, url)
        assert Image.open(io.BytesIO(fetched.content)).width in (3000, 1280, 1200), (file, url)
    queues = PhotoStore(store).open_tasks(campaign, 1)
    assert set(queues) == {"Wle Uvac.jpg", "Wle Tara.png", "Wle Fruska gora.jpg", "Wle Deliblato.jpg"}

    # Deliblato is deleted mid-round: it stays an entry with reason "deleted" and leaves every queue
    wiki_a.admin().delete("File:Wle Deliblato.jpg", "copyright violation")
    again = wikitally("photos", "import", str(path), db=db)
    assert again.returncode == 0, again.stderr
    assert "0 read" in again.stderr  # nothing changed but the deletion: no metadata read again
    entries = {e["file"]: e for e in results(1)["entries"]}
    assert (
        entries["Wle Deliblato.jpg"]["reasons"] == ["deleted"]
        and not entries["Wle Deliblato.jpg"]["eligible"]
    )
    assert "Wle Deliblato.jpg" not in PhotoStore(store).open_tasks(campaign, 1)

    votes = tmp_path / "votes.csv"
    votes.write_text(
        "round,juror,file,value\n"
        "1,Wle Juror A,Wle_Uvac.jpg,yes\n1,Wle Juror B,wle Uvac.jpg,yes\n"
        "1,Wle Juror A,Wle Tara.png,yes\n1,Wle Juror C,Wle Tara.png,no\n"
        "1,Wle Juror B,Wle Fruska gora.jpg,no\n1,Wle Juror C,Wle Fruska gora.jpg,no\n",
        encoding="utf-8",
    )
    imported = wikitally("photos", "votes", "import", str(path), str(votes), db=db)
    assert imported.returncode == 0, imported.stderr
    first = results(1)["round"]
    assert first["complete"] and first["votes"] == 6
    assert [(p["rank"], p["file"], p["score"]) for p in first["ranking"]] == [
        (1, "Wle Uvac.jpg", 1.0),
        (2, "Wle Tara.png", 0.5),
        (3, "Wle Fruska gora.jpg", 0.0),
    ]
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "round,juror,file,value\n2,Wle Juror A,Wle Uvac.jpg,1\n1,Wle Juror A,Wle Deliblato.jpg,yes\n"
    )
    refused = wikitally("photos", "votes", "import", str(path), str(bad), db=db)
    assert refused.returncode == 2 and "line 3" in refused.stderr and "deleted" in refused.stderr
    final = tmp_path / "final.csv"
    final.write_text(
        "round,juror,file,value\n"
        "2,Wle Juror A,Wle Uvac.jpg,2\n2,Wle Juror A,Wle Tara.png,1\n"
        "2,Wle Juror B,Wle Uvac.jpg,1\n2,Wle Juror B,Wle Tara.png,2\n"
        "2,Wle Juror C,Wle Uvac.jpg,1\n2,Wle Juror C,Wle Tara.png,2\n",
        encoding="utf-8",
    )
    assert wikitally("photos", "votes", "import", str(path), str(final), db=db).returncode == 0
    ranking = results(2)["round"]
    assert ranking["kind"] == "ranking" and ranking["complete"]
    assert [(p["rank"], p["file"]) for p in ranking["ranking"]] == [(1, "Wle Uvac.jpg"), (2, "Wle Tara.png")]
    wikitext = wikitally("photos", "results", str(path), "--round", "2", "--format", "wikitext", db=db)
    assert "<gallery>\nFile:Wle Uvac.jpg|Rank 1\n</gallery>" in wikitext.stdout

    # the winners' uploaders are congratulated on the wiki: a dry run writes nothing, --post one new section
    # after what the talk page holds, a second run nothing
    import secrets

    from wikis import ADMIN_USER

    from wikitally.publish.session import ENV_PASSWORD, ENV_USER
    from wikitally.services.photo_awards import marker

    export = wikitally("photos", "export", str(path), db=db)
    assert export.returncode == 0 and export.stdout.splitlines()[1].startswith(
        "1,Wle Uvac.jpg,Wle Uploader One,"
    )
    wiki_a.admin().edit("User talk:Wle Uploader One", "== Hello ==\nA note kept. ~~~~")
    certs = tmp_path / "certificates"
    dry = wikitally("photos", "awards", str(path), "--certificates", str(certs), db=db)
    assert dry.returncode == 0 and "dry run: 1 to post" in dry.stderr, dry.stderr
    assert [p.name for p in certs.glob("*.pdf")] == ["Wle_Uploader_One.pdf"]
    assert "would post to User talk:Wle Uploader One" in dry.stdout and "1st place" in dry.stdout
    app, password = f"photoawards{secrets.token_hex(3)}", secrets.token_hex(16)
    grants = "basic,highvolume,editpage,createeditmovepage"
    wiki_a.maintenance("createBotPassword", "--appid", app, "--grants", grants, ADMIN_USER, password)
    env = dict(
        os.environ,
        WIKITALLY_DB=db,
        WIKITALLY_CONTACT="tests@wikitally.invalid",
        **{ENV_USER: f"{ADMIN_USER}@{app}", ENV_PASSWORD: password},
    )
    args = [*WIKITALLY, "photos", "awards", str(path), "--post"]
    posted = subprocess.run(args, capture_output=True, text=True, env=env, timeout=300)
    assert posted.returncode == 0 and "1 posted, 0 already congratulated" in posted.stderr, posted.stderr
    talk = wiki_a.api_get(
        action="query",
        titles="User talk:Wle Uploader One",
        prop="revisions",
        rvprop="content",
        rvslots="main",
    )["query"]["pages"][0]["revisions"][0]["slots"]["main"]["content"]
    assert talk.startswith("== Hello ==\nA note kept.") and "[[:File:Wle Uvac.jpg|" in talk
    assert marker(f"WLE live {tmp_path.name}") in talk
    again = subprocess.run(args, capture_output=True, text=True, env=env, timeout=300)
    assert again.returncode == 0 and "0 posted, 1 already congratulated" in again.stderr


def test_a_special_nomination_on_a_real_wiki(tmp_path: Path, wiki_a: LocalWiki) -> None:
    """[[photos.nomination]] with its own category and jurors: one import lists both categories (a file in
    both is read once), each part judges its own files, votes go to the nomination's round."""
    start = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=1)
    up = wiki_a.create_user("Wlen Uploader")
    wiki_a.create_user("Wlen Juror A")
    cave_juror = wiki_a.create_user("Wlen Cave Juror")
    main, caves = "WLEN Live Main", "WLEN Live Caves"

    def text(*categories: str) -> str:
        return "{{Information|description=x}}" + "".join(f"\n[[Category:{c}]]" for c in categories)

    up.upload("Wlen Lake.jpg", image((2000, 1000), (20, 120, 40), "JPEG"), text=text(main))
    up.upload("Wlen Resava.jpg", image((2400, 1600), (90, 30, 30), "JPEG"), text=text(main, caves))
    up.upload("Wlen Cave only.png", image((1600, 1250), (10, 60, 200), "PNG"), text=text(caves))
    cave_juror.upload("Wlen Juror cave.jpg", image((2400, 1600), (30, 90, 30), "JPEG"), text=text(caves))
    path = tmp_path / "contest.toml"
    path.write_text(
        f'''name = "WLE nominations {tmp_path.name}"
start = {start.isoformat()}
end = {(start + timedelta(days=1)).isoformat()}
[api]
"{wiki_a.domain}" = "{wiki_a.api}"
[photos]
wiki = "{wiki_a.domain}"
categories = ["{main}"]
min_megapixels = 1.0
jurors = ["Wlen Juror A"]
[[photos.round]]
name = "First round"
kind = "yesno"
quorum = 1
advance = 1
[[photos.nomination]]
name = "Caves"
categories = ["{caves}"]
jurors = ["Wlen Cave Juror", "Wlen Juror A"]
[[photos.nomination.round]]
name = "Best cave"
kind = "rating"
quorum = 1
advance = 1
''',
        encoding="utf-8",
    )
    db = str(tmp_path / "store.sqlite3")
    done = wikitally("photos", "import", str(path), db=db)
    assert done.returncode == 0, done.stderr

    def results(number: int) -> dict:
        r = wikitally("photos", "results", str(path), "--round", str(number), "--format", "json", db=db)
        assert r.returncode == 0, r.stderr
        return json.loads(r.stdout)

    contest = {e["file"]: e["reasons"] for e in results(1)["entries"]}
    assert contest == {"Wlen Lake.jpg": [], "Wlen Resava.jpg": []}
    nomination = results(2)
    assert nomination["round"]["nomination"] == "Caves"
    assert {e["file"]: e["reasons"] for e in nomination["entries"]} == {
        "Wlen Resava.jpg": [],
        "Wlen Cave only.png": [],
        "Wlen Juror cave.jpg": ["uploader_is_juror"],  # a juror of the nomination
    }
    votes = tmp_path / "votes.csv"
    votes.write_text(
        "round,juror,file,value\n2,Wlen Cave Juror,Wlen Cave only.png,5\n2,Wlen Juror A,Wlen Resava.jpg,3\n",
        encoding="utf-8",
    )
    imported = wikitally("photos", "votes", "import", str(path), str(votes), db=db)
    assert imported.returncode == 0, imported.stderr
    ranking = results(2)["round"]["ranking"]
    assert [(p["rank"], p["file"]) for p in ranking] == [(1, "Wlen Cave only.png"), (2, "Wlen Resava.jpg")]
    assert results(1)["round"]["votes"] == 0
    # a second import reads no metadata again and keeps where each file was listed
    again = wikitally("photos", "import", str(path), db=db)
    assert again.returncode == 0 and "0 read" in again.stderr, again.stderr
    listed = {e["file"] for e in nomination["entries"]}
    assert {e["file"] for e in results(2)["entries"]} == listed and len(listed) == 3
