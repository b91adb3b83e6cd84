"""Hostile input on the public forms: never a server error, never a partial write."""

import pytest
from django.db.models import Count
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from network.models import MailingList, Subscriber
from network.tokens import make_token

pytestmark = pytest.mark.django_db

text = st.one_of(
    st.text(max_size=300),
    st.sampled_from(["", " ", "\x00", "a@b", "<script>alert(1)</script>", "x" * 300 + "@example.org", "1"]),
    st.emails(),
)
list_values = st.lists(st.one_of(st.sampled_from(["1", "2", "3", "-1", "0", "9" * 30, "natverket"]), text), max_size=4)
HYPOTHESIS = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)


def assert_no_partial_write():
    """Every stored subscriber is complete: consent recorded and at least one subscription."""
    incomplete = Subscriber.objects.annotate(n=Count("subscriptions")).filter(n=0)
    assert not incomplete.exists()
    assert not Subscriber.objects.filter(consent_text="").exists()
    assert not Subscriber.objects.filter(consent_at__isnull=True).exists()


@HYPOTHESIS
@given(
    name=text,
    email=text,
    organisation=st.one_of(text, st.just("lycksele_kommun")),
    lists=list_values,
    consent=st.sampled_from(["", "on", "false", "0", "\x00"]),
    website=st.sampled_from(["", "", "x"]),
)
def test_signup_form_never_errors_or_writes_half(
    client, unlimited_signups, name, email, organisation, lists, consent, website
):
    data = {"name": name, "email": email, "organisation": organisation, "lists": lists, "consent": consent}
    data["website"] = website
    response = client.post("/natverket/", data)
    assert response.status_code in (200, 302)
    assert_no_partial_write()


@HYPOTHESIS
@given(lists=list_values, action=st.sampled_from(["lists", "export", "erase", "", "x"]), confirm=text)
def test_manage_form_never_errors(client, subscriber, lists, action, confirm):
    if not Subscriber.objects.filter(pk=subscriber.pk).exists():
        return
    url = reverse("network:manage", args=[make_token(subscriber, "manage")])
    response = client.post(url, {"lists": lists, "action": action, "confirm": confirm})
    assert response.status_code in (200, 400)


@HYPOTHESIS
@given(token=st.text(min_size=1, max_size=400).filter(lambda t: "/" not in t))
def test_any_token_gives_a_clear_page_never_an_error(client, token):
    for name in ("network:confirm", "network:unsubscribe", "network:manage"):
        response = client.post(reverse(name, args=[token]))
        assert response.status_code in (400, 410)
    assert MailingList.objects.count() == 5


@pytest.fixture
def unlimited_signups(settings):
    """Hypothesis posts many times from one address; the rate limit is tested elsewhere."""
    settings.NETWORK_SIGNUP_RATE_LIMIT = 10**9
