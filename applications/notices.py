"""The email that tells an applicant the board's decision on their case."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from wagtail.models import Site

from home.models import OrganisationSettings


def decision_email(decision):
    """The unsent email to the applicant of ``decision`` (replies go to the association), or None
    when the case no longer has an address (its personal data erased)."""
    application = decision.application
    if not application.applicant_email:
        return None
    site = Site.objects.filter(is_default_site=True).first()
    organisation = OrganisationSettings.for_site(site) if site else None
    context = {"decision": decision, "application": application, "organisation": organisation}
    with translation.override("sv"):
        subject = _("Beslut om din ansökan %(number)s") % {"number": application.number}
        body = render_to_string("applications/email/decision.txt", context)
    reply_to = organisation.email if organisation and organisation.email else None
    return EmailMessage(
        subject=subject,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[application.applicant_email],
        reply_to=[reply_to] if reply_to else None,
    )
