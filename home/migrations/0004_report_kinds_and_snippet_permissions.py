"""Seed the report kinds the plan names and let the roles work with the new snippets."""

from django.db import migrations

from home.roles import BOARD, COORDINATOR, grant

REPORT_KINDS = [
    ("Tertialrapport", "Tertialrapporter"),
    ("Årsredovisning", "Årsredovisningar"),
    ("Verksamhetsplan", "Verksamhetsplaner"),
]


def seed(apps, schema_editor):
    ReportKind = apps.get_model("home", "ReportKind")
    for name, plural in REPORT_KINDS:
        ReportKind.objects.get_or_create(name=name, defaults={"name_plural": plural})
    grant(
        apps,
        COORDINATOR,
        [
            f"home.{action}_{model}"
            for model in ("person", "reportkind")
            for action in ("add", "change", "delete", "view")
        ],
    )
    grant(apps, BOARD, ["home.view_person", "home.view_reportkind"])


def unseed(apps, schema_editor):
    apps.get_model("home", "ReportKind").objects.filter(name__in=[name for name, _ in REPORT_KINDS]).delete()


class Migration(migrations.Migration):
    dependencies = [("home", "0003_news_projects_reports_funding_contact")]

    operations = [migrations.RunPython(seed, unseed)]
