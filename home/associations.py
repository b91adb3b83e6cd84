"""Associations: one installation, many samordningsförbund (docs/architecture.md "Associations").

An association *is* a Wagtail :class:`~wagtail.models.Site`: its hostname, its page tree
and its :class:`~home.models.OrganisationSettings`. Everything an association owns carries
an ``association`` foreign key to its Site (:class:`AssociationOwned`, which the network
uses too: it may import this module, which imports no model of ours at import time). Its
addresses are :func:`root_url` and :func:`absolute_url`, never a request's host. Its people are its three
groups, linked from the organisation settings (``coordinator_group``, ``board_group``,
``preparation_group``). The first association keeps the plain group names ("Samordnare",
"Styrelse", "Beredningsgrupp") so a single-association installation looks as before.

Every request carries ``request.association`` (:class:`AssociationMiddleware`), resolved
lazily: on the public site the Site of the request's host (Wagtail's own lookup), in the
admin the association the user chose (:data:`SESSION_KEY`), else the host's one when the
user belongs to it, else the first one the user belongs to. Platform administrators
(superusers) belong to every association.
"""

from urllib.parse import urlsplit

from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.http import Http404
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.generic.ordering import ReorderView
from wagtail.models import Page, Site

from home.roles import BOARD, COORDINATOR, PREPARATION_GROUP

SESSION_KEY = "association"
# The OrganisationSettings field that names each role's group.
ROLE_FIELDS = {COORDINATOR: "coordinator_group", BOARD: "board_group", PREPARATION_GROUP: "preparation_group"}


def default_association():
    """The default Site (the first association); what an object belongs to when none is given."""
    return Site.objects.filter(is_default_site=True).first() or Site.objects.order_by("pk").first()


def root_url(association):
    """The absolute address of ``association`` without a trailing slash: ``SITE_URL`` for the
    default one, its Site record's ``root_url`` for the others; never the request's Host."""
    if association is None or association.is_default_site:
        return settings.SITE_URL
    return association.root_url


def domain(association=None):
    """The host name of the association's address: the domain of its Message-IDs and iCal UIDs."""
    return urlsplit(root_url(association)).hostname


def absolute_url(association, url):
    """``url`` (a path such as ``/press/``) on the address of ``association``; other URLs unchanged."""
    url = str(url or "")
    return f"{root_url(association)}{url}" if url.startswith("/") else url


def of_request(request):
    """The association whose public pages ``request`` asks for: its host's Site (the default one without a request)."""
    if request is None:
        return default_association()
    return Site.find_for_request(request) or default_association()


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
    return of_request(request)


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


def owned_querysets(association):
    """Everything ``association`` owns, as querysets: its Site, its pages (specific), its settings and
    every row of a model with an ``association`` key to it (discovered: no app is named here)."""
    yield Site.objects.filter(pk=association.pk)
    root = association.root_page
    pages = Page.objects.filter(path__startswith=root.path)
    yield pages.order_by("path")  # the base rows; the specific ones below carry only their own fields
    for content_type_id in pages.order_by().values_list("content_type", flat=True).distinct():
        model = apps.get_model(*ContentType.objects.get_for_id(content_type_id).natural_key())
        yield model.objects.filter(path__startswith=root.path).order_by("path")
    for model in apps.get_models():
        for model_field in model._meta.get_fields():
            if model_field.is_relation and model_field.many_to_one and model_field.related_model is Site:
                if model is not Site and model_field.name in ("site", "association"):
                    yield model._base_manager.filter(**{model_field.name: association}).order_by("pk")


def current_pk(request):
    """The key of ``request.association`` (None when the user works in no association)."""
    return getattr(getattr(request, "association", None), "pk", None)


def owned(request, queryset, path="association"):
    """``queryset`` (a model or queryset) limited to ``request.association``'s objects, for admin views of one's own."""
    queryset = queryset._default_manager.all() if isinstance(queryset, type) else queryset
    return queryset.filter(**{path: current_pk(request)})


def owner_pk(obj, path="association"):
    """The key of the association ``obj`` belongs to, through ``path`` (e.g. ``mailing__association``)."""
    *steps, last = path.split("__")
    for step in steps:
        obj = getattr(obj, step, None)
    return getattr(obj, f"{last}_id", None)


def is_owned(model):
    """Whether ``model`` carries an association of its own (an :class:`AssociationOwned` or alike)."""
    return any(field.name == "association" and field.is_relation for field in model._meta.concrete_fields)


def restrict_choices(form, association_pk):
    """Let ``form`` and its inline formsets offer only ``association_pk``'s objects in each owned-model choice."""
    for field in form.fields.values():
        queryset = getattr(field, "queryset", None)
        if queryset is None:
            continue
        if is_owned(queryset.model):
            field.queryset = queryset.filter(association_id=association_pk)
        elif issubclass(queryset.model, Page):
            # A page choice (e.g. a release's project) stays within the association's tree.
            root = Page.objects.filter(sites_rooted_here=association_pk).first()
            field.queryset = queryset.descendant_of(root, inclusive=True) if root else queryset.none()
    for formset in getattr(form, "formsets", {}).values():
        for inline in [*formset.forms, formset.empty_form]:
            restrict_choices(inline, association_pk)
    return form


class ScopedObjectView:
    """An admin view of one object: 404 for an object of another association than the request's."""

    association_path = "association"

    def get_object(self, *args, **kwargs):
        obj = super().get_object(*args, **kwargs)
        if obj is not None and obj.pk is not None and owner_pk(obj, self.association_path) != current_pk(self.request):
            raise Http404
        return obj


class ScopedListingView:
    """An admin listing (index, search, export): only the request's association's objects."""

    association_path = "association"

    def get_base_queryset(self):
        queryset = super().get_base_queryset()
        if queryset.model is not self.model:
            return queryset  # e.g. the history view lists log entries, of an object already checked
        return queryset.filter(**{self.association_path: current_pk(self.request)})


class ScopedChooserView:
    """A chooser's listing and its chosen views: only the request's association's objects."""

    association_path = "association"

    def get_object_list(self):
        return super().get_object_list().filter(**{self.association_path: current_pk(self.request)})

    def get_objects(self, pks):
        return super().get_objects(pks).filter(**{self.association_path: current_pk(self.request)})


class ScopedFormView:
    """An admin form: choices of owned models from the request's association; a new object belongs to it."""

    association_path = "association"

    def get_initial_form_instance(self):
        instance = super().get_initial_form_instance() or self.model()
        if self.association_path == "association" and instance.pk is None:
            instance.association_id = current_pk(self.request)
        return instance

    def get_form(self, *args, **kwargs):
        return restrict_choices(super().get_form(*args, **kwargs), current_pk(self.request))


class ScopedFilterView:
    """An admin listing's filters offer only the request's association's objects."""

    @cached_property
    def filters(self):
        filters = super().filters
        if filters is not None:
            restrict_choices(filters.form, current_pk(self.request))
        return filters


class ScopedReorderView:
    """Drag-and-drop ordering (e.g. the activity plan): only the request's association's objects move."""

    association_path = "association"

    def get_queryset(self):
        return super().get_queryset().filter(**{self.association_path: current_pk(self.request)})

    def post(self, request, *args, **kwargs):
        if not self.get_queryset().filter(pk=kwargs.get("pk")).exists():
            raise Http404
        return super().post(request, *args, **kwargs)


# Which scoping a view class gets, by the method that shows it fetches objects that way.
SCOPES = [
    ("get_object", ScopedObjectView),
    ("get_base_queryset", ScopedListingView),
    ("get_object_list", ScopedChooserView),
    ("get_form", ScopedFormView),
    ("filters", ScopedFilterView),
]


def scoped_view(view_class, association_path="association"):
    """``view_class`` limited to the request's association (every way it fetches or offers objects)."""
    mixins = tuple(mixin for method, mixin in SCOPES if hasattr(view_class, method))
    if issubclass(view_class, ReorderView):
        mixins = (ScopedReorderView, *mixins)
    if not mixins:
        return view_class
    return type(view_class.__name__, (*mixins, view_class), {"association_path": association_path})


class AssociationScopedViewSet:
    """Mixed into an admin viewset (model, snippet or chooser): every view it builds sees only
    ``request.association``'s objects (listings, search, export, choosers, forms and every
    per-object URL, which answers 404 for another association's object), and what it creates
    belongs to that association. ``association_path`` reaches the association from the model."""

    association_path = "association"

    def construct_view(self, view_class, **kwargs):
        return super().construct_view(scoped_view(view_class, self.association_path), **kwargs)

    @property
    def chooser_viewset_class(self):
        # A snippet's chooser (e.g. the contact persons of a press release) is scoped alike.
        base = super().chooser_viewset_class
        return type(base.__name__, (AssociationScopedViewSet, base), {"association_path": self.association_path})
