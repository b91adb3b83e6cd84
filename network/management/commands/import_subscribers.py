"""Import paper interest registrations (CSV) into a mailing list."""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from wagtail.log_actions import log

from network.importer import ImportFileError, check_rows, import_rows, read_rows
from network.models import MailingList
from network.signup import EMAIL_CONFIRM, queue_email


class ProgressBar:
    """A plain textual progress bar on stderr, redrawn at most once per percent."""

    def __init__(self, total, stream, width=30):
        self.total, self.stream, self.width, self.last = max(total, 1), stream, width, -1

    def update(self, done):
        percent = done * 100 // self.total
        if percent != self.last:
            self.last = percent
            filled = self.width * percent // 100
            self.stream.write(f"\rKontrollerar rader [{'#' * filled}{'.' * (self.width - filled)}] {percent:3d} %")
            self.stream.flush()

    def close(self):
        self.stream.write("\n")


class Command(BaseCommand):
    help = (
        "Importera intresseanmälningar från en CSV-fil (UTF-8, kolumner email, name, organisation, role) "
        "till en sändlista. Felaktiga rader rapporteras; en felaktig fil importeras inte alls."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="CSV-fil med rubrikrad.")
        parser.add_argument("--list", required=True, dest="list_slug", help="Sändlistans kortnamn, t.ex. natverket.")
        parser.add_argument(
            "--confirmed",
            action="store_true",
            help="Personerna räknas som bekräftade. Kräver --legal-basis.",
        )
        parser.add_argument(
            "--legal-basis", default="", help="Den rättsliga grunden för behandlingen (krävs med --confirmed)."
        )
        parser.add_argument(
            "--send-confirmation",
            action="store_true",
            help="Skicka bekräftelsemejl till de nya obekräftade personerna.",
        )
        parser.add_argument("--dry-run", action="store_true", help="Kontrollera filen utan att spara något.")

    def handle(self, *args, file, list_slug, confirmed, legal_basis, send_confirmation, dry_run, **options):
        legal_basis = legal_basis.strip()
        if confirmed and not legal_basis:
            raise CommandError('--confirmed kräver --legal-basis, till exempel --legal-basis "Samtycke på papper".')
        if confirmed and send_confirmation:
            raise CommandError("--send-confirmation kan inte kombineras med --confirmed.")
        mailing_list = MailingList.objects.filter(slug=list_slug).first()
        if mailing_list is None:
            known = ", ".join(MailingList.objects.values_list("slug", flat=True))
            raise CommandError(f"Sändlistan {list_slug!r} finns inte. Befintliga listor: {known}.")
        path = Path(file)
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"Kan inte läsa filen {file}: {error.strerror or error}.") from error
        try:
            rows = read_rows(data)
        except ImportFileError as error:
            raise CommandError(f"Inget importerades. {error}") from error

        stderr = options.get("stderr") or sys.stderr
        progress = ProgressBar(len(rows), stderr)
        report = check_rows(self._with_progress(rows, progress), mailing_list)
        progress.close()

        new_ids = []
        if not dry_run and report.accepted:
            new_ids = import_rows(
                report, mailing_list, confirmed=confirmed, legal_basis=legal_basis, source_name=path.name
            )
            log(
                mailing_list,
                "network.import",
                data={
                    "file": path.name,
                    "accepted": len(report.accepted),
                    "rejected": len(report.rejected),
                    "confirmed": confirmed,
                    "legal_basis": legal_basis,
                },
            )
            if send_confirmation:
                for pk in new_ids:
                    transaction.on_commit(lambda pk=pk: queue_email(pk, EMAIL_CONFIRM))
        self._report(
            report, mailing_list, confirmed=confirmed, dry_run=dry_run, sent=len(new_ids) if send_confirmation else 0
        )

    @staticmethod
    def _with_progress(rows, progress):
        for done, row in enumerate(rows, start=1):
            yield row
            progress.update(done)

    def _report(self, report, mailing_list, *, confirmed, dry_run, sent):
        write = self.stdout.write
        write(f"Godkända rader: {len(report.accepted)}")
        write(f"Avvisade rader: {len(report.rejected)}")
        for line, reason in report.rejected:
            write(f"  rad {line}: {reason}")
        if dry_run:
            write(self.style.WARNING("Provkörning (--dry-run): ingenting sparades."))
            return
        if not report.accepted:
            write(self.style.WARNING("Ingenting importerades."))
            return
        write(
            self.style.SUCCESS(
                f"{report.added} personer lades till i {mailing_list.name} ({report.created} nya prenumeranter)."
            )
        )
        if not confirmed:
            write(
                "De importerade är obekräftade och får inga utskick förrän de bekräftat sin anmälan. "
                "Obekräftade anmälningar raderas efter 30 dagar."
            )
        if sent:
            write(f"Bekräftelsemejl skickas till {sent} personer.")
