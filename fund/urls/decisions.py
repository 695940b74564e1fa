from django.urls import path

import declaration.urls.converters  # noqa: F401  (registers <reference:...>, which a bid's reference matches too)
from fund.views import decisions

urlpatterns = [
    path("manage/fund/bids/<reference:reference>/decide", decisions.decide, name="decide"),
    path("manage/fund/decisions", decisions.approvals, name="approvals"),
    path("manage/fund/decisions/<reference:reference>", decisions.approval, name="approval"),
    path("manage/fund/decisions/<reference:reference>/approve", decisions.approve, name="approve"),
    path("manage/fund/decisions/<reference:reference>/send-back", decisions.send_back, name="send_back"),
]
