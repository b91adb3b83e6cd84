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
    """The absolute status link, on the site's one address (SITE_URL)."""
    return settings.SITE_URL + reverse("applications:status", args=[make_token(application)])


def read_token(token):
    """The case a token was made for; raises ``signing.SignatureExpired`` or ``signing.BadSignature``."""
    pk = signing.loads(token, salt=SALT, max_age=conf.get("APPLICATIONS_STATUS_LINK_MAX_AGE"))
    application = Application.objects.filter(pk=pk).first() if isinstance(pk, int) else None
    if application is None:
        raise signing.BadSignature("unknown application")
    return application
