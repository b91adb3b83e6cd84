"""What publishing a press release does: announce it once to its distribution lists."""

from django.utils import timezone
from django.utils.translation import gettext as _

from home.models import OrganisationSettings
from network.api import announce

EMAIL_TEMPLATE = "press/email/press_release"


def announce_release(release, user=None, resend=False):
    """Queue the release's mailing; returns None if it was already sent and no resend is asked."""
    return announce(
        release,
        lists=release.distribution_slugs,
        subject=_("Pressmeddelande: %(title)s") % {"title": release.title},
        template=EMAIL_TEMPLATE,
        url=release.public_url or "",
        user=user,
        resend=resend,
        context=OrganisationSettings.email_context(),
    )


def is_live_now(release):
    """True only when the release has really gone live, not merely been scheduled.

    Wagtail sends ``published`` when it schedules a first publication too, with
    the object not live (wagtail#13959), so the signal alone is not enough.
    """
    return release.live and not (release.go_live_at and release.go_live_at > timezone.now())
