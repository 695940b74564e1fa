from django.urls import path

from tender.views import needs

urlpatterns = [
    path("tender", needs.need_list, name="needs"),
    path("tender/needs.atom", needs.needs_feed, name="needs_feed"),
    path("tender/your-needs", needs.your_needs, name="your_needs"),
    # Before the need pages: "new" is never a need's address (see tender.needs.RESERVED_SLUGS).
    path("tender/needs/new", needs.new_need, name="new_need"),
    path("tender/needs/<slug:slug>", needs.need_detail, name="need"),
    path("tender/needs/<slug:slug>/edit", needs.edit_need, name="edit_need"),
    path("tender/needs/<slug:slug>/check", needs.check_need, name="check_need"),
    path("tender/needs/<slug:slug>/submitted", needs.need_submitted, name="need_submitted"),
    path("tender/needs/<slug:slug>/join", needs.join_need, name="join_need"),
    path("tender/needs/<slug:slug>/leave", needs.leave_need, name="leave_need"),
    path("tender/needs/<slug:slug>/interest", needs.register_interest, name="register_interest"),
    path("tender/needs/<slug:slug>/show-and-tell", needs.show_and_tell, name="show_and_tell"),
    path("tender/needs/<slug:slug>/procurement", needs.link_procurement, name="link_procurement"),
    path("tender/needs/<slug:slug>/close", needs.close_need, name="close_need"),
]
