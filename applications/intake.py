"""Receiving an application: the case, its number, its parties and its attachments, all or nothing.

Numbers are sequential per year and association (``2026/0012``). Two applications arriving at once may read the
same highest number; the unique constraint on (year, sequence) turns the second insert into an
``IntegrityError``, and it takes the next number instead. Attachment files are written to the
storage inside the transaction and deleted again if it does not commit, so a failed upload
leaves neither a half case nor a stray file.
"""

import logging

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from applications.deadlines import round_for
from applications.models import Application, Attachment
from applications.tasks import queue_receipt

logger = logging.getLogger(__name__)

NUMBER_ATTEMPTS = 10


def next_sequence(association, year):
    taken = Application.objects.filter(association=association, year=year)
    return (taken.aggregate(highest=Max("sequence"))["highest"] or 0) + 1


def _create_numbered(association, fields, received_at):
    year = timezone.localtime(received_at).year
    for _attempt in range(NUMBER_ATTEMPTS):
        sequence = next_sequence(association, year)
        try:
            with transaction.atomic():
                return Application.objects.create(
                    association=association,
                    year=year,
                    sequence=sequence,
                    number=Application.format_number(year, sequence),
                    created_at=received_at,
                    **fields,
                )
        except IntegrityError:
            if not Application.objects.filter(association=association, year=year, sequence=sequence).exists():
                raise
            logger.info("Application number %s/%s taken concurrently; taking the next", year, sequence)
    raise IntegrityError(f"no free application number for {year} after {NUMBER_ATTEMPTS} attempts")


def receive(*, association, fields, parties, attachments, received_at=None):
    """Create and return ``association``'s case from an application form's cleaned data.

    ``fields`` are the case's own fields, ``parties`` the principals, ``attachments`` pairs of
    (upload, ``applications.uploads.CheckedFile``). The case goes to the preparation meeting of
    the round it arrived in (``applications.deadlines``); the receipt is queued after commit.
    Must not run inside another transaction: its files are only kept if its own commit happens.
    """
    received_at = received_at or timezone.now()
    application_round = round_for(association, timezone.localtime(received_at).date())
    stored = []
    try:
        with transaction.atomic(durable=True):
            application = _create_numbered(
                association,
                {**fields, "preparation_meeting": application_round.meeting if application_round else None},
                received_at,
            )
            application.parties.set(parties)
            for upload, checked in attachments:
                attachment = Attachment(
                    application=application,
                    original_name=checked.name,
                    content_type=checked.content_type,
                    size=checked.size,
                )
                attachment.file.save(checked.name, upload, save=False)
                stored.append(attachment.file)
                attachment.save()
            transaction.on_commit(lambda: queue_receipt(application.pk))
    except BaseException:
        for stored_file in stored:
            stored_file.storage.delete(stored_file.name)
        raise
    return application
