"""Media on S3-compatible object storage (several web hosts), against a real local S3 server.

moto's standalone server stands in for the provider's endpoint (AWS_S3_ENDPOINT_URL): the
site's storage settings, boto3 and HTTP are real; only the provider is local.
"""

import urllib.request
import uuid

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection, CollectionViewRestriction

from site_lycksele.settings.base import media_storage
from tests.processes import S3Server

BUCKET = "lycksele-media"


@pytest.fixture(scope="module")
def s3_server():
    with S3Server() as server:
        yield server


@pytest.fixture
def s3_media(s3_server, monkeypatch):
    """The site's media in a fresh bucket, configured as production reads it from the environment."""
    bucket = f"{BUCKET}-{uuid.uuid4().hex[:8]}"
    s3_server.client().create_bucket(Bucket=bucket)
    for key, value in s3_server.settings_env(bucket).items():
        monkeypatch.setenv(key, value)
    with override_settings(STORAGES={**settings.STORAGES, "default": media_storage()}):
        yield s3_server, bucket


def bucket_keys(server, bucket):
    listing = server.client().list_objects_v2(Bucket=bucket)
    return {item["Key"] for item in listing.get("Contents", [])}


def fetch(url):
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.status, response.headers["Content-Type"], response.read()


@pytest.mark.django_db
def test_images_and_documents_uploaded_in_the_admin_live_in_the_bucket(client, admin_user, s3_media):
    server, bucket = s3_media
    client.force_login(admin_user)
    png = get_test_image_file(filename="logotyp.png", size=(320, 200)).file.getvalue()
    image_file = SimpleUploadedFile("logotyp.png", png, "image/png")
    response = client.post(reverse("wagtailimages:add"), {"title": "Logotyp", "file": image_file})
    assert response.status_code == 302, response.context["form"].errors
    response = client.post(
        reverse("wagtaildocs:add"),
        {"title": "Ansökan", "file": SimpleUploadedFile("ansokan.pdf", b"%PDF-1.4 ansokan", "application/pdf")},
    )
    assert response.status_code == 302, response.context["form"].errors

    image = get_image_model().objects.get(title="Logotyp")
    document = get_document_model().objects.get(title="Ansökan")
    rendition = image.get_rendition("fill-100x80")
    assert {image.file.name, document.file.name, rendition.file.name} <= bucket_keys(server, bucket)

    # The rendition is an object of its own in the bucket, and its URL serves it.
    status, content_type, body = fetch(rendition.url)
    assert status == 200 and content_type == "image/png"
    assert body.startswith(b"\x89PNG")
    assert rendition.url.startswith(server.url + f"/{bucket}/")
    # The document comes through the site (Wagtail's view), streamed from the bucket.
    response = client.get(document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 ansokan"


@pytest.mark.django_db
def test_a_restricted_document_is_never_handed_out_by_a_storage_url(client, admin_user, s3_media):
    server, bucket = s3_media
    closed = Collection.get_first_root_node().add_child(name="Styrelsens handlingar")
    CollectionViewRestriction.objects.create(collection=closed, restriction_type=CollectionViewRestriction.LOGIN)
    document = get_document_model().objects.create(
        title="Protokoll",
        collection=closed,
        file=SimpleUploadedFile("protokoll.pdf", b"%PDF-1.4 hemligt", "application/pdf"),
    )
    assert document.file.name in bucket_keys(server, bucket)

    anonymous = client.get(document.url)
    assert anonymous.status_code == 302
    assert server.url not in anonymous["Location"] and "login" in anonymous["Location"]

    # Signed in, the file is streamed by the view itself: no redirect to the bucket that a
    # reader could pass on (Wagtail redirects for remote storages unless told otherwise).
    client.force_login(admin_user)
    response = client.get(document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 hemligt"

    # Nor does the API name a storage URL for any document.
    listing = client.get("/api/v2/documents/").json()
    assert server.url not in str(listing)


def test_without_a_bucket_media_stay_in_media_root(monkeypatch):
    monkeypatch.delenv("AWS_STORAGE_BUCKET_NAME", raising=False)
    assert media_storage() == {"BACKEND": "django.core.files.storage.FileSystemStorage"}
