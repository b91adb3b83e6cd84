"""Grant the coordinator the activity plan and the board read access, and both the monthly report."""

from django.db import migrations

from home.roles import BOARD, COORDINATOR, grant

COORDINATOR_PERMISSIONS = [
    "activities.add_activity",
    "activities.change_activity",
    "activities.delete_activity",
    "activities.publish_activity",
    "activities.view_activity",
    "activities.view_monthlyreport",
]
BOARD_PERMISSIONS = ["activities.view_activity", "activities.view_monthlyreport"]


def grant_roles(apps, schema_editor):
    grant(apps, COORDINATOR, COORDINATOR_PERMISSIONS)
    grant(apps, BOARD, BOARD_PERMISSIONS)


def revoke_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    activity_permissions = Permission.objects.filter(content_type__app_label="activities")
    for group in Group.objects.filter(name__in=[COORDINATOR, BOARD]):
        group.permissions.remove(*activity_permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("activities", "0001_initial"),
        ("home", "0002_roles_and_workflow"),
    ]

    operations = [migrations.RunPython(grant_roles, revoke_roles)]
