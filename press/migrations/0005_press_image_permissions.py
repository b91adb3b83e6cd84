"""The coordinator keeps the image bank; the board reads it, as it reads everything."""

from django.db import migrations

from home.roles import BOARD, COORDINATOR, grant


def assign(apps, schema_editor):
    grant(apps, COORDINATOR, [f"press.{action}_pressimage" for action in ("add", "change", "delete", "view")])
    grant(apps, BOARD, ["press.view_pressimage"])


def unassign(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    for group in apps.get_model("auth", "Group").objects.filter(name__in=[COORDINATOR, BOARD]):
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="press", codename__endswith="_pressimage")
        )


class Migration(migrations.Migration):
    dependencies = [("press", "0004_press_image_bank")]

    operations = [migrations.RunPython(assign, unassign)]
