"""A newsletter issue as frozen values: what the issue file says, with every file it names already read."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Literal, TypeVar

from wikitally.model import Campaign

Markup = Literal["markdown", "wikitext"]
T = TypeVar("T")


@dataclass(frozen=True)
class Text:
    """Something the organizers wrote, in one language: Markdown (converted, raw HTML escaped) or
    wikitext (published as written)."""

    body: str  # line endings normalised to \n
    markup: Markup
    source: str = ""  # the file it was read from; "" for text written in the issue file itself


@dataclass(frozen=True)
class WrittenStory:
    """A hand-written story: a title, a byline, a summary and the full article, per language."""

    title: dict[str, str]
    body: dict[str, Text]
    author: str = ""  # "" → no byline
    summary: dict[str, Text] = field(default_factory=dict)  # {} → no summary


@dataclass(frozen=True)
class GeneratedStory:
    """A story made from a campaign's collected numbers: its template filled in, the stats line, the map."""

    campaign: Campaign
    campaign_file: str  # the campaign file's path (relative to where wikitally runs), for messages
    where: str  # "sections[1].stories[2]": where the issue file defines it, for messages
    title: dict[str, str] = field(default_factory=dict)  # {} → the campaign's name
    template: dict[str, str] = field(default_factory=dict)  # wikitext with placeholders; {} → none
    author: str = ""
    summary: dict[str, Text] = field(default_factory=dict)  # {} → the campaign's stats line
    map: bool = False  # add the campaign's map (Kartographer <mapframe>) after the stats line

    @property
    def key(self) -> str:
        """The campaign's identity in the store, and in the ReportData mapping renderers receive."""
        return self.campaign.key


Story = WrittenStory | GeneratedStory


@dataclass(frozen=True)
class Section:
    name: dict[str, str]
    stories: tuple[Story, ...]


@dataclass(frozen=True)
class Issue:
    """One issue. Per-language values (dicts keyed by language code) always hold the source language (the
    first of `languages`); a language they lack shows the source language's value (`pick`)."""

    title: dict[str, str]  # the newsletter's name, e.g. "CEE Newsletter"
    volume: int
    number: int  # the issue's number within its volume (the file's `issue`)
    month: date  # the first day of the issue's month
    languages: tuple[str, ...]  # Wikimedia codes; the first is the source language
    base_page: str  # the source language's page; a translation is at base_page + "/" + code
    wiki: str  # the domain the pages are published on
    api_url: str
    sections: tuple[Section, ...]
    editorial: dict[str, Text] = field(default_factory=dict)  # {} → no editorial
    source: str = ""  # the issue file, for messages
    masthead_image: str = ""  # "File:…" shown above the title; "" → none
    contents: bool = False  # a "In this issue" box linking every section and story
    lead_columns: int = 1  # the first section's stories side by side in this many columns (narrow: one)

    @property
    def source_language(self) -> str:
        return self.languages[0]

    def page(self, language: str) -> str:
        """The title of the issue's page in `language`."""
        return self.base_page if language == self.source_language else f"{self.base_page}/{language}"

    def pick(self, values: Mapping[str, T], language: str) -> T | None:
        """The value for `language`, else the source language's; None when neither is given."""
        return values.get(language, values.get(self.source_language))

    def generated_stories(self) -> Iterator[GeneratedStory]:
        for section in self.sections:
            for story in section.stories:
                if isinstance(story, GeneratedStory):
                    yield story
