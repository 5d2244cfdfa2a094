"""Participation certificates: valid PDFs in every script, hostile names, safe file names, same bytes twice."""

from __future__ import annotations

import io
import logging
import re
import shutil
import subprocess
import sys
import unicodedata
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from wikitally.metrics.outcome import METRICS
from wikitally.reports import fallback_fonts, messages
from wikitally.reports.certificate import FONT_DIR, CertificateError, render_certificate
from wikitally.reports.data import ReportData
from wikitally.reports.i18n import Translator, po_path, translator
from wikitally.services.certificates import MAX_STEM_BYTES, file_names, safe_stem, write_certificates

LONG_NAME = ("Ëndërr Çelëbi-Shqipëria " * 10)[:200].strip()
HOSTILE = ["../../etc/passwd", "<b>x</b>", "**bold**", "مستخدم", LONG_NAME]
NAMES = {  # a participant per script the catalogues and usernames use
    "en": "Example user",
    "ru": "Ана Марковић",
    "sr": "Љубица Ђорђевић",
    "hy": "Արմեն Սարգսյան",
    "el": "Ελένη Παπαδοπούλου",
    "sq": "Vyolltsa Ëmëri",
    "cs": "Jiří Dvořák",
    "ro": "Ștefan Țuțuianu",
}

# A username in each script Wikimedia usernames are written in, and the font that must print it (None: the
# bundled DejaVu Sans).
SCRIPTS = {
    "Latin": ("Łukasz Nguyễn", None),
    "Cyrillic": ("Љубица Ђорђевић", None),
    "Greek": ("Ελένη Παπαδοπούλου", None),
    "Armenian": ("Արմեն Սարգսյան", None),
    "Georgian": ("ნინო ბერიძე", None),
    "Hebrew": ("דוד בן־גוריון", None),
    "Arabic": ("عبد الرحمن", "NotoSansArabic"),
    "Persian": ("پژمان رضایی", "NotoSansArabic"),
    "Urdu": ("نعمان بٹ", "NotoSansArabic"),
    "Devanagari": ("अनिल कुमार", "NotoSansDevanagari"),
    "Bengali": ("রবীন্দ্রনাথ ঠাকুর", "NotoSansBengali"),
    "Gurmukhi": ("ਗੁਰਪ੍ਰੀਤ ਸਿੰਘ", "NotoSansGurmukhi"),
    "Gujarati": ("નરેન્દ્ર", "NotoSansGujarati"),
    "Odia": ("ସୁଭାଷ", "NotoSansOriya"),
    "Tamil": ("சுப்பிரமணியன்", "NotoSansTamil"),
    "Telugu": ("శ్రీనివాస్", "NotoSansTelugu"),
    "Kannada": ("ಕುವೆಂಪು", "NotoSansKannada"),
    "Malayalam": ("ശ്രീകുമാർ", "NotoSansMalayalam"),
    "Sinhala": ("කුමාර", "NotoSansSinhala"),
    "Thai": ("สมชาย ใจดี", "NotoSansThai"),
    "Lao": ("ສົມພອນ", None),
    "Khmer": ("សុខា", "NotoSansKhmer"),
    "Myanmar": ("အောင်ဆန်း", "NotoSansMyanmar"),
    "Tibetan": ("བསྟན་འཛིན", "NotoSerifTibetan"),
    "Ethiopic": ("አበበ ቢቂላ", "NotoSansEthiopic"),
    "Chinese": ("李小龍", "WenQuanYiMicroHei"),
    "Japanese": ("山田たろう", "WenQuanYiMicroHei"),
    "Korean": ("김민준", "WenQuanYiMicroHei"),
}


def row(user: str, **values: int) -> dict[str, object]:
    numbers = {m: values.get(m, 0) for m in METRICS}
    numbers["articles_edited"] = numbers["articles_created"] + numbers["articles_improved"]
    return {"user": user, **numbers}


def campaign_data(*extra: dict[str, object]) -> ReportData:
    people = [
        row(name, participants=1, edits=21, articles_created=2, articles_improved=3, words_added=2_305,
            references_added=15, uploads=3)
        for name in NAMES.values()
    ]  # fmt: skip
    outcome = {
        "campaign": {
            "name": "WikiGap Tirana 2024",
            "start": "2024-03-08T09:00:00+01:00",
            "end": "2024-03-15T23:59:59+01:00",
            "as_of": "2024-03-16T10:00:00+01:00",
        },
        "by_participant": [*people, *extra],
    }
    return ReportData(outcome=outcome, articles=(), timeline=())


def pdf_text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    return reader.pages[0].extract_text()


def flat(text: str) -> str:
    """Whitespace (line breaks, no-break spaces of formatted numbers) as single spaces, without the bidi
    isolates (FSI, PDI) around the names in the sentence."""
    text = text.replace("\u2068", "").replace("\u2069", "")
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ").replace("\u202f", " ")).strip()


def png(pdf: bytes, tmp_path: Path) -> Image.Image:
    source = tmp_path / "certificate.pdf"
    source.write_bytes(pdf)
    subprocess.run(
        ["pdftoppm", "-png", "-r", "50", "-singlefile", "-f", "1", "-l", "1", source, tmp_path / "page"],
        check=True,
    )
    return Image.open(tmp_path / "page.png").convert("L")


def letters(text: str) -> Counter[str]:
    """The letters of a text, in any order: right-to-left text is extracted in visual order, and a glyph
    drawn before its letter (Devanagari ि) comes back as a control code."""
    return Counter(ch for ch in text if not ch.isspace() and unicodedata.category(ch) != "Cc")


def fonts(pdf: bytes) -> set[str]:
    """The fonts a page uses, without their subset prefix ('NotoSansThaiBold')."""
    resources = PdfReader(io.BytesIO(pdf)).pages[0]["/Resources"]["/Font"]
    return {str(font.get_object()["/BaseFont"]).split("+")[-1] for font in resources.values()}


def ink(pdf: bytes, tmp_path: Path) -> int:
    """Dark pixels on the page rendered at 50 dpi."""
    return png(pdf, tmp_path).point(lambda v: 255 if v < 128 else 0).histogram()[255]


def logo_bytes(fmt: str) -> bytes:
    img = Image.new("RGB", (300, 120), (255, 255, 255))
    img.paste((51, 102, 204), (20, 20, 280, 100))
    out = io.BytesIO()
    img.save(out, format=fmt)
    return out.getvalue()


@pytest.mark.parametrize("lang", ["en", "ru", "sr", "hy", "el", "sq", "cs", "ro"])
def test_certificate_is_a_valid_pdf_with_the_participants_text(lang, caplog):
    t = translator(lang)
    user = NAMES[lang]
    with caplog.at_level(logging.WARNING):
        pdf = render_certificate(campaign_data(), user, t, organizer="Ana Marković")
    assert pdf.startswith(b"%PDF-")
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (
        842,
        595,
    )  # A4 landscape
    text = pdf_text(pdf)
    lines = text.splitlines()
    assert t.gettext(messages.CERT_TITLE) in lines
    assert user in lines  # the name on its own line, every letter extracted as it went in
    assert "WikiGap Tirana 2024" in flat(text)
    assert flat(t.date(date(2024, 3, 8))) in flat(text)
    assert flat(t.date(date(2024, 3, 15))) in flat(text)
    for forms, n in [
        (messages.N_EDITS, 21), (messages.N_ARTICLES_CREATED, 2), (messages.N_ARTICLES_IMPROVED, 3),
        (messages.N_WORDS, 2_305), (messages.N_REFERENCES, 15), (messages.N_UPLOADS, 3),
    ]:  # fmt: skip
        assert flat(t.count(forms, n)) in flat(text)
    assert "Ana Marković" in lines
    assert t.gettext(messages.CERT_SIGNATURE) in lines
    assert not [r for r in caplog.records if "missing the following glyphs" in r.getMessage()]


def test_translations_are_used():
    assert "Մասնակցության վկայական" in pdf_text(
        render_certificate(campaign_data(), NAMES["hy"], translator("hy"))
    )
    assert "Сертификат участника" in pdf_text(
        render_certificate(campaign_data(), NAMES["ru"], translator("ru"))
    )


@pytest.mark.parametrize(
    ("edits", "phrase"),
    [(1, "1 правка"), (3, "3 правки"), (5, "5 правок"), (21, "21 правка"), (1_234, "1 234 правки")],
)
def test_russian_plural_forms(edits, phrase):
    data = campaign_data(row("Пётр", edits=edits))
    assert phrase in flat(pdf_text(render_certificate(data, "Пётр", translator("ru"))))


def test_only_non_zero_numbers_are_listed():
    data = campaign_data(row("Only edits", edits=2))
    text = flat(pdf_text(render_certificate(data, "Only edits", translator("en"))))
    assert "2 edits" in text
    for word in ("article", "word", "reference", "upload"):
        assert word not in text
    # articles created and improved are two phrases, each only when it isn't 0
    data = campaign_data(row("Creator", edits=3, articles_created=1))
    text = flat(pdf_text(render_certificate(data, "Creator", translator("en"))))
    assert "3 edits · 1 article created" in text and "improved" not in text
    data = campaign_data(row("Пётр", edits=5, articles_created=2, articles_improved=5))
    text = flat(pdf_text(render_certificate(data, "Пётр", translator("ru"))))
    assert "5 правок · 2 созданные статьи · 5 улучшенных статей" in text
    # nothing at all: no "Contributions:" heading either
    empty = flat(pdf_text(render_certificate(campaign_data(row("Nobody")), "Nobody", translator("en"))))
    assert "Contributions:" not in empty


def test_one_day_campaign_shows_one_date():
    data = campaign_data()
    data.outcome["campaign"].update(start="2024-03-08T09:00:00+01:00", end="2024-03-08T18:00:00+01:00")
    text = flat(pdf_text(render_certificate(data, NAMES["en"], translator("en"))))
    assert "(March 8, 2024)" in text


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_names_are_printed_literally(name):
    text = pdf_text(render_certificate(campaign_data(row(name, edits=1)), name, translator("en")))
    if name == LONG_NAME:  # wrapped over lines
        assert name in flat(text)
    else:
        assert name in text.splitlines()  # '<b>x</b>' and '**bold**' as typed: no markup read


def test_same_input_gives_the_same_bytes():
    data = campaign_data()
    logo = logo_bytes("PNG")
    first = render_certificate(data, NAMES["hy"], translator("hy"), organizer="Org", logo=logo)
    second = render_certificate(data, NAMES["hy"], translator("hy"), organizer="Org", logo=logo)
    assert first == second


@pytest.mark.parametrize("fmt", ["PNG", "JPEG"])
def test_logo_is_embedded(fmt):
    pdf = render_certificate(campaign_data(), NAMES["en"], translator("en"), logo=logo_bytes(fmt))
    assert len(PdfReader(io.BytesIO(pdf)).pages[0].images) == 1


@pytest.mark.parametrize("logo", [b"not an image", logo_bytes("GIF")])
def test_a_logo_that_is_not_png_or_jpeg_is_refused(logo):
    with pytest.raises(CertificateError, match="logo"):
        render_certificate(campaign_data(), NAMES["en"], translator("en"), logo=logo)


def test_unknown_participant_is_refused():
    with pytest.raises(CertificateError, match="not a participant"):
        render_certificate(campaign_data(), "Somebody else", translator("en"))


def test_page_one_renders_to_a_non_blank_image(tmp_path):
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm not installed (Debian package poppler-utils)")
    pdf = render_certificate(
        campaign_data(), NAMES["hy"], translator("hy"), organizer="Org", logo=logo_bytes("PNG")
    )
    img = png(pdf, tmp_path)
    assert img.size[0] > img.size[1]  # landscape
    dark = img.point(lambda v: 255 if v < 128 else 0)
    assert (
        0.005 < sum(dark.histogram()[255:]) / (img.size[0] * img.size[1]) < 0.2
    )  # ink, but not a black page
    width, height = img.size
    # the text is centred: as much ink left of the middle as right of it (within 25 %)
    left = dark.crop((0, 0, width // 2, height)).histogram()[255]
    right = dark.crop((width // 2, 0, width, height)).histogram()[255]
    assert abs(left - right) / (left + right) < 0.25
    # and there is some in the middle band (the name), not only the border
    assert dark.crop((width // 4, height // 3, 3 * width // 4, 2 * height // 3)).histogram()[255] > 0


def test_fonts_and_their_licence_are_bundled():
    assert {p.name for p in FONT_DIR.iterdir()} >= {"DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "LICENSE"}
    assert "Bitstream" in (FONT_DIR / "LICENSE").read_text()


@pytest.mark.parametrize(
    ("user", "stem"),
    [
        ("../../etc/passwd", "etc_passwd"),
        ("<b>x</b>", "b_x_b"),
        ("**bold**", "bold"),
        ("Example user", "Example_user"),
        ("مستخدم", "مستخدم"),
        ("\u202eevil\u202c", "evil"),
        ("a\x00b", "a_b"),
        ("..", "participant"),
        ("", "participant"),
        ("CON", "CON_"),
        ("nul.txt", "nul_.txt"),
        ("Com1", "Com1_"),
        ("C:\\Windows", "C_Windows"),
        ("Jiří Dvořák", "Jiří_Dvořák"),
    ],
)
def test_safe_stem(user, stem):
    assert safe_stem(user) == stem


def test_safe_stem_is_short_enough():
    for name in (LONG_NAME, "Ա" * 300, "x" * 300):
        stem = safe_stem(name)
        assert 0 < len(stem.encode()) <= MAX_STEM_BYTES
        assert not stem.endswith((".", "_", " "))


def test_file_names_are_unique_even_when_safe_names_clash():
    names = file_names(["A b", "A_b", "a b", "A/b", "A b-x"])
    assert names["A b"] == "A_b.pdf"
    assert len({n.casefold() for n in names.values()}) == 5
    assert all(n.startswith(("A_b", "a_b")) and n.endswith(".pdf") for n in names.values())
    assert file_names(["A b", "A_b"]) == file_names(["A b", "A_b"])  # stable from run to run


def test_write_certificates(tmp_path):
    hostile = [row(name, edits=1) for name in [*HOSTILE, "A b", "A_b"]]
    data = campaign_data(*hostile)
    out = tmp_path / "out"
    asked: list[str] = []
    languages = {NAMES["hy"]: "hy", NAMES["ru"]: "ru"}

    def t_for(user: str) -> Translator:
        asked.append(user)
        return translator(languages.get(user, "en"))

    logo = tmp_path / "logo.png"
    logo.write_bytes(logo_bytes("PNG"))
    paths = write_certificates(data, out, t_for, "Ana Marković", logo)
    users = [r["user"] for r in data.outcome["by_participant"]]
    assert asked == users
    assert len(paths) == len(set(paths)) == len(users)
    assert sorted(out.iterdir()) == sorted(paths)  # nothing outside out/ (no ../../etc/passwd)
    assert not (tmp_path / "etc").exists()
    for user, path in zip(users, paths, strict=True):
        assert path.parent == out and path.suffix == ".pdf"
        assert len(path.name.encode()) <= MAX_STEM_BYTES + 20
        text = pdf_text(path.read_bytes())
        assert user in flat(text)
        title = translator(languages.get(user, "en")).gettext(messages.CERT_TITLE)
        assert title in text.splitlines()
    again = write_certificates(data, tmp_path / "again", t_for, "Ana Marković", logo)
    assert [p.read_bytes() for p in again] == [p.read_bytes() for p in paths]


@pytest.mark.parametrize("script", SCRIPTS)
def test_a_name_in_every_script_is_printed_with_its_font(script, caplog):
    name, font = SCRIPTS[script]
    with caplog.at_level(logging.WARNING):
        pdf = render_certificate(campaign_data(row(name, edits=3)), name, translator("ru"), organizer=name)
    assert not [r for r in caplog.records if "missing the following glyphs" in r.getMessage()]  # no boxes
    used = fonts(pdf)
    assert {"DejaVuSansBook", "DejaVuSansBold"} <= used
    assert font is None or font in used
    lines = pdf_text(pdf).splitlines()
    # every letter comes back: the name's own line, the organizer's, and in the sentence
    assert sum(letters(line) == letters(name) for line in lines) >= 2
    assert letters(name) <= letters(pdf_text(pdf)) - letters(lines[1]) - letters(lines[-2])


@pytest.mark.parametrize("script", SCRIPTS)
def test_a_name_in_every_script_puts_ink_on_the_page(script, tmp_path):
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm not installed (Debian package poppler-utils)")
    name, _ = SCRIPTS[script]
    page = ink(render_certificate(campaign_data(row(name, edits=3)), name, translator("en")), tmp_path)
    one_letter = ink(render_certificate(campaign_data(row("I", edits=3)), "I", translator("en")), tmp_path)
    # printed twice (40 pt name, 15 pt sentence): well over 20 dark pixels a letter at 50 dpi
    assert page - one_letter > 20 * sum(letters(name).values())


def test_mixed_scripts_in_one_name_and_in_a_translated_sentence():
    name = "Ana 李 محمد अनिल"
    pdf = render_certificate(campaign_data(row(name, edits=1)), name, translator("sr"), organizer="김민준")
    assert {"WenQuanYiMicroHei", "NotoSansArabicBold", "NotoSansDevanagariBold", "NotoSansArabic"} <= fonts(
        pdf
    )
    text = pdf_text(pdf)
    assert letters(name) + letters(name) + letters("김민준") <= letters(text)


def test_a_letter_no_font_has_stops_the_run_naming_the_participant(tmp_path):
    name = "Polly 🦜"
    data = campaign_data(row(name, edits=1))
    out = tmp_path / "out"
    with pytest.raises(fallback_fonts.GlyphMissingError) as error:
        write_certificates(data, out, lambda user: translator("en"), "", None)
    message = str(error.value)
    assert error.value.exit_code == 1
    assert "\n" not in message and f"participant {name!r}" in message and "U+1F99C" in message
    assert not out.exists()  # nothing written for anyone


def test_a_font_not_installed_names_its_debian_package(tmp_path, monkeypatch):
    thai = fallback_fonts.FACES[fallback_fonts.UnicodeScript.THAI]
    absent = fallback_fonts.Face(thai.family, tmp_path / thai.regular.name, thai.package)
    monkeypatch.setitem(fallback_fonts.FACES, fallback_fonts.UnicodeScript.THAI, absent)
    name = SCRIPTS["Thai"][0]
    with pytest.raises(fallback_fonts.FontMissingError) as error:
        render_certificate(campaign_data(row(name, edits=1)), name, translator("en"))
    message = str(error.value)
    assert error.value.exit_code == 2
    assert "\n" not in message and f"participant {name!r}" in message
    assert "install the Debian package fonts-noto-core" in message and thai.regular.name in message


def test_the_fonts_a_certificate_may_need_come_from_the_packages_the_scripts_install():
    packages = {face.package for face in (*fallback_fonts.FACES.values(), *fallback_fonts.COMMON_FACES)}
    assert packages == set(fallback_fonts.PACKAGES)
    root = Path(__file__).resolve().parents[2]
    for script in ("scripts/bootstrap.sh", "scripts/test.sh"):
        text = (root / script).read_text()
        assert all(package in text for package in packages), script


@pytest.mark.parametrize(
    ("lang", "noun"),
    [("ru", "пользователя"), ("uk", "користувача"), ("pl", "użytkownika"), ("sr", "корисника"),
     ("sr-latn", "korisnika")],
)  # fmt: skip
def test_the_name_is_not_declined(lang, noun):
    """In these languages "the participation of X" puts X in the genitive, which a username can't take:
    "участие Ана Марковић" reads wrong. A noun in the genitive ("of the user") before the name leaves it as
    it is."""
    with po_path(lang).open(encoding="utf-8") as f:
        po = f.read()
    entry = po[po.index('msgid "This certifies that {name}') :]
    msgstr = re.search(r'msgstr "(.*)"', entry)
    assert msgstr is not None and f"{noun} {{name}}" in msgstr.group(1)


def glyphs_per_letter(pdf: bytes, font: str) -> Counter[str]:
    """How many different glyphs of a font print each letter (from the font's ToUnicode map)."""
    for ref in PdfReader(io.BytesIO(pdf)).pages[0]["/Resources"]["/Font"].values():
        obj = ref.get_object()
        if str(obj["/BaseFont"]).split("+")[-1] == font:
            cmap = obj["/ToUnicode"].get_object().get_data().decode()
            return Counter(
                bytes.fromhex(target).decode("utf-16-be")
                for target in re.findall(r"^<[0-9A-F]+> <([0-9A-F]+)>$", cmap, re.MULTILINE)
            )
    raise AssertionError(f"{font} is not on the page")


def test_arabic_letters_join():
    """محمد: the first م is in its initial form, the second in its medial form — two glyphs for one letter,
    where unshaped text prints the isolated form twice."""
    name = "محمد"
    pdf = render_certificate(campaign_data(row(name, edits=1)), name, translator("en"))
    assert glyphs_per_letter(pdf, "NotoSansArabicBold")["م"] == 2
    assert glyphs_per_letter(pdf, "NotoSansArabic")["م"] == 2  # in the sentence too


def test_a_run_of_certificates_loads_cut_down_fonts_and_prints_the_same_pages(tmp_path, caplog, monkeypatch):
    """write_certificates cuts the fonts down to the run's letters (each page loads a small font instead of
    a whole CJK one); the pages look exactly as each certificate rendered alone with the full fonts."""
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm not installed (Debian package poppler-utils)")
    scripts = ["Arabic", "Devanagari", "Thai", "Chinese", "Korean", "Hebrew", "Georgian", "Latin"]
    names = [SCRIPTS[script][0] for script in scripts]
    data = campaign_data(*(row(name, edits=2) for name in names))
    subset_fonts = fallback_fonts.subset_fonts
    sizes: dict[str, tuple[int, int]] = {}

    def measured(*args, **kwargs):
        files = subset_fonts(*args, **kwargs)
        sizes.update(
            {path.name: (path.stat().st_size, cut.stat().st_size) for (path, _), cut in files.items()}
        )
        return files

    monkeypatch.setattr(fallback_fonts, "subset_fonts", measured)
    with caplog.at_level(logging.WARNING):
        paths = write_certificates(data, tmp_path / "out", lambda user: translator("ru"), "김민준", None)
    assert not [r for r in caplog.records if "missing the following glyphs" in r.getMessage()]
    assert {"DejaVuSans.ttf", "wqy-microhei.ttc", "NotoSansArabic-Bold.ttf"} <= sizes.keys()
    assert sizes["wqy-microhei.ttc"][1] < sizes["wqy-microhei.ttc"][0] / 100
    by_user = dict(zip([r["user"] for r in data.outcome["by_participant"]], paths, strict=True))
    for script, name in zip(scripts, names, strict=True):
        pdf = by_user[name].read_bytes()
        alone = render_certificate(data, name, translator("ru"), organizer="김민준")
        assert SCRIPTS[script][1] is None or SCRIPTS[script][1] in fonts(pdf)
        assert png(pdf, tmp_path).tobytes() == png(alone, tmp_path).tobytes(), script


def test_vowel_marks_do_not_break_arabic_joining():
    """مُحَمَّد takes the same joined letter forms as محمد: its vowel marks stay in the word's shaping run."""
    pdfs = {
        name: render_certificate(campaign_data(row(name, edits=1)), name, translator("en"))
        for name in ("مُحَمَّد", "محمد")
    }
    vocalized = glyphs_per_letter(pdfs["مُحَمَّد"], "NotoSansArabicBold")
    plain = glyphs_per_letter(pdfs["محمد"], "NotoSansArabicBold")
    assert all(vocalized[letter] == plain[letter] for letter in "محد")


def test_a_zero_width_joiner_keeps_the_half_form():
    """क्‍ष: the ZWJ asks for क's half form; क and its virama are never drawn apart."""
    name = "क्\u200dषमा"
    glyphs = glyphs_per_letter(
        render_certificate(campaign_data(row(name, edits=1)), name, translator("en")),
        "NotoSansDevanagariBold",
    )
    assert glyphs["क्"] == 1 and "क" not in glyphs and "्" not in glyphs


@pytest.mark.parametrize("name", ["علی‌رضا", "محمد علی", "\u202eevil"])
def test_a_name_reads_the_same_in_the_sentence_as_on_its_own_line(name):
    """The name is a bidi isolate in the sentence: علی‌رضا kept its order around the ZWNJ (it came out as
    رضا‌علی), and a U+202E in it reverses only the name."""
    pdf = render_certificate(campaign_data(row(name, edits=1)), name, translator("en"))
    lines = pdf_text(pdf).splitlines()
    assert f"that {flat(lines[1])} took part" in flat(pdf_text(pdf))


def test_without_uharfbuzz_the_run_says_what_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "uharfbuzz", None)  # as if it were not installed: import fails
    with pytest.raises(CertificateError, match="uharfbuzz") as error:
        render_certificate(campaign_data(), NAMES["en"], translator("en"))
    assert "\n" not in str(error.value)
