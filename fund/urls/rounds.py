from django.urls import path, register_converter

from fund.rounds import RESERVED_SLUGS
from fund.views import rounds


class RoundSlugConverter:
    """A round's slug, but never a word other fund pages use in the same place in their
    addresses (/fund/bids, /manage/fund/decisions), so those pages are not taken for rounds."""

    regex = "(?!(?:{})(?![-a-zA-Z0-9_]))[-a-zA-Z0-9_]+".format("|".join(sorted(RESERVED_SLUGS)))

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(RoundSlugConverter, "round")

urlpatterns = [
    path("fund", rounds.round_list, name="list"),
    path("fund/<round:slug>", rounds.round_detail, name="round"),
    path("fund/<round:slug>/expressions-of-interest", rounds.eoi_list, name="eois"),
    path("fund/<round:slug>/expressions-of-interest.csv", rounds.eoi_csv, name="eois_csv"),
    path("manage/fund", rounds.manage_rounds, name="manage_rounds"),
    path("manage/fund/new", rounds.create_round, name="create_round"),
    path("manage/fund/<round:slug>", rounds.manage_round, name="manage_round"),
    path("manage/fund/<round:slug>/publish", rounds.publish_round, name="publish_round"),
    path("manage/fund/<round:slug>/details", rounds.edit_round, name="edit_round"),
    path("manage/fund/<round:slug>/dates", rounds.edit_windows, name="edit_windows"),
    path("manage/fund/<round:slug>/eligibility", rounds.edit_eligibility, name="edit_eligibility"),
    path("manage/fund/<round:slug>/phases/new", rounds.phase, name="add_phase"),
    path("manage/fund/<round:slug>/phases/<int:pk>", rounds.phase, name="edit_phase"),
    path("manage/fund/<round:slug>/phases/<int:pk>/remove", rounds.remove_phase, name="remove_phase"),
    path("manage/fund/<round:slug>/criteria/new", rounds.criterion, name="add_criterion"),
    path("manage/fund/<round:slug>/criteria/<int:pk>", rounds.criterion, name="edit_criterion"),
    path("manage/fund/<round:slug>/criteria/<int:pk>/remove", rounds.remove_criterion, name="remove_criterion"),
]
