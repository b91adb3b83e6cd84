"""The emails an applicant gets, in HTML and plain text through the site's email backend."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from wagtail.models import Site

from applications import conf
from applications.deadlines import application_round
from applications.status import status_url
from home.models import OrganisationSettings


def send_receipt(application):
    """Tell the applicant the case's number, the meeting it goes to and the link to its status."""
    subject = _("Vi har tagit emot din ansökan %(number)s") % {"number": application.number}
    _send(application, "applications/email/receipt", subject=subject, round=application_round(application))


def send_decision(decision):
    """Tell the applicant the board's decision on their case (granted, partly granted or rejected)."""
    application = decision.application
    subject = _("Beslut om din ansökan %(number)s") % {"number": application.number}
    _send(application, "applications/email/decision", subject=subject, decision=decision)


def _send(application, template, **context):
    """Send ``template`` (``.txt`` and ``.html``) to the applicant with the status link; replies reach us."""
    site = Site.objects.filter(pk=application.association_id).first()
    organisation = OrganisationSettings.for_site(site) if site else None
    context = {
        **OrganisationSettings.email_context(site),
        "application": application,
        "status_url": status_url(application),
        "valid_days": conf.get("APPLICATIONS_STATUS_LINK_MAX_AGE") // 86400,
        **context,
    }
    message = EmailMultiAlternatives(
        subject=context["subject"],
        body=render_to_string(f"{template}.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[application.applicant_email],
        reply_to=[organisation.email] if organisation and organisation.email else None,
    )
    message.attach_alternative(render_to_string(f"{template}.html", context), "text/html")
    message.send()
