"""The board's minutes: published once justerat, listed by year at /om-forbundet/protokoll/ with the
decisions taken, one accessible page per meeting, at a cost that does not grow with the meetings."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from applications.models import Decision, Meeting, Minutes, MinutesIndexPage, Outcome
from tests.applications.chain import make_case

pytestmark = pytest.mark.django_db

URL = "/om-forbundet/protokoll/"


@pytest.fixture
def minutes_page(home_page):
    return MinutesIndexPage.objects.get()


def meeting_with_minutes(day, decisions=2, *, approved=True, published=True):
    meeting = Meeting.objects.create(kind=Meeting.Kind.BOARD, date=day, place="Lycksele")
    for paragraph in range(1, decisions + 1):
        Decision.objects.create(
            application=make_case(f"Projekt {day:%Y%m%d}-{paragraph}"),
            meeting=meeting,
            paragraph=paragraph + 4,
            outcome=Outcome.GRANTED if paragraph % 2 else Outcome.REJECTED,
            amount=100_000 if paragraph % 2 else None,
        )
    return Minutes.objects.create(
        meeting=meeting,
        body="<p>Närvarande: hela styrelsen.</p>",
        approved_on=day + datetime.timedelta(days=7) if approved else None,
        published=published,
    )


def test_init_site_puts_the_minutes_below_the_about_page(minutes_page, client):
    assert minutes_page.get_parent().slug == "om-forbundet" and minutes_page.url == URL
    response = client.get(URL)
    assert response.status_code == 200
    assert "Det finns inga publicerade protokoll ännu." in response.content.decode()


def test_only_justerat_minutes_can_be_published(minutes_page):
    meeting = Meeting.objects.create(kind=Meeting.Kind.BOARD, date=datetime.date(2026, 3, 12))
    minutes = Minutes(meeting=meeting, body="<p>Protokoll</p>", published=True)
    with pytest.raises(ValidationError) as error:
        minutes.full_clean()
    assert error.value.message_dict["published"] == ["Protokollet kan publiceras först när det är justerat."]
    preparation = Meeting.objects.create(kind=Meeting.Kind.PREPARATION, date=datetime.date(2026, 3, 1))
    with pytest.raises(ValidationError):
        Minutes(meeting=preparation, body="<p>x</p>", approved_on=preparation.date).full_clean()


def test_the_list_shows_published_minutes_by_year_with_their_decisions(minutes_page, client):
    meeting_with_minutes(datetime.date(2025, 11, 20))
    march = meeting_with_minutes(datetime.date(2026, 3, 12), decisions=3)
    meeting_with_minutes(datetime.date(2026, 5, 7), approved=False, published=False)
    meeting_with_minutes(datetime.date(2026, 6, 4), published=False)

    content = client.get(URL).content.decode()
    assert "Styrelsemöte 12 mars 2026" in content
    assert "7 maj 2026" not in content and "4 juni 2026" not in content
    assert "Styrelsemöte 20 november 2025" not in content, "one year at a time, the newest first"
    assert f'href="{URL}?ar=2025"' in content
    for decision in march.meeting.decisions.all():
        assert decision.application.number in content and decision.paragraph_label in content
    assert "Beviljas" in content and "Avslås" in content and "100\N{NO-BREAK SPACE}000 kr" in content

    older = client.get(URL, {"ar": "2025"}).content.decode()
    assert "Styrelsemöte 20 november 2025" in older and "12 mars 2026" not in older
    for year in ("1999", "abc", "20266", "-1"):
        assert client.get(URL, {"ar": year}).status_code == 404


def test_each_meeting_has_an_accessible_page_of_its_own(minutes_page, client):
    minutes = meeting_with_minutes(datetime.date(2026, 3, 12))
    response = client.get(f"{URL}{minutes.meeting_id}/")
    content = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Protokoll från styrelsemötet 12 mars 2026</h1>" in content
    assert "<p>Närvarande: hela styrelsen.</p>" in content
    assert '<th scope="col">Paragraf</th>' in content and "<caption>" in content
    hidden = meeting_with_minutes(datetime.date(2026, 4, 2), published=False)
    assert client.get(f"{URL}{hidden.meeting_id}/").status_code == 404
    assert client.get(f"{URL}999999/").status_code == 404


def test_the_signed_pdf_is_offered_when_attached(minutes_page, client):
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model

    from home.demo_content import make_pdf

    document = get_document_model().objects.create(
        title="Justerat protokoll", file=ContentFile(make_pdf("Protokoll", ["Justerat."]), name="protokoll.pdf")
    )
    minutes = meeting_with_minutes(datetime.date(2026, 3, 12))
    minutes.document = document
    minutes.full_clean()
    minutes.save()
    for url in (URL, f"{URL}{minutes.meeting_id}/"):
        content = client.get(url).content.decode()
        assert document.url in content and "Ladda ner det justerade protokollet" in content


def list_queries(client):
    """Queries of the list page once the site's own per-process lookups (site root, chrome) are warm."""
    client.get(URL)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(URL).status_code == 200
    return len(queries)


def test_the_list_costs_the_same_with_few_or_many_meetings(minutes_page, client):
    for month in (2, 3):
        meeting_with_minutes(datetime.date(2026, month, 10), decisions=2)
    few = list_queries(client)
    for month in range(4, 13):
        meeting_with_minutes(datetime.date(2026, month, 10), decisions=4)
    many = list_queries(client)
    assert few == many <= 15, (few, many)
