from anymail.signals import tracking
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "network"
    label = "network"
    verbose_name = _("Nätverket och utskick")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Imported here, once the app registry is ready: these modules (or what they import) load models.

        from network import checks  # noqa: F401 - registers the system checks
        from network.receivers import handle_tracking

        tracking.connect(handle_tracking, dispatch_uid="network.receivers.handle_tracking")
