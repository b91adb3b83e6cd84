"""Import interest registrations (CSV or XLSX) into a mailing list."""

import sys
from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Site

from home.associations import default_association
from network.importer import LEGAL_BASIS, SEND_CONFIRMATION, ImportFileError, check_rows, import_rows, read_rows
from network.models import MailingList


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
        "Importera intresseanmälningar från en CSV- eller XLSX-fil (kolumner email, name, organisation, role) "
        "till en sändlista. Som standard får de nya ett bekräftelsemejl och blir kvar om de bekräftar; "
        "med --confirmed --legal-basis räknas de som bekräftade. Felaktiga rader rapporteras; en felaktig fil "
        "importeras inte alls. Avslutas med felkod om ingenting importerades."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="CSV- eller XLSX-fil med rubrikrad.")
        parser.add_argument("--list", required=True, dest="list_slug", help="Sändlistans kortnamn, t.ex. natverket.")
        parser.add_argument(
            "--association",
            default="",
            help="Förbundets värdnamn, t.ex. www.lycksele.se (standard: installationens första förbund).",
        )
        parser.add_argument(
            "--confirmed",
            action="store_true",
            help="Personerna räknas som bekräftade och får inget bekräftelsemejl. Kräver --legal-basis.",
        )
        parser.add_argument(
            "--legal-basis", default="", help="Den rättsliga grunden, t.ex. ”Intresseanmälan på papper”."
        )
        parser.add_argument(
            "--consent-date",
            type=date.fromisoformat,
            help="Dagen då samtycket gavs (ÅÅÅÅ-MM-DD), t.ex. dagen för pappersanmälan. Standard: i dag.",
        )
        parser.add_argument("--dry-run", action="store_true", help="Kontrollera filen utan att spara något.")

    def handle(self, *args, file, list_slug, association, confirmed, legal_basis, consent_date, dry_run, **options):
        legal_basis = legal_basis.strip()
        if confirmed and not legal_basis:
            raise CommandError('--confirmed kräver --legal-basis, till exempel --legal-basis "Samtycke på papper".')
        if consent_date and not confirmed:
            raise CommandError("--consent-date hör till --confirmed.")
        site = self._association(association)
        lists = MailingList.objects.filter(association=site)
        mailing_list = lists.filter(slug=list_slug).first()
        if mailing_list is None:
            known = ", ".join(lists.values_list("slug", flat=True))
            name = site.site_name or site.hostname
            raise CommandError(f"Sändlistan {list_slug!r} finns inte hos {name}. Befintliga listor: {known}.")
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
        self._report_rows(report)
        if not report.accepted:
            raise CommandError("Inget importerades: filen har inga godkända rader.")
        if dry_run:
            self.stdout.write(self.style.WARNING("Provkörning (--dry-run): ingenting sparades."))
            return
        sent = import_rows(
            report,
            mailing_list,
            choice=LEGAL_BASIS if confirmed else SEND_CONFIRMATION,
            source_name=path.name,
            legal_basis=legal_basis,
            consent_date=consent_date,
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"{report.added} personer lades till i {mailing_list.name} ({report.created} nya prenumeranter)."
            )
        )
        if not confirmed:
            self.stdout.write(
                f"Bekräftelsemejl skickas till {sent} nya personer. De får utskick när de har bekräftat; "
                "den som inte bekräftar inom 30 dagar raderas, som vid anmälan på webben."
            )

    @staticmethod
    def _association(hostname):
        """The association (Site) of ``hostname``, the default one when empty; a Swedish error for an unknown one."""
        hostname = hostname.strip().lower()
        site = (
            Site.objects.filter(hostname__iexact=hostname).order_by("-is_default_site", "pk").first()
            if hostname
            else default_association()
        )
        if site is None:
            known = ", ".join(Site.objects.order_by("hostname").values_list("hostname", flat=True)) or "inga"
            raise CommandError(f"Förbundet med värdnamnet {hostname!r} finns inte. Befintliga förbund: {known}.")
        return site

    @staticmethod
    def _with_progress(rows, progress):
        for done, row in enumerate(rows, start=1):
            yield row
            progress.update(done)

    def _report_rows(self, report):
        write = self.stdout.write
        write(f"Godkända rader: {len(report.accepted)}")
        write(f"Avvisade rader: {len(report.rejected)}")
        for line, reason in report.rejected:
            write(f"  rad {line}: {reason}")
