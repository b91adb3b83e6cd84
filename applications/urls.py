"""Public URLs of the funding applications outside the page tree (included at the site root)."""

from django.urls import path

from applications import views

app_name = "applications"

urlpatterns = [
    path("soka-medel/ansok/", views.apply_view, name="apply"),
    path("soka-medel/ansokan/<str:token>/", views.status_view, name="status"),
]
