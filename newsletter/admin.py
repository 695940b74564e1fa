"""Newsletter records in the Django admin, to look at only. Status changes, topic changes and
erasure go through the services, which check the workflow and audit them; token hashes are
never shown."""

from django.contrib import admin, messages

from core.workflow import TransitionRefused
from newsletter import services
from newsletter.models import Delivery, Issue, Subscriber, SubscriberTopic, Suppression


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class TopicInline(admin.TabularInline):
    model = SubscriberTopic
    fields = ["topic"]
    extra = 0

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Subscriber)
class SubscriberAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "email", "status", "created_at", "consented_at", "unsubscribed_at"]
    list_filter = ["status"]
    search_fields = ["email"]
    fields = [
        "email",
        "status",
        "created_at",
        "consent_version",
        "consent_wording",
        "consented_at",
        "unsubscribed_at",
        "erased_at",
    ]
    readonly_fields = fields
    inlines = [TopicInline]
    actions = ["erase_data"]

    @admin.action(description="Erase the data of the selected subscribers", permissions=["erase_data"])
    def erase_data(self, request, queryset):
        erased = 0
        for subscriber in queryset:
            try:
                services.erase(subscriber, by=request.user)
            except TransitionRefused:
                continue
            erased += 1
        self.message_user(request, f"Erased the data of {erased} subscriber(s)", messages.SUCCESS)

    def has_erase_data_permission(self, request):
        # The action changes nothing the admin could; the service checks the workflow.
        return request.user.has_perm("newsletter.delete_subscriber")


@admin.register(Issue)
class IssueAdmin(ReadOnlyAdmin):
    list_display = ["title", "status", "sent_count", "recipient_count", "created_at", "sent_at"]
    list_filter = ["status"]
    search_fields = ["title"]
    fields = [
        "title",
        "slug",
        "status",
        "topics",
        "body",
        "created_by",
        "created_at",
        "sending_started_at",
        "recipient_count",
        "sent_count",
        "last_subscriber_id",
        "last_recipient_id",
        "progress_at",
        "sent_at",
    ]
    readonly_fields = fields
    list_select_related = ["created_by"]


@admin.register(Delivery)
class DeliveryAdmin(ReadOnlyAdmin):
    list_display = ["issue", "subscriber", "created_at"]
    list_select_related = ["issue", "subscriber"]
    raw_id_fields = ["issue", "subscriber"]
    fields = ["issue", "subscriber", "created_at"]
    readonly_fields = fields


@admin.register(Suppression)
class SuppressionAdmin(ReadOnlyAdmin):
    list_display = ["email_hash", "created_at"]
    search_fields = ["=email_hash"]
    fields = ["email_hash", "created_at"]
    readonly_fields = fields
