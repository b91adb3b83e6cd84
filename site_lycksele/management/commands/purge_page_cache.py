"""Empty the public page cache and the edge cache (every deploy: docker-compose.yml runs it at start)."""

from django.core.management.base import BaseCommand

from site_lycksele import edge
from site_lycksele.cache import purge


class Command(BaseCommand):
    help = "Tömmer sidcachen och kantcachen för publika sidor (till exempel efter en uppdatering av mallarna)."

    def handle(self, *args, **options):
        purge()
        edge.purge_everything()
        self.stdout.write("Sidcachen och kantcachen är tömda.")
