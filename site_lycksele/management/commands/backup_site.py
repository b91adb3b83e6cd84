"""Back up the database and the media files into one archive (site_lycksele.backup)."""

import sys

from django.core.management.base import BaseCommand, CommandError

from site_lycksele.backup import BackupError, write_backup


class Command(BaseCommand):
    help = "Säkerhetskopierar databasen och alla uppladdade filer till ett arkiv (.tar.gz); '-' skriver till stdout."

    def add_arguments(self, parser):
        parser.add_argument("archive", help="arkivets sökväg, eller - för standard ut")

    def handle(self, *args, archive, **options):
        try:
            if archive == "-":
                database, count = write_backup(sys.stdout.buffer)
                sys.stdout.buffer.flush()
            else:
                with open(archive, "wb") as stream:
                    database, count = write_backup(stream)
        except (BackupError, OSError) as error:
            raise CommandError(f"Säkerhetskopieringen misslyckades: {error}") from error
        self.stderr.write(f"Säkerhetskopia klar: {database} och {count} filer.")
