"""`{% load fragments %}{% fragment key %}…{% endfragment %}`: a template's section rendered once per `key` and
kept (as a string, shared by the process's threads) for FRAGMENT_S in a views-independent Memo.

Django's `{% cache %}` keeps its fragments in the default cache (LocMemCache), which pickles on `set` and
unpickles on every `get`: for the campaign page's report sections (~270 KB) that was milliseconds of every
signed-in request (bench/README.md, "Web app under load"). The key must name everything the section shows.
"""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString, mark_safe

from wikitally.web.campaigns.memo import Memo

register = template.Library()
FRAGMENT_S = 30  # as views.PAGE_CACHE_S
FRAGMENTS = Memo(max_items=256, ttl_s=FRAGMENT_S)


class FragmentNode(template.Node):
    def __init__(self, nodelist: template.NodeList, key: template.base.FilterExpression) -> None:
        self.nodelist = nodelist
        self.key = key

    def render(self, context: template.Context) -> SafeString:
        key = str(self.key.resolve(context))
        if not key:
            return mark_safe(self.nodelist.render(context))
        return FRAGMENTS.get_or_make(key, lambda: mark_safe(self.nodelist.render(context)))


@register.tag("fragment")
def fragment(parser: template.base.Parser, token: template.base.Token) -> FragmentNode:
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError("{% fragment KEY %} takes one key")
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(nodelist, parser.compile_filter(bits[1]))
