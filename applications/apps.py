from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _
from wagtail.signals import published

from home.content_cache import replace_version_now_and_after_commit
from home.decisions import release_models


class ApplicationsConfig(AppConfig):
    name = "applications"
    label = "applications"
    verbose_name = _("Ansökningar om medel")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Imported here, once the app registry is ready: these modules load models.
        from applications.models import Decision, Minutes
        from applications.publishing import publish_project_with_release

        for release_model in release_models():
            published.connect(
                publish_project_with_release,
                sender=release_model,
                dispatch_uid=f"applications_publish_project_with_{release_model._meta.label_lower}",
            )
        for model in (Minutes, Decision):
            for signal in (post_save, post_delete):
                signal.connect(
                    replace_version_now_and_after_commit,
                    sender=model,
                    dispatch_uid=f"applications_stale_{model.__name__}_{id(signal)}",
                )
