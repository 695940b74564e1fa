from django.contrib import admin
from django.db import models
from django.db.models import QuerySet
from django.utils import timezone

from core import audit
from organisations.models import Organisation, OrganisationDomain


class StatusFilter(admin.SimpleListFilter):
    title = "status"
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return [("current", "Exists today"), ("ended", "No longer exists")]

    def queryset(self, request, queryset):
        if self.value() == "current":
            return queryset.current()
        if self.value() == "ended":
            return queryset.filter(end_date__lte=timezone.localdate())
        return queryset


class OrganisationDomainInline(admin.TabularInline):
    model = OrganisationDomain
    extra = 1
    fields = ["domain", "created_at"]
    readonly_fields = ["created_at"]
    verbose_name = "email domain"
    verbose_name_plural = (
        "Email domains: people with an address at one of these join the organisation without waiting for approval"
    )


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "organisation_type", "nation", "region", "register_code", "end_date", "co_publisher_number"]
    list_filter = [
        StatusFilter,
        "organisation_type",
        "nation",
        "region",
        ("co_publisher_number", admin.EmptyFieldListFilter),
    ]
    search_fields = ["name", "alternative_names", "register_code", "gss_code", "org_id", "domains__domain"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["replaced_by"]
    readonly_fields = ["created_at", "updated_at"]
    inlines = [OrganisationDomainInline]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fieldsets = [
        (None, {"fields": ["name", "slug", "organisation_type", "nation", "region", "website", "alternative_names"]}),
        ("Official identifiers", {"fields": ["register_code", "gss_code", "org_id"]}),
        ("Dates", {"fields": ["start_date", "end_date", "replaced_by"]}),
        ("Local Digital Declaration", {"fields": ["co_publisher_number", "co_publisher_name"]}),
        ("Record", {"fields": ["created_at", "updated_at"]}),
    ]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change:
            audit.record(obj, "organisation.created", by=request.user)
            return
        changes = {
            name: (_shown(form.initial.get(name)), _shown(form.cleaned_data.get(name))) for name in form.changed_data
        }
        if changes:
            audit.record(obj, "organisation.updated", by=request.user, changes=changes)

    def save_formset(self, request, form, formset, change):
        if formset.model is not OrganisationDomain:
            return super().save_formset(request, form, formset, change)
        domains = OrganisationDomain.objects.filter(organisation=form.instance)
        before = sorted(domains.values_list("domain", flat=True))
        formset.save()
        after = sorted(domains.values_list("domain", flat=True))
        if before != after:
            audit.record(form.instance, "organisation.updated", by=request.user, changes={"domains": (before, after)})


def _shown(value):
    # Many-to-many fields give objects; the audit trail stores their names.
    if isinstance(value, (list, tuple, QuerySet)):
        return [str(item) for item in value]
    return value


@admin.register(OrganisationDomain)
class OrganisationDomainAdmin(admin.ModelAdmin):
    list_display = ["domain", "organisation", "created_at"]
    search_fields = ["domain", "organisation__name"]
    autocomplete_fields = ["organisation"]
    list_select_related = ["organisation"]
