"""The admin: who organizes what. A definition's file is changed through its form, never here; programs
(groups of campaigns, shown at /p/SLUG/) are made and changed here only."""

from __future__ import annotations

from typing import Any, ClassVar

from django.contrib import admin
from django.db.models import QuerySet
from django.forms import ModelForm
from django.http import HttpRequest
from django.urls import reverse
from django.utils.text import slugify

from wikitally.store.models import CampaignDefinition, Organizer, Program
from wikitally.web.campaigns import definitions


class OrganizerInline(admin.TabularInline):
    model = Organizer
    extra = 1
    autocomplete_fields = ("user",)


@admin.register(CampaignDefinition)
class CampaignDefinitionAdmin(admin.ModelAdmin):
    list_display = ("slug", "name", "visibility", "updated")
    list_filter = ("visibility",)
    search_fields = ("slug", "name")
    readonly_fields = ("slug", "name", "toml", "campaign", "created", "updated")
    exclude = ("passcode_hash",)  # a password hash: set through the organizers' participants page only
    inlines = (OrganizerInline,)

    def has_add_permission(self, request: object) -> bool:
        return False  # campaigns are created through the form, which validates the file

    def save_model(self, request: HttpRequest, obj: CampaignDefinition, form: Any, change: bool) -> None:
        """Made unlisted here too, a campaign gets a new, unguessable address (as through its form)."""
        if change and "visibility" in form.changed_data and obj.visibility == "unlisted":
            obj.slug = definitions.unguessable_slug(slugify(obj.name))
        super().save_model(request, obj, form, change)


@admin.register(Program)
class ProgramAdmin(admin.ModelAdmin):
    """Staff make programs; a program's organizers (and superusers) change it, others don't see it."""

    list_display = ("slug", "name", "visibility")
    list_filter = ("visibility",)
    search_fields = ("slug", "name")
    prepopulated_fields: ClassVar[dict[str, tuple[str, ...]]] = {"slug": ("name",)}
    autocomplete_fields = ("campaigns", "organizers")

    def view_on_site(self, obj: Program) -> str:
        return reverse("program", args=[obj.slug])

    def get_queryset(self, request: HttpRequest) -> QuerySet[Program]:
        programs = super().get_queryset(request)
        if getattr(request.user, "is_superuser", False):
            return programs
        return programs.filter(organizers__pk=request.user.pk)

    def _organizes(self, request: HttpRequest, obj: Program | None) -> bool:
        user = request.user
        return obj is None or user.is_superuser or obj.organizers.filter(pk=user.pk).exists()

    def has_change_permission(self, request: HttpRequest, obj: Program | None = None) -> bool:
        return super().has_change_permission(request, obj) and self._organizes(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Program | None = None) -> bool:
        return super().has_delete_permission(request, obj) and self._organizes(request, obj)

    def save_related(self, request: HttpRequest, form: ModelForm[Any], formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        if not change:  # whoever makes a program organizes it
            form.instance.organizers.add(request.user)
