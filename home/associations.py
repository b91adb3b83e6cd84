"""Associations: one installation, many samordningsförbund (docs/architecture.md "Associations").

An association *is* a Wagtail :class:`~wagtail.models.Site`: its hostname, its page tree
and its :class:`~home.models.OrganisationSettings`. Everything an association owns carries
an ``association`` foreign key to its Site (:class:`home.models.AssociationOwned`; the
network app declares its own, as it imports no app of ours). Its people are its three
groups, linked from the organisation settings (``coordinator_group``, ``board_group``,
``preparation_group``). The first association keeps the plain group names ("Samordnare",
"Styrelse", "Beredningsgrupp") so a single-association installation looks as before.

Every request carries ``request.association`` (:class:`AssociationMiddleware`), resolved
lazily: on the public site the Site of the request's host (Wagtail's own lookup), in the
admin the association the user chose (:data:`SESSION_KEY`), else the host's one when the
user belongs to it, else the first one the user belongs to. Platform administrators
(superusers) belong to every association.
"""

from django.contrib.auth.models import Group
from django.db import models
from django.db.models import Q
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from wagtail.models import Site

from home.roles import BOARD, COORDINATOR, PREPARATION_GROUP

SESSION_KEY = "association"
# The OrganisationSettings field that names each role's group.
ROLE_FIELDS = {COORDINATOR: "coordinator_group", BOARD: "board_group", PREPARATION_GROUP: "preparation_group"}


def default_association():
    """The default Site (the first association); what an object belongs to when none is given."""
    return Site.objects.filter(is_default_site=True).first() or Site.objects.order_by("pk").first()


def default_association_id():
    """The default Site's key, for model field defaults (None on a database without sites)."""
    site = default_association()
    return site.pk if site is not None else None


class AssociationOwned(models.Model):
    """Something that belongs to exactly one association (home.associations); the first one by default."""

    association = models.ForeignKey(
        "wagtailcore.Site",
        verbose_name=_("förbund"),
        on_delete=models.PROTECT,
        related_name="+",
        default=default_association_id,
        editable=False,
    )

    class Meta:
        abstract = True


def role_group(association, role):
    """The auth Group that holds ``role`` (home.roles: COORDINATOR, BOARD, PREPARATION_GROUP) in ``association``."""
    from home.models import OrganisationSettings  # home.models imports this module's field default

    group = getattr(OrganisationSettings.for_site(association), ROLE_FIELDS[role])
    if group is None and association.is_default_site:
        # The first association's groups are the ones the migrations create (home.roles).
        group = Group.objects.filter(name=role).first()
    return group


def of_user(user):
    """The associations ``user`` works in (every one for a superuser), as a Site queryset."""
    sites = Site.objects.order_by("-is_default_site", "site_name", "pk")
    if not user.is_authenticated or not user.is_active:
        return sites.none()
    if user.is_superuser:
        return sites
    groups = list(user.groups.values_list("pk", "name"))
    if not groups:
        return sites.none()
    group_ids = [pk for pk, _name in groups]
    linked = Q()
    for field in ROLE_FIELDS.values():
        linked |= Q(**{f"organisationsettings__{field}__in": group_ids})
    if any(name in ROLE_FIELDS for _pk, name in groups):
        # The first association's groups, before init_site has linked them (see role_group).
        linked |= Q(is_default_site=True)
    return sites.filter(linked).distinct()


def has_role(user, association, role):
    """Whether ``user`` holds ``role`` in ``association`` (superusers hold every role)."""
    if user.is_superuser:
        return True
    group = role_group(association, role)
    return group is not None and user.groups.filter(pk=group.pk).exists()


def for_admin(request):
    """The association an admin request works in (see the module docstring); None when the user has none."""
    allowed = of_user(request.user)
    chosen = request.session.get(SESSION_KEY) if hasattr(request, "session") else None
    if chosen is not None:
        site = allowed.filter(pk=chosen).first()
        if site is not None:
            return site
    host_site = Site.find_for_request(request)
    if host_site is not None and allowed.filter(pk=host_site.pk).exists():
        return host_site
    return allowed.first()


def for_request(request):
    """The association of ``request``: the host's Site on the public site, :func:`for_admin` in the admin."""
    if request.path.startswith("/admin/") and getattr(request, "user", None) is not None:
        return for_admin(request)
    return Site.find_for_request(request) or default_association()


def choose(request, association):
    """Make ``association`` the one this admin session works in (only one the user belongs to)."""
    if not of_user(request.user).filter(pk=association.pk).exists():
        raise PermissionError("Du arbetar inte i det förbundet.")
    request.session[SESSION_KEY] = association.pk
    request.association = association


class AssociationMiddleware:
    """Sets ``request.association`` (lazily: a cached page never asks for it). Below authentication."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.association = SimpleLazyObject(lambda: for_request(request))
        return self.get_response(request)
