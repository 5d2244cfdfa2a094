"""The admin: who signed in with which Wikimedia account, and who is enrolled where (site admins)."""

from django.contrib import admin

from wikitally.store.models import Enrolment, WikiAccount


@admin.register(WikiAccount)
class WikiAccountAdmin(admin.ModelAdmin):
    list_display = ("username", "provider", "sub", "user")
    search_fields = ("username", "sub", "user__username")
    readonly_fields = ("user", "username", "provider", "sub")

    def has_add_permission(self, request: object) -> bool:
        return False  # made by signing in, never by hand


@admin.register(Enrolment)
class EnrolmentAdmin(admin.ModelAdmin):
    list_display = ("username", "definition", "source", "enrolled_at")
    list_filter = ("source", "definition")
    search_fields = ("username", "definition__slug", "definition__name")
    autocomplete_fields = ("user",)
