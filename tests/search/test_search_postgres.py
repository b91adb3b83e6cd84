"""Swedish stemming needs PostgreSQL's "swedish" text search configuration."""

import re

import pytest

pytestmark = [pytest.mark.services, pytest.mark.django_db]


def titles(response):
    return re.findall(r'<li class="search-result">\s*<h3>(?:<a href="[^"]*">)?([^<]+)', response.content.decode())


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("pressmeddelandet", "Nytt pressmeddelande om samverkan"),
        ("projekten", "Ett projekt för unga vuxna"),
        ("samordningsförbundets", "Om samordningsförbundet"),
    ],
)
def test_swedish_inflections_find_the_base_form(client, add_page, query, expected):
    add_page("Nytt pressmeddelande om samverkan")
    add_page("Ett projekt för unga vuxna")
    add_page("Om samordningsförbundet")
    response = client.get("/sok/", {"q": query})
    assert titles(response) == [expected]
    assert "<mark>" in response.content.decode()


def test_title_matches_rank_above_body_matches(client, add_page):
    add_page("Styrelsen", intro="Om arbetsmarknad och annat.")
    add_page("Arbetsmarknad", intro="Insatser.")
    assert titles(client.get("/sok/", {"q": "arbetsmarknad"}))[0] == "Arbetsmarknad"
