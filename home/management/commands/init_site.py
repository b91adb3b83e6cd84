"""Build the real, empty site on a fresh database (production runs it at every start). Idempotent."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from home.site_setup import init_site


class Command(BaseCommand):
    help = (
        "Skapar webbplatsens sidor, organisationsinställningar att fylla i och webbplatsens adress från "
        "SITE_URL. Kan köras flera gånger; det som finns lämnas orört."
    )

    def handle(self, *args, **options):
        try:
            with transaction.atomic():
                context = init_site(settings.SITE_URL)
        except ValueError as error:
            raise CommandError(str(error)) from error
        for what in context.created:
            self.stdout.write(f"  {what}")
        if not context.created:
            self.stdout.write("Webbplatsen finns redan; inget ändrades.")
        self.stdout.write(
            self.style.SUCCESS(f"Webbplatsen: {context.site.root_url}/  Admin: {settings.SITE_URL}/admin/")
        )
