"""The public side: press room listing, release pages, RSS, home-page section, previews, demo."""

import datetime
import io

import feedparser
import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from home.associations import default_association
from home.models import OrganisationSettings, Person
from press.models import PressRelease, PressReleaseContact, PressRoomPage
from tests.press.conftest import admin_url, release_form_data

pytestmark = pytest.mark.django_db


def publish_many(count):
    """``count`` live releases, one every 20 days from 2024, made in bulk: publishing is not measured here."""
    start = timezone.make_aware(datetime.datetime(2024, 1, 1))
    return PressRelease.objects.bulk_create(
        PressRelease(
            title=f"Pressmeddelande {n}",
            slug=f"pm-{n}",
            lead=f"Ingress {n}",
            body=[],
            live=True,
            fact_box="<p>Fakta</p>",
            first_published_at=start + datetime.timedelta(days=20 * n),
            last_published_at=start + datetime.timedelta(days=20 * n),
        )
        for n in range(count)
    )


@pytest.mark.parametrize("count", [10, 500])
def test_press_room_and_release_page_query_budget(client, press_room, count, django_assert_max_num_queries):
    releases = publish_many(count)
    image = Image.objects.create(title="Pressbild", file=get_test_image_file())
    newest = releases[-1]
    newest.main_image = image
    newest.main_image_alt = "Styrelsen samlad"
    newest.main_image_credit = "Foto: Förbundet"
    newest.contacts.add(PressReleaseContact(person=Person.objects.create(name="Sam Ordnare", role="Samordnare")))
    newest.save()
    client.get("/press/")  # warm the site and rendition caches
    client.get(f"/press/{newest.slug}/")

    with django_assert_max_num_queries(15):
        listing = client.get("/press/")
    with django_assert_max_num_queries(15):
        page = client.get(f"/press/{newest.slug}/")
    with django_assert_max_num_queries(15):
        client.get("/press/?ar=2025&sida=2")
    with django_assert_max_num_queries(15):
        client.get("/press/feed/")

    body = listing.content.decode()
    assert listing.status_code == 200 and page.status_code == 200
    assert body.index(newest.title) < body.index(releases[-2].title), "newest first"
    assert body.count('class="card"') == min(count, 10)
    release_page = page.content.decode()
    assert "Styrelsen samlad" in release_page and "Foto: Förbundet" in release_page
    assert image.file.url in release_page, "full-size press image offered for download"
    assert "Sam Ordnare" in release_page and "Fakta" in release_page


def test_year_filter_and_pagination_use_the_listings_vocabulary(client, press_room):
    publish_many(25)
    in_2025 = client.get("/press/?ar=2025").content.decode()
    assert "Pressmeddelande 19<" in in_2025 and "Pressmeddelande 24<" in in_2025
    assert "Pressmeddelande 18<" not in in_2025
    assert '<select id="filter-ar" name="ar">' in in_2025 and '<option value="2025" selected>' in in_2025
    first = client.get("/press/").content.decode()
    assert 'href="?sida=2"' in first and 'rel="next"' in first
    second = client.get("/press/?ar=2024&sida=2").content.decode()
    assert "Pressmeddelande 0<" in second and 'href="?ar=2024&amp;sida=1"' in second
    last = client.get("/press/?sida=3").content.decode()
    assert "Pressmeddelande 0<" in last and '<span aria-current="page">3</span>' in last


@pytest.mark.parametrize(
    ("query", "location"),
    [
        ("year=2025", "/press/?ar=2025"),
        ("page=2", "/press/?sida=2"),
        ("year=2025&page=2", "/press/?ar=2025&sida=2"),
        ("page=2&year=2025&utm_source=nyhetsbrev", "/press/?sida=2&ar=2025&utm_source=nyhetsbrev"),
        ("year=2024&year=2025", "/press/?ar=2024&ar=2025"),
        ("year=abc&page=%00", "/press/?ar=abc&sida=%00"),
        ("ar=2025&year=2024", "/press/?ar=2025"),
        ("year=", "/press/?ar="),
    ],
)
def test_old_parameter_names_redirect_permanently_keeping_the_others(client, press_room, query, location):
    response = client.get(f"/press/?{query}")
    assert (response.status_code, response["Location"]) == (301, location)


@pytest.mark.parametrize(
    ("query", "status"),
    [
        ("ar=abc", 200),
        ("ar=-1", 200),
        ("ar=1999", 200),
        ("ar=99999999999999999999", 200),
        ("ar=%00", 200),
        ("sida=1", 200),
        ("sida=0", 404),
        ("sida=x", 404),
        ("sida=-1", 404),
        ("sida=9999", 404),
        ("sida=" + "9" * 40, 404),
        ("ar=2024&sida=%00", 404),
    ],
)
def test_hostile_values_never_fail_the_press_room(client, press_room, query, status):
    """A year not offered shows every release; a page that does not exist is a 404, as in the listings."""
    publish_many(25)
    response = client.get(f"/press/?{query}")
    assert response.status_code == status
    if status == 200:
        assert response.content.decode().count('class="card"') == 10


def test_hostile_old_names_redirect_then_answer_clearly(client, press_room):
    publish_many(3)
    response = client.get("/press/", {"year": "<script>", "page": "x" * 3000}, follow=True)
    assert response.redirect_chain[0][1] == 301
    assert response.status_code == 404


def test_drafts_never_public_and_reserved_slug(client, press_room, draft_release, admin_user):
    assert client.get(f"/press/{draft_release.slug}/").status_code == 404
    assert draft_release.title not in client.get("/press/").content.decode()
    assert draft_release.title not in client.get("/press/feed/").content.decode()
    client.force_login(admin_user)
    response = client.post(admin_url("add"), release_form_data(slug="feed"))
    assert response.status_code == 200 and "reserverat" in response.content.decode()


def test_feed_lists_published_releases(client, press_room):
    publish_many(3)
    feed = feedparser.parse(client.get("/press/feed/").content)
    assert [entry.title for entry in feed.entries] == ["Pressmeddelande 2", "Pressmeddelande 1", "Pressmeddelande 0"]
    assert feed.entries[0].link.endswith("/press/pm-2/")


def test_home_page_section_and_media_kit(client, press_room):
    publish_many(4)
    home = client.get("/").content.decode()
    assert "Senaste pressmeddelanden" in home
    assert "Pressmeddelande 3" in home and "Pressmeddelande 0" not in home
    press_room.press_contact_name = "Presskontakten"
    press_room.save_revision().publish()
    room = client.get("/press/").content.decode()
    assert "Mediekit" in room and "Presskontakten" in room and "bildades i maj 2005" in room


def test_press_room_only_under_home_and_once(press_room):
    assert PressRoomPage.can_create_at(press_room.get_parent()) is False
    assert PressRoomPage.parent_page_types == ["home.HomePage"]


def test_preview_modes_show_what_the_media_get(client, coordinator, draft_release):
    client.force_login(coordinator)
    url = admin_url("preview_on_edit", draft_release.pk)
    assert client.post(url, release_form_data(draft_release)).json()["is_valid"]
    web = client.get(url).content.decode()
    html = client.get(f"{url}?mode=email_html").content.decode()
    text = client.get(f"{url}?mode=email_text").content.decode()
    for rendered in (web, html, text):
        assert draft_release.title in rendered and "bildades i maj 2005" in rendered
    assert "<pre" in text and "FAKTA OM SAMORDNINGSFÖRBUNDET LYCKSELE" in text
    assert "Avregistrera dig" in html


@pytest.mark.parametrize(("mode", "style_src"), [("", "'self'"), ("email_html", "'self' 'unsafe-inline'")])
def test_only_the_email_preview_may_use_inline_styles(client, coordinator, draft_release, mode, style_src):
    client.force_login(coordinator)
    url = admin_url("preview_on_edit", draft_release.pk)
    client.post(url, release_form_data(draft_release))
    policy = dict(
        part.strip().split(" ", 1) for part in client.get(f"{url}?mode={mode}")["Content-Security-Policy"].split(";")
    )
    assert policy["style-src"] == style_src
    assert policy["script-src"] == "'self'"
    assert policy["frame-ancestors"] == "'self'"


def test_load_demo_is_idempotent_and_adds_the_press_content(db):
    call_command("load_demo", stdout=io.StringIO())
    call_command("load_demo", stdout=io.StringIO())
    first = default_association()  # load_demo's second, fictional association has a room and a release too
    assert PressRoomPage.objects.child_of(first.root_page).get().url_path.endswith("/press/")
    live = PressRelease.objects.filter(live=True, association=first)
    assert live.count() == 2
    assert {release.first_published_at.year for release in live} == {2005, 2006}
    assert all(release.fact_box for release in live)
    pending = PressRelease.objects.get(live=False)
    assert pending.current_workflow_state.requested_by.username == "samordnare"
    organisation = OrganisationSettings.for_site(first)
    assert organisation.fact_box


@pytest.mark.parametrize(
    ("html", "text"),
    [
        ("<p>Ett.</p><p>Två &amp; tre.</p>", "Ett.\n\nTvå & tre."),
        ("<ul><li>A</li><li>B</li></ul>", "A\n\nB"),
        ("<p>Rad<br>två</p>", "Rad\n\ntvå"),
        ("", ""),
        (None, ""),
    ],
)
def test_rich_text_becomes_readable_plain_text_in_emails(html, text):
    from press.templatetags.press_tags import as_plain_text

    assert as_plain_text(html) == text


def test_a_release_page_is_kept_per_content_version(client, draft_release, settings, django_assert_max_num_queries):
    from home.content_cache import replace_version

    settings.PAGE_CACHE_ENABLED = True
    replace_version()
    draft_release.save_revision().publish()
    url = f"/press/{draft_release.slug}/"
    assert draft_release.title in client.get(url, {"utm_source": "a"}).content.decode()
    with django_assert_max_num_queries(6):
        kept = client.get(url, {"utm_source": "b"})
    assert draft_release.title in kept.content.decode()
    assert client.get("/press/finns-inte/", {"utm_source": "a"}).status_code == 404

    draft_release.title = "Rättat pressmeddelande"
    draft_release.save_revision().publish()
    assert "Rättat pressmeddelande" in client.get(url, {"utm_source": "c"}).content.decode()


def test_release_hits_in_the_search_look_up_the_press_room_once(client, press_room):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.press.factories import PressReleaseFactory

    for number in range(10):
        PressReleaseFactory(title=f"Samverkansdag {number}", live=True)
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/sok/", {"q": "samverkansdag"})
    assert response.content.decode().count('<a href="/press/pressmeddelande-') == 10
    assert len([query for query in queries.captured_queries if "press_pressroompage" in query["sql"]]) == 1
