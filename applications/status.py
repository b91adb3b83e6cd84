"""The applicant's signed link to the status page of their own case.

The token is ``django.core.signing`` over the case's id with a salt of its own, so it cannot be
forged, names exactly one case, and stops working ``APPLICATIONS_STATUS_LINK_MAX_AGE`` seconds
after the receipt was sent. It never leads to anything but the case's number, title and status.
"""

from django.conf import settings
from django.core import signing
from django.urls import reverse

from applications import conf
from applications.models import Application

SALT = "applications.status"


def make_token(application):
    return signing.dumps(application.pk, salt=SALT)


def status_url(application):
    """The absolute status link, on the address of the case's association: SITE_URL for the first
    (default) one, its Site record's for the others (the status page shows only the host's cases)."""
    site = application.association
    base = settings.SITE_URL if site.is_default_site else site.root_url
    return base + reverse("applications:status", args=[make_token(application)])


def read_token(token, association):
    """The case a token was made for, when it is ``association``'s (the host's: another association's
    site shows nothing of it); raises ``signing.SignatureExpired`` or ``signing.BadSignature``."""
    pk = signing.loads(token, salt=SALT, max_age=conf.get("APPLICATIONS_STATUS_LINK_MAX_AGE"))
    cases = Application.objects.filter(association=association)
    application = cases.filter(pk=pk).first() if isinstance(pk, int) else None
    if application is None:
        raise signing.BadSignature("unknown application")
    return application
