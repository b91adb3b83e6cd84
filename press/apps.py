from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from wagtail.signals import published


class PressConfig(AppConfig):
    name = "press"
    label = "press"
    verbose_name = _("Pressmeddelanden")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Imported here, once the app registry is ready: these modules (or what they import) load models.

        from press.models import PressRelease
        from press.signals import announce_on_publication

        published.connect(announce_on_publication, sender=PressRelease, dispatch_uid="press_announce_on_publication")
