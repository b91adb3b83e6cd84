"""Let the coordinator manage promoted search results (editor's picks)."""

from django.db import migrations

from home.roles import COORDINATOR, grant

PERMISSIONS = [
    "wagtailsearchpromotions.add_searchpromotion",
    "wagtailsearchpromotions.change_searchpromotion",
    "wagtailsearchpromotions.delete_searchpromotion",
]


def grant_permissions(apps, schema_editor):
    grant(apps, COORDINATOR, PERMISSIONS)


def revoke_permissions(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    group = Group.objects.filter(name=COORDINATOR).first()
    if group:
        group.permissions.remove(*group.permissions.filter(content_type__app_label="wagtailsearchpromotions"))


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0002_roles_and_workflow"),
        ("wagtailsearchpromotions", "0008_query_verbose_name"),
    ]

    operations = [migrations.RunPython(grant_permissions, revoke_permissions)]
