"""The admin form of a press release: default lists, no publishing without a fact box or image credits,
no scheduling in review."""

import copy

from wagtail.admin.forms import WagtailAdminModelForm

from press import conf
from press.facts import FACT_BOX_MISSING, current_fact_box
from press.image_bank import IMAGE_ALT_MISSING, image_problems
from press.workflows import locked_by_review


class PressReleaseForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.pk and "distribution" in self.fields:
            self.initial.setdefault(
                "distribution",
                list(self.fields["distribution"].queryset.filter(slug__in=conf.get("PRESS_DEFAULT_LISTS"))),
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
        if cleaned_data.get("main_image") and not (cleaned_data.get("main_image_alt") or "").strip():
            self.add_error("main_image_alt", IMAGE_ALT_MISSING)
        elif self.data.get("action-publish") or self.data.get("action-submit"):
            # Before the board sees it: the approval publishes, and a release must not go out uncredited.
            for problem in image_problems(self.release_as_submitted(cleaned_data)):
                self.add_error(None, problem)
        return cleaned_data

    def release_as_submitted(self, cleaned_data):
        """The release with the submitted main image and body, unsaved, for :func:`image_problems`."""
        release = copy.copy(self.instance)
        for field in ("main_image", "main_image_alt", "main_image_credit", "body"):
            if field in cleaned_data:
                setattr(release, field, cleaned_data[field])
        return release
