"""`{% load refresh %}{% refresh_status as refresh %}`: a campaign page's refresh status (views_refresh.py),
for the page's `definition` and the signed-in user; `campaigns/refresh_panel.html` shows it."""

from __future__ import annotations

from typing import Any

from django import template

from wikitally.web.campaigns import views_refresh

register = template.Library()


@register.simple_tag(takes_context=True)
def refresh_status(context: template.Context) -> dict[str, Any]:
    known: dict[str, Any] | None = context.get("refresh_status")  # the view's, when it needed it first
    return (
        known
        if known is not None
        else views_refresh.page_status_for(context["request"], context["definition"])
    )
