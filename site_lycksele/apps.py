from django.apps import AppConfig


class SiteLyckseleConfig(AppConfig):
    """The project itself as an app: connects the page cache's purge signals and ends each
    request's log id once at startup, and gives SQLite connections the SQL function of the
    Swedish search index (``search_backend``)."""

    name = "site_lycksele"
    label = "site_lycksele"
    verbose_name = "Samordningsförbundet Lycksele"

    def ready(self):
        from django.core.signals import request_finished

        from site_lycksele import cache, search_backend
        from site_lycksele.observability import forget_request_id

        cache.connect_signals()
        search_backend.connect_signals()
        request_finished.connect(forget_request_id, dispatch_uid="site_lycksele.forget_request_id")
