"""Empty the public page cache, e.g. after a deploy that changed templates."""

from django.core.management.base import BaseCommand

from site_lycksele.cache import purge


class Command(BaseCommand):
    help = "Tömmer sidcachen för publika sidor (till exempel efter en uppdatering av mallarna)."

    def handle(self, *args, **options):
        purge()
        self.stdout.write("Sidcachen är tömd.")
