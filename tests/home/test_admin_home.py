"""The admin is the coordinator's home: the association's name, our guide, panels of every app."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from home.branding import ensure_brand_images
from home.content_cache import replace_version
from home.models import OrganisationSettings
from network.models import MailingList, Subscriber, Subscription
from network.panels import network_size_by_month

pytestmark = pytest.mark.django_db


@pytest.fixture
def dashboard(client, coordinator, home_page):
    client.force_login(coordinator)
    return client.get(reverse("wagtailadmin_home")).content.decode()


def test_the_admin_carries_the_associations_name_not_wagtails(client, coordinator, home_page):
    settings = OrganisationSettings.for_site(home_page.get_site())
    settings.name = "Samordningsförbundet Provorten"
    settings.save()
    client.force_login(coordinator)

    html = client.get(reverse("wagtailadmin_home")).content.decode()

    assert re.search(r"<title>[^<]* - Samordningsförbundet Provorten</title>", html)
    assert "- Wagtail</title>" not in html
    name = "Samordningsförbundet Provorten"
    logo = rf'(<img[^>]*alt="{name}"|<span class="lyk-admin-wordmark">{name}<)'
    assert re.search(r"<template data-wagtail-sidebar-branding-logo>\s*" + logo, html), "no logo or name in the sidebar"
    client.logout()
    login = client.get(reverse("wagtailadmin_login")).content.decode()
    assert "Logga in på Samordningsförbundet Provorten" in login


def test_the_help_menu_opens_our_editors_guide_instead_of_wagtails(dashboard):
    assert reverse("home_editors_guide") in dashboard
    assert "guide.wagtail.org" not in dashboard
    assert "Vad är nytt i Wagtail" not in dashboard


def test_the_editors_guide_renders_with_its_screenshots(client, coordinator, home_page):
    client.force_login(coordinator)
    html = client.get(reverse("home_editors_guide")).content.decode()
    assert "<h2>Pressmeddelanden</h2>" in html
    images = re.findall(r'<img src="([^"]+)"', html)
    assert images, "the guide shows no screenshots"
    response = client.get(images[0])
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert client.get(reverse("home_editors_guide_image", args=["..settings.png"])).status_code == 404
    assert client.get(reverse("home_editors_guide_image", args=["saknas.png"])).status_code == 404


def test_the_dashboard_has_the_apps_panels_with_a_text_alternative_for_the_chart(dashboard):
    for heading in ("Aktiviteter just nu", "Senaste utskicken", "Nätverkets tillväxt"):
        assert heading in dashboard
    chart = re.search(r'<svg role="img" aria-labelledby="([^"]+)"', dashboard)
    assert chart, "the growth chart has no accessible name"
    for element_id in chart.group(1).split():
        assert f'id="{element_id}"' in dashboard
    assert "Medlemmar i slutet av månaden" in dashboard, "the chart's figures are not also given as a table"


def test_the_growth_counts_who_was_on_the_list_at_each_months_end(home_page):
    network = MailingList.objects.get(slug="natverket")
    now = timezone.localtime()
    long_ago = now - datetime.timedelta(days=400)
    for email, confirmed, left in [
        ("kvar@example.org", long_ago, None),
        ("slutade@example.org", long_ago, now - datetime.timedelta(days=1)),
        ("ny@example.org", now, None),
        ("obekraftad@example.org", None, None),
    ]:
        subscriber = Subscriber.objects.create(email=email, confirmed_at=confirmed)
        Subscription.objects.create(
            subscriber=subscriber, mailing_list=network, confirmed_at=confirmed, unsubscribed_at=left
        )

    sizes = network_size_by_month(network.association)

    assert len(sizes) == 12
    assert sizes[0][1] == 2, "a year ago both early members were on the list"
    assert sizes[-1][1] == 2, "now: one early member left, one new joined; the unconfirmed never counts"


def test_the_sidebar_logo_loads_as_an_image(client, coordinator, home_page):
    settings = OrganisationSettings.for_site(home_page.get_site())
    ensure_brand_images(settings)
    replace_version()
    client.force_login(coordinator)

    html = client.get(reverse("wagtailadmin_home")).content.decode()

    match = re.search(r'<template data-wagtail-sidebar-branding-logo>\s*<img[^>]*src="([^"]+)"', html)
    assert match, "the sidebar shows no logo image"
    response = client.get(match.group(1))
    assert response.status_code == 200, f"the logo {match.group(1)} answers {response.status_code}"
    assert response["Content-Type"].startswith("image/")
