"""A decided project goes live with the board's release about it.

The release is made by another plugin (home's ``create_decision_release`` hook), so this module
knows it only as the decision's generic ``release``: Wagtail's ``published`` signal of the models
that make such releases (``home.decisions.release_models``, connected in ``ApplicationsConfig.ready``)
is checked against the decisions, and the decision's draft project page is published in
the same transaction as the release. Minutes and decisions are shown on public pages: saving
them makes the cached pages stale.
"""

from django.contrib.contenttypes.models import ContentType

from applications.models import Decision
from home.publishing import is_live_now


def publish_project_with_release(sender, instance, revision=None, **kwargs):
    """When a decision's release really goes live, publish its project page if it is still a draft."""
    if not is_live_now(instance):
        return
    decision = (
        Decision.objects.filter(release_type=ContentType.objects.get_for_model(instance), release_id=str(instance.pk))
        .select_related("project_page")
        .first()
    )
    page = decision.project_page if decision else None
    if page is None or page.live:
        return
    revision = page.get_latest_revision()
    if revision is not None:
        revision.publish(user=None)
