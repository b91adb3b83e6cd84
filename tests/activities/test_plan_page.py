"""/aktivitetsplan/: the table in the plan's columns, grey marking with words, filters, timeline, budget."""

import datetime
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from activities.choices import Status
from tests.activities.factories import ActivityFactory, bulk_activities

pytestmark = pytest.mark.django_db


def rows(html):
    return re.findall(r'<tr id="aktivitet-\d+" class="([^"]*)">(.*?)</tr>', html, re.S)


def test_table_has_the_plans_columns_and_marks_started_and_done_rows_grey_with_words(client, activity_plan_page):
    ActivityFactory(title="Förbundets hemsida utvecklas", status=Status.STARTED)
    ActivityFactory(title="Framtagande av logga (profil)", status=Status.DONE)
    ActivityFactory(title="Lokal erfarenhetskonferens", status=Status.PLANNED)
    ActivityFactory(title="Inställt möte", status=Status.CANCELLED)
    ActivityFactory(title="Bara ett utkast", publish=False, live=False)

    response = client.get("/aktivitetsplan/")

    assert response.status_code == 200
    html = response.content.decode()
    headers = re.findall(r'<th scope="col">([^<]+)</th>', html)
    assert headers == ["Datum", "Aktivitet", "Ansvar", "Kanal", "Innehåll", "Status"]
    found = {re.search(r'<th scope="row">([^<]+)</th>', body).group(1): (css, body) for css, body in rows(html)}
    assert set(found) == {
        "Förbundets hemsida utvecklas",
        "Framtagande av logga (profil)",
        "Lokal erfarenhetskonferens",
        "Inställt möte",
    }
    for title, word, marked in [
        ("Förbundets hemsida utvecklas", "Påbörjad", True),
        ("Framtagande av logga (profil)", "Genomförd", True),
        ("Lokal erfarenhetskonferens", "Planerad", False),
        ("Inställt möte", "Inställd", False),
    ]:
        css, body = found[title]
        assert ("plan-row--marked" in css.split()) is marked, title
        assert f">{word}</span>" in body
    assert "Grå markering innebär att aktiviteten är påbörjad eller genomförd." in html
    assert 'href="/aktivitetsplan/aktivitetsplan.csv"' in html
    assert 'href="/aktivitetsplan/aktivitetsplan.ics"' in html


def test_filters_narrow_the_table_and_keep_the_export_links_in_step(client, activity_plan_page):
    ActivityFactory(title="Pressmeddelande", responsible="Samordnare/Styrelse", channel="Sändlista")
    ActivityFactory(title="Plan för uppsökande", responsible="Samordnare/LSG", channel="LSG", status=Status.STARTED)
    ActivityFactory(title="Gammal aktivitet", plan_year=2005, responsible="Styrelsen", channel="Skriftlig")

    def titles(query):
        html = client.get("/aktivitetsplan/", query).content.decode()
        return {re.search(r'<th scope="row">([^<]+)</th>', body).group(1) for _css, body in rows(html)}

    assert titles({"responsible": "LSG"}) == {"Plan för uppsökande"}
    assert titles({"responsible": "Samordnare"}) == {"Pressmeddelande", "Plan för uppsökande"}
    assert titles({"status": "paborjad"}) == {"Plan för uppsökande"}
    assert titles({"channel": "Sändlista"}) == {"Pressmeddelande"}
    assert titles({"year": "2005"}) == {"Gammal aktivitet"}
    assert titles({"year": "2006", "status": "planerad"}) == {"Pressmeddelande"}
    html = client.get("/aktivitetsplan/", {"channel": "LSG"}).content.decode()
    assert 'href="/aktivitetsplan/aktivitetsplan.csv?channel=LSG"' in html


@pytest.mark.parametrize(
    "query",
    [
        {"year": "abc"},
        {"year": "99999999999999999999"},
        {"year": "1999"},
        {"status": "okänd"},
        {"channel": "<script>alert(1)</script>"},
        {"responsible": "'; DROP TABLE activities_activity; --"},
        {"year": ["2006", "x"], "status": ["paborjad", "okänd"]},
        {"year": "\x00", "status": "\x00"},
    ],
)
def test_bad_filter_values_are_ignored_without_error(client, activity_plan_page, query):
    ActivityFactory(title="Pressmeddelande")
    response = client.get("/aktivitetsplan/", query)
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()
    assert "Pressmeddelande" in response.content.decode()


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.dictionaries(
        st.sampled_from(["year", "status", "channel", "responsible", "other"]), st.text(max_size=40), max_size=4
    )
)
def test_any_filter_input_renders(client, activity_plan_page, query):
    assert client.get("/aktivitetsplan/", query).status_code == 200
    assert client.get("/aktivitetsplan/aktivitetsplan.csv", query).status_code == 200


def test_timeline_is_server_drawn_svg_with_a_text_alternative_spans_and_today(client, activity_plan_page, monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args: datetime.date(2006, 6, 15))
    ActivityFactory(title="Förbundets hemsida utvecklas", status=Status.STARTED)
    ActivityFactory(title="Framtagande av logga (profil)", start_date=datetime.date(2006, 4, 1), end_date=None)
    ActivityFactory(title="Utan datum", period_label="Löpande", start_date=None, end_date=None)

    html = client.get("/aktivitetsplan/").content.decode()

    svg = re.search(r"<svg[^>]*>.*?</svg>", html, re.S).group(0)
    assert 'role="img"' in svg
    assert 'aria-labelledby="timeline-title timeline-desc"' in svg
    assert '<title id="timeline-title">Tidslinje över aktivitetsplanen 2006</title>' in svg
    desc = re.search(r'<desc id="timeline-desc">(.*?)</desc>', svg, re.S).group(1)
    assert "2 aktiviteter under 2006" in desc
    assert "Samma uppgifter finns i tabellen nedan" in desc
    assert "15 juni 2006" in desc
    bars = re.findall(r'<rect x="([\d.]+)" y="[\d.]+" width="([\d.]+)" height="16" rx="3" class="tl-bar ([^"]+)"', svg)
    assert len(bars) == 2
    assert "tl-bar--paborjad" in bars[0][2]
    assert float(bars[0][1]) > 100  # May to July is a quarter of the year
    assert float(bars[1][1]) < 10  # a single day
    assert 'class="tl-today"' in svg
    assert "Status: Påbörjad" in svg


def test_timeline_without_today_in_the_year_draws_no_today_line(client, activity_plan_page):
    ActivityFactory()
    html = client.get("/aktivitetsplan/", {"year": "2006"}).content.decode()
    assert 'class="tl-today"' not in html
    assert "ligger utanför året" in html
    assert "Tidslinje över aktivitetsplanen 2006" in html


@pytest.mark.parametrize("count", [10, 500])
def test_plan_page_query_budget(client, activity_plan_page, django_assert_max_num_queries, count):
    bulk_activities(count)
    with django_assert_max_num_queries(15):
        response = client.get("/aktivitetsplan/")
    assert response.status_code == 200
    assert response.content.decode().count('<tr id="aktivitet-') == count
    with django_assert_max_num_queries(15):
        assert client.get("/aktivitetsplan/", {"year": "2006", "status": "paborjad"}).status_code == 200


def test_home_page_shows_ongoing_activities_section(client, activity_plan_page):
    ActivityFactory(title="Förbundets hemsida utvecklas", status=Status.STARTED)
    ActivityFactory(title="Lokal erfarenhetskonferens", status=Status.PLANNED)
    html = client.get("/").content.decode()
    section = re.search(r'<section class="home-section home-section--activities".*?</section>', html, re.S).group(0)
    assert "Pågående aktiviteter" in section
    assert "Förbundets hemsida utvecklas" in section
    assert "Lokal erfarenhetskonferens" not in section
    assert 'href="/aktivitetsplan/#aktivitet-' in section


def test_the_plan_is_kept_per_content_version_and_filters(client, activity_plan_page, settings):
    from home.content_cache import replace_version

    settings.PAGE_CACHE_ENABLED = True
    replace_version()
    activity = ActivityFactory(title="Förbundets hemsida utvecklas", status=Status.PLANNED, channel="Hemsida")
    ActivityFactory(title="Pressträff", channel="Media")

    def row_classes(**params):
        html = client.get("/aktivitetsplan/", {"utm_source": "x", **params}).content.decode()
        return {re.search(r'<th scope="row">([^<]+)</th>', body).group(1): css for css, body in rows(html)}

    assert set(row_classes()) == {"Förbundets hemsida utvecklas", "Pressträff"}
    assert set(row_classes(channel="Media")) == {"Pressträff"}
    assert "plan-row--marked" not in row_classes()["Förbundets hemsida utvecklas"]

    activity.status = Status.DONE
    activity.save_revision().publish()
    assert "plan-row--marked" in row_classes()["Förbundets hemsida utvecklas"]
    assert set(row_classes(channel="Media")) == {"Pressträff"}
