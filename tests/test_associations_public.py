"""Public isolation between associations (issue #17.3, #17.5, #17.7): each host shows only its own.

Two associations: Lycksele (the default site at SITE_URL, http://testserver) and a second one
made by create_association at https://b.example.org. Each has a release, an activity and a
news item whose titles carry a word of its own; every public address of either host must
show none of the other's words, hosts or links.
"""

import datetime
import io

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import GroupPagePermission, Page, Site

from activities.choices import Status
from activities.models import Activity
from home.models import HomePage, NewsIndexPage, NewsPage, OrganisationSettings
from network.models import MailingList
from press.models import PressRelease
from site_lycksele import cache as page_cache

pytestmark = pytest.mark.django_db

B_HOST = "b.example.org"
WORDS = {"a": "Alfaord", "b": "Betaord"}
HOSTS = {"a": "testserver", "b": B_HOST}
# Every public address that lists or shows association content (%s: the word searched for).
PATHS = [
    "/",
    "/press/",
    "/press/feed/",
    "/press/feed/atom/",
    "/aktivitetsplan/",
    "/aktivitetsplan/aktivitetsplan.csv",
    "/aktivitetsplan/aktivitetsplan.ics",
    "/nyheter/",
    "/nyheter/feed/",
    "/sitemap.xml",
    "/robots.txt",
    "/api/v2/press-releases/",
    "/api/v2/activities/",
    "/api/v2/pages/?type=home.NewsPage&fields=title",
    "/embed/v1/latest.js",
    "/embed/v1/demo/",
    "/sok/?q=%s",
    "/sok/forslag/?q=%s",
]


# Where each association's own word must show.
OWN_PATHS = ["/press/", "/aktivitetsplan/", "/nyheter/", "/sok/?q=%s", "/api/v2/press-releases/", "/press/feed/"]


def create_association(*args):
    out = io.StringIO()
    call_command(
        "create_association",
        "--name=Samordningsförbundet Bdalen",
        f"--hostname={B_HOST}",
        "--principal=Bdalens kommun|https://bdalen.example.org/",
        "--coordinator-email=samordnare@b.example.org",
        *args,
        stdout=out,
    )
    return out.getvalue()


def own_content(site, word, slug="gemensamt-namn"):
    """A live release (the same slug in both associations), a live activity and a news item."""
    release = PressRelease(association=site, title=f"{word} pressmeddelande", slug=slug, lead=f"{word} ingress")
    release.body = [("paragraph", f"<p>{word} brödtext</p>")]
    release.live = False
    release.save()
    release.save_revision().publish()
    activity = Activity(
        association=site,
        title=f"{word} aktivitet",
        plan_year=2026,
        start_date=datetime.date(2026, 12, 1),
        status=Status.PLANNED,
    )
    activity.save()
    activity.save_revision().publish()
    news_index = NewsIndexPage.objects.child_of(site.root_page).get()
    news = NewsPage(title=f"{word} nyhet", slug=f"{word.lower()}-nyhet", lead=f"{word} nyhetsingress")
    news_index.add_child(instance=news)
    news.save_revision().publish()
    return release


@pytest.fixture
def two(home_page):
    create_association()
    sites = {"a": home_page.get_site(), "b": Site.objects.get(hostname=B_HOST)}
    releases = {key: own_content(site, WORDS[key]) for key, site in sites.items()}
    return sites, releases


def get(client, key, path, **extra):
    if "%s" in path:
        path = path % WORDS[key]
    return client.get(path, HTTP_HOST=HOSTS[key], **extra)


def test_each_host_shows_its_own_content_and_none_of_the_others(client, two):
    """One build of the two associations, every public address on both hosts (the fixture is slow)."""
    leaks = {}
    for path in PATHS:
        for key, other in (("a", "b"), ("b", "a")):
            response = get(client, key, path)
            body = response.content.decode()
            foreign = [WORDS[other], B_HOST] if other == "b" else [WORDS[other], "http://testserver"]
            found = [text for text in foreign if text in body]
            if response.status_code != 200 or found:
                leaks[(HOSTS[key], path)] = (response.status_code, found)
    assert leaks == {}
    for path in OWN_PATHS:
        for key in ("a", "b"):
            assert WORDS[key] in get(client, key, path).content.decode(), (key, path)


def test_release_pages_links_and_fact_boxes_are_each_associations_own(client, two):
    sites, releases = two
    for key, other in (("a", "b"), ("b", "a")):  # the same slug in both associations
        body = get(client, key, "/press/gemensamt-namn/").content.decode()
        assert WORDS[key] in body
        assert WORDS[other] not in body
    release = PressRelease(association=sites["b"], title="Bara B", slug="bara-b", lead="B", live=False)
    release.save()
    release.save_revision().publish()
    assert get(client, "b", "/press/bara-b/").status_code == 200
    assert get(client, "a", "/press/bara-b/").status_code == 404
    assert get(client, "a", "/nyheter/betaord-nyhet/").status_code == 404

    # Absolute links are on the object's association's address.
    assert releases["a"].public_url == "http://testserver/press/gemensamt-namn/"
    assert releases["b"].public_url == f"https://{B_HOST}/press/gemensamt-namn/"
    activity = Activity.objects.get(title__startswith=WORDS["b"])
    assert activity.public_url.startswith(f"https://{B_HOST}/aktivitetsplan/#aktivitet-")

    # Each release froze its own association's fact box.
    for release in releases.values():
        release.refresh_from_db()
    assert releases["a"].fact_box != releases["b"].fact_box
    assert "Bakgrundsfakta" in releases["b"].fact_box  # the new association's placeholder


def test_the_cached_page_of_one_host_is_never_served_on_the_other(client, two, settings):
    settings.PAGE_CACHE_ENABLED = True
    for path in ["/", "/press/", "/aktivitetsplan/", "/press/gemensamt-namn/", "/nyheter/"]:
        page_cache.purge()
        first = get(client, "a", path)
        assert get(client, "a", path)["X-Page-Cache"] == "hit", path
        other = get(client, "b", path)
        assert other["X-Page-Cache"] == "miss", path
        assert WORDS["a"] not in other.content.decode(), path
        assert WORDS["b"] not in first.content.decode(), path
        assert get(client, "b", path)["X-Page-Cache"] == "hit", path


def row_counts():
    return {model._meta.label: model._base_manager.count() for model in apps.get_models() if model._meta.managed}


def test_create_association_builds_the_site_and_is_idempotent(home_page):
    output = create_association()
    site = Site.objects.get(hostname=B_HOST)
    assert site.port == 443 and site.site_name == "Samordningsförbundet Bdalen"
    home = site.root_page.specific
    assert isinstance(home, HomePage) and home.slug != home_page.slug
    assert {page.slug for page in home.get_children()} >= {"om-forbundet", "nyheter", "press", "aktivitetsplan"}
    organisation = site.organisationsettings
    assert [principal.name for principal in organisation.principals.all()] == ["Bdalens kommun"]
    assert {organisation.coordinator_group.name, organisation.board_group.name} == {
        "Samordnare: Samordningsförbundet Bdalen",
        "Styrelse: Samordningsförbundet Bdalen",
    }
    user = organisation.coordinator_group.user_set.get()
    assert user.email == "samordnare@b.example.org" and not user.has_usable_password()
    # What the hook adds: the five lists and the groups' permissions within its own tree.
    lists = set(MailingList.objects.filter(association=site).values_list("slug", flat=True))
    assert lists == {"natverket", "media", "fortroendevalda", "lsg", "styrelsen"}
    assert GroupPagePermission.objects.filter(group=organisation.coordinator_group, page=home).exists()
    assert not GroupPagePermission.objects.filter(group=organisation.coordinator_group, page__depth=1).exists()
    assert "/admin/password_reset/" in output
    counts = row_counts()
    again = create_association()
    assert row_counts() == counts
    assert "inget ändrades" in again


BAD_INPUT = [
    (["--name= "], "--name får inte vara tomt"),
    (["--hostname=inte ett/namn"], "--hostname ska vara"),
    (["--hostname=testserver:80"], "första förbund"),
    (["--principal=Utan adress"], "--principal ska vara"),
    (["--principal=Namn|ftp://x.example.org"], "--principal ska vara"),
    (["--coordinator-email=inte-en-adress"], "--coordinator-email ska vara"),
]


def test_create_association_refuses_bad_input_and_changes_nothing(home_page):
    counts = row_counts()
    for args, message in BAD_INPUT:
        with pytest.raises(CommandError, match=message):
            create_association(*args)
        assert row_counts() == counts, args


def add_bare_associations(count):
    """``count`` more associations: a Site, a home page, one live release and activity each."""
    root = Page.get_first_root_node()
    for number in range(count):
        home = root.add_child(instance=HomePage(title=f"Förbund {number}", slug=f"forbund-{number}"))
        site = Site.objects.create(hostname=f"f{number}.example.org", port=443, root_page=home)
        PressRelease.objects.create(association=site, title=f"Extra {number}", slug="extra", lead="x", live=True)
        Activity.objects.create(association=site, title=f"Extra {number}", plan_year=2026, live=True)


QUERY_PATHS = ["/", "/press/", "/press/gemensamt-namn/", "/aktivitetsplan/", "/sok/?q=%s", "/api/v2/press-releases/"]


def queries(client, key, path):
    get(client, key, path)  # renditions and caches are made once, as on a running site
    with CaptureQueriesContext(connection) as captured:
        assert get(client, key, path).status_code == 200
    return len(captured)


def test_queries_per_public_page_do_not_grow_with_the_number_of_associations(client, two):
    at_two = {(key, path): queries(client, key, path) for key in HOSTS for path in QUERY_PATHS}
    add_bare_associations(18)
    assert Site.objects.count() == 20
    at_twenty = {(key, path): queries(client, key, path) for key in HOSTS for path in QUERY_PATHS}
    assert at_twenty == at_two


def test_export_association_dumps_its_objects_and_none_of_the_others(two):
    out = io.StringIO()
    call_command("export_association", B_HOST, stdout=out)
    dump = out.getvalue()
    assert WORDS["b"] in dump and "Samordningsförbundet Bdalen" in dump
    assert WORDS["a"] not in dump
    with pytest.raises(CommandError, match="inget förbund"):
        call_command("export_association", "okand.example.org", stdout=io.StringIO())


def test_each_association_wears_its_own_brand_colour_with_enough_contrast(client, two):
    sites, _releases = two
    organisation = OrganisationSettings.for_site(sites["b"])
    organisation.brand_colour = "#ffd700"  # gold on white: 1.4:1
    with pytest.raises(ValidationError) as refused:
        organisation.clean()
    assert "kontrast" in str(refused.value) and "4,5:1" in str(refused.value)
    organisation.brand_colour = "#6b2c91"
    organisation.clean()
    organisation.save()

    assert 'href="/forbund.css?v=6b2c91"' in get(client, "b", "/").content.decode()
    assert "forbund.css" not in get(client, "a", "/").content.decode()
    assert "--color-brand:#6b2c91" in get(client, "b", "/forbund.css").content.decode()
    assert get(client, "a", "/forbund.css").content.decode() == ""
