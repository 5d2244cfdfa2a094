"""Which fonts a certificate needs for the letters on it: bundled DejaVu Sans first, then Debian's fonts.

DejaVu Sans (bundled) prints Latin, Cyrillic, Greek, Armenian, Georgian and Hebrew. A letter it lacks is
looked up by its Unicode script in FACES, fonts that Debian installs at fixed paths:

- fonts-noto-core: one Noto Sans font per script (Arabic, Devanagari, Bengali, Tamil, Thai, Ethiopic, …);
- fonts-wqy-microhei: WenQuanYi Micro Hei, Chinese, Japanese kana and Korean Hangul in one file (Droid Sans
  Fallback, its ancestor, has no Hangul syllables).

Arabic-script letters always take Noto Sans Arabic, even the ones DejaVu has: fpdf2 picks a font letter by
letter, and a word whose letters came from two fonts is shaped in two pieces and does not join.

Only the fonts a page needs are added to it, and a run of certificates loads them cut down to the run's
letters (subset_fonts): fpdf2 parses a whole font for every PDF, which costs far more than drawing with it.
A letter of a known script whose font is not installed is a FontMissingError naming the Debian package
(exit 2); a letter no font has (an emoji, a rare CJK Extension B ideograph such as 𠮷) is a
GlyphMissingError (exit 1) — the caller names the participant.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont
from fpdf.unicode_script import UnicodeScript, get_unicode_script

from wikitally.errors import WikitallyError

BUNDLED_DIR = Path(__file__).resolve().parent / "fonts"
NOTO_DIR = Path("/usr/share/fonts/truetype/noto")
WQY_FILE = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")
NOTO_PACKAGE = "fonts-noto-core"
WQY_PACKAGE = "fonts-wqy-microhei"
PACKAGES = (NOTO_PACKAGE, WQY_PACKAGE)  # what scripts/bootstrap.sh and scripts/test.sh install

# Taken from the script's own font even where DejaVu has a glyph (see the module's docstring): the Arabic,
# Arabic Supplement, Arabic Extended-A/B and Arabic Presentation Forms-A/B blocks.
SHAPED_BLOCKS = ((0x0600, 0x06FF), (0x0750, 0x077F), (0x0870, 0x08FF), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF))
# So are the joiners (ZWNJ, ZWJ): one from DejaVu would cut the word around it in two shaping runs.
JOINERS = frozenset((0x200C, 0x200D))


@dataclass(frozen=True)
class Face:
    """A fallback font: family name for fpdf2, regular file (and bold, when the package has one)."""

    family: str
    regular: Path
    package: str
    collection_font_number: int = 0  # face index in a .ttc

    @property
    def bold(self) -> Path | None:
        path = self.regular.with_name(self.regular.name.replace("-Regular.", "-Bold."))
        return path if path != self.regular and path.exists() else None


def _noto(name: str) -> Face:
    return Face(name, NOTO_DIR / f"{name}-Regular.ttf", NOTO_PACKAGE)


_WQY = Face("WenQuanYiMicroHei", WQY_FILE, WQY_PACKAGE)
_NOTO_SCRIPTS = {  # script → Noto Sans font of fonts-noto-core; the scripts of Wikimedia's languages
    UnicodeScript.ARABIC: "NotoSansArabic",
    UnicodeScript.HEBREW: "NotoSansHebrew",
    UnicodeScript.SYRIAC: "NotoSansSyriac",
    UnicodeScript.THAANA: "NotoSansThaana",
    UnicodeScript.NKO: "NotoSansNKo",
    UnicodeScript.ARMENIAN: "NotoSansArmenian",
    UnicodeScript.GEORGIAN: "NotoSansGeorgian",
    UnicodeScript.DEVANAGARI: "NotoSansDevanagari",
    UnicodeScript.BENGALI: "NotoSansBengali",
    UnicodeScript.GURMUKHI: "NotoSansGurmukhi",
    UnicodeScript.GUJARATI: "NotoSansGujarati",
    UnicodeScript.ORIYA: "NotoSansOriya",
    UnicodeScript.TAMIL: "NotoSansTamil",
    UnicodeScript.TELUGU: "NotoSansTelugu",
    UnicodeScript.KANNADA: "NotoSansKannada",
    UnicodeScript.MALAYALAM: "NotoSansMalayalam",
    UnicodeScript.SINHALA: "NotoSansSinhala",
    UnicodeScript.OL_CHIKI: "NotoSansOlChiki",
    UnicodeScript.THAI: "NotoSansThai",
    UnicodeScript.LAO: "NotoSansLao",
    UnicodeScript.TIBETAN: "NotoSerifTibetan",  # fonts-noto-core has no sans Tibetan
    UnicodeScript.MYANMAR: "NotoSansMyanmar",
    UnicodeScript.KHMER: "NotoSansKhmer",
    UnicodeScript.ETHIOPIC: "NotoSansEthiopic",
    UnicodeScript.CHEROKEE: "NotoSansCherokee",
    UnicodeScript.CANADIAN_ABORIGINAL: "NotoSansCanadianAboriginal",
    UnicodeScript.MONGOLIAN: "NotoSansMongolian",
    UnicodeScript.TIFINAGH: "NotoSansTifinagh",
    UnicodeScript.ADLAM: "NotoSansAdlam",
    UnicodeScript.YI: "NotoSansYi",
    UnicodeScript.VAI: "NotoSansVai",
    UnicodeScript.JAVANESE: "NotoSansJavanese",
    UnicodeScript.BALINESE: "NotoSansBalinese",
    UnicodeScript.SUNDANESE: "NotoSansSundanese",
    UnicodeScript.BUGINESE: "NotoSansBuginese",
    UnicodeScript.CHAM: "NotoSansCham",
    UnicodeScript.LISU: "NotoSansLisu",
    UnicodeScript.TAI_VIET: "NotoSansTaiViet",
    UnicodeScript.NEW_TAI_LUE: "NotoSansNewTaiLue",
    UnicodeScript.TAI_THAM: "NotoSansTaiTham",
    UnicodeScript.TAI_LE: "NotoSansTaiLe",
    UnicodeScript.LIMBU: "NotoSansLimbu",
    UnicodeScript.LEPCHA: "NotoSansLepcha",
    UnicodeScript.SAURASHTRA: "NotoSansSaurashtra",
    UnicodeScript.CHAKMA: "NotoSansChakma",
    UnicodeScript.MEETEI_MAYEK: "NotoSansMeeteiMayek",
    UnicodeScript.OSAGE: "NotoSansOsage",
    UnicodeScript.GLAGOLITIC: "NotoSansGlagolitic",
    UnicodeScript.RUNIC: "NotoSansRunic",
    UnicodeScript.GOTHIC: "NotoSansGothic",
    UnicodeScript.COPTIC: "NotoSansCoptic",
}
FACES: dict[UnicodeScript, Face] = (
    {script: _noto(name) for script, name in _NOTO_SCRIPTS.items()}
    | {
        script: _WQY
        for script in (
            UnicodeScript.HAN,
            UnicodeScript.HIRAGANA,
            UnicodeScript.KATAKANA,
            UnicodeScript.HANGUL,
        )
    }
    | {UnicodeScript.BOPOMOFO: _WQY}
)
# Letters of no one script (punctuation, symbols, marks): the faces already chosen, then these.
COMMON_FACES = (_noto("NotoSans"), _noto("NotoSansSymbols"), _noto("NotoSansSymbols2"), _noto("NotoSansMath"))


class FontMissingError(WikitallyError):
    """A font Debian installs is needed and not installed: names the package."""

    exit_code = 2

    def __init__(self, char: str, face: Face, whose: str) -> None:
        self.char, self.face = char, face
        super().__init__(
            f"{whose} has {_describe(char)}, printed with {face.regular}, which is not installed: "
            f"install the Debian package {face.package} (apt-get install {face.package}, or run "
            f"bash scripts/bootstrap.sh as root); no certificates were written"
        )


class GlyphMissingError(WikitallyError):
    """No font wikitally knows has a letter: the certificate would print nothing in its place."""

    exit_code = 1

    def __init__(self, char: str, whose: str) -> None:
        self.char = char
        super().__init__(
            f"{whose} has {_describe(char)}, which none of the certificate fonts has; no certificates were written"
        )


def _describe(char: str) -> str:
    name = unicodedata.name(char, "")
    return f"{char!r} (U+{ord(char):04X}{' ' + name if name else ''})"


@functools.cache
def cmap(path: Path, collection_font_number: int = 0) -> frozenset[int]:
    """The code points a font file has glyphs for (read once per process)."""
    with TTFont(path, fontNumber=collection_font_number, lazy=True) as font:
        return frozenset(font.getBestCmap())


def _has(face: Face, code: int) -> bool:
    return code in cmap(face.regular, face.collection_font_number)


def _shaped(code: int) -> bool:
    return code in JOINERS or any(low <= code <= high for low, high in SHAPED_BLOCKS)


@functools.cache
def dejavu_range() -> tuple[int, ...]:
    """The code points DejaVu prints: those both its faces have, less the joiners and the blocks left to Noto."""
    both = cmap(BUNDLED_DIR / "DejaVuSans.ttf") & cmap(BUNDLED_DIR / "DejaVuSans-Bold.ttf")
    return tuple(sorted(code for code in both if not _shaped(code)))


def _invisible(char: str) -> bool:
    # Format and control characters (bidi controls, ZWJ, …) print nothing: the shaper drops them.
    return unicodedata.category(char) in ("Cf", "Cc")


def faces_for(texts: Iterable[tuple[str, str]]) -> list[Face]:
    """The fallback faces, in order of first need, that print every letter of texts after DejaVu.

    texts: (text, whose) pairs; whose names the text's owner in an error ('the name of participant …')."""
    dejavu = frozenset(dejavu_range())
    chosen: list[Face] = []
    for text, whose in texts:
        for char in dict.fromkeys(text):  # each letter once, in order
            code = ord(char)
            if code in dejavu or _invisible(char) or any(_has(face, code) for face in chosen):
                continue
            chosen.append(_face(char, whose))
    return chosen


def _face(char: str, whose: str) -> Face:
    """The face for a letter: its script's, else the first that has it (symbols first, then CJK)."""
    code = ord(char)
    own = FACES.get(get_unicode_script(char))
    candidates = dict.fromkeys((*((own,) if own else ()), *COMMON_FACES, _WQY, *FACES.values()))
    for face in candidates:
        if face.regular.exists() and _has(face, code):
            return face
    # Not installed: the script's own font, else a symbol font that may have it.
    missing = next((f for f in (own, *COMMON_FACES) if f is not None and not f.regular.exists()), None)
    if missing is not None:
        raise FontMissingError(char, missing, whose)
    raise GlyphMissingError(char, whose)


FontFile = tuple[Path, int]  # a font file and the face's number in it (0 but in a .ttc)


def subset_fonts(fonts: Iterable[FontFile], text: str, directory: Path) -> dict[FontFile, Path]:
    """Each font cut down to the letters of text (with every OpenType feature, so shaping is unchanged),
    saved in directory: fpdf2 parses a whole font for each PDF, and a CJK font is 28,000 glyphs where a
    run of certificates prints a few hundred. The same fonts and text give the same files."""
    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.glyph_names = True
    options.hinting = False
    options.drop_tables = [*options.drop_tables, "FFTM"]
    files: dict[FontFile, Path] = {}
    for n, (path, number) in enumerate(dict.fromkeys(fonts)):
        options.font_number = number
        font = subset.load_font(str(path), options)
        subsetter = subset.Subsetter(options)
        subsetter.populate(text=text)
        subsetter.subset(font)
        font.recalcTimestamp = False  # the same bytes every run
        files[path, number] = directory / f"{n}-{path.stem}.ttf"
        font.save(str(files[path, number]))
        font.close()
    return files
