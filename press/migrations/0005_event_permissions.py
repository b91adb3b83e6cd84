"""Give the roles their permissions on events: the coordinator writes and publishes them, the board reads.

Events carry no decision, so they are not under the board's workflow; the coordinator also
reads and deletes the registrations (a person who asks to be removed).
"""

from django.db import migrations

from home.roles import BOARD, COORDINATOR, grant


def assign(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    # Wagtail adds the snippet's publish/lock/unlock permissions only after migrate; create them now.
    event_type, _ = ContentType.objects.get_or_create(app_label="press", model="pressevent")
    for action in ("publish", "lock", "unlock"):
        Permission.objects.get_or_create(
            content_type=event_type, codename=f"{action}_pressevent", defaults={"name": f"Can {action} evenemang"}
        )
    grant(
        apps,
        COORDINATOR,
        [
            "press.add_pressevent",
            "press.change_pressevent",
            "press.delete_pressevent",
            "press.view_pressevent",
            "press.publish_pressevent",
            "press.view_eventregistration",
            "press.delete_eventregistration",
        ],
    )
    grant(apps, BOARD, ["press.view_pressevent", "press.view_eventregistration"])


class Migration(migrations.Migration):
    dependencies = [("press", "0004_events")]

    operations = [migrations.RunPython(assign, migrations.RunPython.noop)]
