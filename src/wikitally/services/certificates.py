"""Use-case: a participation certificate (PDF) for every participant, one file each, in a folder."""

from __future__ import annotations

import hashlib
import logging
import re
import tempfile
import unicodedata
from collections.abc import Callable, Mapping
from pathlib import Path

from wikitally.reports import fallback_fonts
from wikitally.reports.certificate import (
    CertificateError,
    certificate_texts,
    font_files,
    render_certificate,
)
from wikitally.reports.data import ReportData
from wikitally.reports.i18n import Translator

log = logging.getLogger(__name__)

SUFFIX = ".pdf"
MAX_STEM_BYTES = 120  # UTF-8 bytes; with a "-<hash>" and ".pdf" well under every filesystem's 255
FALLBACK_STEM = "participant"
# Path separators, characters Windows forbids, and control characters (C0, DEL, C1).
_UNSAFE = re.compile(r'[/\\:*?"<>|\x00-\x1f\x7f-\x9f]')
_SPACES = re.compile(r"[\s_]+")
# Names Windows reserves for devices, with or without an extension.
_RESERVED = frozenset(
    {"con", "prn", "aux", "nul", "clock$"}
    | {f"{dev}{n}" for dev in ("com", "lpt") for n in [*"123456789", "¹", "²", "³"]}
)


def safe_stem(user: str) -> str:
    """A file name (without extension) for a username, safe on Linux, macOS and Windows.

    NFC-normalised; separators, Windows-forbidden and control characters become '_'; spaces become '_' as
    in MediaWiki URLs; format characters (bidi controls, zero-width) are dropped; no leading or trailing
    dots, so never '.', '..' or a hidden file; device names (CON, NUL.txt, COM1 …) get a '_' before the first dot; at most
    MAX_STEM_BYTES of UTF-8; 'participant' when nothing is left.
    """
    name = unicodedata.normalize("NFC", user)
    name = "".join(ch for ch in name if unicodedata.category(ch) != "Cf")
    name = _UNSAFE.sub("_", name)
    name = _SPACES.sub("_", name).strip("._ ")
    encoded = name.encode("utf-8")
    if len(encoded) > MAX_STEM_BYTES:
        name = encoded[:MAX_STEM_BYTES].decode("utf-8", "ignore").rstrip("._ ")
    head, dot, rest = name.partition(".")
    if head.lower() in _RESERVED:  # Windows reserves "NUL" and "NUL.anything" alike
        name = f"{head}_{dot}{rest}"
    return name or FALLBACK_STEM


def file_names(users: list[str]) -> dict[str, str]:
    """username → unique file name. A name whose safe form is taken (ignoring case, as macOS and Windows
    do) gets a short hash of the username, so it stays the same from run to run."""
    taken: set[str] = set()
    names: dict[str, str] = {}
    for user in users:
        stem = safe_stem(user)
        if stem.casefold() in taken:
            digest = hashlib.sha256(user.encode("utf-8")).hexdigest()
            stem = f"{stem}-{digest[:8]}"
            n = 2
            while stem.casefold() in taken:
                stem = f"{safe_stem(user)}-{digest[:8]}-{n}"
                n += 1
        taken.add(stem.casefold())
        names[user] = stem + SUFFIX
    return names


def write_certificates(
    data: ReportData,
    out_dir: Path,
    t_for: Callable[[str], Translator],
    organizer: str,
    logo: Path | None,
    awards: Mapping[str, str] | None = None,
) -> list[Path]:
    """One certificate per participant in out_dir (created if missing), each in the language t_for(user)
    gives; returns the files in the order of data.outcome["by_participant"]. Existing files are replaced.

    Every certificate's letters are checked against the fonts first: a name no font can print (or whose
    font is not installed) stops the run before any file is written, naming the participant. The fonts are
    then cut down to the run's letters once, so each certificate loads small fonts."""
    users = [str(row["user"]) for row in data.outcome["by_participant"]]
    if awards is not None:  # a contest's winners only, each with their place under the name
        users = [u for u in users if u in awards]
    award = awards or {}
    translators = {user: t_for(user) for user in users}
    texts = [
        text
        for user, t in translators.items()
        for text in certificate_texts(data, user, t, organizer, award.get(user, ""))
    ]
    faces = fallback_fonts.faces_for(texts)
    out_dir.mkdir(parents=True, exist_ok=True)
    logo_bytes = logo.read_bytes() if logo is not None else None
    root = out_dir.resolve()
    written: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="wikitally-fonts-") as tmp:
        subsets = fallback_fonts.subset_fonts(
            font_files(faces), "".join(text for text, _ in texts), Path(tmp)
        )
        for user, name in file_names(users).items():
            path = out_dir / name
            if path.resolve().parent != root:  # safe_stem makes this impossible; checked all the same
                raise CertificateError(f"{path} is not a file in {out_dir} (a symbolic link?)")
            pdf = render_certificate(
                data,
                user,
                translators[user],
                organizer=organizer,
                logo=logo_bytes,
                subsets=subsets,
                award=award.get(user, ""),
            )
            path.write_bytes(pdf)
            written.append(path)
    log.info("wrote %d certificates to %s", len(written), out_dir)
    return written
