"""Public URLs of the press room outside the page tree (included at the site root): the events' calendar."""

from django.urls import re_path

from press.events import calendar_view

urlpatterns = [
    re_path(r"^(?P<page_path>(?:[\w-]+/)+)evenemang\.ics$", calendar_view, name="press_events_ics"),
]
