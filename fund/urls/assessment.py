from django.urls import path

import declaration.urls.converters  # noqa: F401  (registers <reference:...>)
from fund.views import assessment

urlpatterns = [
    # Staff
    path("manage/fund/<slug:slug>/bids", assessment.manage_bids, name="manage_bids"),
    path("manage/fund/<slug:slug>/moderation", assessment.moderation, name="moderation"),
    path("manage/fund/bids/<reference:reference>", assessment.manage_bid, name="manage_bid"),
    path("manage/fund/bids/<reference:reference>/assessors", assessment.assign_assessors, name="assign_assessors"),
    path(
        "manage/fund/bids/<reference:reference>/assessors/<int:pk>/remove",
        assessment.remove_assessor,
        name="remove_assessor",
    ),
    path("manage/fund/bids/<reference:reference>/outcome", assessment.record_outcome, name="record_outcome"),
    # Assessors
    path("assess", assessment.assessments, name="assessments"),
    path("assess/<int:pk>", assessment.assessment_detail, name="assessment"),
    path("assess/<int:pk>/conflicts", assessment.declare_conflicts, name="declare_conflicts"),
    path("assess/<int:pk>/score", assessment.score_assessment, name="score_assessment"),
    path("assess/<int:pk>/check", assessment.check_assessment, name="check_assessment"),
]
