"""Admin wiring for the core site.

Hooks that home *offers* to plugins (called, never imported):
- ``home_page_sections``: ``fn(request, home_page) -> str | None``, HTML of a section on the home page.
- ``register_demo_content``: ``fn(context: home.demo.DemoContext)``, idempotent demo data for load_demo.
- ``register_demo_association_content``: the same for load_demo's second, fictional association
  (``context.site`` is its Site): a little content of its own, so the isolation shows.
- ``register_association_setup``: ``fn(context: home.site_setup.AssociationContext)``, what
  create_association adds to a new association beyond its site, pages and groups (the groups'
  permissions, its mailing lists); idempotent, inside the command's transaction.
"""

from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.admin.widgets import Button
from wagtail.models import Page
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from home import guide
from home.associations import AssociationScopedViewSet, of_user
from home.models import OrganisationSettings, Person, ReportKind
from home.printed import PRINTED_ITEMS
from home.site_setup import grant_roles
from home.views import AssociationSwitchView, PageResendView, can_resend


class PersonViewSet(AssociationScopedViewSet, SnippetViewSet):
    model = Person
    icon = "user"
    menu_label = _("Kontaktpersoner")
    url_prefix = "kontaktpersoner"
    list_display = ["name", "role", "organisation", "email"]
    search_fields = ["name", "role", "organisation"]
    # Plain database filtering, as the network's listings: the search index has no organisation
    # column (500), and SQLite's full-text index cannot search single fields ("no such column").
    search_backend_name = None


class ReportKindViewSet(SnippetViewSet):
    model = ReportKind
    icon = "doc-full"
    menu_label = _("Rapporttyper")
    url_prefix = "rapporttyper"
    list_display = ["name", "name_plural"]


class SiteSnippetsGroup(SnippetViewSetGroup):
    items = (PersonViewSet, ReportKindViewSet)
    menu_label = _("Webbplats")
    menu_icon = "site"
    menu_name = "webbplats"


register_snippet(SiteSnippetsGroup)


@hooks.register("network_email_context")
def association_email_context(site):
    """The network's emails of an association carry its name, logo, fact box, footer and sender."""
    return OrganisationSettings.email_context(site)


@hooks.register("insert_editor_js")
def publish_guard_js():
    return format_html('<script src="{}"></script>', static("home/admin/publish-guard.js"))


@hooks.register("register_admin_urls")
def register_resend_url():
    return [path("skicka-igen/<int:pk>/", PageResendView.as_view(), name="home_resend_announcement")]


@hooks.register("register_admin_urls")
def register_association_switch_url():
    return [path("forbund/", AssociationSwitchView.as_view(), name="home_association_switch")]


class AssociationMenuItem(MenuItem):
    """ "Byt förbund", for those who work in more than one association (platform administrators in all)."""

    def is_shown(self, request):
        return of_user(request.user)[:2].count() > 1


@hooks.register("register_admin_menu_item")
def association_menu_item():
    return AssociationMenuItem(
        _("Byt förbund"), reverse("home_association_switch"), name="association", icon_name="site", order=50
    )


@hooks.register("register_association_setup")
def association_roles(context):
    """A new association's groups get their pages, collection and model permissions (create_association)."""
    grant_roles(context.site)


@hooks.register("construct_page_chooser_queryset")
def pages_of_the_association(pages, request):
    """The page chooser (e.g. a press release's project) offers only the current association's tree."""
    association = request.association
    root = Page.objects.filter(pk=getattr(association, "root_page_id", None)).first()
    return pages.descendant_of(root, inclusive=True) if root else pages.none()


@hooks.register("register_admin_urls")
def register_editors_guide_urls():
    return [
        path("redaktorsguide/", guide.editors_guide, name="home_editors_guide"),
        path("redaktorsguide/img/<str:name>", guide.guide_image, name="home_editors_guide_image"),
    ]


@hooks.register("register_help_menu_item")
def editors_guide_menu_item():
    return MenuItem(_("Redaktörsguide"), reverse("home_editors_guide"), icon_name="help", order=900)


@hooks.register("construct_help_menu")
def hide_wagtails_own_guides(request, menu_items):
    """Wagtail's English editor guide and release notes make way for ours."""
    menu_items[:] = [
        item for item in menu_items if item.name != "editor-guide" and not item.name.startswith("whats-new-in-wagtail")
    ]


def _resend_button(page, user, priority):
    if can_resend(page, user):
        yield Button(
            _("Skicka igen"),
            reverse("home_resend_announcement", args=[page.pk]),
            icon_name="mail",
            priority=priority,
        )


@hooks.register("register_page_header_buttons")
def page_header_resend_button(page, user, view_name=None, next_url=None):
    yield from _resend_button(page, user, priority=80)


@hooks.register("register_page_listing_more_buttons")
def page_listing_resend_button(page, user, next_url=None):
    yield from _resend_button(page, user, priority=70)


@hooks.register("register_admin_menu_item")
def printed_menu():
    """Trycksaker: the fact sheet, the posters and the leaflet, each opened as its PDF (home.printed)."""
    items = [
        MenuItem(item.title, reverse("printed", args=[item.name]), icon_name="doc-full", order=index)
        for index, item in enumerate(PRINTED_ITEMS.values())
    ]
    return SubmenuMenuItem(
        _("Trycksaker"), Menu(items=items), icon_name="doc-full-inverse", name="trycksaker", order=900
    )
