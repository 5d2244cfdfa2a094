"""The admin: who organizes what. A definition's file is changed through its form, never here."""

from django.contrib import admin

from wikitally.store.models import CampaignDefinition, Organizer


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
    inlines = (OrganizerInline,)

    def has_add_permission(self, request: object) -> bool:
        return False  # campaigns are created through the form, which validates the file
