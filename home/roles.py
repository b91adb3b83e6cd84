"""The editorial roles, shared by every app's data migrations.

Each app grants its own models' permissions to these groups in a data migration
of its own, through :func:`grant`, so a fresh database always has the roles and
removing a plugin removes its permissions with it.
"""

from django.contrib.auth.management import create_permissions

COORDINATOR = "Samordnare"
BOARD = "Styrelse"
PREPARATION_GROUP = "Beredningsgrupp"
WORKFLOW_NAME = "Styrelsens godkännande"


def ensure_permissions(apps):
    """Create the Permission rows that Django would otherwise only add after migrate."""
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None


def grant(apps, group_name, permissions):
    """Give ``group_name`` the permissions named ``app_label.codename``."""
    ensure_permissions(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=group_name)
    for name in permissions:
        app_label, codename = name.split(".")
        group.permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    return group
