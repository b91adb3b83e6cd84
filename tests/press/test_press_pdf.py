"""Each published release has an accessible PDF version, linked from the release and its admin page."""

import pytest
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from tests.home.pdf_checks import pdf_text, read_pdf
from tests.press.conftest import admin_url

pytestmark = pytest.mark.django_db


def publish(release, user):
    release.save_revision(user=user).publish(user=user)
    release.refresh_from_db()


def test_release_pdf_is_accessible_and_carries_the_release(client, admin_user, press_room, draft_release):
    image = Image.objects.create(title="Möte", file=get_test_image_file())
    draft_release.body = [
        ("paragraph", "<p>Projektet startar i höst.</p>"),
        ("image", {"image": image, "alt_text": "Ett möte", "caption": "Mötet", "credit": "Foto: Per Persson"}),
        ("embed", "https://www.youtube.com/watch?v=lycksele"),
    ]
    publish(draft_release, admin_user)
    response = client.get(f"/press/{draft_release.slug}/pdf/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert f'filename="{draft_release.slug}.pdf"' in response["Content-Disposition"]
    reader = read_pdf(response.content)
    assert reader.metadata.title == draft_release.title
    text = pdf_text(reader)
    for expected in (
        draft_release.title,
        draft_release.lead,
        "Projektet startar i höst.",
        "Foto: Per Persson",
        "Sam Ordnare",
    ):
        assert expected in text
    assert "Om Samordningsförbundet Lycksele" in text


def test_release_pdf_is_regenerated_when_the_release_is_published_again(client, admin_user, press_room, draft_release):
    publish(draft_release, admin_user)
    assert "Projektet startar i höst." in pdf_text(read_pdf(client.get(f"/press/{draft_release.slug}/pdf/").content))
    draft_release.lead = "Projektet har flyttats till våren."
    publish(draft_release, admin_user)
    text = pdf_text(read_pdf(client.get(f"/press/{draft_release.slug}/pdf/").content))
    assert "Projektet har flyttats till våren." in text
    assert "Styrelsen har beslutat om ett nytt projekt." not in text


def test_a_draft_has_no_pdf(client, press_room, draft_release):
    assert client.get(f"/press/{draft_release.slug}/pdf/").status_code == 404


def test_the_admin_links_the_pdf_of_a_published_release(client, admin_user, press_room, draft_release):
    client.force_login(admin_user)
    assert (
        "PDF-versionen finns när pressmeddelandet är publicerat."
        in client.get(admin_url("edit", draft_release.pk)).content.decode()
    )
    publish(draft_release, admin_user)
    html = client.get(admin_url("edit", draft_release.pk)).content.decode()
    assert f'href="/press/{draft_release.slug}/pdf/"' in html


def test_the_admin_menu_links_the_printed_material(client, coordinator, home_page):
    client.force_login(coordinator)
    html = client.get("/admin/").content.decode()
    assert "Trycksaker" in html
    assert "/trycksaker/affisch-a3.pdf" in html
