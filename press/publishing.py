"""What the board's approval of a press release will do (publishing and announcing follow home.publishing)."""

from home.publishing import scheduled_go_live
from network.api import mailings_for, recipient_count
from press import conf


def approval_outlook(task_state, user):
    """What ``user`` approving ``task_state`` would do, for the board's confirmation dialog and message.

    ``publishes`` is False while more approvals are needed; ``go_live_at`` is the
    embargo time, or None for "now"; ``media_now`` names the lists that get it under
    embargo at once (press.embargo); ``recipients`` counts the people the first
    publication is mailed to (0 when the release has been sent before: a new
    version is not sent again).
    """
    release = task_state.revision.as_object()
    task = task_state.task.specific
    given = task.approvals_for(task_state).count()
    required = task.required_approvals
    already_sent = mailings_for(release).exists()
    go_live_at = scheduled_go_live(release)
    embargo_lists = conf.get("PRESS_EMBARGO_LISTS") if go_live_at and not already_sent else ()
    return {
        "release": release,
        "lists": [mailing_list.name for mailing_list in release.distribution.all()],
        "recipients": 0
        if already_sent
        else recipient_count(release.distribution_slugs, association=release.association),
        "already_sent": already_sent,
        "go_live_at": go_live_at,
        "media_now": [ml.name for ml in release.distribution.all() if ml.slug in embargo_lists],
        "given": given,
        "required": required,
        "publishes": given + 1 >= required,
        "approver": user,
    }
