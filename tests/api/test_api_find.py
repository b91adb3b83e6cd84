"""``find`` on every endpoint: 302 to the object's detail URL when it exists and is public, 404 otherwise."""

import pytest

from tests.home.factories import NewsPageFactory
from tests.search.factories import DocumentFactory

pytestmark = pytest.mark.django_db


def test_find_by_html_path_redirects_to_the_page(client, add_page):
    page = add_page("Samverkan")
    for path, expected in [("/samverkan/", page.pk), ("/nyheter/", None), ("/", None)]:
        response = client.get("/api/v2/pages/find/", {"html_path": path})
        assert response.status_code == 302, path
        if expected:
            assert f"/api/v2/pages/{expected}/" in response["Location"]
        assert client.get(response["Location"]).status_code == 200


def test_find_by_id_on_every_endpoint(client, add_page, home_page):
    page = add_page("Samverkan")
    news = NewsPageFactory(parent=home_page.get_children().get(slug="nyheter").specific, date="2007-06-01")
    document = DocumentFactory(title="Plan")
    for endpoint, pk in [("pages", page.pk), ("pages", news.pk), ("documents", document.pk)]:
        response = client.get(f"/api/v2/{endpoint}/find/", {"id": pk})
        assert response.status_code == 302, endpoint
        assert f"/api/v2/{endpoint}/{pk}/" in response["Location"]
        assert client.get(response["Location"]).status_code == 200


@pytest.mark.parametrize(
    "endpoint,params",
    [
        ("pages", {"html_path": "/finns-inte/"}),
        ("pages", {"id": "999999"}),
        ("documents", {"id": "999999"}),
        ("images", {"id": "999999"}),
        ("press-releases", {"id": "999999"}),
        ("activities", {"id": "999999"}),
    ],
)
def test_find_answers_404_for_what_does_not_exist(client, home_page, endpoint, params):
    assert client.get(f"/api/v2/{endpoint}/find/", params).status_code == 404
