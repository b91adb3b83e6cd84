"""System checks of the network's sending settings (run by ``manage.py check``)."""

from django.conf import settings
from django.core.checks import Error, Warning, register

from network import conf


@register()
def sending_settings(app_configs, **kwargs):
    problems = []
    provider, sending = conf.get("NETWORK_PROVIDER_TIMEOUT"), conf.get("NETWORK_SENDING_TIMEOUT")
    if sending < 2 * provider:
        problems.append(
            Error(
                "NETWORK_SENDING_TIMEOUT must be at least twice NETWORK_PROVIDER_TIMEOUT.",
                hint="Otherwise the sweep takes back deliveries whose provider call is still running, "
                "and their recipients may get the email twice.",
                id="network.E001",
            )
        )
    if conf.get("NETWORK_MAX_ATTEMPTS") < 1 or conf.get("NETWORK_BATCH_SIZE") < 1:
        problems.append(Error("NETWORK_MAX_ATTEMPTS and NETWORK_BATCH_SIZE must be at least 1.", id="network.E002"))
    visibility = getattr(settings, "CELERY_BROKER_TRANSPORT_OPTIONS", {}).get("visibility_timeout", 3600)
    if settings.CELERY_BROKER_URL.startswith("redis") and visibility < sending:
        problems.append(
            Warning(
                "The Redis visibility timeout is shorter than NETWORK_SENDING_TIMEOUT.",
                hint="A long send task would be delivered to a second worker while the first still runs.",
                id="network.W001",
            )
        )
    return problems
