"""What the board's approval of a press release will do (publishing and announcing follow home.publishing)."""

from home.publishing import scheduled_go_live
from network.api import mailings_for, recipient_count


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
    go_live_at = scheduled_go_live(release)
    return {
        "release": release,
        "lists": [mailing_list.name for mailing_list in release.distribution.all()],
        "recipients": 0
        if already_sent
        else recipient_count(release.distribution_slugs, association=release.association),
        "already_sent": already_sent,
        "go_live_at": go_live_at,
        "given": given,
        "required": required,
        "publishes": given + 1 >= required,
        "approver": user,
    }
