"""Export everything an association owns as JSON (before it is retired); changes nothing."""

from django.core import serializers
from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Site

from home.associations import owned_querysets


class Command(BaseCommand):
    help = (
        "Skriver ut allt ett förbund äger som JSON (webbplatsen, sidorna, inställningarna, pressmeddelanden, "
        "aktiviteter, sändlistor, prenumeranter, utskick …), till exempel innan förbundet avvecklas."
    )

    def add_arguments(self, parser):
        parser.add_argument("hostname", help="Förbundets värdnamn, t.ex. www.exempel.se.")

    def handle(self, *args, hostname, **options):
        association = Site.objects.filter(hostname=hostname.strip().lower()).first()
        if association is None:
            raise CommandError(f"Det finns inget förbund med värdnamnet {hostname!r}.")
        objects = [obj for queryset in owned_querysets(association) for obj in queryset.iterator()]
        self.stdout.write(serializers.serialize("json", objects, indent=1))
