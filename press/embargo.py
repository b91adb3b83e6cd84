"""A real embargo: the media get an approved release at once, everyone else at the embargo time.

A release the board approves with a future go-live time (``go_live_at``) is scheduled
(Wagtail's scheduled publishing), so the site, feeds, sitemap, API, search and caches
know nothing of it until then. On that approval the lists named in
PRESS_EMBARGO_LISTS (the media list) among the release's own lists get an advance
mailing, marked "Får publiceras tidigast <tid>" in subject and body, with a private
preview link: a signed token (HMAC of SECRET_KEY, so it cannot be guessed or altered)
that works without a login for PRESS_EMBARGO_LINK_MAX_AGE seconds. At the embargo
time the publication mails the release's lists, leaving out whoever got the advance
mailing (network ``skip_recipients_of``), once.

After approval, those who may publish a release (the board) may:

- **move** the embargo: the approved revision is rescheduled to the new time and,
  if asked, the media who already got it are told the new time (a new advance
  mailing of kind EMBARGO_MOVED, with a fresh link);
- **lift** the embargo: the approved revision is published now, which mails the
  network (and nobody twice).
"""

import binascii
from base64 import urlsafe_b64decode, urlsafe_b64encode
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from home.publishing import scheduled_go_live
from network import api as network_api
from press import conf

EMBARGO = "embargo"
EMBARGO_MOVED = "embargo-moved"
KINDS = (EMBARGO, EMBARGO_MOVED)
SALT = "press.embargo-preview"


class LinkExpired(Exception):
    """The preview link was real but its lifetime has run out."""


class LinkInvalid(Exception):
    """The preview link was altered, truncated or made up."""


def format_time(when):
    """``when`` as the editors and the media read it: "3 december 2026 kl. 10.00", Swedish local time."""
    with translation.override(settings.LANGUAGE_CODE):
        return date_format(timezone.localtime(when), r"j F Y \k\l. H.i")


def mark(when):
    """The embargo mark of subject, body and preview: "Får publiceras tidigast 3 december 2026 kl. 10.00"."""
    with translation.override(settings.LANGUAGE_CODE):
        return _("Får publiceras tidigast %(time)s") % {"time": format_time(when)}


def embargo_time(release, now=None):
    """The embargo time of an approved release never yet published, or None (no embargo, or it is over)."""
    if release.live or release.first_published_at is not None or release.scheduled_revision is None:
        return None
    return scheduled_go_live(release, now)


def make_token(release):
    """The release's signed, timestamped pk, in URL-safe base64 (a page path takes only letters, digits, - and _)."""
    return urlsafe_b64encode(signing.dumps(release.pk, salt=SALT).encode()).decode().rstrip("=")


def read_token(token):
    """The release pk in a preview token; :class:`LinkExpired` or :class:`LinkInvalid` otherwise."""
    try:
        signed = urlsafe_b64decode(token + "=" * (-len(token) % 4)).decode()
        return int(signing.loads(signed, salt=SALT, max_age=conf.get("PRESS_EMBARGO_LINK_MAX_AGE")))
    except signing.SignatureExpired as error:
        raise LinkExpired from error
    except (signing.BadSignature, binascii.Error, TypeError, ValueError) as error:
        raise LinkInvalid from error


def advance_mailings(release):
    """The release's advance mailings to the media, newest first."""
    return network_api.mailings_for(release).filter(kind__in=KINDS)


def inform_media(release, *, user=None):
    """Mail the release under embargo to its media lists; None when there is no embargo or no media list.

    The first time it is the advance mailing (once); later, when the embargo time differs
    from the one last sent, a notice of the new time to the same lists.
    """
    when = embargo_time(release)
    lists = [slug for slug in release.distribution_slugs if slug in conf.get("PRESS_EMBARGO_LISTS")]
    if when is None or not lists:
        return None
    previous = advance_mailings(release).first()
    if previous is not None and previous.context.get("embargo_at") == when.isoformat():
        return None
    preview_url = release.embargo_preview_url(make_token(release))
    embargo_mark = mark(when)
    valid_until = timezone.now() + timedelta(seconds=conf.get("PRESS_EMBARGO_LINK_MAX_AGE"))
    return network_api.announce(
        release,
        lists=lists,
        subject=f"{embargo_mark} – {release.announce_subject()}",
        template=release.announce_template,
        url=preview_url,
        user=user,
        kind=EMBARGO if previous is None else EMBARGO_MOVED,
        resend=previous is not None,
        context={
            **release.announce_context(),
            "embargo_at": when.isoformat(),
            "embargo_mark": embargo_mark,
            "embargo_moved": previous is not None,
            "preview_url": preview_url,
            "preview_valid_until": format_time(valid_until),
        },
    )


def inform_media_on_approval(sender, instance, revision=None, **kwargs):
    """Receiver of ``published``: an approval that schedules the release sends it to the media now."""
    inform_media(instance, user=revision.user if revision else None)


def publication_options(release):
    """The first publication's mailing leaves out those who got the release under embargo."""
    first = advance_mailings(release).filter(kind=EMBARGO).first()
    return {"skip_recipients_of": first} if first is not None else {}


def _approved_revision(release):
    revision = release.scheduled_revision
    if embargo_time(release) is None or revision is None:
        raise ValidationError(_("Pressmeddelandet har inget embargo att ändra: det är inte godkänt och schemalagt."))
    return revision


@transaction.atomic
def move(release, when, *, user, inform=True):
    """Reschedule the approved release to ``when`` (in the future); tell the media if ``inform``."""
    if when is None or when <= timezone.now():
        raise ValidationError(_("Den nya embargotiden måste ligga i framtiden."))
    revision = _approved_revision(release)
    previous = release.go_live_at
    # The revision's own go-live time is what scheduled publishing reads back when it publishes.
    revision.content["go_live_at"] = when.isoformat()
    revision.approved_go_live_at = when
    revision.save(update_fields=["content", "approved_go_live_at"])
    release.go_live_at = when
    release.save(update_fields=["go_live_at"])
    log(
        instance=release,
        action="press.embargo_moved",
        user=user,
        revision=revision,
        data={"from": previous.isoformat() if previous else None, "to": when.isoformat()},
    )
    return inform_media(release, user=user) if inform else None


@transaction.atomic
def lift(release, *, user):
    """Publish the approved release now (which mails the network, nobody twice)."""
    revision = _approved_revision(release)
    revision.content["go_live_at"] = None
    revision.save(update_fields=["content"])
    log(instance=release, action="press.embargo_lifted", user=user, revision=revision)
    revision.publish(user=user, changed=False)
