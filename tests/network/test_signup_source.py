"""Where a signup came from: the QR code of a printed item carries ``?kalla=``, the signup records it."""

import pytest

from network.api import signup_url
from network.models import Subscriber
from tests.network.test_signup import SIGNUP_URL, form_data, post

pytestmark = pytest.mark.django_db


def test_the_qr_code_address_carries_the_source_into_the_form(client):
    url = signup_url(source="affisch-a4")
    response = client.get(url.removeprefix("http://testserver"))
    assert response.status_code == 200
    assert '<input type="hidden" name="source" value="affisch-a4"' in response.content.decode()


@pytest.mark.parametrize(
    ("source", "recorded"), [("affisch-a4", "affisch-a4"), ("informationsblad", "informationsblad"), ("", "signup")]
)
def test_the_signup_records_its_source(on_commit, client, source, recorded):
    assert post(on_commit, client, form_data(source=source)).status_code == 302
    assert Subscriber.objects.get().consent_source == recorded


def test_an_unknown_source_is_refused_in_swedish_and_records_nothing(on_commit, client):
    response = post(on_commit, client, form_data(source="<script>"))
    assert response.status_code == 200
    assert "Länken till anmälan är felaktig." in response.content.decode()
    assert not Subscriber.objects.exists()


def test_an_unknown_source_in_the_address_is_not_echoed(client):
    html = client.get(SIGNUP_URL, {"kalla": '"><b>x'}).content.decode()
    assert "<b>x" not in html
