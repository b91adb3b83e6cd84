from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from home.app_settings import validate_environment


class HomeConfig(AppConfig):
    name = "home"
    label = "home"
    verbose_name = _("Webbplats")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Imported here, once the app registry is ready: these modules (or what they import) load models.
        from home import signals

        signals.connect()
        validate_environment()
