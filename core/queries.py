from django.core.paginator import Page, Paginator

from core.models import OutboundEmail

OUTBOX_PAGE_SIZE = 50


def outbox_page(status: str, page_number) -> Page:
    """One page of the outbox, newest first, optionally of one status. The body is left
    out: staff see what happened to a message, not what it said."""
    messages = OutboundEmail.objects.defer("body").order_by("-created_at", "pk")
    if status:
        messages = messages.filter(status=status)
    return Paginator(messages, OUTBOX_PAGE_SIZE).get_page(page_number)
