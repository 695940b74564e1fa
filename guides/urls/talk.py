from django.urls import path

from guides.views import talk

urlpatterns = [
    path("guides/your-name", talk.your_name, name="your_name"),
    path("guides/unsubscribe/<str:token>", talk.unsubscribe, name="unsubscribe"),
    path("guides/<slug:slug>/talk", talk.talk_page, name="talk"),
    path("guides/<slug:slug>/talk/messages", talk.post_comment, name="post_comment"),
    path("guides/<slug:slug>/watch", talk.watch, name="watch"),
    path("guides/<slug:slug>/unwatch", talk.unwatch, name="unwatch"),
]
