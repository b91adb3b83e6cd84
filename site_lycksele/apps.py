from django.apps import AppConfig


class SiteLyckseleConfig(AppConfig):
    """The project itself as an app: connects the page cache's purge signals once at startup, and
    gives SQLite connections the SQL function of the Swedish search index (``search_backend``)."""

    name = "site_lycksele"
    label = "site_lycksele"
    verbose_name = "Samordningsförbundet Lycksele"

    def ready(self):
        from site_lycksele import cache, search_backend

        cache.connect_signals()
        search_backend.connect_signals()
