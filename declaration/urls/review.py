from django.urls import path

import declaration.urls.converters  # noqa: F401  (registers <reference:...>)
from declaration.views import review

urlpatterns = [
    path("manage/signatures", review.queue, name="review_queue"),
    path("manage/signatures/<reference:reference>", review.signature_detail, name="review_signature"),
    path("manage/signatures/<reference:reference>/approve", review.approve, name="review_approve"),
    path(
        "manage/signatures/<reference:reference>/ask-for-changes", review.request_changes, name="review_request_changes"
    ),
    path("manage/signatures/<reference:reference>/reject", review.reject, name="review_reject"),
    path(
        "manage/signatures/<reference:reference>/send-link-again",
        review.resend_approver_link,
        name="review_resend_link",
    ),
    path("manage/signatures/<reference:reference>/withdraw", review.withdraw, name="review_withdraw"),
]
