"""judging.photos.verdicts: each reason of the contest's vocabulary at its exact boundary."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from wikitally.judging.photos import REASONS, Photo, big_enough, verdicts
from wikitally.model import PhotoContest, PhotoRound, Site

START = datetime(2024, 5, 1, tzinfo=UTC)
END = datetime(2024, 5, 31, 23, 59, 59, tzinfo=UTC)
CONTEST = PhotoContest(
    wiki="commons.wikimedia.org",
    categories=("Category:WLE",),
    min_megapixels=2.0,
    site_template="Protected area of Serbia",
    sites=(Site("SR-1"), Site("SR-2")),
    jurors=("Juror A", "Juror B"),
    rounds=(PhotoRound("First", "yesno", 2, 10),),
)


def photo(file: str = "a.jpg", **kw: object) -> Photo:
    base: dict[str, object] = dict(
        file=file,
        page_id=1,
        uploader="Uploader",
        uploaded=START + timedelta(days=1),
        width=2000,
        height=1000,
        mime="image/jpeg",
        sha1="s-" + file,
        site="SR-1",
    )
    base.update(kw)
    return Photo(**base)  # type: ignore[arg-type]


def reasons(*photos: Photo, contest: PhotoContest = CONTEST) -> list[tuple[str, ...]]:
    return [v.reasons for v in verdicts(list(photos), contest, START, END)]


def test_a_good_photo_is_eligible_and_keeps_its_site() -> None:
    (v,) = verdicts([photo()], CONTEST, START, END)
    assert v.eligible and v.reasons == () and v.site == "SR-1"


@pytest.mark.parametrize(
    ("uploaded", "outside"),
    [(START, False), (END, False), (START - timedelta(seconds=1), True), (END + timedelta(seconds=1), True)],
)
def test_window_is_inclusive(uploaded: datetime, outside: bool) -> None:
    assert ("outside_window" in reasons(photo(uploaded=uploaded))[0]) is outside


@pytest.mark.parametrize(
    ("w", "h", "small"), [(2000, 1000, False), (1999, 1000, True), (1000, 2000, False), (1414, 1414, True)]
)
def test_megapixels_are_millions_of_pixels_inclusive(w: int, h: int, small: bool) -> None:
    assert ("too_small" in reasons(photo(width=w, height=h))[0]) is small


def test_fractional_minimum_is_exact() -> None:
    assert big_enough(600, 500, 0.3)  # 300,000 pixels, though 0.3 × 10⁶ is 300000.00000000006 in floats
    assert not big_enough(599, 500, 0.3)


@pytest.mark.parametrize(
    ("mime", "not_image"),
    [
        ("image/jpeg", False),
        ("image/png", False),
        ("video/webm", True),
        ("image/svg+xml", True),
        ("application/pdf", True),
    ],
)
def test_not_image(mime: str, not_image: bool) -> None:
    assert ("not_image" in reasons(photo(mime=mime))[0]) is not_image


def test_uploader_is_juror_compares_normalised_names() -> None:
    assert reasons(photo(uploader="juror_A"))[0] == ("uploader_is_juror",)


def test_duplicate_is_the_later_upload_with_the_same_sha1() -> None:
    early = photo("early.jpg", page_id=5, sha1="same")
    late = photo("late.jpg", page_id=3, sha1="same", uploaded=early.uploaded + timedelta(hours=1))
    assert reasons(late, early) == [("duplicate",), ()]
    # same moment: the lower page id was created first
    twin = photo("twin.jpg", page_id=9, sha1="same")
    assert reasons(early, twin) == [(), ("duplicate",)]
    # a deleted earlier copy does not make the later one a duplicate
    assert reasons(photo("early.jpg", page_id=5, sha1="same", deleted=True), late) == [("deleted",), ()]


@pytest.mark.parametrize(
    ("site", "reason"),
    [(None, "no_site_id"), ("", "no_site_id"), ("SR-99", "unknown_site_id"), ("SR-2", None)],
)
def test_site_ids(site: str | None, reason: str | None) -> None:
    assert reasons(photo(site=site))[0] == ((reason,) if reason else ())


def test_without_a_list_any_site_id_is_known_and_without_a_template_none_is_asked() -> None:
    from dataclasses import replace

    assert reasons(photo(site="anything"), contest=replace(CONTEST, sites=None))[0] == ()
    (v,) = verdicts([photo(site=None)], replace(CONTEST, site_template=""), START, END)
    assert v.reasons == () and v.site is None


def test_deleted_has_that_reason_only_and_reasons_keep_the_vocabulary_order() -> None:
    assert reasons(photo(deleted=True, width=1, mime="video/ogg"))[0] == ("deleted",)
    got = reasons(
        photo(uploaded=END + timedelta(days=1), width=10, mime="video/ogg", uploader="Juror B", site=None)
    )[0]
    assert got == ("outside_window", "too_small", "not_image", "uploader_is_juror", "no_site_id")
    assert list(got) == sorted(got, key=REASONS.index)


def test_override_sets_the_verdict_and_keeps_the_reasons() -> None:
    (v,) = verdicts([photo(width=10)], CONTEST, START, END, overrides={"a.jpg": True})
    assert v.eligible and v.reasons == ("too_small",)
    (v,) = verdicts([photo()], CONTEST, START, END, overrides={"a.jpg": False})
    assert not v.eligible and v.reasons == ()
