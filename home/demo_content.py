"""The demo site's core: users, the home page, the organisation settings and
the core pages, written from the association's 2006 communication plan."""

from django.contrib.auth.models import Group, User
from wagtail.models import Page, Site

from home.models import HomePage, OrganisationSettings, StandardPage
from home.roles import BOARD, COORDINATOR

DEMO_USERS = {
    "samordnare": {"group": COORDINATOR, "first_name": "Sam", "last_name": "Ordnare", "superuser": False},
    "styrelse": {"group": BOARD, "first_name": "Stina", "last_name": "Styrelse", "superuser": False},
    "admin": {"group": None, "first_name": "Ad", "last_name": "Min", "superuser": True},
}

FACT_BOX = (
    "<p><b>Samordningsförbundet Lycksele</b> bildades i maj 2005 enligt lagen om finansiell samordning "
    "av rehabiliteringsinsatser. Förbundets medlemmar är Arbetsförmedlingen, Försäkringskassan, "
    "Lycksele kommun och Region Västerbotten.</p>"
    "<p>Förbundet verkar för samordning inom rehabiliteringsområdet utifrån ett individperspektiv, "
    "till nytta för den enskilde invånaren i Lycksele.</p>"
)
KEY_MESSAGES = (
    "<ul><li>Kvalitetshöjning i verksamheten och större valfrihet för individen.</li>"
    "<li>Samarbetet ger Samordningsförbundet större genomslag och därmed ökade möjligheter inom "
    "välfärdsområdet.</li></ul>"
)
PRINCIPALS = [
    ("Arbetsförmedlingen", "https://arbetsformedlingen.se/"),
    ("Försäkringskassan", "https://www.forsakringskassan.se/"),
    ("Lycksele kommun", "https://www.lycksele.se/"),
    ("Region Västerbotten", "https://www.regionvasterbotten.se/"),
]

CORE_PAGES = [
    {
        "slug": "om-forbundet",
        "title": "Om förbundet",
        "intro": "Samordningsförbundet verkar för samordning inom rehabiliteringsområdet mellan "
        "arbetsförmedling, försäkringskassa, kommun och region.",
        "body": [
            ("heading", "Bakgrund"),
            (
                "paragraph",
                "<p>Samordningsförbundet i Lycksele bildades under maj 2005. Verkställande tjänsteman är "
                "utsedd och ett första delprojekt är format.</p>",
            ),
            ("heading", "Målsättning"),
            (
                "paragraph",
                "<p>Förbundets övergripande målsättning är att verka för en samordning inom "
                "rehabiliteringsområdet utifrån ett individperspektiv mellan arbetsförmedling, "
                "försäkringskassa, kommun och landsting till nytta för den enskilde invånaren i Lycksele.</p>",
            ),
        ],
    },
    {
        "slug": "kontakt",
        "title": "Kontakt",
        "intro": "Kontakta Samordningsförbundet Lycksele.",
        "body": [],
    },
    {
        "slug": "soka-medel",
        "title": "Söka medel",
        "intro": "Så söker du medel från förbundet för projekt och verksamheter.",
        "body": [],
    },
    {
        "slug": "tillganglighet",
        "title": "Tillgänglighetsredogörelse",
        "intro": "Samordningsförbundet Lycksele står bakom den här webbplatsen.",
        "body": [],
        "in_menu": False,
    },
    {
        "slug": "personuppgifter",
        "title": "Personuppgifter",
        "intro": "Så behandlar vi dina personuppgifter.",
        "body": [],
        "in_menu": False,
    },
]


def ensure_users(password):
    """Create the three demo logins once; return them and what was created."""
    users, created = {}, []
    for username, spec in DEMO_USERS.items():
        user, was_created = User.objects.get_or_create(
            username=username,
            defaults={
                "first_name": spec["first_name"],
                "last_name": spec["last_name"],
                "email": f"{username}@example.org",
                "is_staff": spec["superuser"],
                "is_superuser": spec["superuser"],
            },
        )
        if was_created:
            user.set_password(password)
            user.save()
            if spec["group"]:
                user.groups.add(Group.objects.get(name=spec["group"]))
            created.append(f"användaren {username}")
        users[username] = user
    return users, created


def ensure_site():
    """Put a HomePage at the root of the default site, with the core pages under it."""
    created = []
    home = HomePage.objects.first()
    if home is None:
        root = Page.objects.get(depth=1)
        home = root.add_child(
            instance=HomePage(
                title="Samordningsförbundet Lycksele",
                slug="start",
                intro="<p>Vi samordnar rehabilitering mellan Arbetsförmedlingen, Försäkringskassan, "
                "Lycksele kommun och Region Västerbotten – till nytta för den enskilde invånaren.</p>",
            )
        )
        site = Site.objects.filter(is_default_site=True).first()
        old_root = site.root_page if site else None
        if site:
            site.root_page = home
            site.site_name = "Samordningsförbundet Lycksele"
            site.save()
        else:
            site = Site.objects.create(
                hostname="localhost", port=80, root_page=home, is_default_site=True, site_name=home.title
            )
        if old_root and old_root.pk != home.pk and not old_root.specific_class == HomePage:
            old_root.delete()
        created.append("startsidan")
    site = Site.objects.get(root_page=home)
    created += ensure_organisation(site)
    for spec in CORE_PAGES:
        if not home.get_children().filter(slug=spec["slug"]).exists():
            page = StandardPage(
                title=spec["title"],
                slug=spec["slug"],
                intro=spec["intro"],
                body=spec["body"],
                show_in_menus=spec.get("in_menu", True),
            )
            home.add_child(instance=page)
            page.save_revision().publish()
            created.append(f"sidan /{spec['slug']}/")
    return home, created


def ensure_organisation(site):
    settings = OrganisationSettings.for_site(site)
    if settings.fact_box:
        return []
    settings.fact_box = FACT_BOX
    settings.key_messages = KEY_MESSAGES
    settings.email = "info@samordningsforbundet-lycksele.se"
    settings.phone = "0950-123 45"
    settings.postal_address = "Samordningsförbundet Lycksele\nBox 1\n921 21 Lycksele"
    settings.save()
    for order, (name, url) in enumerate(PRINCIPALS):
        settings.principals.create(name=name, url=url, sort_order=order)
    return ["organisationens inställningar och faktaruta"]
