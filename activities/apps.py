from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActivitiesConfig(AppConfig):
    name = "activities"
    label = "activities"
    verbose_name = _("Aktivitetsplan")
    default_auto_field = "django.db.models.BigAutoField"
