"""`report --format wikitext` writes a split report as a main page and one file per subpage."""

import pytest

from wikitally.cli import _emit_pages
from wikitally.errors import UsageError
from wikitally.reports.wikitext import WikiPage

PAGES = [WikiPage(None, "main\n"), WikiPage("Articles 1", "a1\n"), WikiPage("Map 1", "m1\n")]


def test_subpages_are_written_next_to_the_main_page(tmp_path, capsys):
    _emit_pages(PAGES, str(tmp_path / "report.wiki"), 2048)
    assert (tmp_path / "report.wiki").read_text() == "main\n"
    assert (tmp_path / "report.Articles_1.wiki").read_text() == "a1\n"
    assert (tmp_path / "report.Map_1.wiki").read_text() == "m1\n"
    err = capsys.readouterr().err
    assert "save it as the subpage MAIN/Articles 1" in err and "(the main page)" in err


def test_a_split_report_needs_an_output_file():
    with pytest.raises(UsageError, match=r"over a wiki page's 2,048 KiB: give --output FILE .* 2 subpages"):
        _emit_pages(PAGES, None, 2048)


def test_one_page_goes_to_stdout(capsys):
    _emit_pages(PAGES[:1], None, 2048)
    assert capsys.readouterr().out == "main\n"
