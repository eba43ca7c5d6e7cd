"""The Editors and Staff groups of DESIGN.md section 6, with their permissions."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

DOMAIN_APPS = ("agreements", "consortium")


def create_groups(apps, schema_editor):
    # Permissions are normally made after migrate; make them now so the groups can hold them.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    domain = Permission.objects.filter(content_type__app_label__in=DOMAIN_APPS).exclude(
        content_type__model__endswith="event"
    )

    editors, _ = Group.objects.get_or_create(name="Editors")
    editors.permissions.set(
        list(domain) + list(Permission.objects.filter(content_type__app_label="rest_framework_api_key"))
    )
    staff, _ = Group.objects.get_or_create(name="Staff")
    staff.permissions.set(
        domain.filter(codename__startswith="view_").exclude(codename="view_confidential_agreement")
    )


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=["Editors", "Staff"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("agreements", "0001_initial"),
        ("consortium", "0001_initial"),
        ("rest_framework_api_key", "0005_auto_20220110_1102"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [migrations.RunPython(create_groups, remove_groups)]
