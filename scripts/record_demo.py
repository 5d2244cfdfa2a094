"""Record the offline demo: a WikiGap edit-a-thon seeded on two real MediaWikis, collected, saved, replayed.

    .venv/bin/python scripts/record_demo.py

Needs Debian's MediaWiki 1.39 (scripts/start-wiki.sh installs it as root). Writes
src/wikitally/demo/campaign.toml and src/wikitally/demo/recording.json, then replays the recording the way
`wikitally demo` does and checks that every request was recorded, that the replay gives the live
outcome, and that the numbers are the ones this scenario defines (counted by hand below, never taken
from wikitally's output).

How it is made
--------------
1. Two fresh local wikis (tests/wikis.py) stand in for sq.wikipedia.org and sr.wikipedia.org: content
   language sq / sr (so namespaces are "Përdoruesi", "Skeda", "Корисник", "Датотека" …), sitename,
   time zone and $wgServer as on the real wikis.
2. Accounts are created with the API (so imported revisions are credited to them), then their
   registration dates are backdated in the wiki's SQLite file (MediaWiki has no API for that).
3. All backdated history is imported with importDump.php (real revisions, real parent ids and sizes).
4. What importDump cannot make is done live and then backdated with SQL UPDATEs:
   * the revert: importDump runs no revert detection, and MediaWiki refuses to add the software-defined
     `mw-reverted` tag by hand (action=tag). So the patroller saves the old text live (a real manual
     revert, tagged `mw-manual-revert`), the admin patrols it (a non-autopatrolled revert tags the
     reverted edit only once patrolled), runJobs.php runs MediaWiki's RevertedTagUpdateJob, which tags
     the imported edit `mw-reverted`; then the revert's rev_timestamp, its recentchanges row and the
     patrol log entry are moved back to 2024-03-11 (the tags stay: they are keyed by revision id);
   * the uploads: uploaded live by the participants, then image.img_timestamp, the upload and
     page-creation log entries (log_timestamp and the img_timestamp in log_params), their
     recentchanges rows and the file page's revision are moved into the window; the script then checks
     that prop=imageinfo answers the 2024 timestamp.
   The draft's move into the main namespace stays a live action of today (only the draft's revisions,
   imported, need to be in the window).
5. The collector runs through a RecordingTransport that files every answer under the public API URL
   (https://sq.wikipedia.org/w/api.php …), with the campaign's [api] pointing at the local wikis; a
   second collection into the same store records the cheap "refresh" check too, so
   `wikitally demo --db FILE` run twice works offline as well.

The scenario: WikiGap Tirana 2024, 8–15 March 2024 (+01:00)
-----------------------------------------------------------
Listed participants (7): Vyolltsa, Arbëresha, Drilona, Elira Hoxha, Teuta M (sq) and Драгана, Milica K (sr);
Vyolltsa also translates one article on sr. Non-participants: Gentian B (sq) and Небојша (sr), who wrote
the older articles and edit during the week too. New editors: Elira Hoxha (sq account made at the
event) and Milica K (sr account made on day 2). Vyolltsa's sr account is new too, but her sq account
is from 2016: the earliest registration on the campaign's wikis decides, so she is not a new editor.

What each rule meets (the `why` of every edit below says it again):
* counted edit: a listed participant, inside the window, #WikiGap in the summary, on a page now in the
  main namespace that is not a redirect; 25 of them, 15 on sq and 10 on sr;
* outside the window: Teuta M's edit of 5 March and Arbëresha's of 16 March (Teuta M then has no counted
  activity: 7 listed, 6 participants);
* no hashtag: Драгана's spelling fix ("правопис");
* not a participant: Gentian B's copyedit and revert, Небојша's category;
* redirect: Drilona's "Liza Majtner" (an Albanian spelling of Lise Meitner);
* other namespace: Drilona's question on "Diskutim:Marie Curie";
* draft in user space moved to main: Elira Hoxha's "Rosalind Franklin" — both draft revisions count and
  the article is "created";
* reverted: Elira Hoxha's copied paragraph on "Ada Lovelace" — an edit, and an edit reverted, but no
  bytes, words or references, and it does not make an article "improved" (Vyolltsa's edit does);
* references: <ref> elements, {{sfn}} calls, a named ref reused (never counted twice), and
  Arbëresha's removal of a blog citation (references_removed 1; its bytes are negative: 0 added);
* words: templates (infoboxes), refs, tables, headings, file links and categories are no prose; link
  labels are;
* uploads: two by participants inside the window, one used in an article ("Musine Kokalari").
"""

from __future__ import annotations

import argparse
import json
import shutil
import sqlite3
import sys
import tempfile
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "src"))

from wikis import (  # noqa: E402
    ImportPage,
    LocalWiki,
    WikiSpec,
    free_port,
    mw_timestamp,
    png_bytes,
    start_wikis,
)

from wikitally.campaign_file import load_campaign  # noqa: E402
from wikitally.collect.replay import RecordingTransport  # noqa: E402
from wikitally.services import collection, reporting  # noqa: E402
from wikitally.services import demo as demo_service  # noqa: E402
from wikitally.store import open_store  # noqa: E402

SQ, SR = "sq.wikipedia.org", "sr.wikipedia.org"
CET = timezone(timedelta(hours=1))
START = datetime(2024, 3, 8, 9, 0, tzinfo=CET)
END = datetime(2024, 3, 15, 23, 59, 59, tzinfo=CET)
MAX_RECORDING_BYTES = 300_000

SITE = {
    SQ: {
        "lang": "sq",
        "sitename": "Wikipedia",
        "meta_ns": "Wikipedia",
        "meta_talk": "Wikipedia diskutim",
        "timezone": "Europe/Tirane",
    },
    SR: {
        "lang": "sr",
        "sitename": "Википедија",
        "meta_ns": "Википедија",
        "meta_talk": "Разговор о Википедији",
        "timezone": "Europe/Belgrade",
    },
}


def march(day: int, hhmm: str) -> datetime:
    """A moment of March 2024 in Tirana/Belgrade time (CET, +01:00: summer time starts on the 31st)."""
    hour, minute = hhmm.split(":")
    return datetime(2024, 3, day, int(hour), int(minute), tzinfo=CET)


def size(text: str) -> int:
    """A revision's size as MediaWiki measures it: UTF-8 bytes."""
    return len(text.encode("utf-8"))


# ----------------------------------------------------------------------------------------- the people
PARTICIPANTS = ["Vyolltsa", "Arbëresha", "Drilona", "Elira Hoxha", "Teuta M", "Драгана", "Milica K"]

# (wiki, user) -> registration. Users not listed on a wiki have no account there.
ACCOUNTS: dict[tuple[str, str], datetime] = {
    (SQ, "Vyolltsa"): datetime(2016, 4, 12, 18, 3, tzinfo=CET),
    (SQ, "Arbëresha"): datetime(2019, 11, 2, 10, 44, tzinfo=CET),
    (SQ, "Drilona"): datetime(2021, 3, 8, 11, 15, tzinfo=CET),  # at WikiGap 2021
    (SQ, "Elira Hoxha"): march(8, "09:41"),  # new editor: registered at the event
    (SQ, "Teuta M"): datetime(2020, 6, 1, 20, 12, tzinfo=CET),
    (SQ, "Gentian B"): datetime(2012, 2, 20, 9, 30, tzinfo=CET),  # not a participant: a patroller
    (SR, "Драгана"): datetime(2018, 10, 20, 14, 5, tzinfo=CET),
    (SR, "Milica K"): march(9, "10:15"),  # new editor: registered on day 2
    (SR, "Vyolltsa"): march(13, "10:02"),  # new here, but on sq since 2016: not a new editor
    (SR, "Небојша"): datetime(2009, 6, 15, 21, 40, tzinfo=CET),  # not a participant
}


# ----------------------------------------------------------------------------------------- the edits
@dataclass(frozen=True)
class Edit:
    user: str
    when: datetime
    text: str  # the whole page after the edit
    comment: str
    counted: bool = False  # a counted edit (a listed participant, in the window, #WikiGap, main namespace)
    reverted: bool = False  # counted, but reverted: no bytes, words or references
    words: int = 0  # words it adds, counted by hand (see the text's comment)
    refs: int = 0  # change in the number of references, counted by hand
    why: str = ""


@dataclass(frozen=True)
class Page:
    wiki: str
    title: str  # as imported
    edits: list[Edit]
    final_title: str = ""  # after a move (the draft)
    redirect: bool = False

    @property
    def article(self) -> str:
        return self.final_title or self.title


# Word counts: a word is a run of letters or digits ("1912–1951" is two words, "ADN-së" two, "King's"
# two); templates, <ref>s, tables, headings, file links and categories are not prose, link labels are.

# --- sq: Sabiha Kasimati (created by Vyolltsa, extended by Arbëresha)
KASIMATI_1 = """\
{{Infobox shkencëtar
| emri = Sabiha Kasimati
| lindja = 1912, [[Edirne]]
| vdekja = 26 shkurt 1951, [[Tirana]]
| fusha = [[Iktiologjia]]
}}
'''Sabiha Kasimati''' (1912–1951) ishte një [[iktiologjia|iktiologe]] shqiptare dhe gruaja e parë \
shkencëtare në Shqipëri.<ref name="elsie">Robert Elsie, ''A Biographical Dictionary of Albanian \
History'', I.B. Tauris, 2012.</ref>

== Jeta ==
Ajo studioi shkencat natyrore në [[Universiteti i Torinos|Universitetin e Torinos]].<ref name="elsie" /> \
Pas luftës punoi në Institutin e Shkencave në Tiranë dhe studioi peshqit e ujërave të ëmbla.{{sfn|Elsie|2012}}

== Referime ==
<references />

[[Kategoria:Shkencëtarë shqiptarë]]
"""
# 39 words: lead 15 (Sabiha Kasimati 1912 1951 ishte një iktiologe shqiptare dhe gruaja e parë
# shkencëtare në Shqipëri) + 8 (Ajo studioi shkencat natyrore në Universitetin e Torinos)
# + 16 (Pas luftës punoi në Institutin e Shkencave në Tiranë dhe studioi peshqit e ujërave të ëmbla);
# the headings (Jeta, Referime) are not prose. References 2: the named ref "elsie" (its reuse is not a new one) and the {{sfn}}.
KASIMATI_2 = KASIMATI_1.replace(
    "\n\n== Referime ==",
    """

== Arrestimi dhe vdekja ==
Në shkurt të vitit 1951, pas shpërthimit të një bombe në ambasadën sovjetike, ajo u arrestua pa gjyq \
bashkë me njëzet e një intelektualë të tjerë. Më 26 shkurt 1951 u pushkatua; ishte e vetmja grua mes \
tyre.<ref>«Sabiha Kasimati, shkencëtarja e pushkatuar», ''Gazeta Shqiptare'', 26 shkurt 2011.</ref>

== Referime ==""",
)
# +38 words (the heading Arrestimi dhe vdekja is not prose): 26 (Në shkurt të vitit 1951 pas shpërthimit të një
# bombe në ambasadën sovjetike ajo u arrestua pa gjyq bashkë me njëzet e një intelektualë të tjerë)
# + 12 (Më 26 shkurt 1951 u pushkatua ishte e vetmja grua mes tyre). +1 reference.

# --- sq: Musine Kokalari (created by Arbëresha, with her own photo)
KOKALARI_FILE = "Shtëpia e Kokalarëve në Gjirokastër.png"
KOKALARI_1 = f"""\
{{{{Infobox shkrimtar
| emri = Musine Kokalari
| lindja = 10 shkurt 1917, [[Adana]]
| vdekja = 14 gusht 1983, [[Rrëshen]]
}}}}
[[Skeda:{KOKALARI_FILE}|parapamje|Shtëpia e familjes Kokalari në Gjirokastër]]
'''Musine Kokalari''' (1917–1983) ishte shkrimtare shqiptare, gruaja e parë prozatore në letërsinë \
shqipe.<ref name="elsie">Robert Elsie, ''Historical Dictionary of Albania'', Scarecrow Press, 2010.</ref>

== Jeta ==
U rrit në [[Gjirokastër]] dhe studioi letërsi në Universitetin e Romës. Në vitin 1941 botoi librin \
''Siç më thotë nënua plakë''.<ref name="elsie" /> Në vitin 1946 u dënua nga regjimi komunist dhe kaloi \
pjesën tjetër të jetës në burg e internim.{{{{sfn|Elsie|2010}}}}

== Referime ==
<references />
"""
# 53 words: lead 14 (Musine Kokalari 1917 1983 ishte shkrimtare shqiptare gruaja e parë prozatore në
# letërsinë shqipe; the file link and its caption are no prose, nor the headings) + 11 (U rrit në Gjirokastër
# dhe studioi letërsi në Universitetin e Romës) + 10 (Në vitin 1941 botoi librin Siç më thotë nënua
# plakë) + 18 (Në vitin 1946 u dënua nga regjimi komunist dhe kaloi pjesën tjetër të jetës në burg e
# internim). References 2: "elsie" (reused once) and the {{sfn}}.
KOKALARI_LATE = KOKALARI_1.replace(
    "internim.{{sfn|Elsie|2010}}",
    "internim.{{sfn|Elsie|2010}} Në vitin 1943 ishte ndër themeluesit e Partisë Socialdemokrate.",
)

# --- sq: Rosalind Franklin (Elira Hoxha's draft in her user space, moved to the main namespace)
FRANKLIN_1 = """\
'''Rosalind Franklin''' (1920–1958) ishte kimiste britanike. Punimet e saj me rrezet X ndihmuan në \
zbulimin e strukturës së [[ADN]]-së.<ref>Brenda Maddox, ''Rosalind Franklin: The Dark Lady of DNA'', \
HarperCollins, 2002.</ref>
"""
# 21 words: Rosalind Franklin 1920 1958 ishte kimiste britanike (7) + Punimet e saj me rrezet X ndihmuan
# në zbulimin e strukturës së ADN së (14). 1 reference.
FRANKLIN_2 = (
    FRANKLIN_1
    + """
== Fotografia 51 ==
Në maj të vitit 1952, në King's College London, ajo dhe studenti i saj Raymond Gosling bënë fotografinë \
e njohur si ''Fotografia 51''.{{sfn|Maddox|2002}} Ajo vdiq nga kanceri në moshën 37 vjeçare.

== Referime ==
<references />
"""
)
# +32 words (headings are not prose): 24 (Në maj të vitit 1952 në King s College London ajo dhe
# studenti i saj Raymond Gosling bënë fotografinë e njohur si Fotografia 51) + 8 (Ajo vdiq nga kanceri
# në moshën 37 vjeçare). +1 reference (the {{sfn}}).

# --- sq: Lise Meitner (created by Drilona; a patroller's copyedit; a redirect)
MEITNER_1 = """\
{{Infobox shkencëtar
| emri = Lise Meitner
| lindja = 7 nëntor 1878, [[Vjena]]
| vdekja = 27 tetor 1968, [[Kembrixh]]
}}
'''Lise Meitner''' (1878–1968) ishte fizikane austriake dhe suedeze. Bashkë me [[Otto Hahn]] punoi për \
më shumë se tridhjetë vjet në Berlin.<ref>Ruth Lewin Sime, ''Lise Meitner: A Life in Physics'', \
University of California Press, 1996.</ref>

== Referime ==
<references />
"""
# 22 words: 9 (Lise Meitner 1878 1968 ishte fizikane austriake dhe suedeze) + 13 (Bashkë me Otto Hahn
# punoi për më shumë se tridhjetë vjet në Berlin). 1 reference.
MEITNER_2 = MEITNER_1.replace(
    "\n\n== Referime ==",
    """

== Ndarja bërthamore ==
Në vitin 1939, bashkë me nipin e saj Otto Robert Frisch, shpjegoi ndarjen bërthamore të \
uraniumit.{{sfn|Sime|1996}} Elementi kimik [[meitneriumi]] mban emrin e saj.<ref>IUPAC, «Names and \
symbols of transfermium elements», ''Pure and Applied Chemistry'', 69, 1997.</ref>

== Referime ==""",
)
# +23 words (the heading Ndarja bërthamore is not prose): 16 (Në vitin 1939 bashkë me nipin e saj Otto Robert Frisch
# shpjegoi ndarjen bërthamore të uraniumit) + 7 (Elementi kimik meitneriumi mban emrin e saj).
# +2 references ({{sfn}} and <ref>).
MEITNER_3 = MEITNER_2.replace("austriake dhe suedeze", "austriake, më vonë me shtetësi suedeze")

# --- sq: Parashqevi Qiriazi (created by Elira Hoxha, then sourced)
PARASHQEVI_1 = """\
'''Parashqevi Qiriazi''' (1880–1970) ishte mësuese dhe veprimtare shqiptare. Ajo ishte e vetmja grua \
në [[Kongresi i Manastirit|Kongresin e Manastirit]] më 1908.
"""
# 20 words: 9 (Parashqevi Qiriazi 1880 1970 ishte mësuese dhe veprimtare shqiptare) + 11 (Ajo ishte e
# vetmja grua në Kongresin e Manastirit më 1908). No reference.
PARASHQEVI_2 = """\
'''Parashqevi Qiriazi''' (1880–1970) ishte mësuese dhe veprimtare shqiptare.<ref name="elsie">Robert \
Elsie, ''A Biographical Dictionary of Albanian History'', I.B. Tauris, 2012.</ref> Ajo ishte e vetmja \
grua në [[Kongresi i Manastirit|Kongresin e Manastirit]] më 1908.<ref name="elsie" /> Për shumë vjet dha \
mësim në shkollën e vajzave në [[Korçë]], të hapur nga motra e saj [[Sevasti Qiriazi]].

== Referime ==
<references />
"""
# +19 words: 19 (Për shumë vjet dha mësim në shkollën e vajzave në Korçë të hapur nga motra e saj
# Sevasti Qiriazi). +1 reference: "elsie" once, its reuse is not a new reference.

# --- sq: Marie Curie (an article from 2012, improved by Drilona)
CURIE_0 = """\
'''Marie Curie''' (1867–1934) ishte fizikane dhe kimiste polake dhe franceze.<ref>«Marie Curie – \
Biographical», ''NobelPrize.org''.</ref>

== Referime ==
<references />
"""
CURIE_EARLY = CURIE_0.replace("</ref>\n", "</ref> Ajo lindi në [[Varshava|Varshavë]].\n", 1)
CURIE_1 = CURIE_EARLY.replace(
    "== Referime ==",
    """\
== Çmimet Nobel ==
Në vitin 1903 ndau Çmimin Nobel për Fizikë me [[Pierre Curie]] dhe [[Henri Becquerel]].<ref \
name="nobel">«The Nobel Prize in Physics 1903», ''NobelPrize.org''.</ref> Në vitin 1911 fitoi e vetme \
Çmimin Nobel për Kimi, për zbulimin e [[polonium]]it dhe të [[radium]]it.

== Referime ==""",
)
# +31 words (the heading Çmimet Nobel is not prose): 14 (Në vitin 1903 ndau Çmimin Nobel për Fizikë me Pierre Curie
# dhe Henri Becquerel) + 17 (Në vitin 1911 fitoi e vetme Çmimin Nobel për Kimi për zbulimin e
# poloniumit dhe të radiumit: a link's trailing letters belong to its word). +1 reference.
CURIE_2 = CURIE_1.replace(
    "të [[radium]]it.",
    "të [[radium]]it. Ajo ishte personi i parë që fitoi dy Çmime Nobel.{{sfn|Quinn|1995}}",
)
# +10 words (Ajo ishte personi i parë që fitoi dy Çmime Nobel). +1 reference (the {{sfn}}).
CURIE_TALK = """\
== Burimet ==
A ka ndonjë burim në shqip për vitet e saj në Paris? [[Përdoruesi:Drilona|Drilona]] \
([[Përdoruesi diskutim:Drilona|diskutimi]]) 11 mars 2024 10:20 (UTC)
"""

# --- sq: Ada Lovelace (an article from 2014: one edit kept, one reverted)
LOVELACE_0 = """\
'''Ada Lovelace''' (1815–1852) ishte matematikane angleze, e njohur për punën e saj mbi makinën \
analitike të [[Charles Babbage]]-it.
"""
LOVELACE_1 = (
    LOVELACE_0.rstrip("\n")
    + """ Në vitin 1843 ajo botoi shënimet e saj mbi makinën, ku përshkroi një algoritëm për llogaritjen \
e numrave të Bernoullit.<ref>Betty Alexandra Toole, ''Ada, the Enchantress of Numbers'', Strawberry \
Press, 1992.</ref> Shpesh quhet programuesja e parë në histori.

== Referime ==
<references />
"""
)
# +27 words: 20 (Në vitin 1843 ajo botoi shënimet e saj mbi makinën ku përshkroi një algoritëm për
# llogaritjen e numrave të Bernoullit) + 7 (Shpesh quhet programuesja e parë në histori).
# +1 reference.
LOVELACE_COPIED = LOVELACE_1.replace(
    "== Referime ==",
    """\
== Jeta ==
Ada ishte e bija e vetme e ligjshme e poetit Lord Byron dhe e Anne Isabella Milbanke. E ëma e nxiti të \
studionte matematikë e logjikë, që të mos bëhej poete si i ati.

== Referime ==""",
)  # reverted within the hour (copied from a website): counts as an edit and a reverted edit, nothing else

# --- sq: Sevasti Qiriazi (an article from 2017: a blog citation removed, then real sources)
SEVASTI_0 = """\
'''Sevasti Qiriazi''' (1871–1949) ishte mësuese shqiptare. Në vitin 1891 hapi në [[Korçë]] shkollën e \
parë shqipe për vajza.<ref>[http://historia-jone.blogspot.com/2016/03/sevasti-qiriazi.html Sevasti \
Qiriazi], blogu ''Historia jonë'', 2016.</ref>

== Referime ==
<references />
"""
SEVASTI_1 = SEVASTI_0.replace(SEVASTI_0[SEVASTI_0.index("<ref>") : SEVASTI_0.index("</ref>") + 6], "")
# 0 words, −1 reference (the blog), a smaller page: 0 bytes added, 1 reference removed.
SEVASTI_2 = SEVASTI_1.replace(
    "për vajza.",
    """për vajza.<ref name="elsie">Robert Elsie, ''A Biographical Dictionary of Albanian History'', I.B. \
Tauris, 2012.</ref> Ajo ishte gruaja e parë shqiptare që u diplomua në Kolegjin Amerikan për Vajza në \
Stamboll.<ref name="elsie" />""",
)
# +16 words (Ajo ishte gruaja e parë shqiptare që u diplomua në Kolegjin Amerikan për Vajza në Stamboll).
# +1 reference ("elsie"; its reuse is not a new one).

# --- sr: Ксенија Атанасијевић (created by Драгана; her spelling fix carries no hashtag)
ATANASIJEVIC_1 = """\
{{Инфокутија научник
| име = Ксенија Атанасијевић
| датум_рођења = 5. фебруар 1894.
| место_рођења = [[Београд]]
| датум_смрти = 28. септембар 1981.
}}
'''Ксенија Атанасијевић''' (1894–1981) била је српски филозоф и преводилац. Била је прва жена која је \
докторирала на [[Универзитет у Београду|Београдском универзтету]], 1922. године.<ref name="sbr">\
„Атанасијевић, Ксенија”, ''Српски биографски речник'', књ. 1, Матица српска, Нови Сад, 2004.</ref>

== Дело ==
Докторирала је са тезом о филозофији [[Ђордано Бруно|Ђордана Бруна]].{{sfn|Атанасијевић|1923}} Од \
1924. године предавала је на истом универзитету као прва жена доцент.<ref name="sbr" />

== Референце ==
<references />
"""
# 42 words: 10 (Ксенија Атанасијевић 1894 1981 била је српски филозоф и преводилац) + 12 (Била је прва
# жена која је докторирала на Београдском универзтету 1922 године) + 8 (Докторирала је са
# тезом о филозофији Ђордана Бруна) + 12 (Од 1924 године предавала је на истом универзитету као прва
# жена доцент); headings are not prose. References 2: "sbr" (reused once) and the {{sfn}}.
ATANASIJEVIC_2 = ATANASIJEVIC_1.replace("универзтету", "универзитету")

# --- sr: Драга Љочић (created by Milica K; a category by a non-participant)
LJOCIC_1 = """\
'''Драга Љочић''' (1855–1926) била је прва жена лекар у [[Србија|Србији]].<ref>„Љочић-Милошевић, \
Драга”, ''Српски биографски речник'', Матица српска.</ref> Медицину је студирала у [[Цирих]]у, где је \
дипломирала 1879. године.{{sfn|Гавриловић|1995}}

== Референце ==
<references />
"""
# 21 words: 11 (Драга Љочић 1855 1926 била је прва жена лекар у Србији) + 10 (Медицину је студирала у
# Цириху где је дипломирала 1879 године). References 2 (<ref> and {{sfn}}).
LJOCIC_2 = LJOCIC_1 + "\n[[Категорија:Српски лекари]]\n"

# --- sr: Надежда Петровић (created by Milica K in two edits)
PETROVIC_1 = """\
'''Надежда Петровић''' (1873–1915) била је српска сликарка, једна од најзначајнијих представница \
[[експресионизам|експресионизма]] у српском сликарству.<ref name="mns">''Надежда Петровић'', каталог \
изложбе, Народни музеј у Београду.</ref>
"""
# 16 words: Надежда Петровић 1873 1915 била је српска сликарка једна од најзначајнијих представница
# експресионизма у српском сликарству. 1 reference.
PETROVIC_2 = (
    PETROVIC_1
    + """
== Живот ==
Рођена је у [[Чачак|Чачку]]. Током [[Први светски рат|Првог светског рата]] била је добровољна \
болничарка и умрла је од тифуса у [[Ваљево|Ваљеву]] 1915. године.<ref name="mns" />{{sfn|Протић|1970}}

== Референце ==
<references />
"""
)
# +21 words: 4 (Рођена је у Чачку) + 17 (Током Првог светског рата била је добровољна
# болничарка и умрла је од тифуса у Ваљеву 1915 године). +1 reference: the {{sfn}}
# ("mns" is a reuse).

# --- sr: Јелена Димитријевић (created by Драгана in two edits)
DIMITRIJEVIC_1 = """\
'''Јелена Димитријевић''' (1862–1945) била је српска књижевница и путописац.<ref>„Димитријевић, \
Јелена”, ''Српски биографски речник'', књ. 3, Матица српска, 2007.</ref> Рођена је у [[Крушевац|Крушевцу]].

== Референце ==
<references />
"""
# 14 words: 10 (Јелена Димитријевић 1862 1945 била је српска књижевница и путописац) + 4 (Рођена је у
# Крушевцу). 1 reference.
DIMITRIJEVIC_2 = DIMITRIJEVIC_1.replace(
    "== Референце ==",
    """\
== Дела ==
Позната је по делу ''Писма из Ниша о харемима'' (1897), у коме описује живот муслиманских жена. \
Пропутовала је свет, о чему је писала у путопису ''Седам мора и три океана'' (1940).\
{{sfn|Димитријевић|1940}}

== Референце ==""",
)
# +31 words: 16 (Позната је по делу Писма из Ниша о харемима 1897 у коме описује живот
# муслиманских жена) + 15 (Пропутовала је свет о чему је писала у путопису Седам мора и три океана
# 1940). +1 reference.

# --- sr: Сабиха Касимати (Vyolltsa's translation from the Albanian Wikipedia)
KASIMATI_SR = """\
'''Сабиха Касимати''' (1912–1951) била је албанска ихтиолог и прва жена научник у [[Албанија|Албанији]].\
<ref>Robert Elsie, ''A Biographical Dictionary of Albanian History'', I.B. Tauris, 2012.</ref> \
Стрељана је 1951. године без суђења.

== Референце ==
<references />
"""
# 20 words: 14 (Сабиха Касимати 1912 1951 била је албанска ихтиолог и прва жена научник у Албанији)
# + 6 (Стрељана је 1951 године без суђења). 1 reference.

# --- sr: Милева Марић (an article from 2010, improved by Драгана)
MARIC_0 = """\
'''Милева Марић''' (1875–1948) била је српски математичар и физичар, прва супруга [[Алберт Ајнштајн|\
Алберта Ајнштајна]].<ref>„Марић, Милева”, ''Српски биографски речник'', Матица српска.</ref>

== Референце ==
<references />
"""
MARIC_1 = MARIC_0.replace(
    "== Референце ==",
    """\
== Школовање ==
Рођена је у [[Тител]]у 1875. године. Године 1896. уписала је студије физике и математике на \
[[Швајцарски савезни технолошки институт у Цириху|Политехници у Цириху]], као једина жена у својој \
групи.{{sfn|Трбуховић-Ђурић|1969}}

== Референце ==""",
)
# +24 words: 6 (Рођена је у Тителу 1875 године) + 18 (Године 1896 уписала је студије
# физике и математике на Политехници у Цириху као једина жена у својој групи). +1 reference.
MARIC_2 = MARIC_1.replace(
    "== Референце ==",
    """\
== Породица ==
Са Ајнштајном се венчала 1903. године. Имали су синове Ханса Алберта и Едуарда.\
{{sfn|Трбуховић-Ђурић|1969}}

== Референце ==""",
)
# +13 words: 6 (Са Ајнштајном се венчала 1903 године) + 7 (Имали су синове Ханса Алберта
# и Едуарда). +0 references: the same {{sfn}} again is the same footnote (Module:Footnotes names the ref
# after its arguments, and Cite lists a name once).

# --- sr: Исидора Секулић (an article from 2011, improved by Milica K on the last day)
SEKULIC_0 = """\
'''Исидора Секулић''' (1877–1958) била је српска књижевница, есејиста и преводилац.<ref>„Секулић, \
Исидора”, ''Енциклопедија српског народа'', Завод за уџбенике, 2008.</ref>

== Референце ==
<references />
"""
SEKULIC_1 = SEKULIC_0.replace(
    "2008.</ref>",
    "2008.</ref> Била је прва жена редовни члан [[Српска академија наука и уметности|Српске академије \
наука и уметности]], од 1950. године.<ref>„Исидора Секулић”, ''Годишњак САНУ''.</ref>",
)
# +14 words (Била је прва жена редовни члан Српске академије наука и уметности од 1950 године).
# +1 reference.

WIKIGAP = "#WikiGap"
OLD = datetime(2000, 1, 1, tzinfo=CET)  # before any campaign


def e(user: str, when: datetime, text: str, comment: str, **kw: Any) -> Edit:
    # As MediaWiki saves text (right-trimmed): importDump keeps it as given, so the live revert's text
    # would otherwise differ from the revision it restores, and no revert would be detected.
    return Edit(user, when, text.rstrip(), comment, **kw)


PAGES: list[Page] = [
    # ------------------------------------------------------------------------------------------- sq
    Page(SQ, "Sabiha Kasimati", [
        e("Vyolltsa", march(8, "11:20"), KASIMATI_1, f"Artikull i ri {WIKIGAP}", counted=True, words=39, refs=2,
          why="created in the window: infobox, named ref reused, {{sfn}}"),
        e("Arbëresha", march(10, "16:40"), KASIMATI_2, f"{WIKIGAP} arrestimi dhe vdekja", counted=True,
          words=38, refs=1, why="another participant extends a new article"),
    ]),
    Page(SQ, "Musine Kokalari", [
        e("Arbëresha", march(9, "10:05"), KOKALARI_1, f"Artikull i ri për {WIKIGAP}", counted=True, words=53,
          refs=2, why="created; shows the photo Arbëresha uploaded the same morning"),
        e("Arbëresha", march(16, "11:30"), KOKALARI_LATE, f"{WIKIGAP} Partia Socialdemokrate",
          why="16 March: after the window"),
    ]),
    Page(SQ, "Përdoruesi:Elira Hoxha/Rosalind Franklin", final_title="Rosalind Franklin", edits=[
        e("Elira Hoxha", march(8, "14:30"), FRANKLIN_1, f"Fillova një draft për {WIKIGAP}", counted=True,
          words=21, refs=1, why="a draft in user space, now in the main namespace: counted, page created"),
        e("Elira Hoxha", march(9, "11:15"), FRANKLIN_2, f"{WIKIGAP} Fotografia 51", counted=True, words=32,
          refs=1, why="second draft edit"),
    ]),
    Page(SQ, "Lise Meitner", [
        e("Drilona", march(12, "18:40"), MEITNER_1, f"{WIKIGAP} artikull i ri", counted=True, words=22,
          refs=1, why="created"),
        e("Drilona", march(12, "19:25"), MEITNER_2, f"{WIKIGAP} ndarja bërthamore", counted=True, words=23,
          refs=2, why="extended"),
        e("Gentian B", march(13, "09:10"), MEITNER_3, "drejtshkrim", why="not a participant"),
    ]),
    Page(SQ, "Liza Majtner", redirect=True, edits=[
        e("Drilona", march(12, "18:55"), "#RIDREJTO [[Lise Meitner]]\n", f"{WIKIGAP} ridrejtim",
          why="a redirect is not an article"),
    ]),
    Page(SQ, "Parashqevi Qiriazi", [
        e("Elira Hoxha", march(14, "16:10"), PARASHQEVI_1, f"{WIKIGAP} artikull i ri", counted=True,
          words=20, refs=0, why="created, without sources"),
        e("Elira Hoxha", march(14, "16:45"), PARASHQEVI_2, f"{WIKIGAP} burime", counted=True, words=19,
          refs=1, why="sourced: a named ref and its reuse are one reference"),
    ]),
    Page(SQ, "Marie Curie", [
        e("Gentian B", datetime(2012, 5, 14, 20, 0, tzinfo=CET), CURIE_0, "Artikull i ri"),
        e("Teuta M", datetime(2024, 3, 5, 17, 0, tzinfo=CET), CURIE_EARLY, f"{WIKIGAP} vendlindja",
          why="5 March: before the window (Teuta M has nothing else: listed, not a participant)"),
        e("Drilona", march(11, "10:30"), CURIE_1, f"{WIKIGAP} Çmimet Nobel", counted=True, words=31, refs=1,
          why="improves an article from 2012"),
        e("Drilona", march(11, "11:05"), CURIE_2, f"{WIKIGAP} dy çmime", counted=True, words=10, refs=1,
          why="{{sfn}}"),
    ]),
    Page(SQ, "Diskutim:Marie Curie", [
        e("Drilona", march(11, "11:20"), CURIE_TALK, f"{WIKIGAP} pyetje për burimet",
          why="a talk page: not a tracked namespace"),
    ]),
    Page(SQ, "Ada Lovelace", [
        e("Gentian B", datetime(2014, 12, 10, 21, 15, tzinfo=CET), LOVELACE_0, "Artikull i ri"),
        e("Vyolltsa", march(10, "15:00"), LOVELACE_1, f"{WIKIGAP} programi i parë", counted=True, words=27,
          refs=1, why="improves an article from 2014"),
        e("Elira Hoxha", march(11, "15:45"), LOVELACE_COPIED, f"{WIKIGAP} shtova jetën", counted=True,
          reverted=True, why="reverted by Gentian B (live revert, backdated): an edit, reverted"),
    ]),
    Page(SQ, "Sevasti Qiriazi", [
        e("Gentian B", datetime(2017, 9, 3, 12, 0, tzinfo=CET), SEVASTI_0, "Artikull i ri"),
        e("Arbëresha", march(13, "12:00"), SEVASTI_1, f"{WIKIGAP} heq burimin e pabesueshëm (blog)",
          counted=True, words=0, refs=-1, why="removes a blog citation: 1 reference removed, 0 bytes"),
        e("Arbëresha", march(13, "12:25"), SEVASTI_2, f"{WIKIGAP} burime dhe zgjerim", counted=True,
          words=16, refs=1, why="a real source, reused"),
    ]),
    # ------------------------------------------------------------------------------------------- sr
    Page(SR, "Ксенија Атанасијевић", [
        e("Драгана", march(8, "12:10"), ATANASIJEVIC_1, f"Нови чланак {WIKIGAP}", counted=True, words=42,
          refs=2, why="created: infobox, named ref reused, {{sfn}}"),
        e("Драгана", march(9, "08:40"), ATANASIJEVIC_2, "правопис", why="no #WikiGap in the summary"),
    ]),
    Page(SR, "Драга Љочић", [
        e("Milica K", march(9, "13:30"), LJOCIC_1, f"{WIKIGAP} нови чланак", counted=True, words=21, refs=2,
          why="a new editor's first article"),
        e("Небојша", march(10, "09:00"), LJOCIC_2, "категорија", why="not a participant"),
    ]),
    Page(SR, "Надежда Петровић", [
        e("Milica K", march(14, "17:00"), PETROVIC_1, f"{WIKIGAP} нови чланак", counted=True, words=16,
          refs=1, why="created"),
        e("Milica K", march(14, "17:40"), PETROVIC_2, f"{WIKIGAP} живот", counted=True, words=21, refs=1,
          why="extended: a reused name and an {{sfn}}"),
    ]),
    Page(SR, "Јелена Димитријевић", [
        e("Драгана", march(12, "10:00"), DIMITRIJEVIC_1, f"{WIKIGAP} нови чланак", counted=True, words=14,
          refs=1, why="created"),
        e("Драгана", march(12, "10:35"), DIMITRIJEVIC_2, f"{WIKIGAP} дела", counted=True, words=31, refs=1,
          why="extended"),
    ]),
    Page(SR, "Сабиха Касимати", [
        e("Vyolltsa", march(13, "11:00"), KASIMATI_SR, f"Превод са албанске Википедије {WIKIGAP}",
          counted=True, words=20, refs=1, why="a translation by an sq participant with a new sr account"),
    ]),
    Page(SR, "Милева Марић", [
        e("Небојша", datetime(2010, 3, 8, 19, 0, tzinfo=CET), MARIC_0, "Нови чланак"),
        e("Драгана", march(10, "11:30"), MARIC_1, f"{WIKIGAP} школовање", counted=True, words=24, refs=1,
          why="improves an article from 2010"),
        e("Драгана", march(10, "12:05"), MARIC_2, f"{WIKIGAP} породица", counted=True, words=13, refs=0,
          why="the same {{sfn}} again is the same footnote"),
    ]),
    Page(SR, "Исидора Секулић", [
        e("Небојша", datetime(2011, 2, 16, 18, 30, tzinfo=CET), SEKULIC_0, "Нови чланак"),
        e("Milica K", march(15, "19:00"), SEKULIC_1, f"{WIKIGAP} академија", counted=True, words=14, refs=1,
          why="improves an article from 2011 on the last evening"),
    ]),
]  # fmt: skip

# The live revert of Elira Hoxha's copied paragraph: Gentian B restores Vyolltsa's text exactly.
REVERT = Edit(
    "Gentian B",
    march(11, "16:20"),
    LOVELACE_1.rstrip(),
    "Rikthim i ndryshimit të [[Speciale:Kontributet/Elira Hoxha|Elira Hoxha]]: tekst i kopjuar nga një "
    "faqe interneti",
)
REVERTED_PAGE = "Ada Lovelace"
DRAFT, DRAFT_TARGET, DRAFT_MOVER = (
    "Përdoruesi:Elira Hoxha/Rosalind Franklin",
    "Rosalind Franklin",
    "Elira Hoxha",
)


@dataclass(frozen=True)
class UploadSpec:
    wiki: str
    user: str
    filename: str
    when: datetime
    description: str
    comment: str
    used_in: str = ""  # the article that shows it ("" = not used)


UPLOADS = [
    UploadSpec(
        SQ,
        "Arbëresha",
        KOKALARI_FILE,
        march(9, "09:50"),
        "== Përmbledhje ==\nShtëpia e familjes Kokalari në Gjirokastër.\n\n== Licencimi ==\n"
        "{{self|cc-by-sa-4.0}}\n",
        f"Foto vetjake për {WIKIGAP}",
        used_in="Musine Kokalari",
    ),
    UploadSpec(
        SQ,
        "Vyolltsa",
        "WikiGap Tirana 2024, pjesëmarrëset.png",
        march(8, "17:30"),
        "== Përmbledhje ==\nPjesëmarrëset e WikiGap Tirana 2024, dita e parë.\n\n== Licencimi ==\n"
        "{{self|cc-by-sa-4.0}}\n",
        f"{WIKIGAP} foto e grupit",
    ),
]


# ------------------------------------------------------------------------------------ expected numbers
@dataclass
class Tally:
    users: set[str] = field(default_factory=set)
    edits: int = 0
    edits_reverted: int = 0
    created: set[str] = field(default_factory=set)
    touched: set[str] = field(default_factory=set)
    bytes_added: int = 0
    words_added: int = 0
    references_added: int = 0
    references_removed: int = 0
    uploads: int = 0
    uploads_in_use: int = 0

    def metrics(self, new_editors: set[str]) -> dict[str, int]:
        return {
            "participants": len(self.users),
            "new_editors": len(self.users & new_editors),
            "edits": self.edits,
            "edits_reverted": self.edits_reverted,
            "articles_created": len(self.created),
            "articles_improved": len(self.touched - self.created),
            "articles_edited": len(self.touched),
            "bytes_added": self.bytes_added,
            "words_added": self.words_added,
            "references_added": self.references_added,
            "references_removed": self.references_removed,
            "uploads": self.uploads,
            "uploads_in_use": self.uploads_in_use,
        }


def new_editors() -> set[str]:
    """Participants whose earliest registration on the campaign's wikis is inside the window."""
    earliest: dict[str, datetime] = {}
    for (_, user), when in ACCOUNTS.items():
        earliest[user] = min(when, earliest.get(user, when))
    return {u for u, when in earliest.items() if u in PARTICIPANTS and START <= when <= END}


def expected() -> dict[str, Any]:
    """The outcome this scenario defines, from the hand counts above (and UTF-8 sizes for bytes)."""
    total, by_wiki = Tally(), {SQ: Tally(), SR: Tally()}
    people: dict[str, Tally] = {}
    for page in PAGES:
        parent = ""
        for i, edit in enumerate(page.edits):
            if edit.counted:
                assert edit.user in PARTICIPANTS and START <= edit.when <= END and WIKIGAP in edit.comment
                scopes = (total, by_wiki[page.wiki], people.setdefault(edit.user, Tally()))
                key = f"{page.wiki}:{page.article}"
                for t in scopes:
                    t.users.add(edit.user)
                    t.edits += 1
                    t.edits_reverted += edit.reverted
                    if edit.reverted:
                        continue
                    t.touched.add(key)
                    if i == 0:
                        t.created.add(key)
                    t.bytes_added += max(0, size(edit.text) - size(parent))
                    t.words_added += edit.words
                    t.references_added += max(0, edit.refs)
                    t.references_removed += max(0, -edit.refs)
            parent = edit.text
    for up in UPLOADS:
        for t in (total, by_wiki[up.wiki], people.setdefault(up.user, Tally())):
            t.users.add(up.user)
            t.uploads += 1
            t.uploads_in_use += bool(up.used_in)
    newcomers = new_editors()
    return {
        "totals": total.metrics(newcomers),
        "by_wiki": {w: t.metrics(newcomers) for w, t in by_wiki.items()},
        "by_participant": {u: t.metrics(newcomers) for u, t in people.items()},
    }


# ----------------------------------------------------------------------------------------- the wikis
def configure(wiki: LocalWiki, domain: str) -> None:
    """Content language, names and time zone of the real wiki (appended after TestSettings.php)."""
    s = SITE[domain]
    settings = f"""
// record_demo.py: look like {domain}
$wgLanguageCode = "{s["lang"]}";
$wgSitename = "{s["sitename"]}";
$wgMetaNamespace = "{s["meta_ns"]}";
$wgMetaNamespaceTalk = "{s["meta_talk"]}";
$wgLocaltimezone = "{s["timezone"]}";
$wgServer = "https://{domain}";
$wgCanonicalServer = "https://{domain}";
"""
    with wiki.local_settings.open("a", encoding="utf-8") as f:
        f.write(settings)


def start(base: Path) -> tuple[LocalWiki, LocalWiki]:
    specs = [
        WikiSpec(base / "sq", free_port(0), SQ, "sqwiki"),
        WikiSpec(base / "sr", free_port(0), SR, "srwiki"),
    ]
    sq, sr = start_wikis(specs)
    configure(sq, SQ)
    configure(sr, SR)
    sq.stop()
    sr.stop()  # restart: the server and its opcache read the new settings from the first request on
    sq, sr = start_wikis([replace(specs[0], port=sq.port), replace(specs[1], port=sr.port)])
    return sq, sr


def sql(wiki: LocalWiki, statement: str, *args: Any) -> int:
    with sqlite3.connect(wiki.db_path, timeout=30) as db:
        changed = db.execute(statement, args).rowcount
    db.close()
    return changed


def backdate_revision(wiki: LocalWiki, rev_id: int, when: datetime) -> None:
    ts = mw_timestamp(when)
    assert sql(wiki, "UPDATE revision SET rev_timestamp = ? WHERE rev_id = ?", ts, rev_id) == 1
    sql(wiki, "UPDATE recentchanges SET rc_timestamp = ? WHERE rc_this_oldid = ?", ts, rev_id)


def backdate_upload(wiki: LocalWiki, filename: str, when: datetime) -> None:
    """Move a live upload into the window: the file row, its log entries, their RC rows, the file page."""
    name = filename.replace(" ", "_")
    ts = mw_timestamp(when)
    with sqlite3.connect(wiki.db_path, timeout=30) as db:
        (old,) = db.execute("SELECT img_timestamp FROM image WHERE img_name = ?", (name,)).fetchone()
        db.execute("UPDATE image SET img_timestamp = ? WHERE img_name = ?", (ts, name))
        # upload/upload and create/create log entries; their params repeat img_timestamp (same length)
        db.execute(
            "UPDATE logging SET log_timestamp = ?, log_params = replace(log_params, ?, ?) "
            "WHERE log_namespace = 6 AND log_title = ?",
            (ts, old, ts, name),
        )
        db.execute(
            "UPDATE recentchanges SET rc_timestamp = ?, rc_params = replace(rc_params, ?, ?) "
            "WHERE rc_namespace = 6 AND rc_title = ?",
            (ts, old, ts, name),
        )
        (page_id,) = db.execute(
            "SELECT page_id FROM page WHERE page_namespace = 6 AND page_title = ?", (name,)
        ).fetchone()
        assert db.execute("UPDATE revision SET rev_timestamp = ? WHERE rev_page = ?", (ts, page_id)).rowcount
    db.close()


def seed(sq: LocalWiki, sr: LocalWiki) -> None:
    wikis = {SQ: sq, SR: sr}
    sessions = {}
    for (domain, user), when in ACCOUNTS.items():
        sessions[domain, user] = wikis[domain].create_user(user)
        wikis[domain].set_registration(user, when)

    imported: dict[tuple[str, str], list[int]] = {}
    for domain, wiki in wikis.items():
        pages: list[ImportPage] = [
            {
                "title": p.title,
                "revisions": [
                    {"user": x.user, "timestamp": x.when, "text": x.text, "comment": x.comment}
                    for x in p.edits
                ],
            }
            for p in PAGES
            if p.wiki == domain
        ]
        for page, done in zip(pages, wiki.import_xml(pages), strict=True):
            imported[domain, page["title"]] = done.rev_ids

    for up in UPLOADS:
        sessions[up.wiki, up.user].upload(
            up.filename, png_bytes(up.filename, size=16), comment=up.comment, text=up.description
        )
        backdate_upload(wikis[up.wiki], up.filename, up.when)

    # The revert: live, patrolled (Gentian B has no autopatrol), tagged by the job, then backdated.
    revert_id = sessions[SQ, REVERT.user].edit(REVERTED_PAGE, REVERT.text, summary=REVERT.comment)
    sq.admin().patrol(revert_id)
    sq.run_jobs()
    backdate_revision(sq, revert_id, REVERT.when)
    page_id = sq.api_get(action="query", titles=REVERTED_PAGE)["query"]["pages"][0]["pageid"]
    sql(
        sq,
        "UPDATE logging SET log_timestamp = ? WHERE log_type = 'patrol' AND log_page = ?",
        mw_timestamp(REVERT.when + timedelta(minutes=1)),
        page_id,
    )

    sessions[SQ, DRAFT_MOVER].move(DRAFT, DRAFT_TARGET, reason=f"{WIKIGAP}: gati për hapësirën kryesore")
    sq.run_jobs()
    sr.run_jobs()
    verify(wikis, imported[SQ, REVERTED_PAGE][-1], revert_id)


def verify(wikis: dict[str, LocalWiki], reverted_id: int, revert_id: int) -> None:
    """What the backdating must have produced, as the API tells it."""
    sq = wikis[SQ]
    revs = sq.api_get(
        action="query", revids=f"{reverted_id}|{revert_id}", prop="revisions", rvprop="ids|timestamp|tags"
    )["query"]["pages"][0]["revisions"]
    by_id = {r["revid"]: r for r in revs}
    assert "mw-reverted" in by_id[reverted_id]["tags"], by_id
    assert "mw-manual-revert" in by_id[revert_id]["tags"], by_id
    assert by_id[revert_id]["timestamp"] == REVERT.when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    for up in UPLOADS:
        page = wikis[up.wiki].api_get(
            action="query",
            titles=f"File:{up.filename}",
            prop="imageinfo|fileusage",
            iiprop="timestamp|user",
        )["query"]["pages"][0]
        info = page["imageinfo"][0]
        assert info["timestamp"] == up.when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"), info
        assert info["user"] == up.user, info
        users_of = [u["title"] for u in page.get("fileusage", [])]
        assert users_of == ([up.used_in] if up.used_in else []), users_of
    moved = sq.api_get(action="query", titles=DRAFT_TARGET, prop="info")["query"]["pages"][0]
    assert moved["ns"] == 0 and "missing" not in moved, moved
    for page in PAGES:
        if page.redirect:
            info = wikis[page.wiki].api_get(action="query", titles=page.title, prop="info")["query"]
            assert info["pages"][0].get("redirect"), info


# ----------------------------------------------------------------------------------------- recording
CAMPAIGN_TOML = """\
# The offline demo's campaign (`wikitally demo`): a WikiGap edit-a-thon on the Albanian and Serbian
# Wikipedias. The answers it is replayed from were recorded by scripts/record_demo.py from two real
# MediaWiki 1.39 wikis standing in for sq.wikipedia.org and sr.wikipedia.org. Copy this file to start
# your own campaign: run it with `wikitally report FILE`.

# The campaign's name: the report's title, and its identity in the store (one store keeps many
# campaigns; renaming starts a new one).
name = "WikiGap Tirana 2024"

# Free text for people; wikitally does not read it.
description = "A week of writing about women scientists and writers, Tirana and online, 8–15 March 2024."

# The window: the first and the last moment counted, both included. TOML date-times with the UTC
# offset, no quotes. Without an offset, set timezone = "Europe/Tirane" (an IANA name); a bare date
# (2024-03-15) then means the start or the end of that day.
start = 2024-03-08T09:00:00+01:00
end = 2024-03-15T23:59:59+01:00

# The wikis, by domain. wikitally asks https://DOMAIN/w/api.php; an [api] table maps a domain to
# another api.php URL (a mirror, a local test wiki):
#   [api]
#   "sq.wikipedia.org" = "http://127.0.0.1:8080/api.php"
wikis = ["sq.wikipedia.org", "sr.wikipedia.org"]

# Who took part: usernames as the wikis write them ("Milica_K" and "milica K" mean "Milica K").
# Only their edits and uploads count; someone listed who did nothing is no participant. Instead of, or
# besides, this list: participants_page = "meta.wikimedia.org:Event:WikiGap Tirana 2024/Participants"
# (every [[User:…]] linked from that page).
participants = [
  "Vyolltsa",
  "Arbëresha",
  "Drilona",
  "Elira Hoxha",
  "Teuta M",
  "Драгана",
  "Milica K",
]

# Only edits whose summary carries one of these hashtags count (whole tag, any case: "#wikigap" yes,
# "#WikiGap2024" no). With participants listed too, an edit must pass both. Uploads need no hashtag.
hashtags = ["#WikiGap"]

# More, all optional:
# tags = ["campaign-tag"]        # change tags (e.g. set by an event tool): with hashtags too, either mark counts
# namespaces = [0]               # namespaces counted (default: each wiki's content namespaces)
# [sfn_templates]                # shortened-footnote templates counted as references, per wiki
# "sr.wikipedia.org" = ["sfn", "sfnp", "Sfn-sr"]   # (default: sfn, sfnp)
"""


def record(sq: LocalWiki, sr: LocalWiki, workdir: Path) -> tuple[dict[str, Any], dict[str, Any]]:
    """Collect the campaign from the local wikis through a RecordingTransport; returns (recording, outcome)."""
    campaign = load_campaign(demo_service.CAMPAIGN_FILE)
    local = {SQ: sq.api, SR: sr.api}
    live = replace(campaign, api=local)
    public = {sq.api: f"https://{SQ}/w/api.php", sr.api: f"https://{SR}/w/api.php"}
    store = open_store(str(workdir / "recorded.sqlite3"))

    recorder = RecordingTransport(public=public)
    first = collection.collect(live, store, collection.session_factory(transport=recorder))
    assert all(ws.mode == "full" for ws in first.wikis.values()), first
    clocks = [a["curtimestamp"] for k, a in recorder.answers.items() if "curtimestamp=1" in k]
    recorded_at = datetime.strptime(max(clocks), "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    # The outcome now: it is "as of" the newest collection's server clock, and the replay's clock is
    # this collection's (the refresh below reads the wikis' clock again, a second later perhaps).
    outcome = reporting.outcome(campaign, store, recorded_at)
    assert outcome["campaign"]["as_of"] == recorded_at.isoformat(), outcome["campaign"]
    # A second collection into the same store: the refresh check `wikitally demo --db FILE` makes when
    # run again. Only its new requests are kept; its siteinfo (which carries the recent changes since the
    # first collection) keeps the first clock, so a replayed refresh gives the very same outcome.
    again = RecordingTransport(public=public)
    second = collection.collect(live, store, collection.session_factory(transport=again))
    assert all(ws.mode == "refresh" for ws in second.wikis.values()), second
    first_clock = {
        k.split("?")[0]: a["curtimestamp"] for k, a in recorder.answers.items() if "curtimestamp=1" in k
    }
    answers = dict(recorder.answers)
    for key, answer in again.answers.items():
        if key in answers:
            continue
        if "curtimestamp" in answer:
            answer = {**answer, "curtimestamp": first_clock[key.split("?")[0]]}
        answers[key] = answer
    recording = {
        "meta": {
            "recorded_at": recorded_at.isoformat(),
            "generator": "scripts/record_demo.py",
            "mediawiki": "1.39 (Debian)",
            "note": "answers of two local MediaWiki wikis seeded with the WikiGap Tirana 2024 scenario, "
            "filed under the public API URLs of sq.wikipedia.org and sr.wikipedia.org",
        },
        "answers": answers,
    }
    return recording, outcome


def save(recording: dict[str, Any], path: Path) -> int:
    text = json.dumps(recording, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    path.write_text(text, encoding="utf-8")
    return len(text.encode("utf-8"))


def replay_check(live_outcome: dict[str, Any]) -> None:
    """Run the demo's own code path twice on one store: every request recorded, the same outcome."""
    with demo_service.prepare() as run:
        summary = collection.collect(run.campaign, run.store, run.sessions)
        assert run.transport.unmatched == [], run.transport.unmatched
        assert all(ws.mode == "full" for ws in summary.wikis.values())
        replayed = reporting.outcome(run.campaign, run.store, run.as_of)
        if replayed != live_outcome:
            where = Path(tempfile.mkdtemp(prefix="wikitally-demo-mismatch-"))
            for name, value in (("live", live_outcome), ("replayed", replayed)):
                (where / f"{name}.json").write_text(json.dumps(value, ensure_ascii=False, indent=1))
            raise SystemExit(f"the replay's outcome differs from the live collection's: see {where}")
        summary = collection.collect(run.campaign, run.store, run.sessions)
        assert run.transport.unmatched == [], run.transport.unmatched
        assert all(ws.mode == "refresh" for ws in summary.wikis.values()), summary
        assert reporting.outcome(run.campaign, run.store, run.as_of) == live_outcome


def check_expected(outcome: dict[str, Any]) -> dict[str, Any]:
    want = expected()
    got_people = {p["user"]: {k: v for k, v in p.items() if k != "user"} for p in outcome["by_participant"]}
    problems = []
    if outcome["totals"] != want["totals"]:
        problems.append(f"totals:\n  want {want['totals']}\n  got  {outcome['totals']}")
    if outcome["by_wiki"] != want["by_wiki"]:
        problems.append(f"by_wiki:\n  want {want['by_wiki']}\n  got  {outcome['by_wiki']}")
    if got_people != want["by_participant"]:
        problems.append(f"by_participant:\n  want {want['by_participant']}\n  got  {got_people}")
    if problems:
        raise SystemExit("the collected outcome is not the scenario's:\n" + "\n".join(problems))
    return want


def report(want: dict[str, Any], size_bytes: int, answers: int) -> None:
    print(f"\nWikiGap Tirana 2024: expected totals (the replay matches them) — recording {size_bytes:,} bytes, "
          f"{answers} answers")  # fmt: skip
    wikis = list(want["by_wiki"])
    print(f"  {'metric':<20}{'total':>8}" + "".join(f"{w:>20}" for w in wikis))
    for key, value in want["totals"].items():
        print(f"  {key:<20}{value:>8}" + "".join(f"{want['by_wiki'][w][key]:>20}" for w in wikis))
    print("\n  counted edits (words / references / bytes added as hand-counted and measured in UTF-8):")
    for page in PAGES:
        parent = ""
        for edit in page.edits:
            if edit.counted:
                b = 0 if edit.reverted else max(0, size(edit.text) - size(parent))
                mark = "reverted" if edit.reverted else f"{edit.words:>3} w {edit.refs:+d} r {b:>5} B"
                print(f"    {page.wiki[:2]} {page.article:<28} {edit.user:<12} {mark:<22} {edit.why}")
            parent = edit.text
    print("\n  not counted:")
    for page in PAGES:
        for edit in page.edits:
            if not edit.counted and edit.why:
                print(f"    {page.wiki[:2]} {page.title:<28} {edit.user:<12} {edit.why}")
    for up in UPLOADS:
        used = f"used in {up.used_in}" if up.used_in else "not used"
        print(f"  upload {up.wiki[:2]} File:{up.filename} by {up.user}, {up.when.isoformat()}, {used}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--keep", action="store_true", help="keep the work files (wikis, store) afterwards")
    args = parser.parse_args()
    if demo_service.DEMO_DIR != ROOT / "src" / "wikitally" / "demo":
        raise SystemExit(f"wikitally is imported from {demo_service.DEMO_DIR}, not from this work tree")
    demo_service.CAMPAIGN_FILE.write_text(CAMPAIGN_TOML, encoding="utf-8")
    load_campaign(demo_service.CAMPAIGN_FILE)  # the example must load before anything is recorded
    tmp = Path(tempfile.mkdtemp(prefix="wikitally-record-demo-"))
    done = False
    try:
        sq, sr = start(tmp / "wikis")
        try:
            seed(sq, sr)
            recording, outcome = record(sq, sr, tmp)
        finally:
            sq.stop()
            sr.stop()
        candidate = tmp / "recording.json"
        size_bytes = save(recording, candidate)
        assert size_bytes < MAX_RECORDING_BYTES, f"the recording is {size_bytes:,} bytes"
        target = demo_service.RECORDING_FILE
        demo_service.RECORDING_FILE = candidate  # replay the new recording before it replaces the old one
        try:
            replay_check(outcome)
        finally:
            demo_service.RECORDING_FILE = target
        want = check_expected(outcome)
        shutil.copyfile(candidate, target)
        done = True
    finally:
        if done and not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)
        else:
            print(f"work files (the wikis stopped) kept in {tmp}", file=sys.stderr)
    report(want, size_bytes, len(recording["answers"]))
    print(f"\nwrote {demo_service.CAMPAIGN_FILE.relative_to(ROOT)} and {target.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
