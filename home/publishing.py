"""The site's one publishing rule: when an object is really live, and what its first publication announces.

Pages (news, reports) and snippets with a draft state (press releases) follow the
same rule, so a plugin declares its model :class:`Announced` and home does the rest:

- :func:`is_live_now`: published, its go-live time reached and its expiry not.
  Wagtail sends ``published`` / ``page_published`` when it merely schedules a first
  publication too, with the object not live (wagtail#13959), so the signal alone is
  not enough. Whether visitors may see a live object (view restrictions, private
  collections) is ``home.visibility.is_public``, which asks this first.
- :func:`announce_first_publication`: the first real publication of an announced
  object records its one Mailing (network.api) in the publishing transaction; a
  later publication sends nothing. Only an editor's explicit resend
  (:func:`announce` with ``resend=True``, the admin's "Skicka igen") sends again,
  and it must reach someone.
"""

from django.utils import timezone

from network.api import announce as record_mailing

__all__ = ["Announced", "announce", "announce_first_publication", "is_announced", "is_live_now", "scheduled_go_live"]


class Announced:
    """An object whose first publication is announced by email to mailing lists.

    ``announce_lists`` names the lists (slugs); ``announce_template`` the email
    templates (``.html`` and ``.txt``, without extension) the network renders.
    """

    announce_lists = ()
    announce_template = ""

    def announce_subject(self):
        return self.title

    def announce_url(self):
        """The absolute address the email links to."""
        raise NotImplementedError

    def announce_association(self):
        """The association (a wagtail Site) whose lists, subscribers and sender the announcement uses."""
        return getattr(self, "association", None)

    def announce_context(self):
        """Extra, JSON-serialisable email context (the association's name, logo, fact box and sender)."""
        return {}

    def first_publication_options(self):
        """Extra ``network.api.announce`` arguments of the first publication's mailing (press: who got it under
        embargo is left out)."""
        return {}


def is_announced(obj_or_model):
    """True for an object (or model) whose publication is announced."""
    model = obj_or_model if isinstance(obj_or_model, type) else type(obj_or_model)
    return issubclass(model, Announced) and bool(model.announce_template)


def scheduled_go_live(obj, now=None):
    """The future time ``obj`` is scheduled to go live at, or None when that time is not in the future."""
    go_live_at = obj.go_live_at
    return go_live_at if go_live_at and go_live_at > (now or timezone.now()) else None


def is_live_now(obj, now=None):
    """True only when ``obj`` (a page or a draft-state snippet) has really gone live and not expired."""
    now = now or timezone.now()
    expire_at = obj.expire_at
    return obj.live and scheduled_go_live(obj, now) is None and not (expire_at and expire_at <= now)


def announce(obj, *, user=None, resend=False, **options):
    """Record the announcement of ``obj``; None when it was announced before and no resend was asked for.

    ``options`` are further ``network.api.announce`` arguments (``kind``, ``skip_recipients_of``).

    An explicit resend must reach someone (``network.api.NoRecipientsError`` otherwise);
    a publication announces regardless, as publishing must not fail.
    """
    return record_mailing(
        obj,
        lists=list(obj.announce_lists),
        subject=obj.announce_subject(),
        template=obj.announce_template,
        url=obj.announce_url(),
        user=user,
        resend=resend,
        require_recipients=resend,
        context=obj.announce_context(),
        **options,
        association=obj.announce_association(),
    )


def announce_first_publication(sender, instance, revision=None, **kwargs):
    """Receiver of ``page_published`` and ``published``: announce an announced object once it is really live."""
    if is_announced(instance) and is_live_now(instance):
        announce(instance, user=revision.user if revision else None, **instance.first_publication_options())
