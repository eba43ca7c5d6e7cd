"""Editors issue and revoke API keys (DESIGN.md section 8): give the Editors group the key model's permissions."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CODENAMES = ("add_apikey", "change_apikey", "delete_apikey", "view_apikey")


def grant(apps, schema_editor):
    # Permissions are normally made after migrate; make them now so the group can hold them.
    core = apps.get_app_config("core")
    core.models_module = True
    create_permissions(core, apps=apps, verbosity=0)
    core.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editors, _ = Group.objects.get_or_create(name="Editors")
    editors.permissions.add(
        *Permission.objects.filter(content_type__app_label="core", codename__in=CODENAMES)
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name="Editors"):
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="core", codename__in=CODENAMES)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_api_key"),
        # The Editors group is made (and its permissions set) there; add to it afterwards.
        ("consortium", "0002_groups"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [migrations.RunPython(grant, revoke)]
