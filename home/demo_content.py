"""The demo site's core: users, the home page, the organisation settings, the
core pages, and the news, projects, reports, forms and people of the public site,
written from the association's 2006 communication plan (texts in home.demo_texts)."""

import datetime

from django.contrib.auth.models import Group, User
from django.core.files.base import ContentFile
from fpdf import FPDF
from wagtail.documents import get_document_model
from wagtail.models import Collection, Page, Site

from home import demo_texts as texts
from home.branding import ensure_brand_images
from home.models import (
    ContactPage,
    ContactPagePerson,
    FundingFormField,
    FundingPage,
    HomePage,
    NewsIndexPage,
    NewsPage,
    OrganisationSettings,
    Person,
    Principal,
    ProjectIndexPage,
    ProjectPage,
    ReportIndexPage,
    ReportKind,
    ReportPage,
    StandardPage,
)
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
        home.save_revision().publish()
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
    created += ensure_principals(site)
    blanketter = ensure_collection("Blanketter", created)
    for page in core_pages(blanketter):
        ensure_page(home, page, created)
    return home, created


def core_pages(blanketter):
    """The pages every site has, in menu order; unsaved, so ensure_page only adds the missing ones."""
    funding = FundingPage(
        title="Söka medel",
        slug="soka-medel",
        intro=texts.FUNDING_INTRO,
        body=texts.FUNDING_BODY,
        forms_collection=blanketter,
        thank_you_text=texts.FUNDING_THANKS,
        to_address=texts.PEOPLE[0]["email"],
        from_address="webbplatsen@samordningsforbundet-lycksele.se",
        subject="Ny ansökan om medel från webbplatsen",
        show_in_menus=True,
    )
    funding.form_fields = [
        FundingFormField(
            sort_order=order, label=label, field_type=kind, required=required, choices=choices, help_text=help_text
        )
        for order, (label, kind, required, choices, help_text) in enumerate(texts.FUNDING_FIELDS)
    ]
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
            intro=texts.ACCESSIBILITY_INTRO,
            body=texts.ACCESSIBILITY_BODY,
        ),
        StandardPage(
            title="Personuppgifter", slug="personuppgifter", intro=texts.PRIVACY_INTRO, body=texts.PRIVACY_BODY
        ),
    ]


def ensure_page(parent, page, created):
    """Add and publish ``page`` under ``parent`` unless a page with its slug is there; return the live one."""
    existing = parent.get_children().filter(slug=page.slug).first()
    if existing is not None:
        return existing.specific
    parent.add_child(instance=page)
    page.save_revision().publish()
    created.append(f"sidan {page.title}")
    return page


def ensure_organisation(site):
    settings = OrganisationSettings.for_site(site)
    if settings.fact_box:
        return []
    settings.fact_box = FACT_BOX
    settings.key_messages = KEY_MESSAGES
    settings.email = "info@samordningsforbundet-lycksele.se"
    settings.phone = "0950-123 45"
    settings.postal_address = "Samordningsförbundet Lycksele\nBox 1\n921 21 Lycksele"
    settings.visiting_address = "Storgatan 1, Lycksele"
    settings.organisation_number = "222000-0000"
    settings.save()
    return ["organisationens inställningar och faktaruta"]


def ensure_principals(site):
    """The four principals; saved through the settings (a cluster's children are written by its save)."""
    settings = OrganisationSettings.for_site(site)
    if settings.principals.exists():
        return []
    settings.principals = [
        Principal(name=name, url=url, sort_order=order) for order, (name, url) in enumerate(PRINCIPALS)
    ]
    settings.save()
    return ["huvudmännen"]


def ensure_collection(name, created):
    collection = Collection.objects.filter(name=name).first()
    if collection is None:
        collection = Collection.get_first_root_node().add_child(name=name)
        created.append(f"samlingen {name}")
    return collection


def make_pdf(title, paragraphs):
    """A small PDF with a title and paragraphs, in the core Helvetica font (Latin-1)."""

    def latin1(text):
        return text.replace("–", "-").replace("”", '"').encode("latin-1", "replace").decode("latin-1")

    pdf = FPDF()
    pdf.set_title(latin1(title))
    pdf.set_author("Samordningsförbundet Lycksele")
    pdf.set_lang("sv")
    pdf.add_page()
    pdf.set_font("helvetica", "B", 18)
    pdf.multi_cell(0, 10, latin1(title))
    pdf.ln(4)
    pdf.set_font("helvetica", size=11)
    for paragraph in ["Samordningsförbundet Lycksele", *paragraphs]:
        pdf.multi_cell(0, 6, latin1(paragraph))
        pdf.ln(3)
    return bytes(pdf.output())


def ensure_document(title, paragraphs, collection, created):
    Document = get_document_model()
    document = Document.objects.filter(title=title, collection=collection).first()
    if document is None:
        document = Document(title=title, collection=collection)
        slug = title.lower().replace(" ", "-").replace("å", "a").replace("ä", "a").replace("ö", "o")
        document.file.save(f"{slug}.pdf", ContentFile(make_pdf(title, paragraphs)), save=False)
        document._set_document_file_metadata()
        document.save()
        created.append(f"dokumentet {title}")
    return document


def ensure_public_site(home):
    """The logo, people, projects, news, reports and the forms of the demo site; returns what was created."""
    created = [f"bilden {title}" for title in ensure_brand_images(OrganisationSettings.for_site(home.get_site()))]
    people = []
    for spec in texts.PEOPLE:
        person, was_created = Person.objects.get_or_create(name=spec["name"], defaults=spec)
        if was_created:
            created.append(f"kontaktpersonen {person.name}")
        people.append(person)

    contact = ContactPage.objects.descendant_of(home).first()
    if contact is not None and not contact.people.exists():
        for order, person in enumerate(people):
            ContactPagePerson.objects.create(page=contact, person=person, sort_order=order)
        created.append("kontaktpersonerna på kontaktsidan")

    blanketter = ensure_collection("Blanketter", created)
    for title, paragraphs in texts.BLANKETTER:
        ensure_document(title, paragraphs, blanketter, created)

    projects = {}
    project_index = ProjectIndexPage.objects.descendant_of(home).first()
    principals = list(OrganisationSettings.for_site(home.get_site()).principals.all())
    for spec in texts.PROJECTS:
        project = ProjectPage(
            **{key: value for key, value in spec.items() if not key.endswith("date")},
            **{key: datetime.date.fromisoformat(value) for key, value in spec.items() if key.endswith("date")},
            contact_person=people[0],
        )
        project.principals = principals
        projects[spec["slug"]] = ensure_page(project_index, project, created)

    news_index = NewsIndexPage.objects.descendant_of(home).first()
    for spec in texts.NEWS:
        news = NewsPage(
            title=spec["title"],
            slug=spec["slug"],
            date=datetime.date.fromisoformat(spec["date"]),
            lead=spec["lead"],
            body=spec["body"],
            related_project=projects.get(spec["project"]),
        )
        news.tags.add(*spec["tags"])
        ensure_page(news_index, news, created)

    reports_collection = ensure_collection("Rapporter", created)
    report_index = ReportIndexPage.objects.descendant_of(home).first()
    for spec in texts.REPORTS:
        report = ReportPage(
            title=spec["title"],
            slug=spec["slug"],
            kind=ReportKind.objects.get(name=spec["kind"]),
            year=spec["year"],
            period=spec["period"],
            summary=spec["summary"],
            document=ensure_document(spec["title"], spec["pdf"], reports_collection, created),
        )
        ensure_page(report_index, report, created)
    return created
