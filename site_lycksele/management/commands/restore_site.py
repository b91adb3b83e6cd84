"""Restore the database and the media files from an archive of backup_site (site_lycksele.backup)."""

import sys

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from site_lycksele.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "Återställer databasen och de uppladdade filerna från ett arkiv av backup_site ('-' läser standard in), "
        "migrerar och tömmer sidcachen. Ersätter allt innehåll."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="arkivets sökväg, eller - för standard in")

    def handle(self, *args, archive, **options):
        try:
            if archive == "-":
                count = restore_backup(sys.stdin.buffer)
            else:
                with open(archive, "rb") as stream:
                    count = restore_backup(stream)
        except (BackupError, OSError) as error:
            raise CommandError(f"Återställningen misslyckades: {error}") from error
        # A dump from an older release is brought up to the code's migrations.
        call_command("migrate", interactive=False, verbosity=0)
        self.stderr.write(f"Återställning klar: databasen och {count} filer; sidcachen är tömd.")
