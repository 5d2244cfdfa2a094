"""count_refs against what a real MediaWiki (1.39 with Cite) lists, on real articles and the corpus.

The wiki renders each text (action=parse) with minimal, faithful definitions of the templates that make
footnotes ({{sfn}}, {{efn}}, {{refn}}, {{reflist}}, …) and every other template flattened to its
parameters (tests/metrics/cite_oracle.py); the footnotes of the default group are counted in the HTML.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from cite_oracle import TEMPLATES, count_cited, flatten, render
from corpus import CORPUS
from wikis import LocalWiki, WikiSession, WikiSpec, WikiUnavailable, free_port

from wikitally.metrics.refs import count_refs

pytestmark = pytest.mark.wiki

ARTICLES = sorted((Path(__file__).resolve().parent.parent / "fixtures" / "articles").glob("*.txt"))
# The only article where the count differs, and why: its {{Reflist| <ref …>…</ref> }} puts two
# list-defined refs in Reflist's first parameter (the number of columns), where the local Reflist never
# expands them; whether they show on a wiki depends on what its Reflist does with that parameter, which
# count_refs cannot know: it counts them, as it counts refs in any template's parameters.
KNOWN: dict[str, int] = {"earthquakes.txt": 2}
# Tags whose bodies are not wikitext on Wikipedia; Math in source mode needs no rendering service.
EXTENSION_TAGS = """
wfLoadExtension( 'Poem' );
wfLoadExtension( 'SyntaxHighlight_GeSHi' );
wfLoadExtension( 'Math' );
$wgMathValidModes = [ 'source' ];
$wgDefaultUserOptions['math'] = 'source';
"""


@pytest.fixture(scope="module")
def cite_wiki(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WikiSession]:
    spec = WikiSpec(tmp_path_factory.mktemp("citewiki"), free_port(8391), "cite.wiki.test", "citewiki")
    try:
        wiki = LocalWiki.start(spec)
    except WikiUnavailable as e:
        pytest.skip(str(e))
    try:
        with wiki.local_settings.open("a", encoding="utf-8") as settings:
            settings.write(EXTENSION_TAGS)
        admin = wiki.admin()
        for name, body in TEMPLATES.items():
            admin.edit(f"Template:{name}", body)
        yield admin
    finally:
        wiki.stop()


def rendered(admin: WikiSession, text: str) -> int:
    return count_cited(render(admin.post, flatten(text)))


@pytest.mark.parametrize("article", ARTICLES, ids=[a.name for a in ARTICLES])
def test_real_article_counts_what_mediawiki_lists(cite_wiki: WikiSession, article: Path) -> None:
    text = article.read_text(encoding="utf-8")
    assert count_refs(text) - rendered(cite_wiki, text) == KNOWN.get(article.name, 0)


@pytest.mark.parametrize("index", range(len(CORPUS)))
def test_corpus_counts_what_mediawiki_lists(cite_wiki: WikiSession, index: int) -> None:
    text = CORPUS[index]
    assert count_refs(text) == rendered(cite_wiki, text)


def test_articles_are_many_and_varied() -> None:
    texts = [a.read_text(encoding="utf-8") for a in ARTICLES]
    assert len(texts) >= 60
    assert sum(count_refs(t) for t in texts) > 1000
    assert sum("Kategorie:" in t or "Kategori:" in t for t in texts) >= 10  # not only English
    assert len(KNOWN) <= 2
