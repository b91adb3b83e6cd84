"""The admin form of a press release: default lists, and no publishing without a fact box."""

from wagtail.admin.forms import WagtailAdminModelForm

from press.conf import get_setting
from press.facts import FACT_BOX_MISSING, current_fact_box


class PressReleaseForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.pk and "distribution" in self.fields:
            self.initial.setdefault(
                "distribution",
                list(self.fields["distribution"].queryset.filter(slug__in=get_setting("DEFAULT_LISTS"))),
            )

    def clean(self):
        cleaned_data = super().clean()
        if self.data.get("action-publish") and not self.instance.fact_box and not current_fact_box():
            self.add_error(None, FACT_BOX_MISSING)
        return cleaned_data
