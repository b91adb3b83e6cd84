from django.apps import AppConfig


class SiteLyckseleConfig(AppConfig):
    """The project itself as an app: connects the page cache's purge signals once at startup."""

    name = "site_lycksele"
    label = "site_lycksele"
    verbose_name = "Samordningsförbundet Lycksele"

    def ready(self):
        from site_lycksele.cache import connect_signals

        connect_signals()
