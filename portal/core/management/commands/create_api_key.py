"""manage.py create_api_key --organization <id> | --user <username> [--expires YYYY-MM-DD]

Issues an API key (DESIGN.md section 8) and prints it once: only its hash is stored.
"""

import datetime

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from portal.core.models import APIKey


def end_of_day(value: str) -> datetime.datetime:
    """A key given `--expires 2026-12-31` works through that day, in the portal's time zone."""
    try:
        day = datetime.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"--expires must be a date as YYYY-MM-DD, not {value!r}.") from None
    return timezone.make_aware(datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time.min))


class Command(BaseCommand):
    help = "Issue an API key for a partner organisation or a user account, and print it once."

    def add_arguments(self, parser):
        owner = parser.add_mutually_exclusive_group(required=True)
        owner.add_argument("--organization", type=int, help="id of the partner organisation")
        owner.add_argument("--user", help="username of the account the key acts as")
        parser.add_argument("--expires", help="last day the key works, YYYY-MM-DD")
        parser.add_argument("--name", help="a name to recognise the key by (default: its owner)")

    def handle(self, *args, organization=None, user=None, expires=None, name=None, **options):
        from django.apps import apps

        owner = {}
        if organization is not None:
            Organization = apps.get_model("agreements", "Organization")
            try:
                owner["organization"] = Organization.objects.get(pk=organization)
            except Organization.DoesNotExist:
                raise CommandError(f"There is no organisation with id {organization}.") from None
        else:
            try:
                owner["user"] = get_user_model().objects.get(username=user)
            except get_user_model().DoesNotExist:
                raise CommandError(f"There is no user named {user!r}.") from None
            if not owner["user"].is_active:
                raise CommandError(f"The account {user!r} is inactive.")
        expiry = end_of_day(expires) if expires else None
        if expiry is not None and expiry <= timezone.now():
            raise CommandError("--expires is in the past.")
        label = name or str(next(iter(owner.values())))
        _api_key, key = APIKey.objects.create_key(name=label[:50], expiry_date=expiry, **owner)
        self.stdout.write(key)
        self.stderr.write(
            "This is the only time the key is shown: store it now. "
            "Send it as the header  Authorization: Api-Key <key>"
        )
