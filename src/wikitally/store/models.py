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
    """A user who may change a campaign definition; a campaign can have several."""

    definition = models.ForeignKey(CampaignDefinition, on_delete=models.CASCADE, related_name="organizers")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="organizing")
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
