from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PressConfig(AppConfig):
    """Press releases are announced by home.publishing, which connects every ``Announced`` model."""

    name = "press"
    label = "press"
    verbose_name = _("Pressmeddelanden")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Imported here, once the app registry is ready: the notifier loads Wagtail's admin models.
        from press import notifications

        notifications.connect()
