"""Build an association's real, empty site: its Site record, page tree and organisation settings.

``init_site`` runs :func:`init_site` on every start of production; ``load_demo``
builds on the same functions with the demo's texts and values. Everything here
is idempotent: what exists is left alone (an editor's text is never overwritten),
what is missing is created. Plugins add their own pages (the press room, the
activity plan) through the ``register_site_pages`` hook with a function
``fn(context: SiteContext)``, so the core never names a plugin.
"""

from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.models import Group, Permission, User
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.text import slugify
from wagtail import hooks
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    GroupSitePermission,
    Page,
    Site,
    Workflow,
)

from home import site_texts
from home.associations import ROLE_FIELDS, role_group
from home.branding import ensure_brand_images
from home.models import (
    ContactPage,
    FundingPage,
    HomePage,
    NewsIndexPage,
    OrganisationSettings,
    Principal,
    ProjectIndexPage,
    ReportIndexPage,
    StandardPage,
)
from home.roles import BOARD, COORDINATOR, PREPARATION_GROUP

# What a new association fills in under Inställningar > Organisation; brackets mark the placeholders.
PLACEHOLDERS = {
    "name": "Samordningsförbundet Lycksele",
    "fact_box": "<p>[Bakgrundsfakta om förbundet: när det bildades, enligt vilken lag och vilka medlemmarna är. "
    "Följer med varje pressmeddelande.]</p>",
    "key_messages": "<p>[Förbundets grundbudskap.]</p>",
    "email": "",
    "phone": "[telefonnummer]",
    "postal_address": "[Postadress]",
    "visiting_address": "[Besöksadress]",
    "organisation_number": "[org.nr]",
    "principals": [],
    # Who speaks for the association (the press room's contact); not kept in the settings.
    "spokesperson_name": "[Namn på presskontakten]",
    "spokesperson_role": "[Roll]",
}
# What `wagtail start` and Wagtail's own migrations leave behind and this site does not use.
STOCK_GROUPS = ["Editors", "Moderators"]
# What each role may do with its association's pages and files (home/migrations/0002 gave them the whole tree).
PAGE_PERMISSIONS = {COORDINATOR: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]}
COLLECTION_PERMISSIONS = {
    COORDINATOR: [
        "wagtailimages.add_image",
        "wagtailimages.change_image",
        "wagtailimages.choose_image",
        "wagtaildocs.add_document",
        "wagtaildocs.change_document",
        "wagtaildocs.choose_document",
    ],
    BOARD: ["wagtailimages.choose_image", "wagtaildocs.choose_document"],
}
# Site settings a role may change, for its own Site only (a global permission would reach every one).
SITE_SETTING_PERMISSIONS = {COORDINATOR: ["change_organisationsettings"]}
STOCK_WORKFLOW = "Moderators approval"


@dataclass
class SiteContext:
    """What the builders and the ``register_site_pages`` hook share: the site, its home page,
    the organisation values (see :data:`PLACEHOLDERS`) and a note of everything created."""

    site: Site
    home: HomePage
    organisation: dict
    created: list = field(default_factory=list)

    def note(self, what):
        self.created.append(what)


def site_address(url):
    """``(hostname, port)`` of a site address such as ``https://www.example.se``; ValueError if it is none.

    Wagtail's Site record has no scheme: port 443 means https and any other port http
    (``Site.root_url``), so an https address must use port 443.
    """
    parts = urlsplit(url)
    try:
        port = parts.port
    except ValueError:
        port = None
        parts = parts._replace(netloc="")
    if parts.scheme not in {"http", "https"} or not parts.hostname or parts.path.strip("/"):
        raise ValueError(f"SITE_URL ska vara en adress som https://www.example.se, inte {url!r}.")
    if parts.scheme == "https" and port not in (None, 443):
        raise ValueError(f"SITE_URL med https måste använda port 443 (Wagtails Site kan inte uttrycka {url!r}).")
    return parts.hostname, port or (443 if parts.scheme == "https" else 80)


def ensure_home_site(address, *, name, intro="", slug="start", default=True):
    """The Site at ``address`` with a HomePage as its root; returns ``(site, created)``.

    With ``default`` the default Site (Wagtail's ``localhost`` one on a fresh database)
    is moved to ``address`` and its root to the home page, so links never say ``localhost``.
    """
    hostname, port = site_address(address)
    created = []
    if default:
        site = Site.objects.filter(is_default_site=True).first()
    else:
        site = Site.objects.filter(hostname=hostname, port=port).first()
    home = site.root_page.specific if site is not None else None
    if not isinstance(home, HomePage):
        home = HomePage.objects.filter(depth=2, slug=slug).first()
    if home is None:
        home = Page.get_first_root_node().add_child(instance=HomePage(title=name, slug=slug, intro=intro))
        home.save_revision().publish()
        created.append("startsidan")
    wanted = {"hostname": hostname, "port": port, "root_page_id": home.pk, "site_name": name}
    if site is None:
        site = Site.objects.create(is_default_site=default, **wanted)
        created.append(f"webbplatsen {site.root_url}")
    elif any(getattr(site, key) != value for key, value in wanted.items()):
        for key, value in wanted.items():
            setattr(site, key, value)
        site.save()
        created.append(f"webbplatsens adress {site.root_url}")
    return site, created


def remove_wagtail_defaults():
    """Remove Wagtail's welcome page, its stock groups and their unused workflow; return what went."""
    removed = []
    for page in Page.objects.filter(depth=2, content_type__app_label="wagtailcore", content_type__model="page"):
        if not page.get_children().exists() and not Site.objects.filter(root_page=page).exists():
            removed.append(f"Wagtails välkomstsida ”{page.title}”")
            page.delete()
    for group in Group.objects.filter(name__in=STOCK_GROUPS):
        removed.append(f"gruppen {group.name}")
        group.delete()
    for workflow in Workflow.objects.filter(name=STOCK_WORKFLOW, workflow_pages=None, workflow_content_types=None):
        if not workflow.workflow_states.exists():
            removed.append(f"arbetsflödet {workflow.name}")
            workflow.delete()
    GroupApprovalTask.objects.filter(name=STOCK_WORKFLOW, groups=None, task_states=None).delete()
    return removed


def build_site(site, organisation, texts=site_texts):
    """Organisation settings, core pages and the plugins' pages of ``site``; returns the context.

    ``site.root_page`` is a HomePage; ``organisation`` holds the values of :data:`PLACEHOLDERS`;
    ``texts`` is a module like :mod:`home.site_texts` (the demo passes its own).
    """
    context = SiteContext(site=site, home=site.root_page.specific, organisation=organisation)
    ensure_organisation(context)
    for title in ensure_brand_images(OrganisationSettings.for_site(site)):
        context.note(f"bilden {title}")
    forms = ensure_collection("Blanketter", context.created)
    for page in core_pages(organisation, forms, texts):
        ensure_page(context.home, page, context.created)
    for register_pages in hooks.get_hooks("register_site_pages"):
        register_pages(context)
    grant_roles(site)
    return context


def init_site(address=None, organisation=None, *, intro="", texts=site_texts):
    """The whole first day of the default site at ``address`` (``SITE_URL``); returns the context."""
    organisation = {**PLACEHOLDERS, **(organisation or {})}
    site, created = ensure_home_site(address or settings.SITE_URL, name=organisation["name"], intro=intro)
    removed = remove_wagtail_defaults()
    context = build_site(site, organisation, texts)
    context.created[:0] = created + [f"tog bort {what}" for what in removed]
    return context


def ensure_organisation(context):
    """Fill in the organisation settings once, while none of them is filled in."""
    values = context.organisation
    org = OrganisationSettings.for_site(context.site)
    if org.fact_box or org.email or org.phone or org.postal_address:
        return
    for key in ("name", "fact_box", "key_messages", "email", "phone", "postal_address", "visiting_address"):
        setattr(org, key, values[key])
    org.organisation_number = values["organisation_number"]
    # A cluster's children are written by its save.
    org.principals = [
        Principal(name=name, url=url, sort_order=order) for order, (name, url) in enumerate(values["principals"])
    ]
    org.save()
    context.note("organisationens inställningar")


def ensure_collection(name, created):
    """The top-level collection ``name``, made if missing (noted in the list ``created``)."""
    collection = Collection.objects.filter(name=name).first()
    if collection is None:
        collection = Collection.get_first_root_node().add_child(name=name)
        created.append(f"samlingen {name}")
    return collection


def ensure_page(parent, page, created):
    """Add and publish ``page`` under ``parent`` unless a page with its slug is there; return the live one."""
    existing = parent.get_children().filter(slug=page.slug).first()
    if existing is not None:
        return existing.specific
    parent.add_child(instance=page)
    page.save_revision().publish()
    created.append(f"sidan {page.title}")
    return page


def core_pages(organisation, forms, texts):
    """The pages every site has, in menu order, with ``texts``' starting texts; unsaved."""
    accessibility_intro, accessibility_body = texts.accessibility_statement(organisation)
    privacy_intro, privacy_body = texts.privacy_notice(organisation)
    funding = FundingPage(
        title="Söka medel",
        slug="soka-medel",
        intro=texts.FUNDING_INTRO,
        body=texts.FUNDING_BODY,
        forms_collection=forms,
        show_in_menus=True,
    )
    return [
        StandardPage(
            title="Om förbundet",
            slug="om-forbundet",
            intro=texts.ABOUT_INTRO,
            body=texts.ABOUT_BODY,
            show_in_menus=True,
        ),
        ProjectIndexPage(title="Projekt", slug="projekt", intro=texts.PROJECT_INDEX_INTRO, show_in_menus=True),
        NewsIndexPage(title="Nyheter", slug="nyheter", intro=texts.NEWS_INDEX_INTRO, show_in_menus=True),
        ReportIndexPage(title="Rapporter", slug="rapporter", intro=texts.REPORT_INDEX_INTRO, show_in_menus=True),
        funding,
        ContactPage(title="Kontakt", slug="kontakt", intro=texts.CONTACT_INTRO, show_in_menus=True),
        StandardPage(
            title="Tillgänglighetsredogörelse",
            slug="tillganglighet",
            intro=accessibility_intro,
            body=accessibility_body,
        ),
        StandardPage(title="Personuppgifter", slug="personuppgifter", intro=privacy_intro, body=privacy_body),
    ]


@dataclass
class AssociationContext(SiteContext):
    """What ``create_association`` built, passed to the ``register_association_setup`` hook.

    ``groups`` maps each role (home.roles) to the association's group; ``coordinator``
    is its coordinator's user; ``password_link`` the link where they set their password
    (empty when they already have one).
    """

    groups: dict = field(default_factory=dict)
    coordinator: object = None
    password_link: str = ""


def association_address(hostname):
    """The site address of ``--hostname``: ``host`` is https on 443, ``host:port`` is http (development)."""
    hostname = (hostname or "").strip().lower().rstrip("/")
    if "://" in hostname:
        return hostname
    host, _sep, port = hostname.partition(":")
    if not host or "/" in hostname or (port and not port.isdigit()):
        raise ValueError(f"--hostname ska vara ett värdnamn som www.exempel.se, inte {hostname!r}.")
    return f"http://{hostname}" if port else f"https://{hostname}"


def parse_principal(value):
    """``(name, url)`` of ``--principal "Namn|https://adress"``; ValueError with a Swedish message otherwise."""
    name, sep, url = (value or "").partition("|")
    name, url = name.strip(), url.strip()
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError:
        url = None
    if not sep or not name or url is None:
        raise ValueError(f"--principal ska vara ”Namn|https://adress”, inte {value!r}.")
    return name, url


def ensure_association_groups(site, name):
    """The association's three groups (home.roles), named after it and linked from its settings."""
    org = OrganisationSettings.for_site(site)
    groups, created = {}, []
    for role, field_name in ROLE_FIELDS.items():
        group = getattr(org, field_name)
        if group is None:
            group, made = Group.objects.get_or_create(name=f"{role}: {name}")
            setattr(org, field_name, group)
            if made:
                created.append(f"gruppen {group.name}")
        groups[role] = group
    if created:
        org.save()
    return groups, created


def ensure_coordinator(email, group):
    """The coordinator's user (their address is the login) in ``group``; returns ``(user, created)``.

    A new user has no password and cannot log in until they set one through their link.
    """
    user = User.objects.filter(username__iexact=email).first()
    created = user is None
    if created:
        user = User(username=email, email=email)
        user.set_unusable_password()
        user.save()
    user.groups.add(group)
    return user, created


def password_link(user):
    """The admin's link where ``user`` sets their password (a password-reset link), on SITE_URL."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return settings.SITE_URL + reverse("wagtailadmin_password_reset_confirm", args=[uid, token])


def create_association(*, name, hostname, principals, coordinator_email):
    """A new association: its Site and page tree, settings, groups, coordinator and what the
    ``register_association_setup`` hook adds (permissions, lists); idempotent. Returns the context.

    Raises ValueError (a Swedish message) on bad input, before anything is written.
    """
    name = (name or "").strip()
    if not name:
        raise ValueError("--name får inte vara tomt.")
    address = association_address(hostname)
    host, port = site_address(address)
    default = Site.objects.filter(is_default_site=True).first()
    if default is not None and (default.hostname, default.port) == (host, port):
        raise ValueError(f"{host} är installationens första förbund; det byggs av init_site.")
    taken = Site.objects.filter(site_name=name).exclude(hostname=host, port=port).first()
    if taken is not None:
        raise ValueError(f"Förbundet {name} finns redan på {taken.root_url}.")
    parsed = [parse_principal(value) for value in principals]
    try:
        validate_email(coordinator_email or "")
    except ValidationError:
        raise ValueError(f"--coordinator-email ska vara en e-postadress, inte {coordinator_email!r}.") from None
    site, created = ensure_home_site(address, name=name, slug=slugify(name)[:50] or "start", default=False)
    organisation = {**PLACEHOLDERS, "name": name, "principals": parsed, "email": coordinator_email}
    context = AssociationContext(site=site, home=site.root_page.specific, organisation=organisation)
    context.created.extend(created)
    context.created.extend(build_site(site, organisation).created)
    context.groups, made = ensure_association_groups(site, name)
    context.created.extend(made)
    context.coordinator, made = ensure_coordinator(coordinator_email, context.groups[COORDINATOR])
    if made:
        context.note(f"användaren {context.coordinator.username}")
    if not context.coordinator.has_usable_password():
        context.password_link = password_link(context.coordinator)
    for setup in hooks.get_hooks("register_association_setup"):
        setup(context)
    return context


def association_collection(site):
    """The collection of ``site``'s images and documents: a top-level one named after it, made if missing.

    The default association's files, which lay in the root collection and its other top-level
    collections before there were associations, are moved into it.
    """
    root = Collection.get_first_root_node()
    collection = root.get_children().filter(name=site.site_name).first() or root.add_child(name=site.site_name)
    if site.is_default_site:
        others = set(Site.objects.exclude(pk=site.pk).values_list("site_name", flat=True))
        for legacy in root.get_children().exclude(pk=collection.pk).exclude(name__in=others):
            legacy.move(collection, pos="sorted-child")
        for model in (get_image_model(), get_document_model()):
            model.objects.filter(collection=root).update(collection=collection)
    return collection


def grant_roles(site):
    """Give ``site``'s role groups (home.associations.role_group) what their roles may do, in it only.

    Pages: its home page and below; images and documents: :func:`association_collection`; its
    organisation settings (:data:`SITE_SETTING_PERMISSIONS`, for this Site only); models: the
    permissions of the plain groups ("Samordnare", "Styrelse", "Beredningsgrupp"), which the
    apps' migrations grant. Permissions the default association's groups held on the whole tree or
    the root collection are withdrawn. Idempotent; a role without a group is left out.
    """
    collection = association_collection(site)
    site_settings = Permission.objects.filter(
        content_type__app_label="home",
        codename__in=[name for names in SITE_SETTING_PERMISSIONS.values() for name in names],
    )
    for role in (COORDINATOR, BOARD, PREPARATION_GROUP):
        group = role_group(site, role)
        if group is None:
            continue
        if group.name != role:
            plain = Group.objects.filter(name=role).first()
            group.permissions.add(*(plain.permissions.exclude(pk__in=site_settings) if plain else []))
        group.permissions.remove(*site_settings)
        for permission in site_settings.filter(codename__in=SITE_SETTING_PERMISSIONS.get(role, [])):
            GroupSitePermission.objects.get_or_create(group=group, site=site, permission=permission)
        GroupPagePermission.objects.filter(group=group, page__depth=1).delete()
        GroupCollectionPermission.objects.filter(group=group, collection__depth=1).delete()
        for codename in PAGE_PERMISSIONS.get(role, []):
            permission = Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)
            GroupPagePermission.objects.get_or_create(group=group, page=site.root_page, permission=permission)
        for name in COLLECTION_PERMISSIONS.get(role, []):
            app_label, codename = name.split(".")
            permission = Permission.objects.get(content_type__app_label=app_label, codename=codename)
            GroupCollectionPermission.objects.get_or_create(group=group, collection=collection, permission=permission)
