from django.urls import include, path

from network import views
from network.webhooks import anymail_urlpatterns

app_name = "network"

urlpatterns = [
    path("natverket/", views.signup_view, name="signup"),
    path("natverket/tack/", views.signup_done_view, name="signup_done"),
    path("natverket/bekrafta/<str:token>/", views.confirm_view, name="confirm"),
    path("natverket/avregistrera/<str:token>/", views.unsubscribe_view, name="unsubscribe"),
    path("natverket/installningar/<str:token>/", views.manage_view, name="manage"),
    path("anymail/", include((anymail_urlpatterns(), "anymail"))),
]
