"""The declaration's URLs, one module per journey: the public text and signing links
(public), a lead signing for their organisation (sign), moderators' review (review), and the
public directory of signatories (directory)."""

from declaration.urls import directory, public, review, sign

app_name = "declaration"

urlpatterns = [*public.urlpatterns, *sign.urlpatterns, *review.urlpatterns, *directory.urlpatterns]
