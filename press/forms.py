"""The admin forms of press releases (default lists, no publishing without a fact box or image credits,
no scheduling in review) and events (default lists), and the public registration form of an event."""

import copy
import unicodedata

from django import forms
from django.core.validators import ProhibitNullCharactersValidator
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from home.forms import HONEYPOT_FIELD, honeypot_field, honeypot_filled, rate_limited
from press import conf
from press.facts import FACT_BOX_MISSING, current_fact_box
from press.image_bank import IMAGE_ALT_MISSING, image_problems
from press.workflows import locked_by_review


class DefaultListsForm(WagtailAdminModelForm):
    """A new object's distribution starts as PRESS_DEFAULT_LISTS."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A new instance's own (empty) lists are in ``initial`` when the view passes the instance.
        if not self.instance.pk and "distribution" in self.fields and not self.initial.get("distribution"):
            self.initial["distribution"] = list(
                self.fields["distribution"].queryset.filter(
                    association_id=self.instance.association_id, slug__in=conf.get("PRESS_DEFAULT_LISTS")
                )
            )


class PressReleaseForm(DefaultListsForm):
    @property
    def show_schedule_publishing_toggle(self):
        # Scheduling is publishing: not while the board reviews the release.
        locked = self.for_user is not None and locked_by_review(self.instance, self.for_user)
        return super().show_schedule_publishing_toggle and not locked

    def clean(self):
        cleaned_data = super().clean()
        if (
            self.data.get("action-publish")
            and not self.instance.fact_box
            and not current_fact_box(self.instance.association_id)
        ):
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


def plain_text(value, label):
    """``value`` stripped, refused (in Swedish) when it holds control characters such as NUL or line breaks."""
    value = (value or "").strip()
    if any(unicodedata.category(character).startswith("C") for character in value):
        raise forms.ValidationError(
            _("%(label)s får inte innehålla radbrytningar eller styrtecken.") % {"label": label}
        )
    return value


class EventRegistrationForm(forms.Form):
    """A registration for an event: name, email and (for the press) the newsroom; a field robots fill in."""

    name = forms.CharField(label=_("Namn"), max_length=200, error_messages={"required": _("Skriv ditt namn.")})
    email = forms.EmailField(
        label=_("E-postadress"),
        max_length=254,
        error_messages={
            "required": _("Skriv din e-postadress."),
            "invalid": _("Skriv en giltig e-postadress, till exempel namn@exempel.se."),
        },
    )
    organisation = forms.CharField(label=_("Organisation eller redaktion"), max_length=200, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[HONEYPOT_FIELD] = honeypot_field()
        for field in self.fields.values():
            field.error_messages["max_length"] = _("Högst %(limit_value)d tecken.")
            # plain_text names the field when it refuses NUL and other control characters.
            field.validators = [
                check for check in field.validators if not isinstance(check, ProhibitNullCharactersValidator)
            ]

    def clean_name(self):
        name = plain_text(self.cleaned_data.get("name"), _("Namnet"))
        if not name:
            raise forms.ValidationError(_("Skriv ditt namn."))
        return name

    def clean_organisation(self):
        return plain_text(self.cleaned_data.get("organisation"), _("Organisationen"))

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()


def register(request, event):
    """Handle the event page's form: (template context, status).

    GET shows an empty form. A POST is counted against the sender's address (the site's
    shared limit of public forms, 429 when passed); a robot's (honeypot) is thanked and
    stored nowhere; a closed or full event, an invalid form and an address already
    registered change nothing and say why in Swedish.
    """
    if request.method != "POST":
        return {"form": EventRegistrationForm()}, 200
    if rate_limited(request):
        refusal = _("För många anmälningar från din adress. Vänta en stund och försök igen.")
        return {"form": EventRegistrationForm(), "refusal": refusal}, 429
    if honeypot_filled(request):
        return {"registered": True}, 200
    form = EventRegistrationForm(request.POST)
    if not form.is_valid():
        return {"form": form}, 200
    already = _("Den här e-postadressen är redan anmäld till evenemanget.")
    with transaction.atomic():
        # Locks the event so two last registrations cannot both take the last place.
        type(event).objects.select_for_update().filter(pk=event.pk).first()
        problem = event.registration_problem()
        if problem:
            return {"form": form, "refusal": problem}, 200
        data = {key: form.cleaned_data[key] for key in ("name", "email", "organisation")}
        if event.registrations.filter(email__iexact=data["email"]).exists():
            form.add_error("email", already)
            return {"form": form}, 200
        try:
            with transaction.atomic():
                event.registrations.create(**data)
        except IntegrityError:
            form.add_error("email", already)
            return {"form": form}, 200
    return {"registered": True}, 200
