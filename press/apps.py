from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from wagtail.signals import published


class PressConfig(AppConfig):
    """Press releases are announced by home.publishing, which connects every ``Announced`` model; an approval
    under embargo is sent to the media at once (press.embargo)."""

    name = "press"
    label = "press"
    verbose_name = _("Pressmeddelanden")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Imported here, once the app registry is ready: these modules load models (the notifier
        # Wagtail's admin models).
        from press import notifications
        from press.embargo import inform_media_on_approval
        from press.models import PressRelease

        published.connect(inform_media_on_approval, sender=PressRelease, dispatch_uid="press-embargo-media")
        notifications.connect()
