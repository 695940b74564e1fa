from django.contrib import admin

from events.models import Event


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    """For looking events up. Every change goes through the moderators' pages, which check the
    workflow and keep the audit trail."""

    list_display = ["title", "starts_at", "event_type", "status", "is_programme_event", "organisation"]
    list_filter = ["status", "event_type", "is_programme_event", "is_online", "region"]
    search_fields = ["title", "organiser", "town", "uid"]
    list_select_related = ["organisation"]
    date_hierarchy = "starts_at"

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
