"""manage.py restore <backup folder> [--dbname NAME]

Restores a folder written by `manage.py backup` into an empty database (DATABASE_URL's, or
--dbname on the same server) and its media files into MEDIA_ROOT, checking every checksum.
Refuses a database that is not empty. See portal/core/backups.py.
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from portal.core.backups import BackupError, Database, restore_backup


class Command(BaseCommand):
    help = "Restore a backup folder into an empty database and MEDIA_ROOT, verifying its checksums."

    def add_arguments(self, parser):
        parser.add_argument(
            "source", help="a folder written by `manage.py backup`, e.g. backups/20260101T000000Z"
        )
        parser.add_argument(
            "--dbname", help="restore into this (empty) database on the same server instead of DATABASE_URL's"
        )

    def handle(self, *args, source, dbname, **options):
        database = Database.from_settings(name=dbname)
        try:
            restore_backup(Path(source), database, Path(settings.MEDIA_ROOT), log=self.stdout.write)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
