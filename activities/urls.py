"""Public URLs of the activity plan outside the page tree (included at the site root)."""

from django.urls import re_path

from activities import views

urlpatterns = [
    re_path(
        r"^(?P<page_path>(?:[\w-]+/)+)aktivitetsplan\.(?P<extension>csv|ics)$",
        views.plan_export,
        name="activities_plan_export",
    ),
]
