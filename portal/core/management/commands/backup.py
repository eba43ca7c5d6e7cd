"""manage.py backup [--output DIR] [--dbname NAME]

Writes backups/<UTC timestamp>/ with the database (pg_dump custom format), the media files
(media.tar) and manifest.json with their SHA-256 checksums. See portal/core/backups.py.
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from portal.core.backups import BackupError, Database, take_backup


class Command(BaseCommand):
    help = "Back up the database and the media files into backups/<timestamp>/, with a checksum manifest."

    def add_arguments(self, parser):
        parser.add_argument(
            "--output", default=str(settings.BASE_DIR / "backups"),
            help="folder to write the backup folder into (default: backups/)",
        )  # fmt: skip
        parser.add_argument(
            "--dbname", help="back up this database on the same server instead of DATABASE_URL's"
        )

    def handle(self, *args, output, dbname, **options):
        database = Database.from_settings(name=dbname)
        try:
            take_backup(database, Path(settings.MEDIA_ROOT), Path(output), log=self.stdout.write)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
