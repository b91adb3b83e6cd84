from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from wagtail.signals import page_published, published


class ActivitiesConfig(AppConfig):
    name = "activities"
    label = "activities"
    verbose_name = _("Aktivitetsplan")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Imported here, once the app registry is ready: these modules (or what they import) load models.

        from activities.signals import page_published_handler, published_handler

        page_published.connect(page_published_handler, dispatch_uid="activities_status_follows_page")
        published.connect(published_handler, dispatch_uid="activities_status_follows_object")
