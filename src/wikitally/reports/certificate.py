"""Participation certificates: one A4 landscape PDF page per participant. Pure: no HTTP, no database.

Text is set in DejaVu Sans, bundled in reports/fonts/ (Latin with diacritics, Cyrillic, Greek, Armenian,
Georgian, Hebrew). Letters it lacks — a name in Arabic, Devanagari, Thai, Chinese, Korean … — come from
Debian's fonts, chosen per page by fallback_fonts; a letter no font has stops the run (GlyphMissingError)
rather than print a certificate with a hole where the name should be. Text is shaped with HarfBuzz
(uharfbuzz), so Arabic letters join, Indic vowel signs and conjuncts take their places, and right-to-left
runs are put in visual order by fpdf2's Unicode bidi algorithm. Names, campaign names and the organizer are
data: printed literally, never read as markup.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, cast

from fpdf import FPDF
from fpdf.enums import Align, MethodReturnValue, TextDirection, WrapMode
from fpdf.errors import FPDFException
from fpdf.line_break import Fragment
from fpdf.unicode_script import UnicodeScript, get_unicode_script
from PIL import Image, UnidentifiedImageError

from wikitally.errors import WikitallyError
from wikitally.reports import fallback_fonts, messages
from wikitally.reports.data import ReportData
from wikitally.reports.i18n import Translator

FONT_DIR = Path(__file__).resolve().parent / "fonts"
FONT = "DejaVuSans"
PAGE_W, PAGE_H = 297.0, 210.0  # A4 landscape, mm
PT = 25.4 / 72  # one point in mm

ACCENT = (51, 102, 204)  # Wikimedia blue (#36c)
TEXT = (32, 33, 34)  # #202122
MUTED = (84, 89, 93)  # #54595d

TEXT_W = 225.0  # width of the text column, centred on the page
LOGO_BOX = (70.0, 24.0)  # the logo fits in this box (w, h), keeping its aspect ratio
TOP = 24.0  # first thing on the page (logo or title)
SIGNATURE_LINE_Y = 172.0  # the organizer signs above this line
SIGNATURE_W = 80.0
CONTENT_BOTTOM = 150.0  # the title-to-contributions block stays above this

# (metric in by_participant, plural phrase), in the order they are printed.
CONTRIBUTIONS: tuple[tuple[str, tuple[str, str]], ...] = (
    ("edits", messages.N_EDITS),
    ("articles_created", messages.N_ARTICLES_CREATED),
    ("articles_improved", messages.N_ARTICLES_IMPROVED),
    ("words_added", messages.N_WORDS),
    ("references_added", messages.N_REFERENCES),
    ("uploads", messages.N_UPLOADS),
)
LOGO_FORMATS = frozenset({"PNG", "JPEG"})
JOINERS = frozenset("\u200c\u200d")  # zero-width non-joiner and joiner


class _PDF(FPDF):
    """fpdf2, with a word's combining marks and joiners kept in the word's shaping run.

    fpdf2 starts a new fragment wherever the Unicode script changes, Inherited (vowel marks, ZWJ) included,
    and shapes each fragment alone: مُحَمَّد lost its joins at every vowel mark, क्‍ष its half form."""

    _last_fallback: str | None = None

    def get_fallback_font(self, char: str, style: str = "") -> str | None:
        # A joiner takes the font of the letter before it (DejaVu leaves them to the fallback fonts).
        last = self._last_fallback
        if char in JOINERS and last is not None and ord(char) in self.fonts[last].cmap:  # type: ignore[union-attr]
            return last
        self._last_fallback = super().get_fallback_font(char, style)
        return self._last_fallback

    def _parse_chars(
        self, text: str, markdown: bool, *, _initial_emphasis: tuple[bool, bool, bool, bool] | None = None
    ) -> Iterator[Fragment]:
        run: Fragment | None = None
        for frag in super()._parse_chars(text, markdown, _initial_emphasis=_initial_emphasis):
            if run is not None and _same_run(run, frag):
                run.characters.extend(frag.characters)
                continue
            if run is not None:
                yield run
            run = frag
        if run is not None:
            yield run


def _same_run(before: Fragment, after: Fragment) -> bool:
    """Two fragments fpdf2 split only at a combining mark or joiner, in the same font and state."""
    if type(before) is not Fragment or type(after) is not Fragment or not before.characters:
        return False
    if not after.characters or before.graphics_state != after.graphics_state or before.link != after.link:
        return False
    inherited = UnicodeScript.INHERITED
    return inherited in (get_unicode_script(before.characters[-1]), get_unicode_script(after.characters[0]))


class CertificateError(WikitallyError):
    """A certificate cannot be made: an unknown participant or a logo that is not a PNG or JPEG image."""

    exit_code = 2


def participant_row(data: ReportData, user: str) -> dict[str, Any]:
    for row in data.outcome["by_participant"]:
        if row["user"] == user:
            return dict(row)
    raise CertificateError(f"{user!r} is not a participant of {data.campaign_name}")


def contributions(row: dict[str, Any], t: Translator) -> list[str]:
    """The participant's non-zero numbers as plural phrases: ['12 edits', '2 articles created', …]."""
    return [t.count(forms, int(row.get(key) or 0)) for key, forms in CONTRIBUTIONS if row.get(key)]


def campaign_dates(campaign: dict[str, Any], t: Translator) -> str:
    """'8 March 2024 – 15 March 2024', or one date for a one-day event (dates in the campaign's offset)."""
    start = t.date(datetime.fromisoformat(campaign["start"]))
    end = t.date(datetime.fromisoformat(campaign["end"]))
    return start if start == end else t.gettext(messages.DATE_RANGE).format(start=start, end=end)


def _body(data: ReportData, user: str, t: Translator) -> str:
    """The sentence, with the name and the campaign's name as bidi isolates (FSI … PDI): a right-to-left
    name keeps its letters in order around a ZWNJ (علی‌رضا), and a U+202E in a name can't reverse the words
    after it."""
    campaign = data.outcome["campaign"]
    return t.gettext(messages.CERT_BODY).format(
        name=_isolated(user), campaign=_isolated(data.campaign_name), dates=campaign_dates(campaign, t)
    )


def _isolated(text: str) -> str:
    return f"\u2068{text}\u2069"


def certificate_texts(
    data: ReportData, user: str, t: Translator, organizer: str = "", award: str = ""
) -> list[tuple[str, str]]:
    """Every text a certificate prints, with whose it is (for an error): the name first, then the campaign's
    name, the organizer and the translated sentences (an award's place, "1st place", among them)."""
    row = participant_row(data, user)
    body = _body(data, user, t)
    sentences = [
        t.gettext(messages.CERT_TITLE),
        *([award] if award else []),
        body,
        t.gettext(messages.CERT_CONTRIBUTED),
        t.gettext(messages.STAT_SEPARATOR),
        *contributions(row, t),
        t.gettext(messages.CERT_SIGNATURE),
    ]
    return [
        (user, f"the name of participant {user!r}"),
        (data.campaign_name, f"the campaign's name {data.campaign_name!r} (on {user!r}'s certificate)"),
        (organizer, f"the organizer's name {organizer!r}"),
        *((text, f"the {t.locale} certificate text {text!r}") for text in sentences),
    ]


def font_files(faces: Iterable[fallback_fonts.Face]) -> list[fallback_fonts.FontFile]:
    """The font files a page with these fallback faces loads: DejaVu Sans's two, then the faces'."""
    files: list[fallback_fonts.FontFile] = [
        (FONT_DIR / "DejaVuSans.ttf", 0),
        (FONT_DIR / "DejaVuSans-Bold.ttf", 0),
    ]
    for face in faces:
        files.append((face.regular, face.collection_font_number))
        if face.bold is not None:
            files.append((face.bold, face.collection_font_number))
    return files


def render_certificate(
    data: ReportData,
    user: str,
    t: Translator,
    *,
    organizer: str = "",
    logo: bytes | None = None,
    subsets: Mapping[fallback_fonts.FontFile, Path] | None = None,
    award: str = "",
) -> bytes:
    """One participant's certificate as PDF bytes; the same input gives the same bytes. `award`: a line
    under the name ("1st place", a contest's winner), none by default.

    subsets: font files to load instead of the fonts themselves (fallback_fonts.subset_fonts: much faster
    to load, for a run of many certificates); each must have every letter of this page."""
    row = participant_row(data, user)
    campaign = data.outcome["campaign"]
    logo_image = _logo(logo) if logo is not None else None
    faces = fallback_fonts.faces_for(certificate_texts(data, user, t, organizer, award))

    pdf = _PDF(orientation="L", unit="mm", format="A4")
    pdf.set_auto_page_break(False)
    pdf.set_margins(0, 0, 0)
    _add_fonts(pdf, faces, subsets or {})
    pdf.set_creation_date(datetime.fromisoformat(campaign.get("as_of") or campaign["end"]))
    pdf.set_lang(str(t.locale).replace("_", "-"))
    pdf.set_title(t.gettext(messages.CERT_TITLE))
    pdf.set_subject(data.campaign_name)
    if organizer:
        pdf.set_author(organizer)
    pdf.add_page()
    _frame(pdf)

    top = TOP
    if logo_image is not None:
        top = _draw_logo(pdf, logo_image) + 8.0

    body = _body(data, user, t)
    phrases = contributions(row, t)
    # The middle block shrinks (rarely: very long names or translations) until it fits, then is centred.
    for scale in (1.0, 0.92, 0.84, 0.76, 0.68, 0.6):
        blocks = _middle_blocks(pdf, t, user, body, phrases, scale, award)
        height = sum(h for h, _ in blocks)
        if height <= CONTENT_BOTTOM - top:
            break
    y = top + max(0.0, (CONTENT_BOTTOM - top - height) / 2)
    for h, draw in blocks:
        draw(y)
        y += h

    _signature(pdf, t, organizer)
    return bytes(pdf.output())


def _add_fonts(
    pdf: FPDF, faces: Iterable[fallback_fonts.Face], subsets: Mapping[fallback_fonts.FontFile, Path]
) -> None:
    """DejaVu Sans (less the blocks left to Noto), then the fallback faces the page needs, and shaping."""

    def add(family: str, style: str, path: Path, number: int, **kwargs: Any) -> None:
        if (path, number) in subsets:
            path, number = subsets[path, number], 0
        pdf.add_font(family, style, str(path), collection_font_number=number, **kwargs)

    dejavu = fallback_fonts.dejavu_range()
    add(FONT, "", FONT_DIR / "DejaVuSans.ttf", 0, unicode_range=dejavu)
    add(FONT, "B", FONT_DIR / "DejaVuSans-Bold.ttf", 0, unicode_range=dejavu)
    faces = list(faces)
    for face in faces:
        add(face.family, "", face.regular, face.collection_font_number)
        if face.bold is not None:
            add(face.family, "B", face.bold, face.collection_font_number)
    # A face without bold serves bold text too (exact_match=False): a name is never left out for want of it.
    pdf.set_fallback_fonts([face.family for face in faces], exact_match=False)
    try:
        pdf.set_text_shaping(True, direction=TextDirection.LTR)
    except FPDFException as e:
        raise CertificateError(
            f"certificates need the Python package uharfbuzz to shape text ({e}); run bash scripts/bootstrap.sh"
        ) from None


@dataclass(frozen=True)
class _Logo:
    data: bytes
    width_px: int
    height_px: int


def _logo(raw: bytes) -> _Logo:
    try:
        with Image.open(io.BytesIO(raw)) as img:
            fmt, (w, h) = img.format, img.size
    except (UnidentifiedImageError, OSError, ValueError) as e:
        raise CertificateError(f"the logo is not a readable image ({e})") from None
    if fmt not in LOGO_FORMATS or w <= 0 or h <= 0:
        raise CertificateError(f"the logo must be a PNG or JPEG image, not {fmt or 'unknown'}")
    return _Logo(raw, w, h)


Block = tuple[float, Callable[[float], None]]  # (height in mm, draw at y)


def _middle_blocks(
    pdf: FPDF, t: Translator, name: str, body: str, phrases: list[str], scale: float, award: str = ""
) -> list[Block]:
    blocks: list[Block] = []
    blocks.append(_fitted_line(pdf, t.gettext(messages.CERT_TITLE), "B", 32 * scale, 18 * scale, ACCENT))
    blocks.append((14.0 * scale, lambda y: _divider(pdf, y + 5.0 * scale)))
    blocks.append(_name_block(pdf, name, scale))
    if award:
        blocks.append((3.0 * scale, lambda y: None))
        blocks.append(_fitted_line(pdf, award, "B", 22 * scale, 12 * scale, ACCENT))
    blocks.append((7.0 * scale, lambda y: None))
    blocks.append(_paragraph(pdf, body, "", 15 * scale, TEXT, line=1.45))
    if phrases:
        blocks.append((8.0 * scale, lambda y: None))
        blocks.append(_fitted_line(pdf, t.gettext(messages.CERT_CONTRIBUTED), "", 11 * scale, 8, MUTED))
        blocks.append((1.5 * scale, lambda y: None))
        blocks.append(_phrase_lines(pdf, phrases, t.gettext(messages.STAT_SEPARATOR), 15 * scale))
    return blocks


def _name_block(pdf: FPDF, name: str, scale: float) -> Block:
    """The name on one line, as large as fits (40 → 20 pt); longer names wrap at the smallest size."""
    size = 40.0 * scale
    pdf.set_font(FONT, "B", size)
    while pdf.get_string_width(name) > TEXT_W and size > 20 * scale:
        size -= 1.0
        pdf.set_font(FONT, "B", size)
    return _paragraph(pdf, name, "B", size, TEXT, line=1.25, direction=None)


def _fitted_line(
    pdf: FPDF, text: str, style: str, size: float, min_size: float, color: tuple[int, ...]
) -> Block:
    """One line, shrunk to the column's width (down to min_size, then wrapped)."""
    pdf.set_font(FONT, style, size)
    while pdf.get_string_width(text) > TEXT_W and size > min_size:
        size -= 0.5
        pdf.set_font(FONT, style, size)
    return _paragraph(pdf, text, style, size, color, line=1.3)


def _paragraph(
    pdf: FPDF,
    text: str,
    style: str,
    size: float,
    color: tuple[int, ...],
    line: float,
    direction: TextDirection | None = TextDirection.LTR,
) -> Block:
    """Centred lines, wrapped at the column's width (words longer than a line are broken).

    direction: the paragraph's base direction; None to take it from its first letter (a name alone)."""
    pdf.set_font(FONT, style, size)
    line_h = size * PT * line
    _direction(pdf, direction)
    lines = _wrap(pdf, text, TEXT_W, line_h)
    # Balance the lines (as CSS text-wrap: balance): the narrowest width that needs no more lines.
    if len(lines) > 1:
        low, high = TEXT_W / 2, TEXT_W
        while high - low > 1.0:
            mid = (low + high) / 2
            if len(_wrap(pdf, text, mid, line_h)) > len(lines):
                low = mid
            else:
                high = mid
        lines = _wrap(pdf, text, high, line_h)
    _direction(pdf, TextDirection.LTR)

    def draw(y: float) -> None:
        pdf.set_font(FONT, style, size)
        pdf.set_text_color(*color)
        _direction(pdf, direction)
        for i, text_line in enumerate(lines):
            _centred(pdf, y + i * line_h, line_h, text_line.strip())
        _direction(pdf, TextDirection.LTR)

    return len(lines) * line_h, draw


def _wrap(pdf: FPDF, text: str, width: float, line_h: float) -> list[str]:
    lines = pdf.multi_cell(
        width,
        line_h,
        text,
        align=Align.C,
        markdown=False,
        wrapmode=WrapMode.WORD,
        dry_run=True,
        output=MethodReturnValue.LINES,
    )
    return [str(line) for line in cast(list[str], lines)]  # output=LINES: the wrapped lines


def _phrase_lines(pdf: FPDF, phrases: list[str], separator: str, size: float) -> Block:
    """'12 edits · 2 articles created · …', broken between phrases, never inside one."""
    pdf.set_font(FONT, "B", size)
    lines: list[str] = []
    for phrase in phrases:
        joined = lines[-1] + separator + phrase if lines else phrase
        if lines and pdf.get_string_width(joined) <= TEXT_W:
            lines[-1] = joined
        else:
            lines.append(phrase)
    line_h = size * PT * 1.45

    def draw(y: float) -> None:
        pdf.set_font(FONT, "B", size)
        pdf.set_text_color(*ACCENT)
        for i, text_line in enumerate(lines):
            _centred(pdf, y + i * line_h, line_h, text_line)

    return len(lines) * line_h, draw


def _direction(pdf: FPDF, direction: TextDirection | None) -> None:
    """The base direction of the paragraphs that follow; None: from their first strong letter."""
    pdf.set_text_shaping(True, direction=direction)


def _centred(pdf: FPDF, y: float, h: float, text: str) -> None:
    pdf.set_xy((PAGE_W - TEXT_W) / 2, y)
    pdf.cell(TEXT_W, h, text, align=Align.C, markdown=False)


def _frame(pdf: FPDF) -> None:
    """A double border: a strong outer rule and a hairline inside it."""
    pdf.set_draw_color(*ACCENT)
    pdf.set_line_width(1.2)
    pdf.rect(10, 10, PAGE_W - 20, PAGE_H - 20)
    pdf.set_line_width(0.3)
    pdf.rect(13.5, 13.5, PAGE_W - 27, PAGE_H - 27)


def _divider(pdf: FPDF, y: float) -> None:
    """A short rule with a small diamond in its middle, under the title."""
    cx = PAGE_W / 2
    pdf.set_draw_color(*ACCENT)
    pdf.set_fill_color(*ACCENT)
    pdf.set_line_width(0.35)
    pdf.line(cx - 32, y, cx - 4, y)
    pdf.line(cx + 4, y, cx + 32, y)
    pdf.polygon([(cx, y - 1.6), (cx + 1.6, y), (cx, y + 1.6), (cx - 1.6, y)], style="F")


def _draw_logo(pdf: FPDF, logo: _Logo) -> float:
    """The logo centred at the top, fitted in LOGO_BOX; returns its bottom edge."""
    box_w, box_h = LOGO_BOX
    ratio = min(box_w / logo.width_px, box_h / logo.height_px)
    w, h = logo.width_px * ratio, logo.height_px * ratio
    pdf.image(io.BytesIO(logo.data), x=(PAGE_W - w) / 2, y=TOP, w=w, h=h)
    return TOP + h


def _signature(pdf: FPDF, t: Translator, organizer: str) -> None:
    """The organizer's name over a signature line, the caption under it."""
    cx = PAGE_W / 2
    if organizer:
        pdf.set_font(FONT, "", 13)
        pdf.set_text_color(*TEXT)
        size = 13.0
        while pdf.get_string_width(organizer) > TEXT_W and size > 8:
            size -= 0.5
            pdf.set_font(FONT, "", size)
        _direction(pdf, None)  # a name: its own direction, as the participant's
        _centred(pdf, SIGNATURE_LINE_Y - 8.5, 7.0, organizer)
        _direction(pdf, TextDirection.LTR)
    pdf.set_draw_color(*MUTED)
    pdf.set_line_width(0.3)
    pdf.line(cx - SIGNATURE_W / 2, SIGNATURE_LINE_Y, cx + SIGNATURE_W / 2, SIGNATURE_LINE_Y)
    pdf.set_font(FONT, "", 10)
    pdf.set_text_color(*MUTED)
    _centred(pdf, SIGNATURE_LINE_Y + 1.5, 6.0, t.gettext(messages.CERT_SIGNATURE))
