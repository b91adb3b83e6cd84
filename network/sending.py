"""Sending a mailing: its emails rendered once, personalised per recipient, handed to the backend in batches.

A mailing's HTML and text are rendered from the announcing app's templates once,
with placeholders for the personal links, and stored on the Mailing (the record
of what was sent). Per recipient only the links and the List-Unsubscribe header
change: by string replacement (one message per recipient), or, with providers
whose anymail backend supports batch sending with inline content, as
``merge_data`` and ``merge_headers`` of one message to up to NETWORK_BATCH_SIZE people.

:func:`send_mailing` is the send loop of one task: it claims a batch, sends it and records
each recipient's outcome, every state change through :mod:`network.deliveries` (whose
docstring states the crash-safety contract).

Everything about the sender is the mailing's association's: its address (every link and the
Message-ID domain, :func:`home.associations.root_url`), and its name, logo, fact box, footer,
sender and reply-to from :func:`association_context` under the mailing's own stored context.
"""

import logging
import smtplib
from email import policy
from email.utils import parseaddr
from urllib.parse import quote, urljoin

import css_inline
from anymail.exceptions import AnymailAPIError, AnymailError
from anymail.message import AnymailMessage
from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from wagtail import hooks

from home.associations import domain as site_domain
from home.associations import root_url
from network import conf, deliveries
from network.deliveries import db_retry
from network.models import Mailing, one_line
from network.tokens import token_for

logger = logging.getLogger(__name__)

UNSUBSCRIBE = "unsubscribe_url"
MANAGE = "manage_url"
MARKERS = {UNSUBSCRIBE: "__NETWORK_UNSUBSCRIBE_URL__", MANAGE: "__NETWORK_MANAGE_URL__"}
FALLBACK_PATHS = {UNSUBSCRIBE: "/natverket/avregistrera/{}/", MANAGE: "/natverket/installningar/{}/"}
URL_NAMES = {UNSUBSCRIBE: "network:unsubscribe", MANAGE: "network:manage"}
PURPOSES = {UNSUBSCRIBE: "unsubscribe", MANAGE: "manage"}

# Merge-field syntax per anymail ESP whose batch sending works with inline (non-template) content.
MERGE_FIELDS = {
    "test": "{{NAME}}",
    "mailgun": "%recipient.NAME%",
    "sparkpost": "{{NAME}}",
    "brevo": "{{ params.NAME }}",
}

TRANSIENT, PERMANENT = "transient", "permanent"
ACCEPTED_STATUSES = {"sent", "queued", "scheduled", "unknown"}
REJECTED_STATUSES = {"rejected", "invalid"}

NOT_ELIGIBLE = "Mottagaren har avregistrerat sig eller spärrats innan e-postmeddelandet skickades."
REJECTED = "Mottagaren avvisades av leverantören."
UNAVAILABLE = "Leverantören kunde inte ta emot meddelandet just nu."

# Characters that make a display name need quotes (RFC 5322); Django encodes non-ASCII names when sending.
SPECIALS = set('()<>@,;:\\".[]')

INLINER = css_inline.CSSInliner(keep_style_tags=True, load_remote_stylesheets=False)


class UnfoldedHeadersMixin:
    """Never fold headers: a folded List-Unsubscribe has broken DKIM signatures elsewhere."""

    def message(self, **kwargs):
        msg = super().message(**kwargs)
        msg.policy = policy.compat32.clone(max_line_length=0)
        return msg


class Email(UnfoldedHeadersMixin, EmailMultiAlternatives):
    pass


class BatchEmail(UnfoldedHeadersMixin, AnymailMessage):
    pass


def absolute(url, association=None):
    """``url`` made absolute on the association's one address."""
    base = root_url(association) + "/"
    return urljoin(base, url) if url else base


def association_context(association):
    """What the shared email layout says about ``association``: its name, logo, fact box, footer, sender.

    From the ``network_email_context`` hooks (``fn(site) -> dict``; home registers the organisation
    settings'), over defaults that name the installation.
    """
    context = {
        "site_name": settings.WAGTAIL_SITE_NAME,
        "logo_url": "",
        "fact_box": "",
        "footer_address": "",
        "sender_name": "",
        "sender_email": "",
        "reply_to": "",
    }
    for provide in hooks.get_hooks("network_email_context"):
        context.update(provide(association))
    context["site_url"] = root_url(association)
    return context


def sender(context):
    """The From address of an email with ``context``: the association's sender, else the installation's."""
    fallback = conf.get("NETWORK_FROM_EMAIL") or settings.DEFAULT_FROM_EMAIL
    name = one_line(context.get("sender_name") or "")
    if not name:
        return context.get("sender_email") or fallback
    address = context.get("sender_email") or parseaddr(fallback)[1]
    if any(char in SPECIALS for char in name):
        name = '"{}"'.format(name.replace("\\", "\\\\").replace('"', '\\"'))
    return f"{name} <{address}>"


def reply_to(context):
    return [context["reply_to"]] if context.get("reply_to") else []


def mailing_context(mailing):
    """The association's context with the mailing's own (stored when it was announced) over it."""
    return {
        **association_context(mailing.association),
        **mailing.context,
        "site_url": root_url(mailing.association),
    }


def render(mailing, obj):
    """The mailing's (html, text), rendered once with placeholders for the personal links."""
    context = {
        **mailing_context(mailing),
        "object": obj,
        "mailing": mailing,
        "subject": mailing.subject,
        "url": absolute(mailing.url, mailing.association),
        **MARKERS,
    }
    html = render_to_string(f"{mailing.template}.html", context)
    text = render_to_string(f"{mailing.template}.txt", context)
    return INLINER.inline(html), text


def provider_timeout():
    return conf.get("NETWORK_PROVIDER_TIMEOUT")


def open_connection():
    """One email backend connection for a run of batches, with the provider timeout applied."""
    timeout = provider_timeout()
    connection = get_connection(timeout=timeout, requests_timeout=timeout, ignore_recipient_status=True)
    connection.open()
    return connection


def merge_field_syntax(connection):
    """The provider's merge-field syntax when it can batch-send inline content, else None."""
    configured = conf.get("NETWORK_MERGE_FIELD")
    if configured is not None:
        return configured or None
    module = type(connection).__module__
    if not module.startswith("anymail.backends."):
        return None
    return MERGE_FIELDS.get(module.rsplit(".", 1)[-1])


def _link_template(name, association):
    try:
        path = reverse(URL_NAMES[name], kwargs={"token": "TOKEN"}).replace("TOKEN", "{}")
    except NoReverseMatch:
        path = FALLBACK_PATHS[name]
    return absolute(path, association)


class Composer:
    """Builds the messages of one mailing; created once per send task, used for every batch."""

    def __init__(self, mailing, connection):
        self.mailing_id = mailing.pk
        self.subject = one_line(mailing.subject)  # mailings recorded before subjects were kept to one line
        self.html = mailing.html_body
        self.text = mailing.text_body
        context = mailing_context(mailing)
        self.from_email = sender(context)
        self.reply_to = reply_to(context)
        self.domain = site_domain(mailing.association)
        self.links = {name: _link_template(name, mailing.association) for name in MARKERS}
        self.mailto = conf.get("NETWORK_UNSUBSCRIBE_MAILTO")
        self.connection = connection
        self.merge_field = merge_field_syntax(connection)

    @property
    def batching(self):
        return self.merge_field is not None

    def personal(self, pk, secret):
        """The personal links and the List-Unsubscribe headers of one recipient."""
        links = {name: self.links[name].format(token_for(pk, secret, PURPOSES[name])) for name in MARKERS}
        value = f"<{links[UNSUBSCRIBE]}>"
        if self.mailto:
            value += f",<mailto:{self.mailto}?subject={quote('avregistrera ' + links[UNSUBSCRIBE])}>"
        headers = {"List-Unsubscribe": value, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}
        return links, headers

    def single(self, delivery_id, email, pk, secret):
        """One message for one recipient (any backend)."""
        links, headers = self.personal(pk, secret)
        html, text = self.html, self.text
        for name, marker in MARKERS.items():
            html = html.replace(marker, links[name])
            text = text.replace(marker, links[name])
        headers["Message-ID"] = f"<{self.mailing_id}.{delivery_id}@{self.domain}>"
        message = Email(
            self.subject,
            text,
            self.from_email,
            [email],
            headers=headers,
            connection=self.connection,
            reply_to=self.reply_to,
        )
        message.attach_alternative(html, "text/html")
        return message

    def batch(self, recipients):
        """One anymail batch message for [(delivery_id, email, pk, secret), …] with per-recipient merge data."""
        html, text = self.html, self.text
        for name, marker in MARKERS.items():
            field = self.merge_field.replace("NAME", name)
            html = html.replace(marker, field)
            text = text.replace(marker, field)
        message = BatchEmail(
            subject=self.subject,
            body=text,
            from_email=self.from_email,
            to=[email for _, email, _, _ in recipients],
            reply_to=self.reply_to,
            connection=self.connection,
        )
        message.attach_alternative(html, "text/html")
        message.merge_data, message.merge_headers, message.merge_metadata = {}, {}, {}
        for delivery_id, email, pk, secret in recipients:
            links, headers = self.personal(pk, secret)
            message.merge_data[email] = links
            message.merge_headers[email] = headers
            message.merge_metadata[email] = {"delivery": str(delivery_id)}
        message.metadata = {"mailing": str(self.mailing_id)}
        return message


def classify(error):
    """Whether an exception from the email backend is worth retrying (TRANSIENT) or not (PERMANENT)."""
    if isinstance(error, AnymailAPIError):
        status = getattr(error, "status_code", None)
        if status is None or status >= 500 or status in (408, 429):
            return TRANSIENT
        return PERMANENT
    if isinstance(error, AnymailError | ValueError):
        return PERMANENT
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _ in error.recipients.values()]
        return PERMANENT if codes and all(code >= 500 for code in codes) else TRANSIENT
    if isinstance(error, smtplib.SMTPResponseException):
        return PERMANENT if error.smtp_code >= 500 else TRANSIENT
    # Connection trouble, timeouts and anything unforeseen: retried, and the attempt cap bounds it.
    return TRANSIENT


def recipient_outcomes(message, emails):
    """{email: (accepted: bool | None, message_id)} from anymail's status; None means "retry"."""
    status = getattr(message, "anymail_status", None)
    recipients = getattr(status, "recipients", None) or {}
    outcomes = {}
    for email in emails:
        result = recipients.get(email) or recipients.get(email.lower())
        if result is None:
            outcomes[email] = (True, "")
            continue
        message_id = "" if result.message_id is None else str(result.message_id)
        if result.status in REJECTED_STATUSES:
            outcomes[email] = (False, message_id)
        elif result.status in ACCEPTED_STATUSES:
            outcomes[email] = (True, message_id)
        else:
            outcomes[email] = (None, message_id)
    return outcomes


def send_mailing(mailing_id):
    """Claim and send the mailing's due deliveries, batch after batch, until none is left; then close it if done."""
    mailing = Mailing.objects.filter(pk=mailing_id, snapshot_at__isnull=False).select_related("association").first()
    if mailing is None:
        return
    backend = open_connection()
    try:
        with deliveries.Lease() as lease:
            Sender(mailing, Composer(mailing, backend), lease).run()
    finally:
        backend.close()
    db_retry(deliveries.finish_if_done, mailing_id)


class Sender:
    """The send loop of one task: claim a batch, send it, record each recipient's outcome."""

    def __init__(self, mailing, composer, lease):
        self.mailing = mailing
        self.composer = composer
        self.lease = lease
        self.list_ids = list(mailing.lists.values_list("pk", flat=True))
        self.association_id = mailing.association_id
        size = conf.get("NETWORK_BATCH_SIZE")
        self.batch_size = size if composer.batching else min(size, 100)
        self.circuit = conf.get("NETWORK_CIRCUIT_BREAK")
        self.streak = 0  # consecutive transient errors

    def run(self):
        while self.streak < self.circuit:
            rows = db_retry(deliveries.claim, self.mailing.pk, self.batch_size)
            if not rows:
                return
            self.lease.hold(row[0] for row in rows)
            secrets = db_retry(deliveries.eligible, self.list_ids, self.association_id, rows)
            not_eligible = [row[0] for row in rows if row[1] not in secrets]
            if not_eligible:
                db_retry(deliveries.mark_failed, not_eligible, NOT_ELIGIBLE)
            batch = [(pk, email, sub, secrets[sub]) for pk, sub, email, _ in rows if sub in secrets]
            attempts = {row[0]: row[3] for row in rows}
            if batch:
                if self.composer.batching:
                    self.send_batch(batch, attempts)
                else:
                    self.send_singles(batch, attempts)
            self.lease.hold(())
        logger.warning("Mailing %s: %s transient errors in a row; left to the sweep", self.mailing.pk, self.streak)

    def failed(self, ids, attempts, error):
        """Record a send error for deliveries: permanent -> failed; transient -> retry later (or dead)."""
        if classify(error) == PERMANENT:
            db_retry(deliveries.mark_failed, ids, f"Avvisat av leverantören: {error}")
        else:
            self.streak += 1
            db_retry(deliveries.retry_later, [(pk, attempts[pk]) for pk in ids], f"Tillfälligt fel: {error}")

    def send_batch(self, batch, attempts):
        message = self.composer.batch(batch)
        ids = {email: pk for pk, email, _, _ in batch}
        try:
            self.composer.connection.send_messages([message])
        except Exception as error:  # noqa: BLE001 - every backend error is recorded on the deliveries
            self.failed(list(ids.values()), attempts, error)
            return
        self.streak = 0
        sent, rejected, retry = [], [], []
        for email, (accepted, message_id) in recipient_outcomes(message, list(ids)).items():
            if accepted:
                sent.append((ids[email], message_id))
            elif accepted is None:
                retry.append((ids[email], attempts[ids[email]]))
            else:
                rejected.append(ids[email])
        db_retry(deliveries.mark_sent, sent)
        if rejected:
            db_retry(deliveries.mark_failed, rejected, REJECTED)
        if retry:
            db_retry(deliveries.retry_later, retry, UNAVAILABLE)

    def send_singles(self, batch, attempts):
        for index, (pk, email, sub, secret) in enumerate(batch):
            if self.streak >= self.circuit:
                db_retry(deliveries.release, [row[0] for row in batch[index:]])
                return
            message = self.composer.single(pk, email, sub, secret)
            try:
                self.composer.connection.send_messages([message])
            except Exception as error:  # noqa: BLE001 - every backend error is recorded on the delivery
                self.failed([pk], attempts, error)
                continue
            self.streak = 0
            accepted, message_id = recipient_outcomes(message, [email])[email]
            if accepted:
                db_retry(deliveries.mark_sent, [(pk, message_id or message.extra_headers["Message-ID"])])
            elif accepted is None:
                db_retry(deliveries.retry_later, [(pk, attempts[pk])], UNAVAILABLE)
            else:
                db_retry(deliveries.mark_failed, [pk], REJECTED)
