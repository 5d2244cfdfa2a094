"""The campaign and what wikis tell about it, as frozen values (no I/O, no framework)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from wikitally.judging.spec import Contest

# Templates that make a footnote of their own ({{#tag:ref}} inside). Not {{harvnb}}: outside a
# <ref> it is plain text on the wiki, so it is no reference (metrics/refs.py).
DEFAULT_SFN_TEMPLATES: tuple[str, ...] = ("sfn", "sfnp")


@dataclass(frozen=True)
class Campaign:
    """A campaign file, validated. Times are timezone-aware; usernames are normalised."""

    name: str
    start: datetime
    end: datetime
    wikis: tuple[str, ...]
    participants: tuple[str, ...] = ()
    participants_page: str | None = None  # "DOMAIN:Title"
    hashtags: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    namespaces: tuple[int, ...] | None = None  # None: each wiki's content namespaces
    api: dict[str, str] = field(default_factory=dict)  # DOMAIN -> api.php URL
    sfn_templates: dict[str, tuple[str, ...]] = field(default_factory=dict)  # DOMAIN -> names
    source: str = ""  # the file it came from, for messages
    # Publishing (issue "What organizers publish")
    language: str = "en"  # reports' language (a Wikimedia code with a catalogue)
    pageviews: bool = False  # add article views (Wikimedia REST) to reports
    sensitive_locations: bool | tuple[str, ...] = False  # True: every point; categories: pages in them
    translation_tags: tuple[str, ...] = ("contenttranslation",)  # a counted edit with one: "translated"
    # DOMAIN -> namespaces whose pages are Wikibase entity documents though their content model is plain
    # JSON (a Wikibase repository says so itself: SiteInfo.entity_namespaces)
    wikibase_namespaces: dict[str, tuple[int, ...]] = field(default_factory=dict)
    # Worklist (docs/worklists.md): pages whose links are the list ("DOMAIN:Title"), categories whose
    # main-namespace members are ("DOMAIN:Category:…", to worklist_depth levels of subcategories), files
    # (absolute paths, PetScan / Wikidata Query Service exports); scope "worklist": only its articles count.
    worklist: tuple[str, ...] = ()
    worklist_categories: tuple[str, ...] = ()
    worklist_depth: int = 0
    worklist_files: tuple[str, ...] = ()
    scope: str | None = None

    @property
    def has_worklist(self) -> bool:
        return bool(self.worklist or self.worklist_categories or self.worklist_files)

    photos: PhotoContest | None = None  # a photo contest's [photos] table (issue 13)
    contest: Contest | None = None  # the file's [contest] table (docs/contests.md); None: no contest

    def api_url(self, wiki: str) -> str:
        return self.api.get(wiki) or f"https://{wiki}/w/api.php"

    def sfn_for(self, wiki: str) -> tuple[str, ...]:
        return self.sfn_templates.get(wiki, DEFAULT_SFN_TEMPLATES)

    @property
    def key(self) -> str:
        """Identity in the store: the campaign's name (one store can hold many campaigns)."""
        return self.name


@dataclass(frozen=True)
class PhotoRound:
    """One jury round: `quorum` votes per photo; its top `advance` (ties included) make the next round."""

    name: str
    kind: str  # "yesno" | "rating" | "ranking"
    quorum: int
    advance: int
    batch: int = 0  # ranking: jurors rank their photos this many at a time (0: all at once)


@dataclass(frozen=True)
class Site:
    """One entry of the national list of sites (sites.csv)."""

    id: str
    label: str = ""
    coord: str = ""


@dataclass(frozen=True)
class PhotoContest:
    """A campaign file's [photos] table, validated; jurors are normalised usernames."""

    wiki: str
    categories: tuple[str, ...]  # full titles, "Category:…"
    depth: int = 0
    min_megapixels: float = 0.0
    site_template: str = ""  # "" : no site check
    sites: tuple[Site, ...] | None = None  # None: any site ID is known
    jurors: tuple[str, ...] = ()
    rounds: tuple[PhotoRound, ...] = ()
    nominations: tuple[PhotoNomination, ...] = ()

    def all_rounds(self) -> list[tuple[int, PhotoRound, PhotoNomination | None]]:
        """Every round with its number: the contest's own rounds first (1 …), then each special
        nomination's rounds in the order of the campaign file, numbered on from there."""
        out: list[tuple[int, PhotoRound, PhotoNomination | None]] = [
            (n, r, None) for n, r in enumerate(self.rounds, start=1)
        ]
        for nomination in self.nominations:
            out += [(len(out) + 1 + i, r, nomination) for i, r in enumerate(nomination.rounds)]
        return out

    def all_jurors(self) -> tuple[str, ...]:
        """The contest's jurors, then the nominations' own ones (each once, in the campaign file's order)."""
        return tuple(dict.fromkeys([*self.jurors, *(j for n in self.nominations for j in n.jurors)]))


@dataclass(frozen=True)
class PhotoNomination:
    """A special nomination (`[[photos.nomination]]`): a parallel set of rounds over the files of its own
    categories (none: the contest's files), judged by its own jurors (none given: the contest's). A "video"
    nomination takes video files, which the contest's rounds never do (their reason is not_image)."""

    name: str
    media: str = "image"  # "image" | "video"
    categories: tuple[str, ...] = ()  # full titles; () : the contest's own files
    depth: int = 0
    jurors: tuple[str, ...] = ()  # normalised; the contest's jurors when the file names none
    rounds: tuple[PhotoRound, ...] = ()


@dataclass(frozen=True)
class Point:
    """WGS84 degrees; already coarsened when the campaign marks the place as sensitive."""

    lat: float
    lon: float


@dataclass(frozen=True)
class WorklistItem:
    """One entry of a worklist: a Wikidata item, a title on a wiki, or both (docs/worklists.md)."""

    item: str | None  # "Q42"
    wiki: str | None  # the wiki `title` is on
    title: str | None  # `_` already read as space
    label: str | None = None
    point: Point | None = None
    image: str | None = None  # a file name, without namespace
    designation: str | None = None  # a heritage site list's own columns (docs/heritage.md): its protection
    risk: str | None = None  # … and the list's risk status for the site


@dataclass(frozen=True)
class SiteInfo:
    wiki: str
    content_namespaces: tuple[int, ...]
    namespace_names: dict[int, str]  # id -> canonical local name ("" for main)
    extensions: tuple[str, ...] = ()
    rc_max_age_s: int = 90 * 86400
    # What link prefixes mean (siprop=namespacealiases|interwikimap), for counting words: id -> the
    # namespace's English canonical name and its aliases; and the interwiki prefixes that make an
    # interlanguage link (None: not asked, e.g. a siteinfo read back from the store).
    namespace_aliases: dict[int, tuple[str, ...]] = field(default_factory=dict)
    interlanguage: tuple[str, ...] | None = None
    # Where the wiki's pages are read (siteinfo general's server and articlepath): "//sq.wikipedia.org" and
    # "/wiki/$1" on Wikimedia, "http://127.0.0.1:8080" and "/index.php?title=$1" on a plain install.
    server: str = ""
    article_path: str = ""
    # Namespaces whose default content model is a Wikibase entity's (siteinfo namespaces'
    # `defaultcontentmodel`, e.g. 0 = wikibase-item on Wikidata): this wiki is a Wikibase repository.
    entity_namespaces: tuple[int, ...] = ()
    # The wiki's global id (siteinfo general's wikiid, e.g. "sqwiki"): what Wikidata's sitelinks name it by.
    wiki_id: str = ""

    def tracked(self, campaign_namespaces: tuple[int, ...] | None) -> tuple[int, ...]:
        return campaign_namespaces if campaign_namespaces is not None else self.content_namespaces


@dataclass(frozen=True)
class Revision:
    """One visible revision as listed by usercontribs/recentchanges, under the page's *current* title."""

    wiki: str
    rev_id: int
    parent_id: int  # 0 when the revision created the page
    page_id: int
    namespace: int  # current namespace of the page
    title: str  # current title of the page
    user: str
    timestamp: datetime
    comment: str | None  # None when hidden
    size: int
    sizediff: int | None  # size - parent size; None when the API could not tell
    tags: tuple[str, ...] = ()
    new: bool = False  # this revision created the page
    texthidden: bool = False

    @property
    def reverted(self) -> bool:
        return "mw-reverted" in self.tags


@dataclass(frozen=True)
class PageState:
    """A page as it is now."""

    wiki: str
    page_id: int
    namespace: int
    title: str
    redirect: bool
    exists: bool = True


@dataclass(frozen=True)
class ContentFacts:
    """What a revision changed in the text, measured against its parent (computed once, stored)."""

    wiki: str
    rev_id: int
    words_added: int
    refs_before: int
    refs_after: int

    @property
    def refs_delta(self) -> int:
        return self.refs_after - self.refs_before


@dataclass(frozen=True)
class EntityFacts:
    """What a revision of a Wikibase entity changed, measured against its parent (metrics/wikibase.py)."""

    wiki: str
    rev_id: int
    entity_type: str  # "item", "property", …; "" for a redirect or content that is no entity
    statements_added: int
    statements_removed: int
    references_added: int
    labels_added: int
    sitelinks_added: int


@dataclass(frozen=True)
class Upload:
    """A file whose first upload was by `user` at `timestamp`, still existing."""

    wiki: str
    title: str  # "File:…"
    user: str
    timestamp: datetime
    in_use: bool


@dataclass(frozen=True)
class Account:
    """A user's account on one wiki."""

    wiki: str
    user: str
    registration: datetime | None  # None: unknown (very old account) or missing
    exists: bool = True


@dataclass(frozen=True)
class Publication:
    """What wikitally saved last on a page it writes whole: the revision and the account it saved it as."""

    rev_id: int
    user: str
    saved_at: datetime


@dataclass(frozen=True)
class Snapshot:
    """Everything the metrics need about one campaign, as collected."""

    campaign: Campaign
    revisions: tuple[Revision, ...]
    pages: tuple[PageState, ...]
    facts: tuple[ContentFacts, ...]
    uploads: tuple[Upload, ...]
    accounts: tuple[Account, ...]
    siteinfo: tuple[SiteInfo, ...]
    entity_facts: tuple[EntityFacts, ...] = ()
    # (wiki, title) of the worklist's articles as last resolved; None: no worklist resolved (a campaign with
    # scope = "worklist" then counts nothing until it is)
    worklist: frozenset[tuple[str, str]] | None = None
