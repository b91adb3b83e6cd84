"""Removing the plugins leaves a site that boots, checks, migrates, builds itself, loads its demo and renders."""

from tests.core_site import run_without_plugins

CORE_SITE = """
import django
django.setup()
from django.apps import apps
from django.core.management import call_command
from django.test import Client

assert not any(apps.is_installed(app) for app in ("activities", "press", "search", "applications"))
call_command("check")
call_command("migrate", interactive=False, verbosity=0)
call_command("init_site", verbosity=0)
call_command("load_demo", verbosity=0)
client = Client()
for url in ("/", "/om-forbundet/", "/kontakt/", "/soka-medel/", "/personuppgifter/", "/sitemap.xml", "/robots.txt"):
    response = client.get(url)
    print(url, response.status_code)
for url in ("/press/", "/aktivitetsplan/", "/sok/?q=test", "/soka-medel/ansok/"):
    print(url, client.get(url).status_code)
funding = client.get("/soka-medel/").content.decode()
print("funding-page-by-email", "data-funding-apply-by-email" in funding and "<form" not in funding.split("<main", 1)[1])
"""


def test_the_site_without_plugins_boots_migrates_and_renders(tmp_path):
    result = run_without_plugins(CORE_SITE, tmp_path)
    statuses = dict(line.rsplit(" ", 1) for line in result.stdout.splitlines() if line.startswith("/"))
    assert statuses["/"] == "200"
    assert statuses["/om-forbundet/"] == "200"
    assert statuses["/kontakt/"] == "200"
    assert statuses["/soka-medel/"] == "200"
    assert statuses["/personuppgifter/"] == "200"
    assert statuses["/sitemap.xml"] == "200"
    assert statuses["/robots.txt"] == "200"
    assert statuses["/press/"] == "404"
    assert statuses["/aktivitetsplan/"] == "404"
    assert statuses["/sok/?q=test"] == "404"
    assert statuses["/soka-medel/ansok/"] == "404"
    assert "funding-page-by-email True" in result.stdout, "without the online application, the page gives the address"
