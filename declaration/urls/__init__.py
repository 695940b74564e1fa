"""The declaration's URLs, one module per journey: the public text and signing links
(public), a lead signing for their organisation (sign), moderators' review (review), their
decisions on requests to add an organisation (requests), the public directory of signatories
(directory), and signatories' updates on their projects (progress)."""

from declaration.urls import directory, progress, public, requests, review, sign

app_name = "declaration"

urlpatterns = [
    *public.urlpatterns,
    *sign.urlpatterns,
    *review.urlpatterns,
    *requests.urlpatterns,
    *directory.urlpatterns,
    *progress.urlpatterns,
]
