"""System checks of the network's sending settings (run by ``manage.py check``)."""

from django.core.checks import Error, register

from network import conf


@register()
def sending_settings(app_configs, **kwargs):
    problems = []
    if conf.get("NETWORK_LEASE") < 1:
        problems.append(
            Error(
                "NETWORK_LEASE must be at least 1 second.",
                hint="The sending task renews its lease every quarter of it; shorter than a database "
                "round trip, a lease would expire while its worker still sends, and recipients may get "
                "the email twice.",
                id="network.E001",
            )
        )
    if conf.get("NETWORK_MAX_ATTEMPTS") < 1 or conf.get("NETWORK_BATCH_SIZE") < 1:
        problems.append(Error("NETWORK_MAX_ATTEMPTS and NETWORK_BATCH_SIZE must be at least 1.", id="network.E002"))
    return problems
