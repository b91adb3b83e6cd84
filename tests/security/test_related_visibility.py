"""Public pages, feeds and the API show only public related objects, and feeds carry text, never markup.

A live page or release may point at a project that is not published, an image or a
document in a collection restricted to logged-in users: visitors see none of them
until they are public themselves.
"""

import json
from xml.etree import ElementTree

import pytest
from django.contrib.auth.models import Group
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection, CollectionViewRestriction, Page, PageViewRestriction

from home.models import NewsIndexPage, ProjectIndexPage
from home.visibility import is_public
from press.models import PressRoomPage
from tests.home.factories import NewsPageFactory, ProjectPageFactory
from tests.press.factories import PressReleaseFactory

pytestmark = pytest.mark.django_db

PAYLOAD = '<img src=x onerror="alert(1)">'
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def press_room(home_page):
    """The press room that init_site built through the press plugin's ``register_site_pages`` hook."""
    return PressRoomPage.objects.child_of(home_page).get()


@pytest.fixture
def restricted_collection(db):
    collection = Collection.get_first_root_node().add_child(name="Internt")
    restriction = CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.GROUPS
    )
    restriction.groups.set(Group.objects.all()[:1])
    return collection


@pytest.fixture
def secret_image(restricted_collection):
    return get_image_model().objects.create(
        title="Intern bild", file=get_test_image_file(filename="intern-bild.png"), collection=restricted_collection
    )


@pytest.fixture
def draft_project(home_page):
    project = ProjectPageFactory(parent=ProjectIndexPage.objects.get(), title="Hemligt utkastprojekt", publish=False)
    project.unpublish()
    return project


def published(release):
    release.save_revision().publish()
    release.refresh_from_db()
    return release


def make_public(project, image):
    project.save_revision().publish()
    CollectionViewRestriction.objects.filter(collection=image.collection).delete()


def descriptions(xml):
    root = ElementTree.fromstring(xml)  # noqa: S314 - the site's own feed, read back in a test
    return [element.text or "" for element in root.iter() if element.tag in ("description", f"{ATOM}summary")]


@pytest.mark.parametrize("path", ["/nyheter/feed/", "/nyheter/feed/atom/"])
def test_news_feeds_carry_the_lead_as_escaped_text(client, home_page, path):
    NewsPageFactory(parent=NewsIndexPage.objects.get(), title="Nyhet", lead=f"Före {PAYLOAD} & efter")
    items = descriptions(client.get(path).content)
    lead = next(text for text in items if "Före" in text)
    # What a reader renders as HTML: the payload as text, no element.
    assert lead == "Före &lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; efter"


def test_the_press_feed_carries_the_lead_as_escaped_text(client, press_room):
    published(PressReleaseFactory(lead=f"Före {PAYLOAD}"))
    items = descriptions(client.get("/press/feed/").content)
    assert "Före &lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in items
    assert not any("<img" in text for text in items)


def test_a_live_release_hides_an_unpublished_project_and_a_restricted_image(
    client, press_room, draft_project, secret_image
):
    release = published(
        PressReleaseFactory(
            related_page=draft_project,
            main_image=secret_image,
            main_image_alt="Bild",
            main_image_credit="Foto: Förbundet",
        )
    )
    page = client.get(f"/press/{release.slug}/").content.decode()
    assert "Hemligt utkastprojekt" not in page
    assert "intern-bild" not in page
    detail = client.get(f"/api/v2/press-releases/{release.pk}/").json()
    assert detail["related_page"] is None
    assert detail["main_image"] is None

    make_public(draft_project, secret_image)
    page = client.get(f"/press/{release.slug}/").content.decode()
    assert "Läs mer om Hemligt utkastprojekt" in page
    assert "intern-bild" in page
    detail = client.get(f"/api/v2/press-releases/{release.pk}/").json()
    assert detail["related_page"]["id"] == draft_project.pk
    assert detail["main_image"]["id"] == secret_image.pk


def test_a_news_page_hides_its_unpublished_project_and_restricted_images(
    client, home_page, draft_project, secret_image
):
    news = NewsPageFactory(
        parent=NewsIndexPage.objects.get(),
        title="Nyhet med bilder",
        image=secret_image,
        image_alt="Bild",
        related_project=draft_project,
        body=json.dumps(
            [{"type": "image", "value": {"image": secret_image.pk, "alt_text": "I text", "decorative": False}}]
        ),
    )
    for path in (news.url, "/nyheter/", "/"):
        html = client.get(path).content.decode()
        assert "intern-bild" not in html, path
        assert "Hemligt utkastprojekt" not in html, path
    detail = client.get(f"/api/v2/pages/{news.pk}/").json()
    assert detail["image"] is None
    assert detail["image_thumbnail"] is None

    make_public(draft_project, secret_image)
    html = client.get(news.url).content.decode()
    assert html.count("intern-bild") >= 2
    assert "Hemligt utkastprojekt" in html
    assert "intern-bild" in client.get(f"/api/v2/pages/{news.pk}/").json()["image"]["url"]


def test_the_api_hides_an_image_as_soon_as_its_collection_is_restricted(client, home_page, draft_project, secret_image):
    make_public(draft_project, secret_image)
    news = NewsPageFactory(parent=NewsIndexPage.objects.get(), title="Nyhet", image=secret_image, image_alt="Bild")
    assert client.get(f"/api/v2/pages/{news.pk}/").json()["image"] is not None

    CollectionViewRestriction.objects.create(
        collection=secret_image.collection, restriction_type=CollectionViewRestriction.LOGIN
    )
    assert client.get(f"/api/v2/pages/{news.pk}/").json()["image"] is None


def test_a_report_in_a_restricted_collection_is_not_offered_for_download(client, home_page, restricted_collection):
    from django.core.files.base import ContentFile

    from tests.home.factories import ReportPageFactory

    document = get_document_model().objects.create(
        title="Intern rapport",
        file=ContentFile(b"%PDF-1.4", name="intern-rapport.pdf"),
        collection=restricted_collection,
    )
    report = ReportPageFactory(parent=Page.objects.get(slug="rapporter"), title="Tertialrapport", document=document)
    for path in (report.url, "/rapporter/"):
        assert "intern-rapport" not in client.get(path).content.decode(), path


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (lambda project, image: None, False),
        (lambda project, image: project, False),
        (lambda project, image: image, False),
        (lambda project, image: Page.objects.get(slug="kontakt"), True),
    ],
)
def test_is_public(make, expected, draft_project, secret_image):
    assert is_public(make(draft_project, secret_image)) is expected


def test_a_page_below_a_view_restriction_is_hidden(client, press_room):
    """A live project whose section is restricted to logged-in users is shown nowhere it is linked from."""
    projects = ProjectIndexPage.objects.get()
    project = ProjectPageFactory(parent=projects, title="Projekt bakom inloggning")
    release = published(PressReleaseFactory(related_page=project))
    assert is_public(project)
    assert "Läs mer om Projekt bakom inloggning" in client.get(f"/press/{release.slug}/").content.decode()

    PageViewRestriction.objects.create(page=projects, restriction_type=PageViewRestriction.LOGIN)
    assert not is_public(project)
    assert is_public(Page.objects.get(slug="kontakt"))
    assert "Projekt bakom inloggning" not in client.get(f"/press/{release.slug}/").content.decode()
    assert client.get(f"/api/v2/press-releases/{release.pk}/").json()["related_page"] is None
