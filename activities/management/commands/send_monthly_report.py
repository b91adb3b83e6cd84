"""Send the monthly report to LSG and the board (also run by Celery beat)."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from activities.report import build_figures, parse_month, previous_month, render_text, send_monthly_report
from network.api import NoRecipientsError


class Command(BaseCommand):
    help = "Skickar månadsrapporten om aktivitetsplanen till LSG och styrelsen. Skickas aldrig två gånger."

    def add_arguments(self, parser):
        parser.add_argument("--month", help="Månad som ÅÅÅÅ-MM (standard: förra månaden).")
        parser.add_argument("--dry-run", action="store_true", help="Visa siffrorna utan att skicka något.")

    def handle(self, *args, month=None, dry_run=False, **options):
        if month is not None:
            try:
                month = parse_month(month)
            except ValueError:
                raise CommandError(f"Ogiltig månad {month!r}; ange den som ÅÅÅÅ-MM, till exempel 2006-05.") from None
        else:
            month = previous_month(timezone.localdate())
        if dry_run:
            self.stdout.write(render_text(month, build_figures(month)))
            self.stdout.write(self.style.WARNING("Provkörning: inget skickades."))
            return
        try:
            report, mailing = send_monthly_report(month)
        except NoRecipientsError as error:
            raise CommandError(str(error)) from None
        if mailing is None:
            self.stdout.write(f"Månadsrapporten för {month:%Y-%m} är redan skickad ({report.sent_at:%Y-%m-%d %H:%M}).")
        else:
            self.stdout.write(self.style.SUCCESS(f"Månadsrapporten för {month:%Y-%m} köades för utskick."))
