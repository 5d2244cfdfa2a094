"""Which files of a photo contest may be judged, and why not (the contest's vocabulary of reasons).

- outside_window: the first version was uploaded before the campaign's start or after its end (inclusive);
- too_small: width × height < min_megapixels × 10⁶ pixels (exactly the minimum is enough);
- not_image: the MIME type is not image/* or is image/svg+xml (a drawing), e.g. video, audio, PDF;
- uploader_is_juror: the first version's uploader is one of the contest's jurors;
- duplicate: the same SHA-1 as an entry first uploaded earlier (first upload time, then page id: the lower
  id was created first); deleted entries are not compared;
- no_site_id: the file page does not call the site template, or calls it with an empty first parameter;
- unknown_site_id: the first parameter is not an `id` of the national list (when one is given);
- deleted: the file no longer exists; a deleted file has this reason only.
In a special nomination for video (media = "video") a file must be video instead: not_video replaces
not_image and too_small (megapixels are a photo's measure).
An organizer's override sets the verdict (eligible or not) and keeps the reasons as they are.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from wikitally.model import PhotoContest
from wikitally.usernames import normalize_username

REASONS = (
    "outside_window",
    "too_small",
    "not_image",
    "uploader_is_juror",
    "duplicate",
    "no_site_id",
    "unknown_site_id",
    "deleted",
)


@dataclass(frozen=True)
class Photo:
    """A contest file as its page and first version tell (file: the title without "File:")."""

    file: str
    page_id: int
    uploader: str  # first version's user
    uploaded: datetime  # first version's timestamp
    width: int
    height: int
    mime: str
    sha1: str
    site: str | None  # the site template's first parameter; None: not called
    deleted: bool = False
    thumb_url: str = ""  # Commons' screen-size thumbnail (collect/photos.py THUMB_WIDTH)
    # where the last import listed it: "" the contest's categories, else a special nomination's name;
    # () : imported before nominations existed, i.e. the contest's own
    parts: tuple[str, ...] = ()

    def in_part(self, nomination: str) -> bool:
        """Listed in the contest's categories ("") or in the named nomination's."""
        return nomination in self.parts or (nomination == "" and not self.parts)


@dataclass(frozen=True)
class Verdict:
    file: str
    eligible: bool
    reasons: tuple[str, ...]
    site: str | None


def min_pixels(min_megapixels: float) -> int:
    """The fewest whole pixels that make min_megapixels × 10⁶, in exact decimal arithmetic (0.3 Mpx is
    300,000 pixels, though 0.3 × 10⁶ is 300000.00000000006 in floats)."""
    return math.ceil(Decimal(repr(min_megapixels)) * 1_000_000)


def big_enough(width: int, height: int, min_megapixels: float) -> bool:
    """width × height ≥ min_megapixels × 10⁶."""
    return width * height >= min_pixels(min_megapixels)


def is_image(mime: str) -> bool:
    mime = mime.strip().lower()
    return mime.startswith("image/") and mime != "image/svg+xml"


def is_video(mime: str) -> bool:
    return mime.strip().lower().startswith("video/")


def verdicts(
    photos: Sequence[Photo],
    contest: PhotoContest,
    start: datetime,
    end: datetime,
    overrides: Mapping[str, bool] | None = None,
    media: str = "image",
) -> list[Verdict]:
    """Each photo's verdict, in the order given; overrides: file → the organizers' eligible/not.
    media: "image" (the contest, an image nomination) or "video" (a video nomination)."""
    overrides = overrides or {}
    jurors = {normalize_username(j) for j in contest.jurors}
    least = min_pixels(contest.min_megapixels)
    names: dict[str, str] = {}  # uploader as stored → normalised, once per uploader (thousands, not 30,000)
    known_sites = {s.id for s in contest.sites} if contest.sites is not None else None
    first_by_sha1: dict[str, tuple[datetime, int]] = {}
    for p in photos:
        if not p.deleted and p.sha1:
            key = (p.uploaded, p.page_id)
            if p.sha1 not in first_by_sha1 or key < first_by_sha1[p.sha1]:
                first_by_sha1[p.sha1] = key
    out = []
    for p in photos:
        if p.deleted:
            out.append(Verdict(p.file, False, ("deleted",), p.site))
            continue
        reasons = []
        if not start <= p.uploaded <= end:
            reasons.append("outside_window")
        if media == "video":
            if not is_video(p.mime):
                reasons.append("not_video")
        else:
            if p.width * p.height < least:
                reasons.append("too_small")
            if not is_image(p.mime):
                reasons.append("not_image")
        name = names.get(p.uploader)
        if name is None:
            name = names[p.uploader] = normalize_username(p.uploader)
        if name in jurors:
            reasons.append("uploader_is_juror")
        if p.sha1 and first_by_sha1.get(p.sha1, (p.uploaded, p.page_id)) < (p.uploaded, p.page_id):
            reasons.append("duplicate")
        if contest.site_template:
            if not p.site:
                reasons.append("no_site_id")
            elif known_sites is not None and p.site not in known_sites:
                reasons.append("unknown_site_id")
        eligible = overrides.get(p.file, not reasons)
        site = p.site if contest.site_template and p.site else None
        out.append(Verdict(p.file, eligible, tuple(reasons), site))
    return out
