"""Seed the mailing lists named in DESIGN.md and give the roles their network permissions."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

LISTS = [
    ("natverket", "Nätverket", "Personal hos de fyra huvudmännen och andra som anmält intresse för nyheter.", True),
    ("media", "Media (sändlista)", "Redaktioner och journalister som får förbundets pressmeddelanden.", False),
    ("fortroendevalda", "Förtroendevalda", "Förtroendevalda i huvudmännens beslutande församlingar.", False),
    ("lsg", "Lokala samverkansgruppen (LSG)", "Får månadsrapporten om kommunikationsarbetet.", False),
    ("styrelsen", "Styrelsen", "Förbundets styrelse; får månadsrapporten.", False),
]

MODELS = ["subscriber", "subscription", "mailinglist", "mailing", "delivery", "suppression"]
COORDINATOR_PERMISSIONS = [f"{action}_{model}" for model in MODELS for action in ("add", "change", "delete", "view")]
BOARD_PERMISSIONS = [f"view_{model}" for model in MODELS]


def seed(apps, schema_editor):
    MailingList = apps.get_model("network", "MailingList")
    for slug, name, description, public in LISTS:
        MailingList.objects.get_or_create(
            slug=slug, defaults={"name": name, "description": description, "public": public}
        )

    network_config = apps.get_app_config("network")
    network_config.models_module = True
    create_permissions(network_config, apps=apps, verbosity=0)
    network_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group_name, codenames in (("Samordnare", COORDINATOR_PERMISSIONS), ("Styrelse", BOARD_PERMISSIONS)):
        group, _ = Group.objects.get_or_create(name=group_name)
        group.permissions.add(*Permission.objects.filter(content_type__app_label="network", codename__in=codenames))


def unseed(apps, schema_editor):
    apps.get_model("network", "MailingList").objects.filter(slug__in=[slug for slug, *_ in LISTS]).delete()


class Migration(migrations.Migration):
    dependencies = [("network", "0001_initial"), ("auth", "0012_alter_user_first_name_max_length")]

    operations = [migrations.RunPython(seed, unseed)]
