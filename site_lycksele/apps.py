from django.apps import AppConfig


class SiteLyckseleConfig(AppConfig):
    """The project itself as an app: connects the page cache's purge signals and ends each
    request's log id once at startup."""

    name = "site_lycksele"
    label = "site_lycksele"
    verbose_name = "Samordningsförbundet Lycksele"

    def ready(self):
        from django.core.signals import request_finished

        from site_lycksele.cache import connect_signals
        from site_lycksele.observability import forget_request_id

        connect_signals()
        request_finished.connect(forget_request_id, dispatch_uid="site_lycksele.forget_request_id")
