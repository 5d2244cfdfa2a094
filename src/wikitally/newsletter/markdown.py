"""Markdown (CommonMark, parsed by markdown-it-py) → wikitext or HTML, for hand-written newsletter stories.

Raw HTML in the Markdown is text, never markup: the parser runs with html off (so `<b>` reaches us as the
characters "<b>"), and every piece of text goes through `escape_prose` (only what could form markup where
it stands is referenced, so the source stays editable by hand); link labels and code go through
`escape_wikitext` (or are HTML-escaped). So a story
can't open a template, a table, a tag or a link of its own, nor add a category or a signature; its only
markup is what the renderer below writes for Markdown's own constructs:

  paragraph → a paragraph            heading → a bold line (stories sit under === headings ===)
  *em* → ''em''                      **strong** → '''strong'''
  [text](https://…) → [https://… text] (http(s) only; other links are their text)
  `code` → <code>…</code>            fenced/indented code → <pre>…</pre>
  - / 1. lists → * / # lines          > quote → <blockquote>…</blockquote>
  --- → ----                          ![alt](https://…) → a link to the image, never the image
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token
from markdown_it.tree import SyntaxTreeNode

from wikitally.reports.wikitext import escape_inline, escape_prose, escape_wikitext, safe_url

_LISTS = ("bullet_list", "ordered_list")
_HEADING_LEVEL_MAX = 6


def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": False})


# -- wikitext ----------------------------------------------------------------------------------------------


def to_wikitext(markdown: str) -> str:
    """The Markdown as wikitext: blocks separated by a blank line, no trailing newline."""
    root = SyntaxTreeNode(_parser().parse(markdown))
    return "\n\n".join(block for block in (_block(node) for node in root.children) if block)


def _block(node: SyntaxTreeNode) -> str:
    kind = node.type
    if kind == "paragraph":
        return _inline_of(node)
    if kind == "heading":
        return _inline_of(node, wrap="'''")
    if kind in _LISTS:
        return "\n".join(_list_lines(node, ""))
    if kind == "blockquote":
        inner = "\n\n".join(b for b in (_block(child) for child in node.children) if b)
        return f"<blockquote>\n{inner}\n</blockquote>" if inner else ""
    if kind in ("fence", "code_block"):
        lines = node.content.removesuffix("\n").split("\n")
        return "<pre>" + "\n".join(escape_wikitext(line) for line in lines) + "</pre>"
    if kind == "hr":
        return "----"
    # html_block can't occur with html off; anything else unknown is shown as its text
    return escape_wikitext(node.content) if node.content else ""


def _list_lines(node: SyntaxTreeNode, prefix: str) -> list[str]:
    """`* item` / `# item` lines; a nested list's lines follow its item with a longer prefix. An item's
    other blocks (a second paragraph, code, a quote) stay on its line, separated by <br />."""
    marker = prefix + ("*" if node.type == "bullet_list" else "#")
    lines: list[str] = []
    for item in node.children:
        parts: list[str] = []
        nested: list[str] = []
        for child in item.children:
            if child.type in _LISTS:
                nested += _list_lines(child, marker)
            else:
                parts.append(_flat(child))
        lines.append(f"{marker} {'<br />'.join(p for p in parts if p)}".rstrip())
        lines += nested
    return lines


def _flat(node: SyntaxTreeNode) -> str:
    """A block inside a list item, on one line."""
    if node.type in ("fence", "code_block"):
        lines = node.content.removesuffix("\n").split("\n")
        return "<code>" + "<br />".join(escape_wikitext(line) for line in lines) + "</code>"
    if node.type == "blockquote":
        inner = "<br />".join(p for p in (_flat(child) for child in node.children) if p)
        return f"<blockquote>{inner}</blockquote>" if inner else ""
    if node.type in _LISTS:
        return "<br />".join(line.lstrip("*# ") for line in _list_lines(node, ""))
    return _block(node).replace("\n", "<br />")


def _inline_of(node: SyntaxTreeNode, wrap: str = "") -> str:
    """A paragraph's or heading's inline content; `wrap` (''' for a heading) around it when not empty."""
    return _Inline().render(node.children[0].children, wrap) if node.children else ""


class _Inline:
    """One line of inline wikitext. Text runs are escaped whole (the first one as the start of a line):
    prose with escape_prose, so the page's source stays readable by the people who edit it by hand; a
    link's label (`strict`) with escape_wikitext, where a lone "]" would end the link. Two quote markups
    that meet ('' then ''') are kept apart by <nowiki/> so MediaWiki reads them as written."""

    def __init__(self, strict: bool = False) -> None:
        self.out: list[str] = []
        self.text: list[str] = []
        self.strict = strict

    def render(self, nodes: Sequence[SyntaxTreeNode], wrap: str = "") -> str:
        self._nodes(nodes)
        self._flush()
        inner = "".join(self.out).strip()
        if not inner or not wrap:
            return inner
        start = "<nowiki/>" if inner.startswith("'") else ""
        end = "<nowiki/>" if inner.endswith("'") else ""
        return f"{wrap}{start}{inner}{end}{wrap}"

    def _nodes(self, nodes: Sequence[SyntaxTreeNode]) -> None:
        for node in nodes:
            kind = node.type
            if kind in ("text", "html_inline"):
                self.text.append(node.content)
            elif kind == "softbreak":
                self.text.append(" ")
            elif kind == "hardbreak":
                self._markup("<br />")
            elif kind in ("em", "strong"):
                quotes = "''" if kind == "em" else "'''"
                self._markup(quotes)
                self._nodes(node.children)
                self._markup(quotes)
            elif kind == "code_inline":
                self._markup("<code>")
                self.text.append(node.content)
                self._markup("</code>")
            elif kind in ("link", "image"):
                self._link(node)
            else:
                self._nodes(node.children)

    def _link(self, node: SyntaxTreeNode) -> None:
        href = str(node.attrs.get("href" if node.type == "link" else "src", ""))
        url = safe_url(href)
        label = _Inline(strict=True).render(node.children)
        if url is None:  # not http(s) (relative, mailto:, javascript: …): the label alone
            self._markup(label)
        else:
            self._markup(f"[{url} {label or escape_wikitext(href)}]")

    def _markup(self, markup: str) -> None:
        self._flush()
        if markup and self.out and self.out[-1].endswith("'") and markup.startswith("'"):
            self.out.append("<nowiki/>")
        self.out.append(markup)

    def _flush(self) -> None:
        if not self.text:
            return
        run = "".join(self.text)
        self.text = []
        if not run:
            return
        if self.strict:
            self.out.append(escape_inline(run) if self.out else escape_wikitext(run))
        else:
            self.out.append(escape_prose(run, line_start=not self.out))


# -- HTML --------------------------------------------------------------------------------------------------


def to_html(markdown: str, heading_level: int = 3) -> str:
    """The Markdown as HTML (raw HTML escaped): its headings start below `heading_level`, images are links
    (the page loads nothing from elsewhere), only http(s) links are links (others are their text)."""
    md = _parser()
    md.add_render_rule("image", _image_as_link)
    tokens = md.parse(markdown)
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            level = min(_HEADING_LEVEL_MAX, int(token.tag[1:]) + heading_level)
            token.tag = f"h{level}"
        if token.children:
            token.children = _web_links_only(token.children)
    return str(md.renderer.render(tokens, md.options, {}))


def _is_web(url: str) -> bool:
    return url.lower().startswith(("https://", "http://"))


def _web_links_only(children: list[Token]) -> list[Token]:
    """Inline tokens without the link_open/link_close pairs of links that aren't http(s)."""
    out: list[Token] = []
    dropped: list[bool] = []  # per open link: was it dropped?
    for token in children:
        if token.type == "link_open":
            drop = not _is_web(str(token.attrGet("href") or ""))
            dropped.append(drop)
            if drop:
                continue
        elif token.type == "link_close" and dropped and dropped.pop():
            continue
        out.append(token)
    return out


def _image_as_link(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
    token = tokens[idx]
    src = str(token.attrGet("src") or "")
    alt = str(self.renderInlineAsText(token.children or [], options, env))
    if not _is_web(src):
        return html.escape(alt)
    return f'<a href="{html.escape(src, quote=True)}">{html.escape(alt or src)}</a>'
