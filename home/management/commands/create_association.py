"""Add an association to the installation: its site, pages, settings, groups and coordinator. Idempotent."""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from home.site_setup import create_association


class Command(BaseCommand):
    help = (
        "Skapar ett nytt förbund i installationen: webbplats med sidträd, organisationsinställningar, "
        "grupperna (samordnare, styrelse, beredningsgrupp) med behörigheter, sändlistor och en samordnare. "
        "Kan köras flera gånger; det som finns lämnas orört."
    )

    def add_arguments(self, parser):
        parser.add_argument("--name", required=True, help="Förbundets namn, t.ex. ”Samordningsförbundet Exempel”.")
        parser.add_argument(
            "--hostname",
            required=True,
            help="Webbplatsens värdnamn, t.ex. www.exempel.se (https); med port, t.ex. exempel.localhost:8000, http.",
        )
        parser.add_argument(
            "--principal",
            action="append",
            default=[],
            help="En huvudman som ”Namn|https://adress”; ange flera gånger för flera huvudmän.",
        )
        parser.add_argument("--coordinator-email", required=True, help="Samordnarens e-postadress; blir inloggningen.")

    def handle(self, *args, name, hostname, principal, coordinator_email, **options):
        try:
            with transaction.atomic():
                context = create_association(
                    name=name, hostname=hostname, principals=principal, coordinator_email=coordinator_email
                )
        except ValueError as error:
            raise CommandError(str(error)) from error
        for what in context.created:
            self.stdout.write(f"  skapade {what}")
        if not context.created:
            self.stdout.write("Förbundet finns redan; inget ändrades.")
        if context.password_link:
            self.stdout.write(
                f"Samordnaren {context.coordinator.email} väljer sitt lösenord här (länken gäller en gång):\n"
                f"  {context.password_link}"
            )
        self.stdout.write(self.style.SUCCESS(f"Förbundets webbplats: {context.site.root_url}/"))
