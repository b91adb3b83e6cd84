"""The admin form of a press release: default lists, no publishing without a fact box, no scheduling in review."""

from wagtail.admin.forms import WagtailAdminModelForm

from press import conf
from press.facts import FACT_BOX_MISSING, current_fact_box
from press.workflows import locked_by_review


class PressReleaseForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.pk and "distribution" in self.fields:
            self.initial.setdefault(
                "distribution",
                list(
                    self.fields["distribution"].queryset.filter(
                        association_id=self.instance.association_id, slug__in=conf.get("PRESS_DEFAULT_LISTS")
                    )
                ),
            )

    @property
    def show_schedule_publishing_toggle(self):
        # Scheduling is publishing: not while the board reviews the release.
        locked = self.for_user is not None and locked_by_review(self.instance, self.for_user)
        return super().show_schedule_publishing_toggle and not locked

    def clean(self):
        cleaned_data = super().clean()
        if self.data.get("action-publish") and not self.instance.fact_box and not current_fact_box():
            self.add_error(None, FACT_BOX_MISSING)
        return cleaned_data
