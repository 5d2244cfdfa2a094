"""wikitally's tables. Everything is scoped by a campaign row and a wiki domain; names are MediaWiki's.

Only `wikitally.store` reads or writes these; other code goes through `Store` (repository.py). The web
app may read them through the ORM (it lists `wikitally.store` in INSTALLED_APPS), and owns the rows of the
last two tables, CampaignDefinition and Organizer: campaigns defined on the web and who may change them.
"""

from django.conf import settings
from django.db import models


class Campaign(models.Model):
    """One campaign file, identified by `wikitally.model.Campaign.key`."""

    key = models.CharField(max_length=255, unique=True)
    name = models.CharField(max_length=255)
    config = models.JSONField(help_text="The campaign as JSON, for reference.")
    participants = models.JSONField(
        null=True,
        help_text="Resolved participants (file and participants page); null: hashtag/tag filters only.",
    )
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "store_campaign"

    def __str__(self) -> str:
        return self.key


class WikiState(models.Model):
    """How far collection of one wiki has got, and what the wiki said about itself."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="wiki_states")
    wiki = models.CharField(max_length=255)
    watermark = models.DateTimeField(null=True, help_text="Server time of the last successful collection.")
    siteinfo = models.JSONField(null=True)
    last_collected = models.DateTimeField(null=True)
    fingerprint = models.CharField(
        max_length=64,
        default="",
        help_text="What the stored listing was collected for (dates, people, filters).",
    )
    sfn = models.JSONField(
        null=True, help_text="Shortened-footnote templates the stored facts were counted with."
    )
    rc_high = models.BigIntegerField(null=True, help_text="Newest recent-changes id already looked at.")

    class Meta:
        db_table = "store_wiki_state"
        constraints = (models.UniqueConstraint(fields=["campaign", "wiki"], name="store_wiki_state_key"),)

    def __str__(self) -> str:
        return self.wiki


class Revision(models.Model):
    """A counted-candidate revision, under its page's current title."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="revisions")
    wiki = models.CharField(max_length=255)
    rev_id = models.BigIntegerField()
    parent_id = models.BigIntegerField()
    page_id = models.BigIntegerField()
    namespace = models.IntegerField()
    title = models.TextField()
    user = models.CharField(max_length=255)
    timestamp = models.DateTimeField()
    comment = models.TextField(null=True)
    size = models.IntegerField()
    sizediff = models.IntegerField(null=True)
    tags = models.JSONField(default=list)
    new = models.BooleanField(default=False)
    texthidden = models.BooleanField(default=False)

    class Meta:
        db_table = "store_revision"
        constraints = (
            models.UniqueConstraint(fields=["campaign", "wiki", "rev_id"], name="store_revision_key"),
        )
        indexes = (models.Index(fields=["campaign", "wiki", "page_id"], name="store_revision_page"),)

    def __str__(self) -> str:
        return f"{self.wiki} r{self.rev_id}"


class Page(models.Model):
    """A page as it is now."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="pages")
    wiki = models.CharField(max_length=255)
    page_id = models.BigIntegerField()
    namespace = models.IntegerField()
    title = models.TextField()
    redirect = models.BooleanField(default=False)
    exists = models.BooleanField(default=True)

    class Meta:
        db_table = "store_page"
        constraints = (
            models.UniqueConstraint(fields=["campaign", "wiki", "page_id"], name="store_page_key"),
        )

    def __str__(self) -> str:
        return f"{self.wiki} {self.title}"


class ContentFacts(models.Model):
    """What a revision changed in the text (computed once per rev_id)."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="content_facts")
    wiki = models.CharField(max_length=255)
    rev_id = models.BigIntegerField()
    words_added = models.IntegerField()
    refs_before = models.IntegerField()
    refs_after = models.IntegerField()

    class Meta:
        db_table = "store_content_facts"
        verbose_name_plural = "content facts"
        constraints = (
            models.UniqueConstraint(fields=["campaign", "wiki", "rev_id"], name="store_content_facts_key"),
        )

    def __str__(self) -> str:
        return f"{self.wiki} r{self.rev_id}"


class EntityFacts(models.Model):
    """What a revision of a Wikibase entity changed (computed once per rev_id; metrics/wikibase.py)."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="entity_facts")
    wiki = models.CharField(max_length=255)
    rev_id = models.BigIntegerField()
    entity_type = models.CharField(max_length=40, help_text='"item", "property", …; "" for no entity')
    statements_added = models.IntegerField()
    statements_removed = models.IntegerField()
    references_added = models.IntegerField()
    labels_added = models.IntegerField(help_text="Labels, descriptions and aliases.")
    sitelinks_added = models.IntegerField()

    class Meta:
        db_table = "store_entity_facts"
        verbose_name_plural = "entity facts"
        constraints = (
            models.UniqueConstraint(fields=["campaign", "wiki", "rev_id"], name="store_entity_facts_key"),
        )

    def __str__(self) -> str:
        return f"{self.wiki} r{self.rev_id}"


class Upload(models.Model):
    """A file first uploaded by `user`, still existing."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="uploads")
    wiki = models.CharField(max_length=255)
    title = models.TextField()
    user = models.CharField(max_length=255)
    timestamp = models.DateTimeField()
    in_use = models.BooleanField(default=False)

    class Meta:
        db_table = "store_upload"
        constraints = (
            models.UniqueConstraint(fields=["campaign", "wiki", "title"], name="store_upload_key"),
        )

    def __str__(self) -> str:
        return f"{self.wiki} {self.title}"


class Account(models.Model):
    """A user's account on one wiki."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="accounts")
    wiki = models.CharField(max_length=255)
    user = models.CharField(max_length=255)
    registration = models.DateTimeField(null=True)
    exists = models.BooleanField(default=True)

    class Meta:
        db_table = "store_account"
        constraints = (
            models.UniqueConstraint(fields=["campaign", "wiki", "user"], name="store_account_key"),
        )

    def __str__(self) -> str:
        return f"{self.wiki} {self.user}"


class Outcome(models.Model):
    """Computed numbers for a campaign; the newest row is the current one."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="outcomes")
    computed_at = models.DateTimeField()
    as_of = models.DateTimeField()
    data = models.JSONField()

    class Meta:
        db_table = "store_outcome"
        indexes = (models.Index(fields=["campaign", "computed_at"], name="store_outcome_latest"),)

    def __str__(self) -> str:
        return f"{self.campaign_id} @ {self.computed_at:%Y-%m-%d %H:%M}"


class PageLocation(models.Model):
    """Where a page is, as a report may show it (sensitive pages already coarsened), and who said so."""

    SOURCES = (
        ("geodata", "GeoData's primary coordinates"),
        ("wikitext", "the page's {{coord}} or infobox"),
        ("wikidata", "the Wikidata item's P625"),
        ("none", "nowhere found"),
    )

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="page_locations")
    wiki = models.CharField(max_length=255)
    title = models.TextField()
    lat = models.FloatField(null=True, help_text="WGS84 degrees; null when no source places the page.")
    lon = models.FloatField(null=True)
    source = models.CharField(max_length=16, choices=SOURCES)
    fetched_at = models.DateTimeField()

    class Meta:
        db_table = "store_page_location"
        constraints = (
            models.UniqueConstraint(fields=["campaign", "wiki", "title"], name="store_page_location_key"),
        )

    def __str__(self) -> str:
        return f"{self.wiki} {self.title}"


class PageViews(models.Model):
    """Views of a page by people on one UTC day (Wikimedia's pageviews API, agent=user)."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="page_views")
    wiki = models.CharField(max_length=255)
    title = models.TextField()
    day = models.DateField()
    views = models.BigIntegerField()

    class Meta:
        db_table = "store_page_views"
        verbose_name_plural = "page views"
        constraints = (
            models.UniqueConstraint(fields=["campaign", "wiki", "title", "day"], name="store_page_views_key"),
        )

    def __str__(self) -> str:
        return f"{self.wiki} {self.title} {self.day}"


class CampaignDefinition(models.Model):
    """A campaign defined on the web: its campaign file, who may see it, and the collected campaign."""

    VISIBILITIES = (
        ("public", "listed on the front page and in the API"),
        ("unlisted", "reachable only by its address"),
    )

    slug = models.SlugField(max_length=100, unique=True, help_text="The campaign's address: /c/SLUG/.")
    name = models.CharField(
        max_length=255,
        unique=True,
        help_text="The file's `name`, copied on every save: the store's key, so one definition per campaign.",
    )
    toml = models.TextField(help_text="The campaign file, the single source of truth: the form edits it.")
    visibility = models.CharField(max_length=16, choices=VISIBILITIES, default="public")
    passcode_hash = models.CharField(
        max_length=255,
        blank=True,
        default="",
        help_text="Django password hash of the join passcode; empty: none.",
    )
    campaign = models.OneToOneField(
        Campaign,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="definition",
        help_text="The stored campaign of the same key, once it has been collected.",
    )
    # The event page (organizers' own words, shown above the numbers; not part of the campaign file).
    MODES = (("online", "online"), ("in_person", "in person"), ("hybrid", "online and in person"))
    description = models.TextField(
        blank=True, default="", help_text="Markdown (raw HTML off), rendered sanitised on the campaign page."
    )
    mode = models.CharField(max_length=16, choices=MODES, default="online")
    place = models.CharField(max_length=255, blank=True, default="", help_text="Where it meets, if anywhere.")
    event_page = models.URLField(
        max_length=500, blank=True, default="", help_text="The on-wiki event page (https)."
    )
    archived_at = models.DateTimeField(
        null=True, blank=True, help_text="Set: read-only, hidden from every list; restorable."
    )
    recorded = models.BooleanField(
        default=False,
        help_text="Its data was replayed from a recording (the demo): never refreshed from the wikis.",
    )
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "store_campaign_definition"

    def __str__(self) -> str:
        return self.slug


class Organizer(models.Model):
    """A user who may change a campaign definition; a campaign can have several. A co-organizer is added by
    their Wikimedia username (`username`, no site user needed yet): whoever signs in as that account is one."""

    definition = models.ForeignKey(CampaignDefinition, on_delete=models.CASCADE, related_name="organizers")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="organizing"
    )
    username = models.CharField(
        max_length=255, blank=True, default="", help_text="Wikimedia username (normalised); empty: `user`."
    )
    added = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "store_organizer"
        constraints = (models.UniqueConstraint(fields=["definition", "user"], name="store_organizer_key"),)

    def __str__(self) -> str:
        return f"{self.definition_id} {self.user_id}"


class RefreshState(models.Model):
    """The worker's bookkeeping for one campaign: what it did last, what it does next, who holds it."""

    STATUSES = (("idle", "idle"), ("running", "running"), ("ok", "ok"), ("failed", "failed"))

    definition = models.OneToOneField(CampaignDefinition, on_delete=models.CASCADE, related_name="refresh")
    status = models.CharField(max_length=16, choices=STATUSES, default="idle")
    last_started = models.DateTimeField(null=True, blank=True)
    last_finished = models.DateTimeField(null=True, blank=True)
    last_ok = models.DateTimeField(null=True, blank=True, help_text="End of the last refresh that succeeded.")
    last_error = models.TextField(blank=True, default="", help_text="One line: why the last refresh failed.")
    last_error_parts = models.JSONField(
        default=dict,
        blank=True,
        help_text="The failure as a campaign file error's parts (source, field, problem and fix templates, "
        "params), so pages can say it in their reader's language; empty for other failures.",
    )
    next_due = models.DateTimeField(null=True, blank=True, db_index=True)
    lease_owner = models.CharField(
        max_length=255, blank=True, default="", help_text="The worker refreshing it."
    )
    lease_until = models.DateTimeField(
        null=True,
        blank=True,
        help_text="Until when lease_owner may refresh it; a dead worker's lease expires.",
    )
    requested_at = models.DateTimeField(null=True, blank=True, help_text="'Refresh now' asked at this time.")

    class Meta:
        db_table = "store_refresh_state"

    def __str__(self) -> str:
        return f"{self.definition_id} {self.status}"


class Enrolment(models.Model):
    """A participant of a web-defined campaign: joined through the link, or added by an organizer."""

    SOURCES = (("join", "joined through the link"), ("organizer", "added by an organizer"))

    definition = models.ForeignKey(CampaignDefinition, on_delete=models.CASCADE, related_name="enrolments")
    username = models.CharField(max_length=255, help_text="MediaWiki username, normalised as MediaWiki does.")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="enrolments"
    )
    source = models.CharField(max_length=16, choices=SOURCES, default="join")
    private = models.BooleanField(
        default=False, help_text="Name kept off every public page, list, API answer and download; counted."
    )
    enrolled_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "store_enrolment"
        constraints = (
            models.UniqueConstraint(fields=["definition", "username"], name="store_enrolment_key"),
        )

    def __str__(self) -> str:
        return f"{self.definition_id} {self.username}"


class WikiAccount(models.Model):
    """The Wikimedia account a site user signed in with (OAuth 2.0): their identity on the wikis."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="wiki_account"
    )
    username = models.CharField(
        max_length=255, help_text="MediaWiki username as the provider's profile gives it."
    )
    provider = models.CharField(max_length=255, help_text="The OAuth provider wiki, e.g. meta.wikimedia.org.")
    sub = models.CharField(max_length=255, help_text="The provider's stable user id (profile `sub`).")

    class Meta:
        db_table = "store_wiki_account"
        constraints = (models.UniqueConstraint(fields=["provider", "sub"], name="store_wiki_account_key"),)

    def __str__(self) -> str:
        return f"{self.provider} {self.username}"


class Program(models.Model):
    """A group of campaigns (a national 1lib1ref, CEE Spring) whose numbers roll up without counting a
    person twice."""

    slug = models.SlugField(max_length=100, unique=True)
    name = models.CharField(max_length=255)
    description = models.TextField(blank=True, default="")
    visibility = models.CharField(max_length=16, choices=CampaignDefinition.VISIBILITIES, default="public")
    campaigns = models.ManyToManyField(CampaignDefinition, related_name="programs", blank=True)
    organizers = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="programs", blank=True)

    class Meta:
        db_table = "store_program"

    def __str__(self) -> str:
        return self.slug


class Attempt(models.Model):
    """Failed attempts counted per key (a wrong passcode of one user for one campaign) within a window, in
    the database so that every server process and thread counts the same ones (store/attempts.py)."""

    key = models.CharField(max_length=255, unique=True)
    count = models.PositiveIntegerField(default=0)
    window_start = models.DateTimeField(help_text="When the window's first attempt was counted.")

    class Meta:
        db_table = "store_attempt"

    def __str__(self) -> str:
        return f"{self.key} {self.count}"


class PublishedPage(models.Model):
    """The revision wikitally saved last on a page it writes whole (a newsletter issue's page), so that an
    edit someone else makes afterwards is found and never overwritten (publish/pages.py)."""

    api_url = models.CharField(max_length=500, help_text="The wiki's api.php URL.")
    title = models.CharField(max_length=500, help_text="The page's title as MediaWiki normalised it.")
    rev_id = models.BigIntegerField(help_text="The revision wikitally saved, or found holding its text.")
    user = models.CharField(max_length=255, help_text="The account wikitally published as.")
    saved_at = models.DateTimeField()

    class Meta:
        db_table = "store_published_page"
        constraints = (models.UniqueConstraint(fields=["api_url", "title"], name="store_published_page_key"),)

    def __str__(self) -> str:
        return f"{self.title} r{self.rev_id}"


class Worklist(models.Model):
    """A campaign's worklist as last resolved on the wikis: items, sitelinks and article states (JSON, the
    shapes of services/worklist.py), and when. One row per campaign, replaced on each resolution."""

    campaign = models.OneToOneField(Campaign, on_delete=models.CASCADE, related_name="worklist")
    resolved_at = models.DateTimeField()
    data = models.JSONField()

    class Meta:
        db_table = "store_worklist"

    def __str__(self) -> str:
        return f"{self.campaign_id} @ {self.resolved_at:%Y-%m-%d %H:%M}"


class Assignment(models.Model):
    """A worklist item given to a participant, by an organizer or claimed by the participant."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="assignments")
    item = models.CharField(max_length=600, help_text='The item\'s key: "Q42", or "DOMAIN:Title".')
    user = models.CharField(max_length=255, help_text="The participant's username.")
    claimed = models.BooleanField(default=False, help_text="The participant took it (not assigned).")
    created = models.DateTimeField()

    class Meta:
        db_table = "store_assignment"
        constraints = (models.UniqueConstraint(fields=["campaign", "item"], name="store_assignment_item"),)

    def __str__(self) -> str:
        return f"{self.item} → {self.user}"


class HeritageReport(models.Model):
    """A volunteer's report of a heritage site at risk (metrics/heritage.py: its rules and life)."""

    KINDS = tuple(
        (k, k.replace("_", " "))
        for k in ("damaged", "destroyed", "threatened", "neglected", "armed_conflict")
    )
    STATUSES = (
        ("pending", "waiting for an organizer"),
        ("approved", "public"),
        ("rejected", "refused, with a reason"),
        ("merged", "a duplicate of another report"),
    )

    definition = models.ForeignKey(
        CampaignDefinition, on_delete=models.CASCADE, related_name="heritage_reports"
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="heritage_reports",
        help_text="Shown to the campaign's organizers only.",
    )
    site = models.CharField(
        max_length=255, blank=True, default="", help_text='A listed site\'s key ("Q…"); empty: a new site.'
    )
    label = models.CharField(max_length=255)
    lat = models.FloatField(null=True, help_text="Exact: organizers only when the site is sensitive.")
    lon = models.FloatField(null=True)
    sensitive = models.BooleanField(default=False)
    kind = models.CharField(max_length=20, choices=KINDS)
    observed = models.DateField()
    description = models.TextField()
    evidence = models.JSONField(default=list, help_text="Commons file names.")
    source_url = models.CharField(max_length=2000, blank=True, default="")
    status = models.CharField(max_length=10, choices=STATUSES, default="pending")
    reason = models.TextField(blank=True, default="", help_text="Why it was rejected.")
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="duplicates"
    )
    created = models.DateTimeField()

    class Meta:
        db_table = "store_heritage_report"
        indexes = (models.Index(fields=["definition", "status"], name="store_heritage_report_status"),)

    def __str__(self) -> str:
        return f"{self.definition_id} #{self.pk} {self.status}"


class HeritageAudit(models.Model):
    """Everything done to a heritage report, in order: submitted, approved, rejected, merged, evidence added."""

    report = models.ForeignKey(HeritageReport, on_delete=models.CASCADE, related_name="audit")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="heritage_audit"
    )
    action = models.CharField(max_length=20)
    detail = models.JSONField(default=dict)
    at = models.DateTimeField()

    class Meta:
        db_table = "store_heritage_audit"
        ordering = ("at", "pk")

    def __str__(self) -> str:
        return f"#{self.report_id} {self.action}"


# -- photo contests (issue 13): files, the organizers' overrides, jurors' tasks and votes, the audit log


class PhotoEntry(models.Model):
    """A file of a photo contest's categories, as its page and first version tell."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="photo_entries")
    page_id = models.BigIntegerField()
    file = models.TextField(help_text="The title without 'File:', as MediaWiki normalised it.")
    uploader = models.CharField(max_length=255, help_text="First version's user.")
    uploaded = models.DateTimeField(help_text="First version's timestamp.")
    width = models.IntegerField()
    height = models.IntegerField()
    mime = models.CharField(max_length=255)
    sha1 = models.CharField(max_length=64)
    site = models.TextField(null=True, help_text="The site template's first parameter; null: not called.")
    deleted = models.BooleanField(default=False)
    in_category = models.BooleanField(default=True, help_text="False: left the categories (not deleted).")
    last_rev_id = models.BigIntegerField(default=0, help_text="The file page's revision read.")
    thumb_url = models.TextField(default="", help_text="Commons' thumbnail at screen size (iiurlwidth).")
    parts = models.JSONField(
        default=list,
        help_text='Where the last import listed the file: "" the contest\'s categories, else a special '
        "nomination's name; [] (imported before nominations): the contest's.",
    )

    class Meta:
        db_table = "store_photo_entry"
        constraints = (models.UniqueConstraint(fields=["campaign", "page_id"], name="store_photo_entry_key"),)
        indexes = (models.Index(fields=["campaign", "file"], name="store_photo_entry_file"),)

    def __str__(self) -> str:
        return self.file


class PhotoOverride(models.Model):
    """An organizer's verdict on one photo, with the reason: every one is kept (the last one counts)."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="photo_overrides")
    file = models.TextField()
    eligible = models.BooleanField()
    reason = models.TextField()
    by = models.CharField(max_length=255)
    at = models.DateTimeField()

    class Meta:
        db_table = "store_photo_override"

    def __str__(self) -> str:
        return f"{self.file} {self.eligible}"


class PhotoVote(models.Model):
    """One juror's vote on one photo in one round (round: 1 = the first)."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="photo_votes")
    round = models.IntegerField()
    juror = models.CharField(max_length=255)
    file = models.TextField()
    value = models.IntegerField(help_text="yesno: 1/0; rating: 1–5; ranking: the rank (1 = best).")
    ballot = models.IntegerField(
        default=0, help_text="Ranking: the juror's batch the rank was given in (0: one ranking of all)."
    )
    at = models.DateTimeField()

    class Meta:
        db_table = "store_photo_vote"
        constraints = (
            models.UniqueConstraint(
                fields=["campaign", "round", "juror", "file"], name="store_photo_vote_key"
            ),
        )
        # a juror's last vote (undo) without sorting their thousands of votes
        indexes = (models.Index(fields=["campaign", "round", "juror", "at"], name="store_photo_vote_last"),)

    def __str__(self) -> str:
        return f"{self.round} {self.juror} {self.file}"


class PhotoTask(models.Model):
    """A photo in a juror's queue for a round; `position` orders the queue, `done` once voted."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="photo_tasks")
    round = models.IntegerField()
    juror = models.CharField(max_length=255)
    file = models.TextField()
    position = models.IntegerField()
    done = models.BooleanField(default=False)

    class Meta:
        db_table = "store_photo_task"
        constraints = (
            models.UniqueConstraint(
                fields=["campaign", "round", "juror", "file"], name="store_photo_task_key"
            ),
        )
        indexes = (
            models.Index(
                fields=["campaign", "round", "juror", "done", "position"], name="store_photo_task_next"
            ),
        )

    def __str__(self) -> str:
        return f"{self.round} {self.juror} {self.file}"


class PhotoAudit(models.Model):
    """What organizers and jurors did to a contest (imports, overrides, allocations, votes), in order."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="photo_audit")
    at = models.DateTimeField()
    actor = models.CharField(max_length=255)
    action = models.CharField(max_length=64)
    detail = models.JSONField(default=dict)

    class Meta:
        db_table = "store_photo_audit"
        # the jury's page asks for the round closures among tens of thousands of logged votes
        indexes = (models.Index(fields=["campaign", "action"], name="store_photo_audit_action"),)

    def __str__(self) -> str:
        return f"{self.at} {self.action}"


class PhotoMark(models.Model):
    """A juror's flag (a note to the organizers, e.g. a possible copyright problem) or favourite on a photo."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="photo_marks")
    juror = models.CharField(max_length=255)
    file = models.TextField()
    kind = models.CharField(max_length=16, help_text="flag | favourite")
    note = models.TextField(default="")
    at = models.DateTimeField()

    class Meta:
        db_table = "store_photo_mark"
        constraints = (
            models.UniqueConstraint(
                fields=["campaign", "juror", "file", "kind"], name="store_photo_mark_key"
            ),
        )

    def __str__(self) -> str:
        return f"{self.kind} {self.juror} {self.file}"


# -- article contests (docs/contests.md) ------------------------------------------------------------------


class ContestArticle(models.Model):
    """What a contest's rules need about an article beyond the listing: its text at the end of the window
    (prose words, references), its categories, its creator; and entries seen once, so a deleted article
    stays listed (`exists` false) instead of silently vanishing with its revisions."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="contest_articles")
    wiki = models.CharField(max_length=255)
    page_id = models.BigIntegerField()
    title = models.TextField()
    namespace = models.IntegerField(default=0)
    exists = models.BooleanField(default=True)
    words = models.IntegerField(null=True)
    references = models.IntegerField(null=True)
    categories = models.JSONField(null=True, help_text="Names without namespace; null: not asked.")
    creator = models.CharField(max_length=255, null=True)
    text_rev_id = models.BigIntegerField(null=True, help_text="The revision words/references were read from.")
    participants = models.JSONField(default=list, help_text="Who had an entry on it when last seen.")

    class Meta:
        db_table = "store_contest_article"
        constraints = (
            models.UniqueConstraint(fields=["campaign", "wiki", "page_id"], name="store_contest_article_key"),
        )

    def __str__(self) -> str:
        return f"{self.wiki} {self.title}"


class ContestSubmission(models.Model):
    """An article a participant submitted to the contest (`entries = "submitted"` or "both")."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="contest_submissions")
    user = models.CharField(max_length=255)
    wiki = models.CharField(max_length=255)
    title = models.TextField()
    submitted_at = models.DateTimeField()
    page_id = models.BigIntegerField(null=True, help_text="The page the title led to when last resolved.")

    class Meta:
        db_table = "store_contest_submission"
        constraints = (
            models.UniqueConstraint(
                fields=["campaign", "user", "wiki", "title"], name="store_contest_submission_key"
            ),
        )

    def __str__(self) -> str:
        return f"{self.user}: {self.wiki} {self.title}"


class ContestMark(models.Model):
    """One juror's value for one part of the scheme on one article (wiki, title)."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="contest_marks")
    juror = models.CharField(max_length=255)
    wiki = models.CharField(max_length=255)
    title = models.TextField()
    part = models.CharField(max_length=255)
    value = models.TextField()
    marked_at = models.DateTimeField()
    round = models.CharField(
        max_length=255,
        default="",
        help_text="The [[contest.round]] (its name) the mark was given in; empty: any round marking the part.",
    )

    class Meta:
        db_table = "store_contest_mark"
        constraints = (
            models.UniqueConstraint(
                fields=["campaign", "juror", "wiki", "title", "part", "round"],
                name="store_contest_mark_round_key",
            ),
        )
        # The jury's queue asks "has anyone marked this article" (consensual mode) per article.
        indexes = (models.Index(fields=["campaign", "wiki", "title"], name="store_contest_mark_article"),)

    def __str__(self) -> str:
        return f"{self.juror}: {self.wiki} {self.title} {self.part}={self.value}"


class ContestAudit(models.Model):
    """Every change to a contest's marks and submissions: who, when, what, old → new (never updated)."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="contest_audit")
    at = models.DateTimeField()
    actor = models.CharField(max_length=255, help_text="The juror, participant or command that made it.")
    action = models.CharField(max_length=32)
    wiki = models.CharField(max_length=255, default="")
    title = models.TextField(default="")
    part = models.CharField(max_length=255, default="")
    old = models.TextField(null=True)
    new = models.TextField(null=True)

    class Meta:
        db_table = "store_contest_audit"
        indexes = (models.Index(fields=["campaign", "at"], name="store_contest_audit_at"),)

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor} {self.action}"


# -- the jury in the web app (docs/contests.md, "The jury in the web app")


class JuryArticle(models.Model):
    """One article of a contest's jury queue, as the queue was last built from the results: its entries
    (participants, numbers, rule verdicts) and the revisions its diff spans. Jurors' "next" reads only this
    table and the marks, so it stays fast however big the contest."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="jury_articles")
    wiki = models.CharField(max_length=255)
    title = models.TextField()
    ord = models.IntegerField(help_text="Position in every juror's queue.")
    page_id = models.BigIntegerField(null=True)
    first_parent = models.BigIntegerField(default=0, help_text="Parent of the first counted revision.")
    last_rev = models.BigIntegerField(default=0, help_text="The last counted revision.")
    words = models.IntegerField(null=True)
    references = models.IntegerField(null=True)
    entries = models.JSONField(help_text="Each entry: participant, numbers, failed/warnings/info, points.")

    class Meta:
        db_table = "store_jury_article"
        constraints = (
            models.UniqueConstraint(fields=["campaign", "wiki", "title"], name="store_jury_article_key"),
        )
        indexes = (models.Index(fields=["campaign", "ord"], name="store_jury_article_ord"),)


class JuryConflict(models.Model):
    """A juror edited this article (in the campaign's stored revisions): they may not mark it."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="jury_conflicts")
    juror = models.CharField(max_length=255)
    wiki = models.CharField(max_length=255)
    title = models.TextField()

    class Meta:
        db_table = "store_jury_conflict"
        constraints = (
            models.UniqueConstraint(
                fields=["campaign", "juror", "wiki", "title"], name="store_jury_conflict_key"
            ),
        )


class JuryOpen(models.Model):
    """An article still open to one juror (not marked by them, not theirs to refuse): what their "next"
    reads, by (campaign, juror, ord), so it never walks past the articles they marked. Rows go when the juror
    marks on the web; a mark imported meanwhile is caught by "next"'s own check and gone at the next build."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="jury_open")
    juror = models.CharField(max_length=255)
    ord = models.IntegerField()
    wiki = models.CharField(max_length=255)
    title = models.TextField()

    class Meta:
        db_table = "store_jury_open"
        indexes = (models.Index(fields=["campaign", "juror", "ord"], name="store_jury_open_next"),)


class JuryQueueBuild(models.Model):
    """What the campaign's jury queue was built from (the collection and the contest's definition)."""

    campaign = models.OneToOneField(Campaign, on_delete=models.CASCADE, related_name="jury_build")
    source = models.TextField(help_text="Last collection and a digest of the [contest] table.")
    built_at = models.DateTimeField()

    class Meta:
        db_table = "store_jury_queue_build"


class JuryComment(models.Model):
    """A juror's comment on their mark of an article (the shared mark's in consensual mode)."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="jury_comments")
    juror = models.CharField(max_length=255)
    wiki = models.CharField(max_length=255)
    title = models.TextField()
    text = models.TextField()
    at = models.DateTimeField()

    class Meta:
        db_table = "store_jury_comment"
        constraints = (
            models.UniqueConstraint(
                fields=["campaign", "juror", "wiki", "title"], name="store_jury_comment_key"
            ),
        )


class JuryClosing(models.Model):
    """Organizers closed marking: the results as they were then, frozen, with a version and a time.
    Re-opening keeps the row (reopened_at, reopened_by) and the next closing is the next version."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="jury_closings")
    version = models.IntegerField()
    closed_at = models.DateTimeField()
    closed_by = models.CharField(max_length=255)
    reopened_at = models.DateTimeField(null=True)
    reopened_by = models.CharField(max_length=255, default="")
    results = models.JSONField(help_text="`contest results --format json` as it was at closing.")
    csv = models.TextField()
    wikitext = models.TextField()

    class Meta:
        db_table = "store_jury_closing"
        constraints = (
            models.UniqueConstraint(fields=["campaign", "version"], name="store_jury_closing_key"),
        )
