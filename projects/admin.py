"""Funded projects in the Django admin, for programme admins to look things up. Everything is
read-only here: changes go through the team's and staff's pages, which check the rules and
keep the audit trail."""

from django.contrib import admin

from projects.models import Output, Project, ProjectPhase, Update


class ReadOnly:
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ProjectPhaseInline(ReadOnly, admin.TabularInline):
    model = ProjectPhase
    fields = ["phase", "status", "starts_on", "ends_on", "grant", "decided_by", "decision_note", "reminder_sent_at"]
    readonly_fields = fields
    extra = 0


@admin.register(Project)
class ProjectAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ["title", "lead_organisation", "current_phase", "status", "updated_at"]
    list_filter = ["current_phase", "status"]
    search_fields = ["title", "slug", "lead_organisation__name"]
    list_select_related = ["lead_organisation"]
    inlines = [ProjectPhaseInline]


@admin.register(Update)
class UpdateAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ["title", "project", "kind", "published_at"]
    list_filter = ["kind"]
    search_fields = ["title", "project__title"]
    list_select_related = ["project"]


@admin.register(Output)
class OutputAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ["title", "project", "phase", "output_type", "file_type", "created_at"]
    list_filter = ["output_type", "phase", "file_type"]
    search_fields = ["title", "project__title"]
    list_select_related = ["project"]
