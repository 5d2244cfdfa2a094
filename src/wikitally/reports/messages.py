"""Every user-facing string of the reports, certificates, messages and newsletter, in one place.

Renderers never write English literals: they call `t.gettext(messages.X)` or `t.ngettext(...)`, so the
catalogues (reports/locale/LANG/LC_MESSAGES/wikitally.po) can be checked for completeness. Placeholders use
str.format names; numbers are formatted by the Translator before they are substituted.
"""

from __future__ import annotations


def N_(message: str) -> str:
    """Marks a string for extraction (pybabel extract -k N_); translated later, at render time."""
    return message


# -- the headline: one sentence, as a newsletter writes it. English:
# "29 editors created or improved 56 articles on Wikipedia and 3 pages on Wikisource, added 3.5K words and
# 28 references, uploaded 78 files to Wikimedia Commons, and made 1.9K edits on Wikidata."
# Each number-bearing phrase is one plural message; the phrases are joined by the language's own list pattern
# (Babel's format_list: "A, B, and C") and placed by HEADLINE, so no language has to follow English word order.
# Translators: the headline sentence. {editors} is "29 editors" (HEADLINE_EDITORS); {actions} is a list of what
# they did ("created or improved 56 articles on Wikipedia, uploaded 78 files to Wikimedia Commons and made 12
# edits on Wikidata"), already joined as your language joins a list. Reorder freely; keep the full stop. The
# form is chosen by the NUMBER OF EDITORS, so English has the same text twice: a word that agrees with them
# once for the whole sentence (Serbian "је"/"су") belongs here, not in each action.
HEADLINE = (N_("{editors} {actions}."), N_("{editors} {actions}."))
# Translators: the subject of the headline sentence and a headline box; {count} is a formatted number of
# people who contributed to the campaign
HEADLINE_EDITORS = (N_("{count} editor"), N_("{count} editors"))
# Translators: what the editors did, in the headline sentence; the form is chosen by the NUMBER OF EDITORS
# (the verb agrees with "{count} editors"), so English has the same text twice. {things} is a list of
# HEADLINE_ARTICLES / HEADLINE_PAGES phrases ("56 articles on Wikipedia and 3 pages on Wikisource"), as the
# verb's object
HEADLINE_CREATED = (N_("created or improved {things}"), N_("created or improved {things}"))
# Translators: what the editors did, in the headline sentence; the form is chosen by the NUMBER OF EDITORS.
# {things} is "3.5K words and 28 references" (the plural messages "{count} word" and "{count} reference"),
# as the verb's object
HEADLINE_ADDED = (N_("added {things}"), N_("added {things}"))
# Translators: what the editors did, in the headline sentence; the form is chosen by the NUMBER OF EDITORS.
# {things} is a list of HEADLINE_FILES phrases ("78 files to Wikimedia Commons"), as the verb's object
HEADLINE_UPLOADED = (N_("uploaded {things}"), N_("uploaded {things}"))
# Translators: what the editors did, in the headline sentence; the form is chosen by the NUMBER OF EDITORS.
# {things} is a HEADLINE_EDITS phrase ("1.9K edits on Wikidata"), as the verb's object
HEADLINE_MADE = (N_("made {things}"), N_("made {things}"))
# Translators: the headline sentence's {actions} when the editors made nothing else the headline counts
# ("3 editors took part."); the form is chosen by the number of editors
HEADLINE_TOOK_PART = (N_("took part"), N_("took part"))
# The plural messages that agree with the number of editors: they show no number of their own ({count}).
AGREE_WITH_EDITORS = (
    HEADLINE,
    HEADLINE_CREATED,
    HEADLINE_ADDED,
    HEADLINE_UPLOADED,
    HEADLINE_MADE,
    HEADLINE_TOOK_PART,
)
# Translators: object of "created or improved" in the headline; articles of an encyclopaedia, a travel guide
# or a news site. {count} is a formatted number (may be compact: "1.9K"), {where} an ON_… phrase ("on Wikipedia")
HEADLINE_ARTICLES = (N_("{count} article {where}"), N_("{count} articles {where}"))
# Translators: object of "created or improved" in the headline; pages of a wiki whose pages are not called
# articles (Wikisource, Wiktionary, Meta-Wiki, …). {count} is a formatted number, {where} an ON_… phrase
HEADLINE_PAGES = (N_("{count} page {where}"), N_("{count} pages {where}"))
# Translators: object of "uploaded" in the headline; {count} is a formatted number of files, {where} a TO_…
# phrase ("to Wikimedia Commons")
HEADLINE_FILES = (N_("{count} file {where}"), N_("{count} files {where}"))
# Translators: object of "made" in the headline; {count} is a formatted number of edits, {where} an ON_…
# phrase ("on Wikidata")
HEADLINE_EDITS = (N_("{count} edit {where}"), N_("{count} edits {where}"))
# Translators: a headline box; {count} is a formatted number of participants whose account was created
# during the campaign
N_NEW_EDITORS = (N_("{count} new editor"), N_("{count} new editors"))

# -- where, in the headline: each project by name, in the case its phrase needs
# Translators: where pages were created or improved (the {where} of "56 articles on Wikipedia")
ON_WIKIPEDIA = N_("on Wikipedia")
# Translators: where pages were created or improved (the {where} of "3 pages on Wikisource")
ON_WIKISOURCE = N_("on Wikisource")
# Translators: where pages were created or improved (the {where} of "3 articles on Wikivoyage")
ON_WIKIVOYAGE = N_("on Wikivoyage")
# Translators: where pages were created or improved (the {where} of "3 pages on Wiktionary")
ON_WIKTIONARY = N_("on Wiktionary")
# Translators: where pages were created or improved (the {where} of "3 pages on Wikibooks")
ON_WIKIBOOKS = N_("on Wikibooks")
# Translators: where pages were created or improved (the {where} of "3 articles on Wikinews")
ON_WIKINEWS = N_("on Wikinews")
# Translators: where pages were created or improved (the {where} of "3 pages on Wikiquote")
ON_WIKIQUOTE = N_("on Wikiquote")
# Translators: where pages were created or improved (the {where} of "3 pages on Wikiversity")
ON_WIKIVERSITY = N_("on Wikiversity")
# Translators: where pages were edited (the {where} of "3 pages on Wikimedia Commons")
ON_COMMONS = N_("on Wikimedia Commons")
# Translators: where edits were made (the {where} of "1.9K edits on Wikidata")
ON_WIKIDATA = N_("on Wikidata")
# Translators: where pages were created or improved (the {where} of "3 pages on Meta-Wiki")
ON_META = N_("on Meta-Wiki")
# Translators: where pages were created or improved, on a wiki outside Wikimedia; {site} is its domain name
# ("wiki.example.org"), which is not declined
ON_SITE = N_("on {site}")
# Translators: where files were uploaded to (the {where} of "78 files to Wikimedia Commons")
TO_COMMONS = N_("to Wikimedia Commons")
# Translators: where files were uploaded to (the {where} of "2 files to Wikipedia", a local upload)
TO_WIKIPEDIA = N_("to Wikipedia")
# Translators: where files were uploaded to (the {where} of "2 files to Wikisource")
TO_WIKISOURCE = N_("to Wikisource")
# Translators: where files were uploaded to (the {where} of "2 files to Wikivoyage")
TO_WIKIVOYAGE = N_("to Wikivoyage")
# Translators: where files were uploaded to (the {where} of "2 files to Wiktionary")
TO_WIKTIONARY = N_("to Wiktionary")
# Translators: where files were uploaded to (the {where} of "2 files to Wikibooks")
TO_WIKIBOOKS = N_("to Wikibooks")
# Translators: where files were uploaded to (the {where} of "2 files to Wikinews")
TO_WIKINEWS = N_("to Wikinews")
# Translators: where files were uploaded to (the {where} of "2 files to Wikiquote")
TO_WIKIQUOTE = N_("to Wikiquote")
# Translators: where files were uploaded to (the {where} of "2 files to Wikiversity")
TO_WIKIVERSITY = N_("to Wikiversity")
# Translators: where files were uploaded to (the {where} of "2 files to Wikidata"; rare)
TO_WIKIDATA = N_("to Wikidata")
# Translators: where files were uploaded to (the {where} of "2 files to Meta-Wiki")
TO_META = N_("to Meta-Wiki")
# Translators: where files were uploaded to, a wiki outside Wikimedia; {site} is its domain name, not declined
TO_SITE = N_("to {site}")

# Translators: separator between headline stats (a middle dot with spaces in most languages)
STAT_SEPARATOR = N_(" · ")

# -- titles and dates
# Translators: title of a campaign report; {campaign} is the campaign's name
REPORT_TITLE = N_("Outcome of {campaign}")
# Translators: the campaign's dates; {start} and {end} are formatted dates
DATE_RANGE = N_("{start} – {end}")
# Translators: when the numbers were collected; {when} is a formatted date and time
AS_OF = N_("Numbers as of {when}")

# -- table headers
# Translators: table column: a participant's username
COL_USER = N_("Participant")
# Translators: table column: a wiki's domain, e.g. sq.wikipedia.org
COL_WIKI = N_("Wiki")
# Translators: table column: an article's title
COL_TITLE = N_("Article")
# Translators: table column: whether the article was created, improved or translated
COL_STATUS = N_("Status")
# Translators: table column: number of edits
COL_EDITS = N_("Edits")
# Translators: table column: number of edits that were later reverted
COL_EDITS_REVERTED = N_("Reverted edits")
# Translators: table column: number of articles created
COL_CREATED = N_("Articles created")
# Translators: table column: number of articles improved
COL_IMPROVED = N_("Articles improved")
# Translators: table column: bytes added to articles
COL_BYTES = N_("Bytes added")
# Translators: table column: words added to articles
COL_WORDS = N_("Words added")
# Translators: table column: references (citations) added
COL_REFERENCES = N_("References added")
# Translators: table column: files uploaded
COL_UPLOADS = N_("Uploads")
# Translators: table column: uploaded files used in articles
COL_UPLOADS_IN_USE = N_("Uploads in use")
# Translators: table column: number of participants
COL_PARTICIPANTS = N_("Participants")
# Translators: table column: participants whose account was created during the campaign
COL_NEW_EDITORS = N_("New editors")
# Translators: table column: views of an article since the campaign's first edit on it
COL_VIEWS = N_("Views")
# Translators: label of the last row of the per-wiki table, which adds up all wikis
TOTAL_ROW = N_("Total")
# Translators: table column (Wikidata section): Wikidata items created
COL_ITEMS_CREATED = N_("Items created")
# Translators: table column (Wikidata section): statements (claims with their GUID) added to items
COL_STATEMENTS_ADDED = N_("Statements added")
# Translators: table column (Wikidata section): statements removed from items
COL_STATEMENTS_REMOVED = N_("Statements removed")
# Translators: table column (Wikidata section): labels, descriptions and aliases added (each per language)
COL_LABELS_ADDED = N_("Labels added")
# Translators: table column (Wikidata section): sitelinks (links from an item to a wiki's page) added
COL_SITELINKS_ADDED = N_("Sitelinks added")

# -- article statuses (table cells and map legend)
# Translators: article status: the article was created during the campaign
STATUS_CREATED = N_("created")
# Translators: article status: an existing article was improved during the campaign
STATUS_IMPROVED = N_("improved")
# Translators: article status: the article was translated (Content Translation) during the campaign
STATUS_TRANSLATED = N_("translated")
# Translators: map legend entry; {count} is a formatted number
LEGEND_CREATED = N_("created article ({count})")
# Translators: map legend entry; {count} is a formatted number
LEGEND_IMPROVED = N_("improved article ({count})")
# Translators: map legend entry; {count} is a formatted number
LEGEND_TRANSLATED = N_("translated article ({count})")
# Translators: separator between an article's link, its wiki and its status in a list, and between map
# legend entries
LIST_SEPARATOR = N_(" · ")

# -- sections
# Translators: section heading: table of participants
SECTION_PARTICIPANTS = N_("Participants")
# Translators: section heading: table of articles
SECTION_ARTICLES = N_("Articles")
# Translators: section heading: numbers per wiki
SECTION_WIKIS = N_("Per wiki")
# Translators: section heading: map of the articles' locations
SECTION_MAP = N_("Map")
# Translators: section heading: chart of edits per day
SECTION_TIMELINE = N_("Edits per day")
# Translators: section heading: chart of edits per week (a campaign of several months)
SECTION_TIMELINE_WEEK = N_("Edits per week")
# Translators: section heading: chart of edits per month (a campaign of more than a year)
SECTION_TIMELINE_MONTH = N_("Edits per month")
# Translators: section heading: chart of the most active participants
SECTION_TOP = N_("Top participants")
# Translators: section heading: the campaign's numbers on Wikidata (or another Wikibase)
SECTION_WIKIDATA = N_("Wikidata")
# Translators: a newsletter-style line after the headline: "Wikidata: 1.9K revisions, 312 statements."
# {revisions} is N_REVISIONS ("1.9K revisions"), {statements} N_STATEMENTS ("312 statements")
WIKIDATA_SUMMARY = N_("Wikidata: {revisions}, {statements}.")
# Translators: heading of the list of articles that have no coordinates
NO_COORDINATES = N_("Articles without coordinates")
# Translators: shown when the map's background tiles cannot be loaded (offline); a list follows
MAP_OFFLINE = N_("The map could not be loaded; the places are listed below.")
# Translators: note under a map whose points were coarsened to protect sensitive sites
MAP_COARSENED = N_("Locations are rounded to about 10 km to protect sensitive sites.")
# Translators: shown instead of the map in a report made from XML dumps (files of a wiki's whole history)
FROM_DUMPS = N_(
    "Made from the wikis' XML dumps without asking the wikis: the map, page views and translated "
    "articles are left out."
)
# Translators: caption under the map of the campaign's articles; {campaign} is the campaign's name
MAP_CAPTION = N_("Articles of {campaign} on the map")
# Translators: shown when a campaign has no collected data yet
NO_DATA = N_("No contributions have been collected for this campaign yet.")

# -- plurals (ngettext: singular, plural; {count} is the formatted number)
# Translators: a number of edits
N_EDITS = (N_("{count} edit"), N_("{count} edits"))
# Translators: a number of articles
N_ARTICLES = (N_("{count} article"), N_("{count} articles"))
# Translators: a number of pages created or improved on wikis whose pages are not articles (Wikisource,
# Wiktionary, Meta-Wiki, …): the headline's box beside "articles" on Wikipedia
N_PAGES = (N_("{count} page"), N_("{count} pages"))
# Translators: a number of articles the participant created during the campaign
N_ARTICLES_CREATED = (N_("{count} article created"), N_("{count} articles created"))
# Translators: a number of existing articles the participant improved during the campaign
N_ARTICLES_IMPROVED = (N_("{count} article improved"), N_("{count} articles improved"))
# Translators: a number of participants
N_PARTICIPANTS = (N_("{count} participant"), N_("{count} participants"))
# Translators: a number of words; also the object of "added" in the headline ("added 3.5K words and 28
# references"), so a form that reads right in both places
N_WORDS = (N_("{count} word"), N_("{count} words"))
# Translators: a number of references; also the object of "added" in the headline, so a form that reads
# right in both places
N_REFERENCES = (N_("{count} reference"), N_("{count} references"))
# Translators: a number of uploaded files
N_UPLOADS = (N_("{count} upload"), N_("{count} uploads"))
# Translators: a number of Wikidata revisions (edits of items), in "Wikidata: 1.9K revisions, 312 statements."
N_REVISIONS = (N_("{count} revision"), N_("{count} revisions"))
# Translators: a number of Wikidata statements added, in "Wikidata: 1.9K revisions, 312 statements."
N_STATEMENTS = (N_("{count} statement"), N_("{count} statements"))

# -- certificates
# Translators: title printed on a participation certificate
CERT_TITLE = N_("Certificate of participation")
# Translators: certificate body; {name} is the participant, {campaign} the campaign, {dates} its formatted dates
CERT_BODY = N_("This certifies that {name} took part in {campaign} ({dates}).")
# Translators: certificate line introducing the participant's numbers
CERT_CONTRIBUTED = N_("Contributions:")
# Translators: caption under the organizer's signature line on a certificate
CERT_SIGNATURE = N_("Organizer")

# -- thank-you messages and barnstars
# Translators: heading of the talk-page section that thanks a participant; {campaign} is its name
THANKS_HEADING = N_("Thank you for taking part in {campaign}")
# Translators: body of a thank-you message on a participant's talk page; {campaign} is the campaign's name,
# {stats} the participant's numbers ("12 edits · 3 articles created · 450 words")
THANKS_BODY = N_("Thank you for your contributions to {campaign}: {stats}.")
# Translators: edit summary when posting a thank-you message; {campaign} is the campaign's name
THANKS_SUMMARY = N_("Thanks for {campaign} (posted with wikitally)")

# -- newsletter
# Translators: newsletter masthead; {volume} and {issue} are numbers, {month} a month and year
NEWSLETTER_MASTHEAD = N_("Volume {volume} • Issue {issue} • {month}")
# Translators: byline of a newsletter story; {author} is a username or name
NEWSLETTER_BY = N_("By: {author}")
# Translators: link that expands a newsletter story's full text
NEWSLETTER_MORE = N_("full article…")
# Translators: link that folds a newsletter story's full text away again (the opposite of NEWSLETTER_MORE)
NEWSLETTER_LESS = N_("hide full article")
# Translators: introduces links to the newsletter in other languages
NEWSLETTER_LANGUAGES = N_("Read in other languages:")
# Translators: heading of a newsletter's editorial
NEWSLETTER_EDITORIAL = N_("Editorial")
# Translators: announcement posted to subscribers' talk pages; {title} is the issue's title, {link} a wikilink
NEWSLETTER_ANNOUNCEMENT = N_("A new issue of {title} is out: {link}")
# Translators: in a newsletter's announcement on a subscriber's talk page, before the list of the issue's stories
NEWSLETTER_IN_THIS_ISSUE = N_("In this issue:")
# Translators: heading of a newsletter page's contents box, listing its sections and stories
NEWSLETTER_CONTENTS = N_("In this issue")
# Translators: heading of the talk-page section announcing an issue; {title} the newsletter's name,
# {masthead} "Volume 4 • Issue 2 • March 2024"
NEWSLETTER_ANNOUNCEMENT_HEADING = N_("{title}: {masthead}")
# Translators: edit summary when publishing a newsletter issue's page; {title} the newsletter's name,
# {masthead} its volume, issue and month
NEWSLETTER_PAGE_SUMMARY = N_("{title}, {masthead} (published with wikitally)")
# Translators: edit summary when posting a newsletter announcement; {title} the newsletter's name
NEWSLETTER_ANNOUNCEMENT_SUMMARY = N_("New issue of {title} (posted with wikitally)")

# -- worklist coverage (docs/worklists.md)
# Translators: section heading: how much of the campaign's worklist has articles
SECTION_COVERAGE = N_("Worklist coverage")
# Translators: a sentence under the coverage heading; {covered} and {items} are formatted numbers, {percent}
# a formatted percentage (e.g. "45 %")
COVERAGE_SUMMARY = N_("{covered} of {items} items have an article ({percent}).")
# Translators: column heading: items whose article existed when the campaign began
COL_BEFORE = N_("Before")
# Translators: column heading: items whose article exists now
COL_NOW = N_("Now")
# Translators: column heading: worklist articles the campaign created
COL_COVERAGE_CREATED = N_("Created")
# Translators: column heading: worklist articles the campaign improved
COL_COVERAGE_IMPROVED = N_("Improved")
# Translators: column heading: a Wikidata item (e.g. Q42)
COL_ITEM = N_("Item")
# Translators: column heading: the name of a worklist item (a village, a monument …)
COL_LABEL = N_("Name")
# Translators: heading over the worklist's items that have no article on any campaign wiki
COVERAGE_MISSING = N_("Still missing")
# Translators: worklist item status: an article existed and the campaign did not edit it
STATUS_EXISTING = N_("existing")
# Translators: worklist item status: no article on any campaign wiki
STATUS_MISSING = N_("missing")
# Translators: map legend entry for worklist items; {count} is a formatted number
LEGEND_EXISTING = N_("already covered ({count})")
# Translators: map legend entry for worklist items; {count} is a formatted number
LEGEND_MISSING = N_("missing ({count})")
# Translators: caption of the map of the worklist's items; {campaign} is the campaign's name
COVERAGE_MAP_CAPTION = N_("Worklist of {campaign}: covered and missing items")
# Translators: under a shortened list or map of worklist items; {count} is a formatted number
COVERAGE_MORE = N_("… and {count} more: the CSV export (--table missing) has them all.")
# Translators: a number of worklist items with a picture / with coordinates; {count} is a formatted number
COVERAGE_WITH_IMAGE = N_("with an image: {count}")
# Translators: a number of worklist items with coordinates; {count} is a formatted number
COVERAGE_WITH_COORDINATES = N_("with coordinates: {count}")
# -- heritage at risk: the wikitext table of approved reports (reports/heritage.py)
# Translators: heritage report table column: the heritage site's name
HERITAGE_SITE = N_("Site")
# Translators: heritage report table column: the site's Wikidata item (Q…)
HERITAGE_ITEM = N_("Wikidata item")
# Translators: heritage report table column: what happened to the site (damaged, destroyed …)
HERITAGE_KIND = N_("Risk")
# Translators: heritage table column: the site's heritage protection, as the site list gives it (e.g. "cultural monument of national importance")
HERITAGE_DESIGNATION = N_("Designation")
# Translators: heritage table column: the site's risk status as the organizers' site list gives it
HERITAGE_LIST_RISK = N_("Status on the list")
# Translators: heritage report table column: the date the damage or threat was seen
HERITAGE_OBSERVED = N_("Observed")
# Translators: heritage report table column: latitude, longitude
HERITAGE_COORDINATES = N_("Coordinates")
# Translators: heritage report table column: what the volunteer saw
HERITAGE_DESCRIPTION = N_("Description")
# Translators: heritage report table column: photos on Wikimedia Commons showing the damage
HERITAGE_EVIDENCE = N_("Evidence")
# Translators: heritage report table column and link text: where the report comes from (a news article …)
HERITAGE_SOURCE = N_("Source")
# Translators: after coordinates rounded to protect a sensitive site
HERITAGE_COARSENED = N_("(rounded to ~10 km)")
# Translators: kind of risk to a heritage site
RISK_DAMAGED = N_("damaged")
# Translators: kind of risk to a heritage site
RISK_DESTROYED = N_("destroyed")
# Translators: kind of risk to a heritage site
RISK_THREATENED = N_("threatened")
# Translators: kind of risk to a heritage site
RISK_NEGLECTED = N_("neglected")
# Translators: kind of risk to a heritage site: it is in an area of armed conflict
RISK_ARMED_CONFLICT = N_("armed conflict")
# -- photo contests' round results (reports/photos.py)
# Translators: a column heading of a photo round's ranking: the place (1 = best)
PHOTO_RANK = N_("Rank")
# Translators: a column heading of a photo round's ranking: the photo's file name
PHOTO_TITLE = N_("Photo")
# Translators: a column heading of a photo round's ranking: its score (share of yes votes, mean rating,
# or the number of photos it beats in a ranking round)
PHOTO_SCORE = N_("Score")
# Translators: a caption in the gallery of a photo round's winners; {rank} is the place, e.g. 1
PHOTO_RANK_CAPTION = N_("Rank {rank}")
# Translators: a line under a photo round's ranking; {count} is a formatted number of votes
PHOTO_VOTES_CAST = (N_("{count} vote"), N_("{count} votes"))
# Translators: a line under a photo round's ranking, when some photos still lack votes
PHOTO_INCOMPLETE = N_("Not complete: some photos have fewer votes than the round's quorum.")
# Translators: a column heading of a photo contest's list of winners: who first uploaded the photo
PHOTO_UPLOADER = N_("Uploader")
# Translators: heading of the list a national photo contest sends to the international round (`photos export`);
# {name} is the contest's name
PHOTO_NOMINATED = N_("{name}: nominated for the international round")
# -- article contests' results (reports/contest.py, reports/contest_html.py)
# Translators: heading of an article contest's results page; {name} is the campaign's name
CONTEST_HEADING = N_("{name}: results")
# Translators: section heading: the winners of each category of an article contest
CONTEST_WINNERS = N_("Winners")
# Translators: section heading: the participants of an article contest, best first
CONTEST_RANKING = N_("Ranking")
# Translators: section heading, and a column heading of the ranking: the articles entered in a contest
# (in the ranking: how many of the participant's entries are eligible)
CONTEST_ENTRIES = N_("Entries")
# Translators: a column heading of the winners table: the category (overall, articles created, a wiki …)
CONTEST_CATEGORY = N_("Category")
# Translators: the category of winners that counts every eligible entry
CONTEST_OVERALL = N_("Overall")
# Translators: the category of winners that counts translated articles
CONTEST_TRANSLATED = N_("Articles translated")
# Translators: the category of winners that counts articles on the campaign's worklist (list of topics)
CONTEST_WORKLIST = N_("Articles on the worklist")
# Translators: a column heading: whether an entry meets the contest's required rules
CONTEST_ELIGIBLE = N_("Eligible")
# Translators: an entry meets the contest's required rules (a cell of the "Eligible" column)
CONTEST_YES = N_("yes")
# Translators: an entry fails a required rule of the contest (a cell of the "Eligible" column)
CONTEST_NO = N_("no")
# Translators: a column heading: which rules an entry failed (the rules' names stay in English: min_words …)
CONTEST_REASONS = N_("Reasons")
# Translators: a column heading: the points an entry earned by the contest's formula
CONTEST_POINTS = N_("Points")
# Translators: a column heading: the jury's score of an entry (mean of the jurors' marks)
CONTEST_JURY = N_("Jury")
# Translators: a column heading: how many jurors marked an entry
CONTEST_MARKS = N_("Marks")
# Translators: a reason in the "Reasons" column: the entry's page was deleted
CONTEST_DELETED = N_("deleted")
# Translators: a reason in the "Reasons" column: an optional rule the entry fails; {rule} is its name (min_words)
CONTEST_WARNING = N_("warning: {rule}")
# Translators: a reason in the "Reasons" column: an informational rule the entry fails; {rule} is its name
CONTEST_INFO = N_("info: {rule}")
# Translators: the best place in a contest (a column of the winners table, a certificate, a thank-you message)
PLACE_1 = N_("1st place")
# Translators: the second place in a contest
PLACE_2 = N_("2nd place")
# Translators: the third place in a contest
PLACE_3 = N_("3rd place")
# Translators: a place in a contest after the third; {rank} is a number (4, 5 …)
PLACE_N = N_("Place {rank}")
# Translators: a line under a contest's heading; {count} is a formatted number of entries
CONTEST_ENTRY_COUNT = (N_("{count} entry"), N_("{count} entries"))
# Translators: shown instead of a contest's tables when nobody has an entry yet
CONTEST_NO_ENTRIES = N_("No entries yet.")
# Translators: section heading on a campaign's web page that is also an article contest
CONTEST_SECTION = N_("Contest results")
# Translators: a note above a contest's results on the campaign's page while the jury is still marking
CONTEST_JURY_HIDDEN = N_("The jury's marks are shown once the organizers close marking.")
# Translators: heading of the message an article contest's winner gets on their talk page; {place} is
# "1st place" (PLACE_1 …), {campaign} the campaign's name
AWARD_HEADING = N_("{campaign}: {place}")
# Translators: the message a contest's winner gets on their talk page; {place} is "1st place" (PLACE_1 …),
# {campaign} the campaign's name, {score} their score (a number with 2 decimals). The signature follows.
AWARD_TEXT = N_(
    "Congratulations! You won {place} in {campaign}, with a score of {score}. Thank you for your articles!"
)
# Translators: edit summary of the message to a contest's winner; {campaign} is the campaign's name
AWARD_SUMMARY = N_("{campaign}: congratulations to a winner")
# Translators: the message a photo contest's winner gets on their talk page; {place} is "1st place" (PLACE_1 …),
# {campaign} the contest's name, {photos} links to their winning photos (a list separated by commas). The
# signature follows.
PHOTO_AWARD_TEXT = N_(
    "Congratulations! Your photos won {place} in {campaign}: {photos}. Thank you for your photos!"
)
