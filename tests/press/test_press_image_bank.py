"""The image bank and press kit: complete press images, downloads in two sizes, the release's images."""

import io

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from PIL import Image as PILImage
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection, CollectionViewRestriction

from home.models import OrganisationSettings
from press.image_bank import ImageCreditMissingError, Licence
from press.models import PressImage, PressReleaseImage
from tests.press.conftest import admin_url, release_form_data

pytestmark = pytest.mark.django_db


def library_image(title="Styrelsen", size=(2400, 1600), collection=None):
    options = {"collection": collection} if collection else {}
    return Image.objects.create(title=title, file=get_test_image_file(size=size), **options)


@pytest.fixture
def press_image(db):
    return PressImage.objects.create(
        image=library_image(),
        title="Styrelsen vid årsmötet",
        alt_text="Sex personer står framför kommunhuset i Lycksele",
        photographer="Anna Andersson",
        credit="Foto: Anna Andersson/Samordningsförbundet Lycksele",
        licence=Licence.CC_BY,
    )


def test_every_detail_of_a_press_image_is_required_in_swedish(db):
    with pytest.raises(ValidationError) as refused:
        PressImage(title=" ", alt_text="", photographer="", credit="", licence="").full_clean()
    errors = refused.value.message_dict
    assert errors["image"] == ["Välj en bild ur bildbanken."]
    assert errors["alt_text"] == ["Skriv en alternativtext som beskriver bilden för den som inte ser den."]
    assert errors["photographer"] == ["Skriv vem som har tagit bilden."]
    assert errors["credit"] == ["Skriv hur bilden ska krediteras (byline)."]
    assert errors["licence"] == ["Välj under vilken licens medierna får använda bilden."]
    with pytest.raises(ValidationError) as refused:
        PressImage(
            image=library_image(), title=" ", alt_text="x", photographer="x", credit="x", licence="cc0"
        ).full_clean()
    assert refused.value.message_dict == {"title": ["Skriv en bildtext: vad visar bilden?"]}


def test_the_coordinator_adds_a_press_image_only_when_complete(client, coordinator):
    client.force_login(coordinator)
    url = admin_url_for_images("add")
    image = library_image()
    data = {
        "image": str(image.pk),
        "title": "Möte",
        "alt_text": "",
        "photographer": "Anna",
        "credit": "",
        "licence": "x",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Skriv en alternativtext som beskriver bilden" in html
    assert "Skriv hur bilden ska krediteras (byline)." in html
    assert "Välj en av licenserna i listan." in html
    assert not PressImage.objects.exists()
    data.update(alt_text="Två personer vid ett bord", credit="Foto: Anna", licence="cc0")
    assert client.post(url, data).status_code == 302
    assert PressImage.objects.get().photographer == "Anna"


def admin_url_for_images(name, *args):
    from django.urls import reverse

    return reverse(PressImage.snippet_viewset.get_url_name(name), args=args)


def test_downloads_in_web_and_print_size(client, press_room, press_image):
    web = client.get(f"/press/bilder/{press_image.pk}/webb/")
    assert web.status_code == 200
    assert 'filename="styrelsen-vid-arsmotet-webb.jpg"' in web["Content-Disposition"]
    assert web["Content-Disposition"].startswith("attachment")
    picture = PILImage.open(io.BytesIO(b"".join(web.streaming_content)))
    assert picture.format == "JPEG"
    assert max(picture.size) == 1600

    original = client.get(f"/press/bilder/{press_image.pk}/tryck/")
    assert original.status_code == 200
    with press_image.image.file.open("rb") as file:
        assert b"".join(original.streaming_content) == file.read()
    assert (press_image.image.width, press_image.image.height) == (2400, 1600)


@pytest.mark.parametrize("path", ["/press/bilder/{pk}/mellan/", "/press/bilder/999999/webb/"])
def test_unknown_size_or_image_is_not_found(client, press_room, press_image, path):
    assert client.get(path.format(pk=press_image.pk)).status_code == 404


def test_an_image_of_a_restricted_collection_is_neither_offered_nor_downloadable(client, press_room, press_image):
    collection = Collection.get_first_root_node().add_child(name="Internt")
    restriction = CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.GROUPS
    )
    restriction.groups.set(Group.objects.all()[:1])
    press_image.image.collection = collection
    press_image.image.save()
    assert client.get(f"/press/bilder/{press_image.pk}/tryck/").status_code == 404
    assert "Styrelsen vid årsmötet" not in client.get("/press/").content.decode()


def test_press_room_offers_the_image_bank_logo_files_and_printed_material(client, press_room, press_image):
    organisation = OrganisationSettings.for_site(press_room.get_site())
    organisation.logo = library_image("Logotyp", size=(800, 400))
    organisation.email_logo = library_image("Logotyp PNG", size=(400, 200))
    organisation.save()
    html = client.get("/press/").content.decode()
    assert '<h2 id="image-bank-heading">Bildbank</h2>' in html
    assert "Foto: Anna Andersson/Samordningsförbundet Lycksele" in html
    assert "Fotograf: Anna Andersson" in html
    assert "Creative Commons Erkännande 4.0" in html
    assert f'href="/press/bilder/{press_image.pk}/webb/"' in html
    assert f'href="/press/bilder/{press_image.pk}/tryck/"' in html
    assert 'alt="Sex personer står framför kommunhuset i Lycksele"' in html
    assert organisation.logo.file.url in html and organisation.email_logo.file.url in html
    for name in ("faktablad", "informationsblad", "affisch-a4", "affisch-a3"):
        assert f'href="/trycksaker/{name}.pdf"' in html


def publish(release, user):
    release.save_revision(user=user).publish(user=user)
    release.refresh_from_db()


def test_a_release_lists_its_images_with_credit(client, admin_user, press_room, draft_release, press_image):
    PressReleaseImage.objects.create(release=draft_release, press_image=press_image)
    publish(draft_release, admin_user)
    html = client.get(f"/press/{draft_release.slug}/").content.decode()
    assert "Pressbilder" in html
    assert "Foto: Anna Andersson/Samordningsförbundet Lycksele" in html
    assert f'href="/press/bilder/{press_image.pk}/tryck/"' in html
    assert f'href="/press/{draft_release.slug}/pdf/"' in html


def test_the_admin_form_lists_images_from_the_bank(client, coordinator, press_room, draft_release, press_image):
    client.force_login(coordinator)
    data = release_form_data(draft_release, images=[{"press_image": str(press_image.pk)}])
    assert client.post(admin_url("edit", draft_release.pk), data).status_code == 302
    assert [item.press_image for item in draft_release.images.all()] == [press_image]


def test_a_main_image_needs_alt_text_on_every_save(client, coordinator, press_room, draft_release):
    client.force_login(coordinator)
    data = release_form_data(draft_release, main_image=str(library_image().pk), main_image_credit="Foto: Anna")
    response = client.post(admin_url("edit", draft_release.pk), data)
    assert response.status_code == 200
    assert "Skriv en alternativtext som beskriver huvudbilden" in response.content.decode()
    draft_release.refresh_from_db()
    assert draft_release.main_image is None


@pytest.mark.parametrize("action", ["publish", "submit"])
def test_no_publication_or_review_without_a_credit(client, admin_user, press_room, draft_release, action):
    client.force_login(admin_user)
    data = release_form_data(
        draft_release, action=action, main_image=str(library_image().pk), main_image_alt="Ett möte"
    )
    response = client.post(admin_url("edit", draft_release.pk), data)
    assert response.status_code == 200
    assert "huvudbilden saknar fotograf/källa" in response.content.decode()
    draft_release.refresh_from_db()
    assert not draft_release.live and draft_release.current_workflow_state is None


def test_every_route_to_publication_refuses_an_uncredited_body_image(admin_user, press_room, draft_release):
    image = library_image()
    draft_release.body = [("image", {"image": image, "alt_text": "Ett möte", "caption": "", "credit": ""})]
    with pytest.raises(ImageCreditMissingError) as refused:
        publish(draft_release, admin_user)
    assert "bilden ”Ett möte” saknar fotograf/källa" in refused.value.messages[0]
    assert not type(draft_release).objects.get(pk=draft_release.pk).live
