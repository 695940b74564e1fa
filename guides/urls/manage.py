from django.urls import path

from guides.views import manage

# The pages about blocked people sit under /people/, which no guide's address can clash with:
# a guide's pages are /manage/guides/<slug> and below it.
urlpatterns = [
    path("manage/guides", manage.guide_list, name="manage"),
    path("manage/guides/people/blocked", manage.blocked_people, name="manage_blocked"),
    path("manage/guides/people/block", manage.block_person, name="manage_block"),
    path("manage/guides/people/blocked/<int:pk>/unblock", manage.unblock_person, name="manage_unblock"),
    path("manage/guides/<slug:slug>", manage.guide_detail, name="manage_guide"),
    path("manage/guides/<slug:slug>/protect", manage.protect, name="manage_protect"),
    path("manage/guides/<slug:slug>/unprotect", manage.unprotect, name="manage_unprotect"),
    path("manage/guides/<slug:slug>/revisions/<int:number>/hide", manage.hide_revision, name="manage_hide_revision"),
    path("manage/guides/<slug:slug>/talk", manage.talk_messages, name="manage_talk"),
    path("manage/guides/<slug:slug>/talk/<int:pk>/hide", manage.hide_comment, name="manage_hide_comment"),
]
