from django.urls import path

import declaration.urls.converters  # noqa: F401  (registers <reference:...>, which a bid's reference matches too)
import fund.urls.rounds  # noqa: F401  (registers <round:...>)
from fund.views import apply

BID = "fund/bids/<reference:reference>"

urlpatterns = [
    path("fund/<round:slug>/apply", apply.start, name="apply"),
    path("fund/bids", apply.your_bids, name="your_bids"),
    path(BID, apply.task_list, name="bid"),
    path(f"{BID}/project", apply.project, name="bid_project"),
    path(f"{BID}/phase", apply.phase, name="bid_phase"),
    path(f"{BID}/partners", apply.partners, name="bid_partners"),
    path(f"{BID}/partners/add", apply.add_partner, name="bid_add_partner"),
    path(f"{BID}/partners/<int:pk>/remove", apply.remove_partner, name="bid_remove_partner"),
    path(f"{BID}/partners/<int:pk>/send-again", apply.resend_partner_link, name="bid_resend_partner"),
    path(f"{BID}/principles", apply.principles, name="bid_principles"),
    path(f"{BID}/check", apply.check, name="bid_check"),
    path(f"{BID}/submitted", apply.submitted, name="bid_submitted"),
    path("fund/partners/<str:token>", apply.partner_response, name="partner_response"),
]
