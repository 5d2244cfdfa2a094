"""A realistic edit-a-thon for the collection benchmark: people, pages and the wikitext of every revision.

Deterministic for a seed. Nothing here talks to a wiki: `plan_campaign` returns, per wiki, the accounts to
create and the pages to import (tests/wikis.py's ImportPage shape), and bench_collect.py loads them.

What it makes, per wiki:

* older articles (2–15 KB, written 2021–2023 by non-participants, 1–3 revisions each), a third of them on
  the campaign's worklist, which many participants edit;
* for each participant active on the wiki: 1–3 new articles (stubs of 1.5–6 KB that grow), then edits
  spread over the month: new paragraphs and sections with <ref>s and {{sfn}}s, expanded paragraphs,
  copy-edits, added references — on their own articles, the worklist and other participants' articles;
* edits by non-participants on the same pages in the window (regulars, a bot, IPs), so many parents are
  someone else's revision; a few participant edits just before/after the window and on talk pages, which
  no collector may count.

Articles stay under ~20 KB; wiki B is French-flavoured (accents: UTF-8 sizes differ from lengths).
"""

from __future__ import annotations

import math
import random
from bisect import bisect_left
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

WINDOW_START = datetime(2024, 3, 1, tzinfo=UTC)
WINDOW_END = datetime(2024, 3, 31, 23, 59, 59, tzinfo=UTC)
FIRST_EDIT = WINDOW_START + timedelta(hours=10)  # newcomers register on the morning of day one
LAST_EDIT = WINDOW_END - timedelta(hours=2)
MAX_BYTES = 20_000

# fmt: off
FIRST = [
    "Amara", "José", "Liang", "Fatima", "Olga", "Kwame", "Ingrid", "Rahul", "Chiara", "Mateus", "Aiko",
    "Zeynep", "Björn", "Nadia", "Tomasz", "Leila", "Diego", "Hannah", "Émile", "Priya", "Sipho", "Marta",
    "Yusuf", "Elena", "Kofi", "Astrid", "Ravi", "Lucía", "Dmitri", "Noor", "Jonas", "Ama", "Hélène",
    "Bogdan", "Thandiwe", "Carmen", "Arjun", "Sofía", "Malik", "Greta", "Wanjiru", "Pablo", "Ilse",
    "Chen", "Oluwaseun", "Rosa", "Henrik", "Mei", "Adaeze", "Luca", "Saoirse", "Tariq", "Anneke",
]
LAST = [
    "Okafor", "García", "Wei", "Haddad", "Ivanova", "Mensah", "Larsen", "Sharma", "Bianchi", "Costa",
    "Tanaka", "Yılmaz", "Åberg", "Benali", "Kowalski", "Karimi", "Núñez", "Schmidt", "Lefèvre", "Iyer",
    "Dlamini", "Novák", "Demir", "Popescu", "Asante", "Holm", "Patel", "Fernández", "Sokolov", "Rahman",
    "Weber", "Boateng", "Dubois", "Horvat", "Ndlovu", "Moreno", "Nair", "Silva", "Traoré", "Keller",
    "Kamau", "Ortega", "Janssen", "Zhou", "Adeyemi", "Rossi", "Berg", "Lin", "Eze", "Conti", "Murphy",
]
HANDLES = [
    "Rivertrout", "Kestrel", "Mapmaker", "Quietreader", "Saltmarsh", "Bookworm", "Lanternfish",
    "Oakgall", "Tidepool", "Hillwalker", "Inkwell", "Stonecrop",
]
SYLLABLES = [
    "va", "lo", "mar", "ke", "sti", "dun", "bro", "ra", "el", "tor", "mi", "sa", "ne", "ash", "bel",
    "cor", "fen", "gal", "hol", "lin", "mor", "pen", "ros", "tal", "ven", "wil", "zan", "dor", "kir",
]

LANGS: dict[str, dict[str, Any]] = {
    "en": {
        "words": (  # noqa: SIM905 (easier to read and edit as prose)
            "the of and in to was is for on as by with from at that which its were are an be has it "
            "river town village church school library market valley hill bridge railway station "
            "century population council district region province mill harbour castle road museum "
            "festival community farmers merchants families workers students teachers women artists "
            "built founded opened closed restored expanded recorded described moved elected served "
            "early late northern southern eastern western old new small large local regional main "
            "first second third several many most some other later during after before until since "
            "between around near along across under over through about against within without "
            "history economy culture trade industry education water stone timber wool grain cotton "
            "records archive survey report map letters photographs newspaper census parish estate "
            "notable important traditional annual public private historic rural urban coastal"
        ).split(),
        "sections": [
            "History", "Geography", "Economy", "Culture", "Education", "Transport", "Demographics",
            "Early life", "Career", "Legacy", "Architecture", "Climate", "Notable people", "Sport",
        ],
        "features": ["River", "Library", "Bridge", "Market Hall", "Mill", "Station", "Lighthouse", "Abbey"],
        "jobs": ["botanist", "engineer", "poet", "historian", "physician", "architect", "weaver", "activist"],
        "cats": ["Villages", "Rivers", "Women scientists", "Libraries", "Bridges", "Poets", "Engineers"],
        "months": ["March"],
        "reflist": "== References ==\n{{Reflist}}",
        "links": "== External links ==",
        "infobox": "Infobox settlement",
    },
    "fr": {
        "words": (  # noqa: SIM905 (easier to read and edit as prose)
            "le la les de des du et en un une est était à au aux par pour sur dans avec sans sous "
            "rivière ville village église école bibliothèque marché vallée colline pont gare "
            "siècle population conseil district région province moulin port château route musée "
            "fête communauté paysans marchands familles ouvriers élèves enseignants femmes artistes "
            "construit fondée ouvert fermé restauré agrandi décrit déplacé élue servi "
            "premier deuxième plusieurs nombreux ancien nouvelle petit grand locale régionale principal "
            "après avant pendant jusqu'à depuis entre autour près le long à travers "
            "histoire économie culture commerce industrie éducation eau pierre bois laine blé coton "
            "registres archives enquête rapport carte lettres photographies journal recensement "
            "paroisse domaine notable important traditionnel annuel public privé historique rural "
            "côtier été hiver forêt moyen-âge époque œuvre célèbre"
        ).split(),
        "sections": [
            "Histoire", "Géographie", "Économie", "Culture", "Éducation", "Transports", "Démographie",
            "Biographie", "Carrière", "Héritage", "Architecture", "Climat", "Personnalités", "Sport",
        ],
        "features": ["Rivière", "Bibliothèque", "Pont", "Halle", "Moulin", "Gare", "Phare", "Abbaye"],
        "jobs": ["botaniste", "ingénieure", "poète", "historienne", "médecin", "architecte", "militante"],
        "cats": ["Village", "Cours d'eau", "Femme scientifique", "Bibliothèque", "Pont", "Poète"],
        "months": ["mars"],
        "reflist": "== Notes et références ==\n{{Références}}",
        "links": "== Liens externes ==",
        "infobox": "Infobox Commune",
    },
}
# fmt: on


def user_names(rng: random.Random, count: int, taken: set[str]) -> list[str]:
    """Distinct, canonical usernames: 'First Last', some with a digit or a handle."""
    names: list[str] = []
    while len(names) < count:
        roll = rng.random()
        if roll < 0.75:
            name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        elif roll < 0.9:
            name = f"{rng.choice(FIRST)} {rng.choice(LAST)} {rng.randint(2, 99)}"
        else:
            name = f"{rng.choice(HANDLES)}{rng.randint(1, 999)}"
        if name not in taken:
            taken.add(name)
            names.append(name)
    return names


# -- wikitext -----------------------------------------------------------------------------------------


@dataclass
class Article:
    """A page's wikitext as blocks an edit can change; `render` gives the revision's text."""

    title: str
    lang: str
    top: list[str]
    infobox: str
    lead: list[list[list[str]]]  # paragraphs -> sentences -> [prose, refs]
    sections: list[tuple[str, list[list[list[str]]]]]
    links: list[str]
    categories: list[str]

    def paragraphs(self) -> list[list[list[str]]]:
        return self.lead + [p for _, paras in self.sections for p in paras]

    def render(self) -> str:
        lang = LANGS[self.lang]
        out = [*self.top, self.infobox] if self.infobox else list(self.top)
        out += [_para(p) for p in self.lead]
        for heading, paras in self.sections:
            out.append(f"== {heading} ==")
            out += [_para(p) for p in paras]
        out.append(lang["reflist"])
        if self.links:
            out.append(lang["links"] + "\n" + "\n".join(self.links))
        out.append("\n".join(f"[[Category:{c}]]" for c in self.categories))
        return "\n\n".join(out) + "\n"


def _para(sentences: list[list[str]]) -> str:
    return " ".join(prose + refs for prose, refs in sentences)


class Writer:
    """Random but plausible prose, references and edits in one language."""

    def __init__(self, rng: random.Random, lang: str) -> None:
        self.rng, self.lang, self.v = rng, lang, LANGS[lang]
        self.ref_names = 0

    def place(self) -> str:
        return "".join(self.rng.choice(SYLLABLES) for _ in range(self.rng.randint(2, 3))).capitalize()

    def title(self, taken: set[str]) -> str:
        rng, v = self.rng, self.v
        while True:
            roll = rng.random()
            if roll < 0.4:
                title = f"{self.place()} {rng.choice(v['features'])}"
            elif roll < 0.7:
                title = f"{rng.choice(FIRST)} {rng.choice(LAST)} ({rng.choice(v['jobs'])})"
            else:
                title = self.place() + rng.choice(["", " (village)", " Valley", " Castle", "ford"])
            if title not in taken:
                taken.add(title)
                return title

    def sentence(self, ref_chance: float = 0.4) -> list[str]:
        rng = self.rng
        words = [rng.choice(self.v["words"]) for _ in range(rng.randint(9, 24))]
        for _ in range(rng.randint(0, 2)):
            i = rng.randrange(len(words))
            target = self.place()
            words[i] = f"[[{target}]]" if rng.random() < 0.6 else f"[[{target}|{words[i]}]]"
        if rng.random() < 0.15:
            words.insert(rng.randrange(len(words)), str(rng.randint(1650, 2023)))
        words[0] = words[0].capitalize()
        return [" ".join(words) + ".", self.ref() if rng.random() < ref_chance else ""]

    def ref(self) -> str:
        rng = self.rng
        author, year, page = rng.choice(LAST), rng.randint(1890, 2023), rng.randint(1, 480)
        words = self.v["words"]
        title = " ".join(rng.choice(words) for _ in range(rng.randint(3, 7))).capitalize()
        roll = rng.random()
        if roll < 0.25:
            return f"{{{{sfn|{author}|{year}|p={page}}}}}"
        if roll < 0.32 and self.ref_names:
            return f'<ref name="r{rng.randint(1, self.ref_names)}" />'  # a reuse: not a new reference
        if self.lang == "fr":
            body = rng.choice(
                [
                    f"{{{{Ouvrage |nom={author} |prénom={rng.choice(FIRST)} |titre={title} "
                    f"|éditeur=Éditions {self.place()} |année={year} |passage={page}}}}}",
                    f"{{{{Lien web |url=https://www.{self.place().lower()}.example.fr/{page} |titre={title} "
                    f"|site={self.place()} |consulté le={rng.randint(1, 28)} mars 2024}}}}",
                ]
            )
        else:
            body = rng.choice(
                [
                    f"{{{{cite book |last={author} |first={rng.choice(FIRST)} |title={title} "
                    f"|publisher={self.place()} Press |year={year} |page={page}}}}}",
                    f"{{{{cite web |url=https://www.{self.place().lower()}.example.org/{page} |title={title} "
                    f"|website={self.place()} |access-date={rng.randint(1, 28)} March 2024}}}}",
                    f"{{{{cite journal |last={author} |year={year} |title={title} "
                    f"|journal={self.place()} Review |volume={rng.randint(1, 90)} |pages={page}–{page + 9}}}}}",
                ]
            )
        if rng.random() < 0.3:
            self.ref_names += 1
            return f'<ref name="r{self.ref_names}">{body}</ref>'
        return f"<ref>{body}</ref>"

    def paragraph(self, ref_chance: float = 0.4) -> list[list[str]]:
        return [self.sentence(ref_chance) for _ in range(self.rng.randint(3, 7))]

    def article(self, title: str, target_bytes: int) -> Article:
        rng, v = self.rng, self.v
        infobox = ""
        if rng.random() < 0.6:
            infobox = (
                f"{{{{{v['infobox']}\n| name = {title}\n| country = {self.place()}\n"
                f"| population = {rng.randint(90, 90000)}\n| established = {rng.randint(1100, 1950)}\n}}}}"
            )
        top = ["{{Short description|" + " ".join(rng.choice(v["words"]) for _ in range(4)) + "}}"]
        bold = f"'''{title}''' " + " ".join(rng.choice(v["words"]) for _ in range(rng.randint(8, 16))) + "."
        lead = [[[bold, self.ref()], *self.paragraph()[1:]]]
        art = Article(title, self.lang, top, infobox, lead, [], [], [rng.choice(v["cats"])])
        headings = rng.sample(v["sections"], len(v["sections"]))
        while len(art.render().encode()) < target_bytes and headings:
            art.sections.append((headings.pop(), [self.paragraph() for _ in range(rng.randint(1, 3))]))
        if rng.random() < 0.5:
            art.links.append(f"* [https://www.{self.place().lower()}.example.org/ {title}]")
        return art

    # -- edits: each changes the text --------------------------------------------------------------
    def edit(self, art: Article, who: str) -> None:
        """One edit as `who` ("participant", "regular", "bot", "ip") would make it."""
        rng = self.rng
        before = art.render()
        if who == "bot":
            choices = ["category", "copyedit"]
        elif who == "ip":
            choices = ["copyedit", "expand_unsourced", "copyedit"]
        elif len(before.encode()) > MAX_BYTES:
            choices = ["copyedit", "rewrite", "add_ref", "trim"]
        elif who == "regular":
            choices = ["add_paragraph", "expand", "copyedit", "add_ref", "category"]
        else:
            choices = ["add_paragraph"] * 7 + ["add_section"] * 3 + ["expand"] * 4 + ["copyedit"] * 3
            choices += ["rewrite", "add_ref", "add_ref", "category"]
        getattr(self, "_" + rng.choice(choices))(art)
        if art.render() == before:
            self._add_ref(art)

    def _pick_paragraph(self, art: Article) -> list[list[str]]:
        return self.rng.choice(art.paragraphs())

    def _add_paragraph(self, art: Article) -> None:
        if not art.sections:
            self._add_section(art)
            return
        _, paras = self.rng.choice(art.sections)
        paras.insert(self.rng.randint(0, len(paras)), self.paragraph(0.6))

    def _add_section(self, art: Article) -> None:
        used = {h for h, _ in art.sections}
        free = [h for h in self.v["sections"] if h not in used] or [
            f"{self.rng.choice(self.v['sections'])} (2)"
        ]
        art.sections.append(
            (self.rng.choice(free), [self.paragraph(0.6) for _ in range(self.rng.randint(1, 3))])
        )

    def _expand(self, art: Article) -> None:
        para = self._pick_paragraph(art)
        for _ in range(self.rng.randint(1, 3)):
            para.insert(self.rng.randint(0, len(para)), self.sentence(0.7))

    def _expand_unsourced(self, art: Article) -> None:
        para = self._pick_paragraph(art)
        para.insert(self.rng.randint(0, len(para)), self.sentence(0.0))

    def _copyedit(self, art: Article) -> None:
        sentence = self.rng.choice(self._pick_paragraph(art))
        words = sentence[0].split(" ")
        for _ in range(self.rng.randint(1, 3)):
            i = self.rng.randrange(len(words))
            if "[[" not in words[i] and "'''" not in words[i]:
                words[i] = self.rng.choice(self.v["words"])
        sentence[0] = " ".join(words).rstrip(".") + "."

    def _rewrite(self, art: Article) -> None:
        para = self._pick_paragraph(art)
        i = self.rng.randrange(len(para))
        if "'''" not in para[i][0]:
            para[i] = self.sentence(0.5)

    def _add_ref(self, art: Article) -> None:
        sentences = [s for p in art.paragraphs() for s in p if not s[1]]
        if sentences:
            self.rng.choice(sentences)[1] = self.ref()
        else:
            self._expand(art)

    def _trim(self, art: Article) -> None:
        long = [paras for _, paras in art.sections if len(paras) > 1]
        if long:
            paras = self.rng.choice(long)
            paras.pop(self.rng.randrange(len(paras)))
        else:
            self._rewrite(art)

    def _category(self, art: Article) -> None:
        rng = self.rng
        if rng.random() < 0.5 and len(art.categories) < 6:
            art.categories.append(f"{rng.choice(self.v['cats'])} in {self.place()}")
        elif rng.random() < 0.5 and not any(t.startswith("{{Use") for t in art.top):
            art.top.append("{{Use dmy dates|date=March 2024}}")
        else:
            self._copyedit(art)


# -- the campaign -------------------------------------------------------------------------------------


@dataclass
class WikiPlan:
    lang: str
    accounts: list[tuple[str, datetime]] = field(default_factory=list)  # (name, registration)
    pages: list[dict[str, Any]] = field(default_factory=list)  # tests/wikis.py ImportPage
    edits_in_window: int = 0  # participants' main-namespace edits in the window
    editors: list[str] = field(default_factory=list)  # participants with at least one edit here

    @property
    def revisions(self) -> int:
        return sum(len(p["revisions"]) for p in self.pages)

    @property
    def text_bytes(self) -> int:
        return sum(len(r["text"].encode()) for p in self.pages for r in p["revisions"])


@dataclass
class CampaignPlan:
    participants: list[str]
    wikis: list[WikiPlan]


def _uniform(rng: random.Random, start: datetime, end: datetime) -> datetime:
    return start + timedelta(seconds=rng.randint(0, int((end - start).total_seconds())))


def _split(total: int, weights: list[float]) -> list[int]:
    """`total` split in proportion to weights (largest remainder)."""
    s = sum(weights)
    raw = [total * w / s for w in weights]
    out = [math.floor(x) for x in raw]
    for i in sorted(range(len(raw)), key=lambda i: raw[i] - out[i], reverse=True)[: total - sum(out)]:
        out[i] += 1
    return out


def plan_campaign(participants: int, edits: int, seed: int = 2024) -> CampaignPlan:
    """`participants` people making `edits` main-namespace edits in March 2024 on two wikis (en, fr)."""
    rng = random.Random(seed)
    taken: set[str] = set()
    people = user_names(rng, participants, taken)
    newcomers = set(rng.sample(people, participants // 3))
    # Where each participant edits: home wiki en (60 %) or fr, 15 % on both; 5 % never edit at all.
    pairs: list[tuple[str, int]] = []
    for name in people:
        if rng.random() < 0.05:
            continue
        home = 0 if rng.random() < 0.6 else 1
        pairs.append((name, home))
        if rng.random() < 0.15:
            pairs.append((name, 1 - home))
    # A few very active people, most with a handful of edits (log-normal), at least 1 each.
    weights = [rng.lognormvariate(0, 0.9) for _ in pairs]
    counts = [1 + n for n in _split(edits - len(pairs), weights)]
    wikis = [WikiPlan("en"), WikiPlan("fr")]
    others = [user_names(rng, 25, taken), user_names(rng, 25, taken)]
    for w, plan in enumerate(wikis):
        mine = {name: n for (name, home), n in zip(pairs, counts, strict=True) if home == w}
        registration = {
            name: (
                _uniform(rng, WINDOW_START + timedelta(hours=7), FIRST_EDIT)
                if name in newcomers
                else _uniform(rng, datetime(2012, 1, 1, tzinfo=UTC), datetime(2023, 12, 31, tzinfo=UTC))
            )
            for name in people
        }
        plan.accounts = [(name, registration[name]) for name in people]  # SUL: every account everywhere
        plan.accounts += [
            (name, _uniform(rng, datetime(2008, 1, 1, tzinfo=UTC), datetime(2020, 1, 1, tzinfo=UTC)))
            for name in others[w]
        ]
        plan.edits_in_window, plan.editors = sum(mine.values()), sorted(mine)
        _plan_wiki(rng, plan, mine, others[w])
    return CampaignPlan(people, wikis)


@dataclass
class _Page:
    title: str
    created: datetime
    events: list[tuple[datetime, str, str]] = field(default_factory=list)  # (when, user, kind)


def _plan_wiki(rng: random.Random, plan: WikiPlan, mine: dict[str, int], others: list[str]) -> None:
    writer = Writer(rng, plan.lang)
    titles: set[str] = set()
    total = sum(mine.values())
    regulars, bot = others[:-1], others[-1]
    # Older articles, a third of them on the worklist.
    base = []
    for _ in range(max(20, total // 9)):
        page = _Page(
            writer.title(titles),
            _uniform(rng, datetime(2021, 1, 1, tzinfo=UTC), datetime(2023, 6, 1, tzinfo=UTC)),
        )
        page.events.append((page.created, rng.choice(regulars), "create"))
        for _ in range(rng.randint(0, 2)):
            page.events.append(
                (
                    _uniform(rng, page.created, datetime(2024, 2, 1, tzinfo=UTC)),
                    rng.choice(regulars),
                    "regular",
                )
            )
        base.append(page)
    worklist = base[: len(base) // 3]
    # Participants' new articles first (an edit can only touch a page that exists by then).
    created: list[_Page] = []
    own: dict[str, list[_Page]] = {}
    for name, n in mine.items():
        for _ in range(min(n, 1 + (rng.random() < 0.5) + (rng.random() < 0.2))):
            page = _Page(writer.title(titles), _uniform(rng, FIRST_EDIT, LAST_EDIT - timedelta(days=1)))
            page.events.append((page.created, name, "create"))
            created.append(page)
            own.setdefault(name, []).append(page)
    created.sort(key=lambda p: p.created)
    created_at = [p.created for p in created]

    def existing(when: datetime) -> _Page:
        roll = rng.random()
        if roll < 0.3:
            return rng.choice(worklist)
        k = bisect_left(created_at, when)
        if roll < 0.65 and k:
            return created[rng.randrange(k)]
        return rng.choice(base)

    for name, n in mine.items():
        for _ in range(n - len(own.get(name, []))):
            when = _uniform(rng, FIRST_EDIT, LAST_EDIT)
            mine_now = [p for p in own.get(name, []) if p.created < when]
            page = rng.choice(mine_now) if mine_now and rng.random() < 0.4 else existing(when)
            page.events.append((when, name, "participant"))
    # Others in the window on the same pages (~20 % of the traffic).
    for _ in range(total // 5):
        when = _uniform(rng, FIRST_EDIT, LAST_EDIT)
        roll = rng.random()
        who, kind = (
            (bot, "bot")
            if roll < 0.2
            else (f"192.0.2.{rng.randint(1, 254)}", "ip")
            if roll < 0.4
            else (rng.choice(regulars), "regular")
        )
        existing(when).events.append((when, who, kind))
    # Participants' edits no collector may count: just outside the window, and on talk pages.
    names = list(mine)
    talk: dict[str, _Page] = {}
    for _ in range(max(1, total // 50)):
        name = rng.choice(names)
        if rng.random() < 0.5:
            when = _uniform(rng, WINDOW_START - timedelta(days=14), WINDOW_START - timedelta(hours=1))
            rng.choice(base).events.append((when, name, "participant"))
        else:
            when = _uniform(rng, WINDOW_END + timedelta(hours=1), WINDOW_END + timedelta(days=10))
            rng.choice(base + created).events.append((when, name, "participant"))
        subject = existing(when := _uniform(rng, FIRST_EDIT, LAST_EDIT))
        page = talk.setdefault(subject.title, _Page("Talk:" + subject.title, when))
        page.events.append((when, name, "talk"))

    for page in base + created:
        plan.pages.append(_render(rng, writer, page))
    for page in talk.values():
        plan.pages.append(_render_talk(rng, writer, page))


def _ordered(page: _Page) -> list[tuple[datetime, str, str]]:
    """Events by time, creation first, at distinct seconds."""
    events = sorted(page.events, key=lambda e: (e[2] != "create", e[0]))
    out, last = [], None
    for when, who, kind in events:
        if last is not None and when <= last:
            when = last + timedelta(seconds=1)
        out.append((when, who, kind))
        last = when
    return out


def _render(rng: random.Random, writer: Writer, page: _Page) -> dict[str, Any]:
    revisions = []
    art: Article | None = None
    for when, who, kind in _ordered(page):
        if art is None:
            size = (
                rng.randint(1500, 6000)
                if kind == "create" and when >= WINDOW_START
                else rng.randint(2000, 15000)
            )
            art = writer.article(page.title, size)
            comment = "Created page" if when < WINDOW_START else "New article #WikiGap2024"
        else:
            writer.edit(art, kind)
            comment = {"bot": "Bot: cleanup", "ip": "", "regular": "copyedit"}.get(
                kind, "expanded #WikiGap2024"
            )
        revisions.append(
            {"user": who, "timestamp": when, "text": art.render(), "comment": comment, "minor": kind == "bot"}
        )
    return {"title": page.title, "revisions": revisions}


def _render_talk(rng: random.Random, writer: Writer, page: _Page) -> dict[str, Any]:
    text, revisions = "", []
    for when, who, _ in _ordered(page):
        prose = " ".join(writer.sentence(0.0)[0] for _ in range(rng.randint(1, 3)))
        stamp = f"{when:%H:%M, %-d %B %Y} (UTC)"
        text += f"\n== {rng.choice(writer.v['sections'])} ==\n{prose} [[User:{who}|{who}]] {stamp}\n"
        revisions.append({"user": who, "timestamp": when, "text": text.lstrip(), "comment": "new section"})
    return {"title": page.title, "revisions": revisions}
