"""The role groups survive a database flush, as TransactionTestCase and `manage.py flush` do."""

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command


@pytest.mark.django_db(transaction=True)
def test_groups_come_back_with_their_permissions_after_a_flush():
    call_command("flush", interactive=False, verbosity=0)

    editors = set(Group.objects.get(name="Editors").permissions.values_list("codename", flat=True))
    staff = set(Group.objects.get(name="Staff").permissions.values_list("codename", flat=True))
    assert {"add_agreement", "change_agreement", "view_confidential_agreement", "add_apikey"} <= editors
    assert "view_internal_agreement" in staff
    assert "view_confidential_agreement" not in staff
    assert not {codename for codename in staff if not codename.startswith("view_")}
