import datetime

import pytest
from django.utils import timezone

from activities.choices import Status
from press.models import PressRoomPage
from tests.activities.factories import ActivityFactory
from tests.api.conftest import titles
from tests.press.factories import PressReleaseFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def press_room(home_page):
    """The press room that init_site built through the press plugin's ``register_site_pages`` hook."""
    return PressRoomPage.objects.child_of(home_page).get()


def published_release(title, **fields):
    release = PressReleaseFactory(title=title, **fields)
    release.save_revision().publish()
    release.refresh_from_db()
    return release


def test_press_release_fields(client, press_room):
    release = published_release("Nytt projekt för unga", body=[("paragraph", '<p><a href="/kontakt/">Kontakt</a></p>')])
    item = client.get("/api/v2/press-releases/").json()["items"][0]
    assert item["title"] == "Nytt projekt för unga"
    assert item["lead"] == "Styrelsen har beslutat om ett nytt projekt."
    assert item["public_url"] == f"http://testserver/press/{release.slug}/"
    assert item["meta"]["detail_url"] == f"http://testserver/api/v2/press-releases/{release.id}/"
    detail = client.get(f"/api/v2/press-releases/{release.id}/").json()
    assert detail["contacts"][0]["name"] == "Sam Ordnare"
    assert "fact_box" in detail and "distribution_slugs" in detail
    assert detail["body"][0]["value"] == '<p><a href="http://testserver/kontakt/">Kontakt</a></p>'


def test_drafts_and_embargoed_releases_never_appear(client, press_room):
    published_release("Publicerat")
    draft = PressReleaseFactory(title="Utkast")
    draft.save_revision()
    embargoed = PressReleaseFactory(title="Under embargo", go_live_at=timezone.now() + datetime.timedelta(hours=2))
    embargoed.save_revision().publish()
    embargoed.refresh_from_db()
    assert not embargoed.live and embargoed.scheduled_revision
    rescheduled = published_release("Första versionen")
    rescheduled.title = "Andra versionen under embargo"
    rescheduled.go_live_at = timezone.now() + datetime.timedelta(hours=2)
    rescheduled.save_revision().publish()
    assert titles(client.get("/api/v2/press-releases/")) == ["Första versionen", "Publicerat"]
    for hidden in (draft, embargoed):
        assert client.get(f"/api/v2/press-releases/{hidden.id}/").status_code == 404
    assert titles(client.get("/api/v2/press-releases/", {"search": "embargo"})) == []
    assert titles(client.get("/api/v2/press-releases/", {"search": "versionen"})) == ["Första versionen"]


def test_press_release_year_filter_and_bad_values(client, press_room):
    release = published_release("Årets pressmeddelande")
    year = release.first_published_at.year
    assert titles(client.get("/api/v2/press-releases/", {"year": year})) == ["Årets pressmeddelande"]
    assert titles(client.get("/api/v2/press-releases/", {"year": year - 1})) == []
    for query in ({"year": "x"}, {"order": "nonsense"}, {"fields": "nope"}, {"live": "maybe"}, {"limit": "abc"}):
        response = client.get("/api/v2/press-releases/", query)
        assert response.status_code == 400, query
        assert response.json()["message"]


def test_press_release_list_queries_do_not_grow(client, press_room, django_assert_max_num_queries):
    for number in range(3):
        published_release(f"Release {number}")
    with django_assert_max_num_queries(11) as few:  # 11: the host's association is looked up once
        client.get("/api/v2/press-releases/", {"fields": "*"})
    for number in range(3, 12):
        published_release(f"Release {number}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get("/api/v2/press-releases/", {"fields": "*", "_": "more"})
    assert len(response.json()["items"]) == 12


def test_activity_fields_and_filters(client, home_page):
    from tests.activities.factories import unpublished_plan_page

    unpublished_plan_page(home_page)
    ActivityFactory(title="Informationsträff", plan_year=2006, status=Status.DONE)
    ActivityFactory(title="Nyhetsbrev", plan_year=2007, status=Status.PLANNED)
    draft = ActivityFactory(title="Utkast", publish=False, live=False)
    item = next(
        item
        for item in client.get("/api/v2/activities/", {"fields": "*"}).json()["items"]
        if item["title"] == "Nyhetsbrev"
    )
    assert item["plan_year"] == 2007
    assert item["period_display"] == "Maj-juli"
    assert item["start_date"] == "2006-05-01" and item["end_date"] == "2006-07-31"
    assert item["status"] == "planerad" and item["status_display"] == "Planerad"
    assert item["public_url"] is None  # no live plan page to show it on
    assert titles(client.get("/api/v2/activities/", {"year": "2006"})) == ["Informationsträff"]
    assert titles(client.get("/api/v2/activities/", {"status": "genomford"})) == ["Informationsträff"]
    assert client.get("/api/v2/activities/", {"status": "nonsense"}).status_code == 400
    assert client.get("/api/v2/activities/", {"start_date": "not-a-date"}).status_code == 400
    assert client.get(f"/api/v2/activities/{draft.id}/").status_code == 404
    assert "Utkast" not in titles(client.get("/api/v2/activities/"))


def test_activity_public_url_points_at_its_row_and_queries_do_not_grow(
    client, home_page, settings, django_assert_max_num_queries
):
    from tests.activities.factories import plan_page

    plan_page(home_page)
    first = ActivityFactory(title="Informationsträff")
    item = client.get("/api/v2/activities/").json()["items"][0]
    assert item["public_url"] == f"{settings.SITE_URL}/aktivitetsplan/#aktivitet-{first.pk}"
    with django_assert_max_num_queries(10) as few:
        client.get("/api/v2/activities/", {"fields": "*"})
    for number in range(10):
        ActivityFactory(title=f"Aktivitet {number}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get("/api/v2/activities/", {"fields": "*", "_": "more"})
    assert len(response.json()["items"]) == 11
