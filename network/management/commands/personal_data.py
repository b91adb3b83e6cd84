"""A person's data protection request by address: export (access) or erasure, subscriber or not."""

import json

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email

from network import gdpr


class Command(BaseCommand):
    help = (
        "Exportera eller radera allt som finns om en person, med e-postadressen: som prenumerant och i "
        "andra delar av webbplatsen (t.ex. ansökningar om medel), också för den som aldrig prenumererat. "
        "export skriver JSON till standard ut; erase raderar och kräver --yes."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["export", "erase"], help="export eller erase.")
        parser.add_argument("email", help="Personens e-postadress.")
        parser.add_argument("--yes", action="store_true", help="Bekräfta raderingen (behövs för erase).")

    def handle(self, *args, action, email, yes, **options):
        try:
            validate_email(email.strip())
        except ValidationError as error:
            raise CommandError(f"Ogiltig e-postadress: {email}") from error
        if action == "export":
            self.stdout.write(json.dumps(gdpr.export_person(email), ensure_ascii=False, indent=2))
            return
        if not yes:
            raise CommandError("Radering går inte att ångra: kör igen med --yes för att radera.")
        gdpr.erase_person(email)
        self.stdout.write(f"Personuppgifterna för {email.strip()} är raderade.")
