"""The fund in the Django admin, for programme admins to look things up. Rounds and bids are
read-only here: their changes go through the staff pages and the applicants' journey, which
check the rules and keep the audit trail."""

from django.contrib import admin

from fund.models import Bid, BidPartner, Criterion, Round, RoundPhase


class ReadOnly:
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class RoundPhaseInline(ReadOnly, admin.TabularInline):
    model = RoundPhase
    fields = ["phase", "max_award"]
    extra = 0


class CriterionInline(RoundPhaseInline):
    model = Criterion
    fields = ["stage", "position", "title", "weight"]


@admin.register(Round)
class RoundAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ["name", "status", "eoi_opens_at", "eoi_closes_at", "budget", "committed", "frozen_at"]
    list_filter = ["status"]
    search_fields = ["name", "slug"]
    inlines = [RoundPhaseInline, CriterionInline]


class BidPartnerInline(ReadOnly, admin.TabularInline):
    model = BidPartner
    # The token's hash is left out: it is of no use to anyone reading, and safer unseen.
    fields = ["organisation", "status", "contact_email", "invited_at", "link_expires_at", "responded_at"]
    readonly_fields = fields
    extra = 0


@admin.register(Bid)
class BidAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ["reference", "title", "round", "lead_organisation", "status", "eoi_submitted_at"]
    list_filter = ["status", "round"]
    search_fields = ["reference", "title", "lead_organisation__name"]
    list_select_related = ["round", "lead_organisation"]
    inlines = [BidPartnerInline]
