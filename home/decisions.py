"""How a board decision asks for its press release without home or the deciding plugin naming press.

Hook ``create_decision_release``: ``fn(project_page, *, user) -> object | None``. ``project_page`` is
the draft ``ProjectPage`` a granted decision created (title, lead, principals, period, granted
amount, decision date and paragraph filled in); the function makes a draft press release about it,
linked to it and submitted to the board's approval, inside the caller's transaction, and returns it
(or None). Without a plugin that implements the hook, no release is made and nothing fails.

The model of such releases inherits :class:`DecisionRelease`, so the deciding plugin can listen to
the publication of those models alone (:func:`release_models`).
"""

from django.apps import apps
from wagtail import hooks

CREATE_DECISION_RELEASE = "create_decision_release"


class DecisionRelease:
    """Marks a model whose objects the ``create_decision_release`` hook makes (a press release)."""


def release_models():
    """The installed models that may announce a board decision."""
    return [model for model in apps.get_models() if issubclass(model, DecisionRelease)]


def create_decision_release(project_page, *, user):
    """The draft releases the installed plugins made about ``project_page``, in hook order."""
    releases = []
    for make_release in hooks.get_hooks(CREATE_DECISION_RELEASE):
        release = make_release(project_page, user=user)
        if release is not None:
            releases.append(release)
    return releases
