"""What publishing a press release does: announce it once to its distribution lists."""

from django.utils import timezone
from django.utils.translation import gettext as _

from home.models import OrganisationSettings
from network.api import announce, mailings_for, recipient_count

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


def approval_outlook(task_state, user):
    """What ``user`` approving ``task_state`` would do, for the board's confirmation dialog and message.

    ``publishes`` is False while more approvals are needed; ``go_live_at`` is the
    embargo time, or None for "now"; ``recipients`` counts the people the first
    publication is mailed to (0 when the release has been sent before: a new
    version is not sent again).
    """
    release = task_state.revision.as_object()
    task = task_state.task.specific
    given = task.approvals_for(task_state).count()
    required = task.required_approvals
    already_sent = mailings_for(release).exists()
    go_live_at = release.go_live_at if release.go_live_at and release.go_live_at > timezone.now() else None
    return {
        "release": release,
        "lists": [mailing_list.name for mailing_list in release.distribution.all()],
        "recipients": 0 if already_sent else recipient_count(release.distribution_slugs),
        "already_sent": already_sent,
        "go_live_at": go_live_at,
        "given": given,
        "required": required,
        "publishes": given + 1 >= required,
        "approver": user,
    }
