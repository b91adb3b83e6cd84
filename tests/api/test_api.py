import json

import pytest
from django.core.files.base import ContentFile
from django.test import override_settings
from openapi_spec_validator import validate
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction

from site_lycksele.api import absolute_urls
from tests.api.conftest import titles

pytestmark = pytest.mark.django_db


def add_document(title, collection=None):
    return get_document_model().objects.create(
        title=title,
        file=ContentFile(b"x", name="fil.txt"),
        collection=collection or Collection.get_first_root_node(),
    )


def test_pages_listing_and_detail_fields(client, add_page):
    page = add_page("Om samverkan", intro="Samverkan mellan huvudmännen.")
    listing = client.get("/api/v2/pages/", {"type": "home.StandardPage", "fields": "search_description"}).json()
    item = next(item for item in listing["items"] if item["id"] == page.id)
    assert item["title"] == "Om samverkan"
    assert item["meta"]["search_description"] == ""
    assert set(item["meta"]) >= {"type", "detail_url", "html_url", "slug", "first_published_at"}
    detail = client.get(f"/api/v2/pages/{page.id}/").json()
    assert detail["meta"]["type"] == "home.StandardPage"
    assert detail["meta"]["detail_url"] == f"http://testserver/api/v2/pages/{page.id}/"
    assert detail["title"] == "Om samverkan"


def test_drafts_and_private_pages_never_appear(client, add_page):
    add_page("Publik sida")
    draft = add_page("Utkast", live=False)
    private = add_page("Lösenordsskyddad", restricted="password")
    below = add_page("Under inloggning", parent=add_page("Inloggning", restricted="login"))
    listed = titles(client.get("/api/v2/pages/", {"limit": 50}))
    assert "Publik sida" in listed
    assert not {"Utkast", "Lösenordsskyddad", "Inloggning", "Under inloggning"} & set(listed)
    for page in (draft, private, below):
        assert client.get(f"/api/v2/pages/{page.id}/").status_code == 404
    searched = titles(client.get("/api/v2/pages/", {"search": "inloggning", "limit": 50}))
    assert not {"Inloggning", "Under inloggning"} & set(searched)


def test_documents_in_restricted_collections_never_appear(client, home_page):
    closed = Collection.get_first_root_node().add_child(name="Styrelsen")
    CollectionViewRestriction.objects.create(collection=closed, restriction_type="password", password="x")
    hidden = add_document("Protokoll", closed.add_child(name="Protokoll"))
    add_document("Verksamhetsplan")
    assert titles(client.get("/api/v2/documents/")) == ["Verksamhetsplan"]
    assert client.get(f"/api/v2/documents/{hidden.id}/").status_code == 404


@pytest.mark.parametrize(
    "query",
    [
        {"limit": "abc"},
        {"limit": "51"},
        {"limit": "-1"},
        {"offset": "-1"},
        {"offset": "x"},
        {"year": "x"},
        {"year": "20255"},
        {"order": "nonsense"},
        {"fields": "nope"},
        {"fields": "title("},
        {"unknown": "1"},
        {"type": "nope.Nope"},
        {"type": "home.StandardPage", "tag": "x"},
        {"child_of": "abc"},
        {"rich_text_format": "pdf"},
        {"search_operator": "xor", "search": "a"},
        {"id": "abc"},
    ],
)
def test_bad_parameters_give_400_json(client, home_page, query):
    response = client.get("/api/v2/pages/", query)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert response.json()["message"]


@pytest.mark.parametrize("path", ["/api/v2/pages/abc/", "/api/v2/pages/99999999999999999999999/", "/api/v2/nope/"])
def test_unknown_objects_give_404(client, home_page, path):
    assert client.get(path).status_code == 404


def test_read_only(client, home_page):
    for method in (client.post, client.put, client.patch, client.delete):
        assert method("/api/v2/pages/").status_code == 405


def test_year_filter_and_ordering(client, add_page):
    page = add_page("Årets sida")
    page.refresh_from_db()
    year = page.first_published_at.year
    assert "Årets sida" in titles(client.get("/api/v2/pages/", {"year": str(year)}))
    assert titles(client.get("/api/v2/pages/", {"year": str(year - 5)})) == []
    newest = client.get("/api/v2/pages/", {"order": "-first_published_at", "limit": 1}).json()["items"]
    assert newest[0]["title"] == "Årets sida"


def test_limit_is_capped_at_the_setting(client, home_page, settings):
    assert client.get("/api/v2/pages/", {"limit": 50}).status_code == 200
    assert client.get("/api/v2/pages/", {"limit": 51}).status_code == 400


def test_rich_text_urls_are_made_absolute():
    rendered = json.dumps({"body": '<a href="/kontakt/">k</a><img src="/media/a.jpg"><a href="//cdn.example/x">'})
    assert json.loads(absolute_urls(rendered.encode(), "http://testserver")) == {
        "body": '<a href="http://testserver/kontakt/">k</a><img src="http://testserver/media/a.jpg">'
        '<a href="//cdn.example/x">'
    }


@override_settings(CORS_ALLOWED_ORIGINS=["https://www.lycksele.se"])
def test_cors_for_allowed_origins_only(client, home_page):
    allowed = client.get("/api/v2/pages/", HTTP_ORIGIN="https://www.lycksele.se")
    assert allowed["Access-Control-Allow-Origin"] == "https://www.lycksele.se"
    assert "Access-Control-Allow-Credentials" not in allowed
    refused = client.get("/api/v2/pages/", HTTP_ORIGIN="https://evil.example")
    assert "Access-Control-Allow-Origin" not in refused
    preflight = client.options(
        "/api/v2/pages/", HTTP_ORIGIN="https://www.lycksele.se", HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET"
    )
    assert preflight["Access-Control-Allow-Origin"] == "https://www.lycksele.se"
    assert "POST" not in preflight["Access-Control-Allow-Methods"]
    widget = client.get("/embed/v1/latest.js", HTTP_ORIGIN="https://www.lycksele.se")
    assert widget["Access-Control-Allow-Origin"] == "https://www.lycksele.se"
    assert "Access-Control-Allow-Origin" not in client.get("/sok/", HTTP_ORIGIN="https://www.lycksele.se")


def test_etag_last_modified_and_cache_control(client, add_page):
    add_page("Cachad sida")
    first = client.get("/api/v2/pages/")
    assert first["Cache-Control"] == "public, max-age=300"
    assert first["ETag"] and first["Last-Modified"]
    assert client.get("/api/v2/pages/", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    assert client.get("/api/v2/pages/", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 304
    assert "Set-Cookie" not in first


def test_publishing_clears_the_cached_responses(client, add_page):
    page = add_page("Före")
    before = client.get("/api/v2/pages/", {"limit": 50})
    assert "Före" in titles(before)
    page.title = "Efter"
    page.save_revision().publish()
    after = client.get("/api/v2/pages/", {"limit": 50}, HTTP_IF_NONE_MATCH=before["ETag"])
    assert after.status_code == 200
    assert "Efter" in titles(after)
    page.unpublish()
    assert "Efter" not in titles(client.get("/api/v2/pages/", {"limit": 50}))


def test_images_come_with_renditions(client, home_page):
    from wagtail.images import get_image_model
    from wagtail.images.tests.utils import get_test_image_file

    image = get_image_model().objects.create(title="Älv", file=get_test_image_file(size=(1200, 900)))
    items = {item["id"]: item for item in client.get("/api/v2/images/").json()["items"]}
    item = items[image.id]
    assert item["thumbnail"]["width"] == 400 and item["thumbnail"]["height"] == 300
    detail = client.get(f"/api/v2/images/{image.id}/").json()
    assert detail["medium"]["width"] == 800
    assert detail["large"]["width"] == 1200
    assert detail["large"]["full_url"].startswith("http")


@pytest.mark.parametrize("count", [10, 50])
def test_list_queries_do_not_grow_with_page_size(client, add_page, django_assert_max_num_queries, count):
    from wagtail.images import get_image_model
    from wagtail.images.tests.utils import get_test_image_file

    for number in range(count):
        add_page(f"Sida {number}")
        add_document(f"Dokument {number}")
        get_image_model().objects.create(title=f"Bild {number}", file=get_test_image_file())
    for endpoint in ("pages", "documents", "images"):
        client.get(f"/api/v2/{endpoint}/", {"limit": 50})  # renditions are made once
    for endpoint in ("pages", "documents", "images"):
        with django_assert_max_num_queries(12):
            response = client.get(f"/api/v2/{endpoint}/", {"limit": 50, "_": str(count)})
        assert len(response.json()["items"]) >= count


def test_openapi_document_validates_and_describes_every_endpoint(client, home_page):
    document = client.get("/api/v2/openapi.json").json()
    validate(document)
    assert document["openapi"].startswith("3.")
    for name in ("pages", "images", "documents", "press-releases", "activities"):
        assert f"/api/v2/{name}/" in document["paths"]
        assert f"/api/v2/{name}/{{id}}/" in document["paths"]


def test_embed_script_sends_no_cookies(client, home_page):
    response = client.get("/embed/v1/latest.js")
    assert response["Content-Type"].startswith("application/javascript")
    script = response.content.decode()
    assert 'credentials: "omit"' in script
    assert "document.cookie" not in script
    assert "Set-Cookie" not in response
    demo = client.get("/embed/v1/demo/").content.decode()
    assert "data-lycksele-latest" in demo
    assert "<style" not in demo and "<script>" not in demo, "the site's CSP allows no inline code"


@pytest.mark.parametrize(
    ("path", "query"),
    [
        ("/api/v2/images/", {"width": str(2**31)}),
        ("/api/v2/images/", {"height": "-2147483649"}),
        ("/api/v2/documents/", {"id": str(2**63)}),
        ("/api/v2/pages/", {"id": str(2**63)}),
    ],
)
def test_numbers_beyond_their_column_give_400_and_later_queries_still_work(client, home_page, path, query):
    """PostgreSQL refuses such a number and aborts the transaction; the API refuses it first."""
    response = client.get(path, query)
    assert response.status_code == 400
    assert "out of range" in response.json()["message"]
    assert client.get(path).status_code == 200
