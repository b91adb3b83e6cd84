"""The layout every public page shares: brand, titles, meta and Open Graph tags, icons, the way into the network."""

import datetime
import io
import re
from html.parser import HTMLParser

import pytest
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.utils import timezone
from wagtail.images.tests.utils import get_test_image_file

from home.branding import ensure_brand_images
from home.models import OrganisationSettings, StandardPage
from home.templatetags.home_tags import html_datetime
from tests.home.factories import NewsPageFactory

pytestmark = pytest.mark.django_db

ORG = "Samordningsförbundet Lycksele"
PAGES = [
    "/",
    "/om-forbundet/",
    "/nyheter/",
    "/projekt/",
    "/rapporter/",
    "/soka-medel/",
    "/kontakt/",
    "/tillganglighet/",
    "/natverket/",
    "/sok/?q=projekt",
]


class Head(HTMLParser):
    """The <title>, <meta> and <link> elements of a page."""

    def __init__(self, html):
        super().__init__()
        self.meta, self.links, self.title, self._in_title = {}, [], "", False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta":
            self.meta[attrs.get("property") or attrs.get("name")] = attrs.get("content")
        elif tag == "link":
            self.links.append(attrs)
        self._in_title = tag == "title"

    def handle_endtag(self, tag):
        self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data

    def link(self, rel):
        return [link for link in self.links if link.get("rel") == rel]


@pytest.fixture
def site(home_page):
    """The core site with the demo's brand images (logo, email logo, sharing picture)."""
    ensure_brand_images(OrganisationSettings.for_site(home_page.get_site()))
    return home_page


@pytest.mark.parametrize("path", PAGES)
def test_every_page_has_a_description_a_canonical_address_and_open_graph_tags(client, site, path):
    head = Head(client.get(path, HTTP_HOST="evil.example").content.decode())
    assert head.title.count(ORG) == 1, head.title
    assert 20 <= len(head.meta["description"]) <= 160
    canonical = head.link("canonical")[0]["href"]
    assert canonical == "http://testserver" + path.split("?")[0]
    assert head.meta["og:url"] == canonical
    assert head.meta["og:site_name"] == ORG
    assert head.meta["og:locale"] == "sv_SE"
    assert head.meta["og:title"] and head.meta["og:description"]
    assert head.meta["og:image"].startswith("http://testserver/")
    assert "evil.example" not in str(head.meta) + str(head.links)


def test_the_home_page_title_names_the_association_once(client, site):
    assert Head(client.get("/").content.decode()).title == ORG
    assert Head(client.get("/kontakt/").content.decode()).title == f"Kontakt – {ORG}"


def test_a_page_of_a_listing_keeps_its_number_in_the_canonical_address(client, site, news_index):
    news_index.per_page = 1
    news_index.save_revision().publish()
    for slug in ("a", "b"):
        NewsPageFactory(parent=news_index, title=f"Nyhet {slug}", slug=slug)
    head = Head(client.get("/nyheter/?sida=2&ar=nonsens").content.decode())
    assert head.link("canonical")[0]["href"] == "http://testserver/nyheter/?sida=2"


def test_the_editors_search_description_wins(client, site, about_page):
    about_page.search_description = "Om Samordningsförbundet Lycksele: bakgrund, mål och organisation."
    about_page.save_revision().publish()
    head = Head(client.get("/om-forbundet/").content.decode())
    assert head.meta["description"] == head.meta["og:description"] == about_page.search_description


def test_favicon_and_touch_icon_are_linked_and_exist(client, site):
    head = Head(client.get("/").content.decode())
    icons = head.link("icon") + head.link("apple-touch-icon")
    assert {link.get("type") for link in head.link("icon")} == {"image/svg+xml", "image/png"}
    assert head.link("apple-touch-icon")
    for link in icons:
        assert finders.find(link["href"].removeprefix("/static/")), link["href"]
    response = client.get("/favicon.ico")
    assert response.status_code in (301, 302) and response["Location"].endswith("/static/brand/favicon-32.png")


def test_the_header_shows_the_logo_from_the_organisation_settings(client, site):
    html = client.get("/").content.decode()
    logo = re.search(r'<a class="site-header__brand" href="/"><img class="site-header__logo" src="([^"]+)"', html)
    assert logo and logo.group(1).endswith(".svg")
    assert f'alt="{ORG}, till startsidan"' in html


def test_the_footer_names_the_principals_with_their_logos(client, site, image):
    organisation = OrganisationSettings.for_site(site.get_site())
    principal = organisation.principals.get(name="Lycksele kommun")
    principal.logo = image
    principal.save()
    html = client.get("/om-forbundet/").content.decode()
    footer = html[html.index('id="footer-principals"') :]
    for name in ("Arbetsförmedlingen", "Försäkringskassan", "Lycksele kommun", "Region Västerbotten"):
        assert f'<span class="principal__name">{name}</span>' in footer
    assert footer.count('class="principal__logo"') == 1
    assert 'href="https://www.lycksele.se/"' in footer


def test_the_network_signup_is_linked_from_the_header_footer_and_home_page(client, site):
    html = client.get("/").content.decode()
    header = html[html.index("<header") : html.index("</header>")]
    footer = html[html.index("<footer") : html.index("</footer>")]
    main = html[html.index("<main") : html.index("</main>")]
    for part in (header, footer, main):
        assert 'href="/natverket/"' in part
    assert "Anmäl dig till nätverket" in main


def test_the_demo_news_item_that_invites_people_links_the_signup(client, db):
    call_command("load_demo", stdout=io.StringIO())
    html = client.get("/nyheter/uppsokande-besok/").content.decode()
    assert '<a href="/natverket/">Nätverket</a>' in html


def test_the_optional_hero_image_shows_on_the_home_page(client, site):
    assert 'class="hero-image"' not in client.get("/").content.decode()
    from wagtail.images import get_image_model

    site.hero_image = get_image_model().objects.create(title="Älven", file=get_test_image_file(size=(1800, 600)))
    site.hero_image_alt = "Umeälven vid Lycksele en vårdag"
    site.save_revision().publish()
    html = client.get("/").content.decode()
    assert 'class="hero-image"' in html and 'alt="Umeälven vid Lycksele en vårdag"' in html
    share = Head(html).meta["og:image"]
    assert share.startswith("http://testserver/") and "fill-1200x630" in share


def test_a_section_with_pages_below_it_has_a_sub_navigation(client, site, about_page):
    assert 'class="subnav"' not in client.get("/tillganglighet/").content.decode()
    organisation = about_page.add_child(instance=StandardPage(title="Organisation", slug="organisation"))
    organisation.save_revision().publish()
    board = organisation.add_child(instance=StandardPage(title="Styrelsen", slug="styrelsen"))
    board.save_revision().publish()
    draft = about_page.add_child(instance=StandardPage(title="Utkast", slug="utkast", live=False))

    for path in ("/om-forbundet/", "/om-forbundet/organisation/", "/om-forbundet/organisation/styrelsen/"):
        html = client.get(path).content.decode()
        nav = html[html.index('<nav class="subnav"') : html.index("</nav>", html.index('<nav class="subnav"'))]
        assert 'href="/om-forbundet/"' in nav and 'href="/om-forbundet/organisation/"' in nav
        assert draft.title not in nav
        assert nav.count('aria-current="page"') == 1
    assert 'href="/om-forbundet/organisation/styrelsen/" aria-current="page"' in html


@pytest.mark.parametrize(
    "value,expected",
    [
        (datetime.date(2006, 5, 10), "2006-05-10"),
        (
            timezone.make_aware(datetime.datetime(2006, 7, 1, 9, 30, 15, 123456), datetime.UTC),
            "2006-07-01T11:30:15+02:00",
        ),
        (None, ""),
    ],
)
def test_time_datetime_is_valid_html_without_fractional_seconds(value, expected):
    assert html_datetime(value) == expected


def test_no_page_writes_fractional_seconds_into_datetime(client, site):
    html = client.get("/om-forbundet/").content.decode()
    values = re.findall(r'datetime="([^"]+)"', html)
    assert values
    for value in values:
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2})?", value), value


def test_announcement_emails_carry_the_logo_and_the_brand_colour(
    site, news_index, coordinator, mailoutbox, eager_celery, django_capture_on_commit_callbacks
):
    from tests.network.factories import SubscriberFactory, SubscriptionFactory

    SubscriptionFactory(subscriber=SubscriberFactory(email="lasare@example.org"))
    page = NewsPageFactory(parent=news_index, title="En nyhet", slug="en-nyhet", publish=False, live=False)
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision(user=coordinator).publish(user=coordinator)
    (message,) = mailoutbox
    html = message.alternatives[0][0]
    logo = re.search(r'<img class="logo" src="([^"]+)" alt="([^"]+)"', html) or re.search(
        r'<img[^>]+src="([^"]+)"[^>]+alt="([^"]+)"', html
    )
    assert logo.group(1).startswith("http://testserver/") and logo.group(1).endswith(".png")
    assert logo.group(2) == ORG
    assert "#0b5a4a" in html


def test_without_renditions_the_page_and_the_email_go_out_without_the_logo(client, site, monkeypatch):
    """Wagtail reads renditions through the cache; an unreachable cache leaves the logo out, nothing fails."""
    from wagtail.images.models import Image

    def unreachable(self, spec):
        raise ConnectionError("cache down")

    monkeypatch.setattr(Image, "get_rendition", unreachable)
    html = client.get("/kontakt/").content.decode()
    assert f'<a class="site-header__brand" href="/">{ORG}</a>' in html
    context = OrganisationSettings.email_context(site.get_site())
    assert (context["site_name"], context["logo_url"]) == (ORG, "")
