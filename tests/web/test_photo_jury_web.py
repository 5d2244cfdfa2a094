"""The photo jury on the web (views_photos.py): jurors vote, undo, flag and rank; organizers close rounds;
the public sees jurors as "Juror N"; every vote is in the audit log (who, when, old → new)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from webseed import SCRIPT, csrf_post, define, log_in, text_of, user

from wikitally.judging.photos import Photo
from wikitally.model import Campaign
from wikitally.services import photos as service
from wikitally.store.models import PhotoAudit, PhotoMark, PhotoVote, WikiAccount
from wikitally.store.photos import PhotoStore
from wikitally.web.campaigns import figures

JURORS = ["Juror A", "Juror B", "Juror C"]
T = datetime(2024, 5, 10, tzinfo=UTC)
HOME, VOTE, ROUND = "/c/wle/photos/", "/c/wle/photos/1/", "/c/wle/photos/1/round/"
FILES = ["Lake 1.jpg", "Lake 2.jpg", f"Lake {SCRIPT}.jpg", "Lake 4.jpg"]


def juror_account(site_name: str, wiki_name: str) -> User:
    account = user(site_name)
    WikiAccount.objects.create(user=account, username=wiki_name, provider="meta.wikimedia.org", sub=site_name)
    return account


def contest(
    kind: str = "yesno",
    quorum: int = 2,
    files: list[str] = FILES,
    nomination: dict[str, Any] | None = None,
    batch: int = 0,
) -> Campaign:
    photos: dict[str, Any] = {
        "wiki": "commons.wikimedia.org",
        "categories": ["WLE test"],
        "min_megapixels": 2.0,
        "jurors": JURORS,
        "round": [
            {
                "name": "First",
                "kind": kind,
                "quorum": quorum,
                "advance": 2,
                **({"batch": batch} if batch else {}),
            }
        ],
        **({"nomination": [nomination]} if nomination else {}),
    }
    _definition, campaign = define(
        user("organizer"),
        slug="wle",
        start=datetime(2024, 5, 1, tzinfo=UTC),
        end=datetime(2024, 5, 31, tzinfo=UTC),
        photos=photos,
    )
    store = figures.store()
    entries = [
        (
            Photo(
                f,
                i,
                f"Uploader {i}",
                T + timedelta(hours=i),
                4000,
                3000,
                "video/webm" if f.endswith(".webm") else "image/jpeg",
                f"sha{i}",
                None,
                thumb_url=f"https://upload.wikimedia.org/thumb/{i}/1280px-x.jpg",
            ),
            i,
        )
        for i, f in enumerate(files, start=1)
    ]
    PhotoStore(store).save_entries(campaign, entries)
    service.allocate_round(campaign, store, 1, seed=3, now=T)
    for site, wiki in zip(("a", "b", "c"), JURORS, strict=True):
        juror_account(site, wiki)
    return campaign


def rows(model: Any, campaign: Campaign) -> Any:
    """The campaign's rows only (a PostgreSQL test database may hold other runs' contests)."""
    return model.objects.filter(campaign_id=figures.store()._find(campaign))


def queue_of(campaign: Campaign, juror: str) -> list[str]:
    return PhotoStore(figures.store()).next_task(campaign, 1, juror, 100)


def test_a_juror_votes_one_photo_at_a_time_and_undoes(client: Client) -> None:
    campaign = contest()
    log_in(client, "a")
    mine = queue_of(campaign, "Juror A")
    page = client.get(VOTE)
    html = page.content.decode()
    assert page.status_code == 200 and SCRIPT not in html
    assert 'id="photo" src="https://upload.wikimedia.org/thumb/' in html  # the stored thumbnail
    assert 'rel="preload" as="image"' in html  # the next photo is fetched ahead
    assert "https://upload.wikimedia.org" in page.headers["Content-Security-Policy"]
    assert 'data-key="y"' in html and 'data-key="n"' in html and 'data-key="u"' not in html
    csrf_post(client, VOTE, {"action": "vote", "file": mine[0], "value": "1"})
    assert rows(PhotoVote, campaign).get(juror="Juror A", file=mine[0]).value == 1
    assert queue_of(campaign, "Juror A") == mine[1:]
    assert "1 of 2 done" in text_of(client.get(VOTE).content) or len(mine) != 2
    # the same photo again (its vote changes), then undo: the log keeps old → new each time
    csrf_post(client, VOTE, {"action": "vote", "file": mine[0], "value": "0"})
    csrf_post(client, VOTE, {"action": "undo"})
    assert not rows(PhotoVote, campaign).filter(juror="Juror A").exists()
    assert queue_of(campaign, "Juror A") == mine  # back at the front
    log = [
        (a.actor, a.action, a.detail.get("old"), a.detail.get("new"))
        for a in rows(PhotoAudit, campaign).order_by("pk")
    ]
    assert [row for row in log if row[1] in ("vote", "undo")] == [
        ("Juror A", "vote", None, 1),
        ("Juror A", "vote", 1, 0),
        ("Juror A", "undo", 0, None),
    ]


def test_flags_and_favourites_reach_the_organizers_only(client: Client) -> None:
    campaign = contest()
    log_in(client, "b")
    first = queue_of(campaign, "Juror B")[0]
    csrf_post(client, VOTE, {"action": "flag", "file": first, "note": f"copyvio? {SCRIPT}"})
    csrf_post(client, VOTE, {"action": "favourite", "file": first})
    assert sorted(rows(PhotoMark, campaign).values_list("kind", flat=True)) == ["favourite", "flag"]
    assert 'aria-pressed="true"' in client.get(VOTE).content.decode()
    assert client.get("/c/wle/photos/log/").status_code == 403
    client.logout()
    log_in(client, "organizer")
    page = client.get("/c/wle/photos/log/")
    assert page.status_code == 200 and SCRIPT not in page.content.decode()
    assert f"copyvio? {SCRIPT}" in text_of(page.content) and "Juror B" in text_of(page.content)


@pytest.mark.parametrize(("who", "status"), [("someone", 403), ("organizer", 403), (None, 302)])
def test_only_jurors_vote(client: Client, who: str | None, status: int) -> None:
    campaign = contest()
    juror_account("someone", "Someone")
    if who:
        log_in(client, who)
    assert client.get(VOTE).status_code == status
    if who:  # a signed-in non-juror with a valid form is refused too
        assert (
            csrf_post(client, VOTE, {"action": "vote", "file": FILES[0], "value": "1"}, HOME).status_code
            == 403
        )
    assert not rows(PhotoVote, campaign).exists() and campaign.photos is not None


@pytest.mark.parametrize(
    "data",
    [
        {"action": "vote", "file": "Not in the queue.jpg", "value": "1"},
        {"action": "vote", "value": "7"},  # out of range for yes/no
        {"action": "vote", "value": "x"},
        {"action": "explode"},
        {"action": "flag", "file": "Not in the contest.jpg"},
    ],
)
def test_a_bad_vote_is_refused_and_changes_nothing(client: Client, data: dict[str, str]) -> None:
    campaign = contest()
    log_in(client, "a")
    data = {"file": queue_of(campaign, "Juror A")[0], **data}
    assert csrf_post(client, VOTE, data).status_code == 400
    assert not rows(PhotoVote, campaign).exists()


def test_organizers_redistribute_and_close_a_round_with_an_unfinished_juror(client: Client) -> None:
    campaign = contest()
    store = figures.store()
    for juror in ("Juror A", "Juror B"):  # C does nothing
        for file in queue_of(campaign, juror):
            service_vote(campaign, juror, file)
    c_left = queue_of(campaign, "Juror C")
    assert c_left
    log_in(client, "organizer")
    page = text_of(client.get(ROUND).content)
    assert f"Photos lacking votes: {len(c_left)}" in page and "Juror C" in page
    csrf_post(client, ROUND, {"action": "allocate", "seed": "5", "without": "Juror C"})
    assert queue_of(campaign, "Juror C") == []
    assert sorted(queue_of(campaign, "Juror A") + queue_of(campaign, "Juror B")) == sorted(c_left)
    csrf_post(client, ROUND, {"action": "close"})
    assert "This round is closed." in text_of(client.get(ROUND).content)
    client.logout()
    log_in(client, "a")
    assert "This round is closed." in text_of(client.get(VOTE).content)
    next_file = queue_of(campaign, "Juror A")[0]
    assert csrf_post(client, VOTE, {"action": "vote", "file": next_file, "value": "1"}).status_code == 400
    assert [a for _, _, a, _ in PhotoStore(store).audit(campaign) if a == "close"] == ["close"]


def service_vote(campaign: Campaign, juror: str, file: str) -> None:
    from wikitally.services import photo_jury

    photo_jury.vote(campaign, figures.store(), 1, juror, file, 1, T)


def test_a_ranking_round_reorders_without_javascript(client: Client) -> None:
    campaign = contest(kind="ranking", quorum=3, files=FILES[:3])
    log_in(client, "a")
    mine = PhotoStore(figures.store()).queue_files(campaign, 1, "Juror A")
    html = client.get(VOTE).content.decode()
    assert 'name="ranks"' in html and 'value="down|' in html
    ranks = ["1", "2", "3"]
    csrf_post(client, VOTE, {"files": mine, "ranks": ranks, "move": f"down|{mine[0]}"})
    got = dict(rows(PhotoVote, campaign).filter(juror="Juror A").values_list("file", "value"))
    assert got == {mine[1]: 1, mine[0]: 2, mine[2]: 3}
    # typed numbers decide the order
    order = [f for f, _ in sorted(got.items(), key=lambda kv: kv[1])]
    csrf_post(client, VOTE, {"files": order, "ranks": ["3", "1", "2"], "action": "rank"})
    got = dict(rows(PhotoVote, campaign).filter(juror="Juror A").values_list("file", "value"))
    assert got == {order[1]: 1, order[2]: 2, order[0]: 3}


def test_public_results_show_aliases_and_organizers_real_names(client: Client) -> None:
    campaign = contest()
    for file in queue_of(campaign, "Juror B"):
        service_vote(campaign, "Juror B", file)
    public = text_of(client.get("/c/wle/photos/1/results/").content)
    assert "Juror 2" in public and "Juror B" not in public and "Juror A" not in public
    log_in(client, "organizer")
    inside = text_of(client.get("/c/wle/photos/1/results/").content)
    assert "Juror B" in inside
    home = client.get(HOME).content.decode()
    assert "/c/wle/photos/1/round/" in home and "/c/wle/photos/log/" in home


def test_the_campaign_page_links_to_the_photo_contest_only_when_it_has_one(client: Client) -> None:
    contest()
    page = client.get("/c/wle/").content.decode()
    assert 'id="photos-link">' in page and f'href="{HOME}"' in page
    define(user("another"), name="A campaign without photos", slug="plain")
    assert 'id="photos-link"' not in client.get("/c/plain/").content.decode()


@pytest.mark.parametrize(("who", "status"), [(None, 302), ("a", 403), ("someone", 403)])
def test_only_organizers_download_the_jurors_statistics(client: Client, who: str | None, status: int) -> None:
    contest()
    juror_account("someone", "Someone")
    if who:
        log_in(client, who)
    answer = client.get("/c/wle/photos/1/jurors.csv")
    assert answer.status_code == status and b"Juror B" not in answer.content


def test_organizers_download_each_jurors_statistics_with_real_names(client: Client) -> None:
    campaign = contest()
    mine = queue_of(campaign, "Juror B")
    for file in mine:
        service_vote(campaign, "Juror B", file)
    from wikitally.services import photo_jury

    photo_jury.mark(campaign, figures.store(), "Juror B", mine[0], "flag", True, "copyvio?", T)
    photo_jury.mark(campaign, figures.store(), "Juror B", mine[0], "favourite", True, "", T)
    log_in(client, "organizer")
    assert 'id="jurors-csv"' in client.get(ROUND).content.decode()
    answer = client.get("/c/wle/photos/1/jurors.csv")
    assert answer.status_code == 200 and answer["Content-Type"].startswith("text/csv")
    assert "no-store" in answer["Cache-Control"]
    by_juror = {line.split(",")[1]: line.split(",") for line in answer.content.decode().splitlines()[1:]}
    assert set(by_juror) == set(JURORS)
    assert by_juror["Juror B"][4:8] == [str(len(mine)), str(len(mine)), "yes_share", "1.0"]
    assert by_juror["Juror B"][10:] == ["1", "1"] and by_juror["Juror A"][10:] == [
        "0",
        "0",
    ]  # flags, favourites
    assert by_juror["Juror B"][8] == by_juror["Juror B"][9] == T.isoformat()  # first and last vote
    assert client.get("/c/wle/photos/9/jurors.csv").status_code == 404


def test_a_nominations_jurors_vote_in_its_rounds_only(client: Client) -> None:
    video = {
        "name": "Video",
        "media": "video",
        "jurors": ["Juror D"],
        "round": [{"name": "Clips", "kind": "rating", "quorum": 1, "advance": 1}],
    }
    campaign = contest(files=[*FILES, "Clip.webm"], nomination=video)
    store = figures.store()
    service.allocate_round(campaign, store, 2, seed=1, now=T)
    assert PhotoStore(store).queue_files(campaign, 2, "Juror D") == ["Clip.webm"]  # only the video
    juror_account("d", "Juror D")
    log_in(client, "d")
    home = text_of(client.get(HOME).content)
    assert "2. Video: Clips" in home
    assert client.get(VOTE).status_code == 403  # the contest's round is not theirs
    page = client.get("/c/wle/photos/2/")
    assert page.status_code == 200 and "Video: Clips" in text_of(page.content)
    csrf_post(client, "/c/wle/photos/2/", {"action": "vote", "file": "Clip.webm", "value": "4"})
    assert rows(PhotoVote, campaign).get(juror="Juror D").round == 2
    client.logout()
    log_in(client, "a")  # a contest juror: not the nomination's
    assert client.get("/c/wle/photos/2/").status_code == 403
    assert client.get(VOTE).status_code == 200


def test_a_long_ranking_round_is_ranked_a_batch_at_a_time(client: Client) -> None:
    """batch = 2: the juror's four photos come as two batches of two; each batch's ranks are its own ballot
    (ballot = the batch's number) and the page moves on to the next batch once one is saved."""
    files = [*FILES, "Lake 5.jpg", "Lake 6.jpg"]
    campaign = contest(kind="ranking", quorum=3, files=files[:4], batch=2)
    log_in(client, "a")
    mine = PhotoStore(figures.store()).queue_files(campaign, 1, "Juror A")
    assert len(mine) == 4
    page = client.get(VOTE)
    assert "Batch 1 of 2" in text_of(page.content) and "Batch 2 of 2" in text_of(page.content)
    assert [e["file"] for e in page.context["ballot"]] == mine[:2]
    # ↑/↓ saves the batch's order and stays on it
    moved = csrf_post(
        client, VOTE, {"files": mine[:2], "ranks": ["1", "2"], "move": f"down|{mine[0]}", "batch": "1"}
    )
    assert moved["Location"].endswith("?batch=1")
    got = {f: (v, b) for f, v, b in rows(PhotoVote, campaign).values_list("file", "value", "ballot")}
    assert got == {mine[1]: (1, 1), mine[0]: (2, 1)}
    # the next page opens the batch still to rank
    page = client.get(VOTE)
    assert page.context["batch"] == 2 and [e["file"] for e in page.context["ballot"]] == mine[2:]
    csrf_post(client, VOTE, {"files": mine[2:], "ranks": ["2", "1"], "action": "rank", "batch": "2"})
    got = {f: (v, b) for f, v, b in rows(PhotoVote, campaign).values_list("file", "value", "ballot")}
    assert got[mine[3]] == (1, 2) and got[mine[2]] == (2, 2)
    # a batch's ranking must hold exactly the batch's photos
    refused = csrf_post(
        client, VOTE, {"files": mine[:3], "ranks": ["1", "2", "3"], "action": "rank", "batch": "1"}
    )
    assert refused.status_code == 400
    result = service.results(campaign, figures.store(), 1).result
    assert result.votes == 4  # one juror's four ranks in two ballots; the others have not ranked yet
