from django.urls import path

from declaration.views import review

urlpatterns = [
    path("manage/signatures", review.queue, name="review_queue"),
    path("manage/signatures/<str:reference>", review.signature_detail, name="review_signature"),
    path("manage/signatures/<str:reference>/approve", review.approve, name="review_approve"),
    path("manage/signatures/<str:reference>/ask-for-changes", review.request_changes, name="review_request_changes"),
    path("manage/signatures/<str:reference>/reject", review.reject, name="review_reject"),
    path("manage/signatures/<str:reference>/send-link-again", review.resend_approver_link, name="review_resend_link"),
    path("manage/signatures/<str:reference>/withdraw", review.withdraw, name="review_withdraw"),
]
