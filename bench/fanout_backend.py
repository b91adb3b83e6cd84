"""The benchmark's email backend: anymail's test backend without the outbox (which would grow with N)."""

from anymail.backends.test import EmailBackend as AnymailTestBackend
from anymail.message import AnymailRecipientStatus


class EmailBackend(AnymailTestBackend):
    sent = 0

    def post_to_esp(self, payload, message):
        message.anymail_test_params = payload.get_params()
        EmailBackend.sent += 1
        status = AnymailRecipientStatus(message_id=str(EmailBackend.sent), status="sent")
        return {"recipient_status": dict.fromkeys(payload.recipient_emails, status)}
