"""The activity snippet: validation in Swedish, status dates, links and the roles."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from wagtail.test.utils.form_data import rich_text

from activities.choices import Recurrence, Status
from activities.models import Activity, ActivityLink
from home.roles import BOARD, COORDINATOR
from tests.activities.factories import ActivityFactory

pytestmark = pytest.mark.django_db

D = datetime.date


def activity(**fields):
    base = {"plan_year": 2006, "title": "Pressmeddelande", "period_label": "Löpande", "status": Status.PLANNED}
    return Activity(**{**base, **fields})


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        (
            {"start_date": D(2006, 7, 1), "end_date": D(2006, 6, 30)},
            "end_date",
            "Slutdatum kan inte vara före startdatum.",
        ),
        ({"period_label": "  "}, "period_label", "Ange datum som det skrivs i planen"),
        ({"end_date": D(2006, 6, 30)}, "start_date", "Ange ett startdatum när aktiviteten har ett slutdatum."),
        ({"recurrence": Recurrence.QUARTERLY}, "start_date", "En återkommande aktivitet behöver ett startdatum."),
        ({"target_groups": ["personal", "marsianer"]}, "target_groups", "Okänd målgrupp: marsianer."),
    ],
)
def test_invalid_activities_are_refused_with_swedish_messages(fields, field, message):
    with pytest.raises(ValidationError) as error:
        activity(**fields).full_clean()
    assert any(text.startswith(message) for text in error.value.message_dict[field])


@pytest.mark.parametrize(
    "fields",
    [
        {"period_label": "Löpande"},
        {"period_label": "", "start_date": D(2006, 4, 1)},
        {"start_date": D(2006, 6, 1), "end_date": D(2006, 6, 1)},
        {"start_date": D(2006, 6, 30), "end_date": D(2006, 12, 31), "recurrence": Recurrence.QUARTERLY},
    ],
)
def test_valid_activities_pass(fields):
    activity(**fields).full_clean()


def test_status_change_is_dated_and_spans_follow_recurrence():
    item = ActivityFactory(start_date=D(2006, 5, 10), end_date=None, recurrence=Recurrence.ONGOING)
    first = item.status_changed_at
    assert first is not None
    assert item.span == (D(2006, 5, 10), D(2006, 12, 31))
    item.content = "Ny text"
    item.save()
    assert item.status_changed_at == first
    item.status = Status.DONE
    item.save()
    assert item.status_changed_at > first
    assert activity(start_date=D(2006, 4, 1)).span == (D(2006, 4, 1), D(2006, 4, 1))
    assert activity().span is None


def test_url_points_at_its_row_on_the_live_plan_page(home_page, settings):
    from tests.activities.factories import plan_page, unpublished_plan_page

    unpublished_plan_page(home_page)
    item = ActivityFactory()
    assert item.get_url() is None and item.public_url is None
    page = plan_page(home_page)
    item = Activity.objects.get(pk=item.pk)
    assert item.get_url() == f"/aktivitetsplan/#aktivitet-{item.pk}"
    assert item.public_url == f"{settings.SITE_URL}/aktivitetsplan/#aktivitet-{item.pk}"
    page.unpublish()
    assert Activity.objects.get(pk=item.pk).get_url() is None


def test_link_needs_exactly_one_target_that_exists(home_page):
    item = ActivityFactory()
    page_type = ContentType.objects.get_for_model(Activity)
    with pytest.raises(ValidationError, match="antingen en sida"):
        ActivityLink(activity=item).full_clean()
    with pytest.raises(ValidationError, match="antingen en sida"):
        ActivityLink(activity=item, page=home_page, content_type=page_type, object_id=str(item.pk)).full_clean()
    with pytest.raises(ValidationError) as error:
        ActivityLink(activity=item, content_type=page_type, object_id="999999").full_clean()
    assert error.value.message_dict["object_id"] == ["Det finns inget sådant innehåll med det id:t."]
    with pytest.raises(ValidationError):
        ActivityLink(activity=item, content_type=page_type, object_id="inte-ett-id").full_clean()
    ActivityLink(activity=item, content_type=page_type, object_id=str(item.pk)).full_clean()
    ActivityLink(activity=item, page=home_page).full_clean()


def test_roles_coordinator_edits_and_publishes_board_only_reads():
    coordinator = set(
        Group.objects.get(name=COORDINATOR)
        .permissions.filter(content_type__app_label="activities")
        .values_list("codename", flat=True)
    )
    board = set(
        Group.objects.get(name=BOARD)
        .permissions.filter(content_type__app_label="activities")
        .values_list("codename", flat=True)
    )
    assert {"add_activity", "change_activity", "delete_activity", "publish_activity", "view_activity"} <= coordinator
    assert board == {"view_activity", "view_monthlyreport"}


def admin_form(**fields):
    data = {
        "title": "Lokal erfarenhetskonferens",
        "plan_year": "2006",
        "period_label": "juli",
        "start_date": "2006-07-01",
        "end_date": "2006-07-31",
        "recurrence": "once",
        "responsible": "Styrelse/samordnare och LSG",
        "channel": "Konferens",
        "content": "Pågående aktiviteter",
        "target_groups": ["personal", "privat_ideell"],
        "status": "planerad",
        "outcome": rich_text(""),
        "links-TOTAL_FORMS": "0",
        "links-INITIAL_FORMS": "0",
        "links-MIN_NUM_FORMS": "0",
        "links-MAX_NUM_FORMS": "1000",
    }
    data.update(fields)
    return data


def test_coordinator_creates_and_publishes_in_the_admin_and_sees_swedish_errors(client, coordinator):
    client.force_login(coordinator)
    assert client.get("/admin/aktiviteter/add/").status_code == 200

    response = client.post("/admin/aktiviteter/add/", admin_form(end_date="2006-06-30"))
    assert response.status_code == 200
    assert "Slutdatum kan inte vara före startdatum." in response.content.decode()
    assert not Activity.objects.exists()

    response = client.post("/admin/aktiviteter/add/", admin_form(**{"action-publish": "publish"}))
    assert response.status_code == 302
    created = Activity.objects.get()
    assert created.live and created.target_groups == ["personal", "privat_ideell"]
    assert client.get(f"/admin/aktiviteter/edit/{created.pk}/").status_code == 200


def test_board_may_read_but_not_add_activities(client, board_member):
    ActivityFactory()
    client.force_login(board_member)
    assert client.get("/admin/aktiviteter/").status_code == 200
    assert client.get("/admin/aktiviteter/add/").status_code == 302
    assert client.post("/admin/aktiviteter/add/", admin_form()).status_code == 302
    assert Activity.objects.count() == 1
