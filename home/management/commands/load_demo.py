"""Build the demo site from the association's 2006 communication plan. Idempotent."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from wagtail import hooks

from home.demo import DemoContext
from home.demo_content import ensure_public_site, ensure_site, ensure_users


class Command(BaseCommand):
    help = "Skapar demoinnehållet (sidor, faktaruta, aktiviteter, listor, användare). Kan köras flera gånger."

    def add_arguments(self, parser):
        parser.add_argument("--password", default="demo", help="Lösenord för demoanvändarna (standard: demo).")

    def handle(self, *args, password, **options):
        if (settings.SETTINGS_MODULE or "").endswith(".production"):
            raise CommandError("load_demo skapar inga användare med produktionsinställningar.")
        with transaction.atomic():
            users, created_users = ensure_users(password)
            home, created_pages = ensure_site()
            context = DemoContext(site=home.get_site(), home=home, users=users, password=password)
            context.created.extend(created_users + created_pages + ensure_public_site(home))
            for loader in hooks.get_hooks("register_demo_content"):
                loader(context)
        if context.created:
            for what in context.created:
                self.stdout.write(f"  skapade {what}")
        else:
            self.stdout.write("Demoinnehållet finns redan; inget ändrades.")
        self.stdout.write(
            self.style.SUCCESS(f"Demoinloggningar på /admin/: samordnare, styrelse och admin (lösenord: {password}).")
        )
