"""The demo site's core: users, the site of init_site with the demo's texts and
organisation, and the news, projects, reports, forms and people of the public site,
written from the association's 2006 communication plan (texts in home.demo_texts)."""

import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core.files.base import ContentFile
from fpdf import FPDF
from wagtail.documents import get_document_model

from home import demo_texts as texts
from home.models import (
    ContactPage,
    ContactPagePerson,
    NewsIndexPage,
    NewsPage,
    OrganisationSettings,
    Person,
    ProjectIndexPage,
    ProjectPage,
    ReportIndexPage,
    ReportKind,
    ReportPage,
)
from home.roles import BOARD, COORDINATOR
from home.site_setup import PLACEHOLDERS, create_association, ensure_collection, ensure_page, init_site

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
DEMO_ORGANISATION = {
    "name": "Samordningsförbundet Lycksele",
    "fact_box": FACT_BOX,
    "key_messages": KEY_MESSAGES,
    "email": "info@samordningsforbundet-lycksele.se",
    "phone": "0950-123 45",
    "postal_address": "Samordningsförbundet Lycksele\nBox 1\n921 21 Lycksele",
    "visiting_address": "Storgatan 1, Lycksele",
    "organisation_number": "222000-0000",
    "spokesperson_name": "Sam Ordnare",
    "spokesperson_role": "Samordnare",
    "principals": [
        ("Arbetsförmedlingen", "https://arbetsformedlingen.se/"),
        ("Försäkringskassan", "https://www.forsakringskassan.se/"),
        ("Lycksele kommun", "https://www.lycksele.se/"),
        ("Region Västerbotten", "https://www.regionvasterbotten.se/"),
    ],
}


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
    """The site of init_site, built with the demo's texts and organisation; returns the home page and what was made."""
    context = init_site(
        settings.SITE_URL,
        DEMO_ORGANISATION,
        intro="<p>Vi samordnar rehabilitering mellan Arbetsförmedlingen, Försäkringskassan, "
        "Lycksele kommun och Region Västerbotten – till nytta för den enskilde invånaren.</p>",
        texts=texts,
    )
    return context.home, context.created


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
    """People, projects, news, reports and the forms of the demo site; returns what was created."""
    created = []
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


def ensure_fictional_association(site_url):
    """The demo's second, fictional association at exempeldalen.localhost (SITE_URL's port) with a news item.

    Returns its context (home.site_setup.AssociationContext); plugins add its releases and
    activities through the ``register_demo_association_content`` hook.
    """
    port = urlsplit(site_url).port
    context = create_association(
        name=texts.FICTIONAL_NAME,
        hostname=f"{texts.FICTIONAL_HOST}:{port}" if port else f"{texts.FICTIONAL_HOST}:80",
        principals=texts.FICTIONAL_PRINCIPALS,
        coordinator_email=texts.FICTIONAL_COORDINATOR,
    )
    organisation = OrganisationSettings.for_site(context.site)
    if organisation.fact_box == PLACEHOLDERS["fact_box"]:
        organisation.fact_box = texts.FICTIONAL_FACT_BOX
        organisation.save()
        context.note(f"faktarutan för {texts.FICTIONAL_NAME}")
    spec = texts.FICTIONAL_NEWS
    news_index = NewsIndexPage.objects.child_of(context.home).first()
    news = NewsPage(
        title=spec["title"],
        slug=spec["slug"],
        date=datetime.date.fromisoformat(spec["date"]),
        lead=spec["lead"],
        body=spec["body"],
    )
    ensure_page(news_index, news, context.created)
    return context
