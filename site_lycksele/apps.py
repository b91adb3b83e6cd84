from django.apps import AppConfig
from django.core.mail import message
from django.core.signals import request_finished


class SiteDnsName:
    """The domain Django writes into every email's Message-ID: the site's address, never the machine's name.

    Django takes it from ``django.core.mail.message.DNS_NAME`` (the host's FQDN, e.g. a container id);
    the mailings set their own Message-ID with the same domain (``network.sending``).
    """

    def __init__(self, domain):
        self.domain = domain

    def __str__(self):
        return self.domain()

    def get_fqdn(self):
        return str(self)


class SiteLyckseleConfig(AppConfig):
    """The project itself as an app: connects the purges of the page cache and the edge cache (site_lycksele.stale)
    and ends each
    request's log id once at startup, gives SQLite connections the SQL function of the Swedish
    search index (``search_backend``), and makes the site's address the domain of the
    Message-IDs Django writes."""

    name = "site_lycksele"
    label = "site_lycksele"
    verbose_name = "Samordningsförbundet Lycksele"

    def ready(self):
        # Imported here, once the app registry is ready: these modules (or what they import) load models.

        from network.api import site_domain
        from site_lycksele import search_backend, stale
        from site_lycksele.observability import forget_request_id

        stale.connect_signals()
        search_backend.connect_signals()
        request_finished.connect(forget_request_id, dispatch_uid="site_lycksele.forget_request_id")
        message.DNS_NAME = SiteDnsName(site_domain)
