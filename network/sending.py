"""Building the emails of a mailing: rendered once, personalised per recipient.

A mailing's HTML and text are rendered from the announcing app's templates once,
with placeholders for the personal links, and stored on the Mailing (the record
of what was sent). Per recipient only the links and the List-Unsubscribe header
change: by string replacement (one message per recipient), or, with providers
whose anymail backend supports batch sending with inline content, as
``merge_data`` and ``merge_headers`` of one message to up to NETWORK_BATCH_SIZE people.
"""

import smtplib
from email import policy
from urllib.parse import quote, urljoin

import css_inline
from anymail.exceptions import AnymailAPIError, AnymailError
from anymail.message import AnymailMessage
from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse

from network import conf
from network.api import site_domain
from network.models import one_line
from network.tokens import token_for

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


def absolute(url):
    return urljoin(settings.SITE_URL + "/", url) if url else settings.SITE_URL + "/"


def render(mailing, obj):
    """The mailing's (html, text), rendered once with placeholders for the personal links."""
    context = {
        "site_name": settings.WAGTAIL_SITE_NAME,
        "logo_url": "",
        **mailing.context,
        "object": obj,
        "mailing": mailing,
        "subject": mailing.subject,
        "url": absolute(mailing.url),
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


def _link_template(name):
    try:
        path = reverse(URL_NAMES[name], kwargs={"token": "TOKEN"}).replace("TOKEN", "{}")
    except NoReverseMatch:
        path = FALLBACK_PATHS[name]
    return absolute(path)


class Composer:
    """Builds the messages of one mailing; created once per send task, used for every batch."""

    def __init__(self, mailing, connection):
        self.mailing_id = mailing.pk
        self.subject = one_line(mailing.subject)  # mailings recorded before subjects were kept to one line
        self.html = mailing.html_body
        self.text = mailing.text_body
        self.from_email = conf.get("NETWORK_FROM_EMAIL") or settings.DEFAULT_FROM_EMAIL
        self.domain = site_domain()
        self.links = {name: _link_template(name) for name in MARKERS}
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
        message = Email(self.subject, text, self.from_email, [email], headers=headers, connection=self.connection)
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
