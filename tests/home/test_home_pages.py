"""Every public page type and listing renders for anonymous visitors; filters never fail."""

import re

import pytest
from django.conf import settings
from django.test import override_settings
from django.utils.safestring import mark_safe

from home.models import ContactPagePerson, ProjectPage
from tests.home.factories import NewsPageFactory, PersonFactory, ProjectPageFactory, ReportPageFactory

pytestmark = pytest.mark.django_db


def assert_public_page(response, title, breadcrumbs=True):
    """The layout every page shares; ``title`` is the whole <title>, the site's name added once."""
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="sv">' in html
    full_title = title if title == "Samordningsförbundet Lycksele" else f"{title} – Samordningsförbundet Lycksele"
    assert f"<title>{full_title}</title>" in html
    assert html.count("<h1") == 1
    assert 'class="skip-link" href="#main"' in html
    assert ('aria-label="Brödsmulor"' in html) is breadcrumbs
    assert "Senast uppdaterad" in html
    return html


@pytest.fixture
def filled(news_index, project_index, report_index, image, pdf):
    """A little of everything: a project with news, a report with its PDF."""
    person = PersonFactory(name="Maria Lindberg", phone="0950-123 45")
    project = ProjectPageFactory(
        parent=project_index,
        title="Accessutbildning",
        slug="accessutbildning",
        granted_amount=850000,
        contact_person=person,
    )
    news = NewsPageFactory(
        parent=news_index,
        title="Lanseringen",
        slug="lanseringen",
        related_project=project,
        image=image,
        image_alt="Två personer",
    )
    news.tags.add("Lansering")
    news.save_revision().publish()
    report = ReportPageFactory(
        parent=report_index, title="Tertialrapport 1 2006", slug="tertialrapport-1-2006", year=2006, document=pdf
    )
    return {"project": project, "news": news, "report": report, "person": person}


def test_home_page_shows_latest_news_current_projects_and_key_messages(client, home_page, filled):
    html = assert_public_page(client.get("/"), "Samordningsförbundet Lycksele", breadcrumbs=False)
    assert "Lanseringen" in html
    assert "Accessutbildning" in html
    assert "Kvalitetshöjning i verksamheten" in html
    assert "Arbetsförmedlingen" in html  # footer principals


def test_home_page_sections_come_from_the_hook(client, home_page):
    from wagtail import hooks

    def section(request, page):
        return mark_safe("<section>Från ett tillägg</section>")  # noqa: S308 - a constant

    with hooks.register_temporarily("home_page_sections", section):
        assert "<section>Från ett tillägg</section>" in client.get("/").content.decode()


@pytest.mark.parametrize(
    "path,title",
    [
        ("/om-forbundet/", "Om förbundet"),
        ("/kontakt/", "Kontakt"),
        ("/soka-medel/", "Söka medel"),
        ("/tillganglighet/", "Tillgänglighetsredogörelse"),
        ("/personuppgifter/", "Personuppgifter"),
        ("/nyheter/", "Nyheter"),
        ("/projekt/", "Projekt"),
        ("/rapporter/", "Rapporter"),
    ],
)
def test_core_pages_render(client, home_page, path, title):
    html = assert_public_page(client.get(path), title)
    assert f'<span aria-current="page">{title}</span>' in html


def test_news_page_renders_image_with_alt_tags_and_project(client, filled):
    html = assert_public_page(client.get("/nyheter/lanseringen/"), "Lanseringen")
    assert re.search(r'<img[^>]+alt="Två personer"', html)
    assert 'href="/nyheter/?tagg=lansering"' in html
    assert 'href="/projekt/accessutbildning/"' in html
    assert '<a href="/nyheter/">Nyheter</a>' in html


def test_project_page_renders_facts_contact_and_news(client, filled):
    html = assert_public_page(client.get("/projekt/accessutbildning/"), "Accessutbildning")
    assert "850\xa0000 kr" in html
    assert "Pågående" in html
    assert "Maria Lindberg" in html and 'href="tel:095012345"' in html
    assert "Lanseringen" in html


def test_report_index_groups_by_year_with_download_links_and_sizes(client, report_index, filled, pdf):
    ReportPageFactory(parent=report_index, title="Årsredovisning 2005", year=2005)
    html = assert_public_page(client.get("/rapporter/"), "Rapporter")
    assert html.index('id="year-2006"') < html.index('id="year-2005"')
    assert f'href="{pdf.url}"' in html
    assert "(PDF, 13\xa0byte)" in html


def test_report_page_links_its_document(client, filled, pdf):
    html = assert_public_page(client.get("/rapporter/tertialrapport-1-2006/"), "Tertialrapport 1 2006")
    assert f'href="{pdf.url}"' in html


def test_contact_page_shows_people_and_organisation_details(client, contact_page):
    person = PersonFactory(name="Erik Johansson", role="Ordförande")
    ContactPagePerson.objects.create(page=contact_page, person=person)
    html = assert_public_page(client.get("/kontakt/"), "Kontakt")
    assert "Erik Johansson" in html and "Ordförande" in html
    assert "mailto:info@samordningsforbundet-lycksele.se" in html


def test_news_filters_by_tag_and_year(client, news_index):
    tagged = NewsPageFactory(parent=news_index, title="Med tagg", date="2006-06-01")
    tagged.tags.add("Nätverket")
    tagged.save_revision().publish()
    NewsPageFactory(parent=news_index, title="Utan tagg", date="2007-06-01")
    by_tag = client.get("/nyheter/", {"tagg": tagged.tags.get().slug}).content.decode()
    assert "Med tagg" in by_tag and "Utan tagg" not in by_tag
    by_year = client.get("/nyheter/", {"ar": "2007"}).content.decode()
    assert "Utan tagg" in by_year and "Med tagg" not in by_year


def test_the_year_filter_takes_only_an_offered_year(client, news_index):
    NewsPageFactory(parent=news_index, title="Nyhet 2007", date="2007-06-01")
    NewsPageFactory(parent=news_index, title="Nyhet 2008", date="2008-06-01")
    for year in ("2006", "10000", "123456"):
        html = client.get("/nyheter/", {"ar": year}).content.decode()
        assert "Nyhet 2007" in html and "Nyhet 2008" in html, year
        assert " selected" not in filter_form(html)


def test_projects_current_first_and_filter_by_status_and_year(client, project_index):
    ProjectPageFactory(parent=project_index, title="Alfa", status=ProjectPage.Status.FINISHED)
    ProjectPageFactory(parent=project_index, title="Beta", status=ProjectPage.Status.PLANNED)
    ProjectPageFactory(parent=project_index, title="Gamma", decision_date="2007-02-01")
    html = client.get("/projekt/").content.decode()
    assert html.index(">Gamma<") < html.index(">Beta<") < html.index(">Alfa<")
    finished = client.get("/projekt/", {"status": "avslutat"}).content.decode()
    assert ">Alfa<" in finished and ">Gamma<" not in finished
    by_year = client.get("/projekt/", {"ar": "2007"}).content.decode()
    assert ">Gamma<" in by_year and ">Beta<" not in by_year


def filter_form(html):
    return re.search(r'<form class="filters".*?</form>', html, re.S).group(0)


@pytest.mark.parametrize(
    "path,params,form_label,select_labels,selected",
    [
        ("/nyheter/", {"ar": "2007"}, "Filtrera nyheterna", ["Ämne", "År"], 'value="2007" selected>2007<'),
        ("/projekt/", {"status": "avslutat"}, "Filtrera projekten", ["Status", "Beslutsår"], "selected>Avslutat<"),
        ("/rapporter/", {"typ": "{kind}"}, "Filtrera rapporterna", ["Typ av rapport"], "selected>Årsredovisningar<"),
    ],
)
def test_filter_forms_label_every_select_and_keep_the_choice(
    client, news_index, project_index, report_index, path, params, form_label, select_labels, selected
):
    from home.models import ReportKind

    NewsPageFactory(parent=news_index, date="2007-06-01")
    ProjectPageFactory(parent=project_index, status=ProjectPage.Status.FINISHED, decision_date="2007-02-01")
    annual = ReportKind.objects.get(name="Årsredovisning")
    ReportPageFactory(parent=report_index)
    ReportPageFactory(parent=report_index, kind=annual)
    unfiltered = filter_form(client.get(path).content.decode())
    assert " selected" not in unfiltered and "Visa alla" not in unfiltered
    chosen = {name: value.format(kind=annual.pk) for name, value in params.items()}
    form = filter_form(client.get(path, chosen).content.decode())
    assert f'aria-label="{form_label}"' in form
    labels = re.findall(r'<label for="([^"]+)">([^<]+)</label>', form)
    assert [text for _, text in labels] == select_labels
    assert [field for field, _ in labels] == re.findall(r'<select id="([^"]+)"', form)
    assert selected in form
    assert f'<a class="filters__reset" href="{path}">Visa alla</a>' in form


def test_report_filter_is_left_out_while_there_is_only_one_kind(client, report_index):
    ReportPageFactory(parent=report_index)
    assert '<form class="filters"' not in client.get("/rapporter/").content.decode()


@pytest.mark.parametrize(
    "path,params,status",
    [
        ("/nyheter/", {"ar": "abc"}, 200),
        ("/nyheter/", {"ar": "-1"}, 200),
        ("/nyheter/", {"ar": "99999999999999999999"}, 200),
        ("/nyheter/", {"ar": "10000"}, 200),
        ("/nyheter/", {"ar": "999999"}, 200),
        ("/projekt/", {"ar": "10000"}, 200),
        ("/rapporter/", {"ar": "10000"}, 200),
        ("/rapporter/", {"typ": "99999999999999999999"}, 200),
        ("/nyheter/", {"tagg": "<script>"}, 200),
        ("/nyheter/", {"tagg": "x" * 5000}, 200),
        ("/nyheter/", {"tagg": "\x00"}, 200),
        ("/projekt/", {"status": "\x00"}, 200),
        ("/rapporter/", {"typ": "\x00"}, 200),
        ("/nyheter/", {"sida": "0"}, 404),
        ("/nyheter/", {"sida": "abc"}, 404),
        ("/nyheter/", {"sida": "99"}, 404),
        ("/nyheter/", {"sida": "9" * 40}, 404),
        ("/projekt/", {"status": "okänd"}, 200),
        ("/projekt/", {"ar": "2006'--"}, 200),
        ("/projekt/", {"sida": "-1"}, 404),
        ("/rapporter/", {"typ": "abc"}, 200),
        ("/rapporter/", {"typ": "999999"}, 200),
    ],
)
def test_bad_filter_values_give_200_or_404_never_500(client, home_page, path, params, status):
    response = client.get(path, params)
    assert response.status_code == status
    if status == 200:
        assert "<script>" not in response.content.decode().split("<main", 1)[1]


def test_news_pagination_keeps_filters(client, news_index):
    news_index.per_page = 2
    news_index.save_revision().publish()
    for number in range(5):
        NewsPageFactory(parent=news_index, title=f"N{number}", date="2006-03-0" + str(number + 1))
    first = client.get("/nyheter/", {"ar": "2006"}).content.decode()
    assert 'href="?ar=2006&amp;sida=2"' in first
    third = client.get("/nyheter/", {"ar": "2006", "sida": "3"}).content.decode()
    assert ">N0<" in third and ">N4<" not in third


def test_unpublished_and_private_news_are_not_listed(client, news_index):
    from wagtail.models import PageViewRestriction

    draft = NewsPageFactory(parent=news_index, title="Utkast")
    draft.unpublish()
    private = NewsPageFactory(parent=news_index, title="Privat")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    html = client.get("/nyheter/").content.decode()
    assert "Utkast" not in html and "Privat" not in html


def test_swedish_404_page(client, home_page):
    response = client.get("/finns-inte/")
    assert response.status_code == 404
    assert "Sidan finns inte" in response.content.decode()


@override_settings(DEBUG=False)
def test_swedish_500_page_needs_no_database():
    from django.template.loader import render_to_string

    html = render_to_string("500.html")
    assert '<html lang="sv">' in html and "Något gick fel" in html


def test_sitemap_and_robots(client, filled):
    sitemap = client.get("/sitemap.xml")
    assert sitemap.status_code == 200
    assert f"{settings.SITE_URL}/nyheter/lanseringen/".encode() in sitemap.content
    robots = client.get("/robots.txt")
    assert robots.status_code == 200
    assert robots["Content-Type"].startswith("text/plain")
    assert b"Sitemap: http://testserver/sitemap.xml" in robots.content
