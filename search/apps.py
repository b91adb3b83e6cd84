from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _

from home.content_cache import replace_version_now_and_after_commit


class SearchConfig(AppConfig):
    name = "search"
    label = "search"
    verbose_name = _("Sök")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Imported here, once the app registry is ready: these modules (or what they import) load models.
        from wagtail.contrib.search_promotions.models import SearchPromotion

        # Search results are kept per content version; the editor's picks are part of them.
        for signal in (post_save, post_delete):
            signal.connect(
                replace_version_now_and_after_commit, sender=SearchPromotion, dispatch_uid="search.promotion_changed"
            )
