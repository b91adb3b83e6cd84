"""Signed personal links: one format for every email and every public page.

A token is ``<subscriber pk>:<timestamp>:<signature>``. The signature is keyed
by the project's SECRET_KEY, a salt per purpose ("unsubscribe", "manage",
"confirm", …) and the subscriber's own ``secret``, so a token for one purpose
never works for another, and rotating a subscriber's secret (or erasing them)
invalidates all their links.
"""

from django.core import signing

from network.models import Subscriber

SALT = "network.tokens"


def _signer(purpose, secret):
    return signing.TimestampSigner(salt=f"{SALT}.{purpose}.{secret}")


def token_for(pk, secret, purpose):
    """The token for a subscriber known by pk and secret (for bulk sending, without model instances)."""
    return _signer(purpose, secret).sign(str(pk))


def make_token(subscriber, purpose):
    return token_for(subscriber.pk, subscriber.secret, purpose)


def read_token(token, purpose, max_age=None):
    """The subscriber a token was made for; raises ``signing.BadSignature`` (or ``SignatureExpired``)."""
    pk, _, _ = str(token).partition(":")
    if not pk.isdigit():
        raise signing.BadSignature("malformed token")
    subscriber = Subscriber.objects.filter(pk=int(pk)).first()
    if subscriber is None:
        raise signing.BadSignature("unknown subscriber")
    if _signer(purpose, subscriber.secret).unsign(token, max_age=max_age) != pk:
        raise signing.BadSignature("token does not match")
    return subscriber
