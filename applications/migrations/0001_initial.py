"""Cases, attachments and meetings, and the roles' access to them (the Beredningsgrupp group)."""

import applications.models
import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models

from home.roles import BOARD, COORDINATOR, PREPARATION_GROUP, grant

# The preparation group reads cases (their attachments and meetings) and decides nothing;
# its comment permission comes with the comments (0002_decisions).
ROLE_PERMISSIONS = {
    COORDINATOR: [
        "applications.view_application",
        "applications.change_application",
        "applications.view_attachment",
        "applications.add_meeting",
        "applications.change_meeting",
        "applications.delete_meeting",
        "applications.view_meeting",
    ],
    BOARD: ["applications.view_application", "applications.view_attachment", "applications.view_meeting"],
    PREPARATION_GROUP: [
        "wagtailadmin.access_admin",
        "applications.view_application",
        "applications.view_attachment",
        "applications.view_meeting",
    ],
}


def grant_roles(apps, schema_editor):
    for group_name, permissions in ROLE_PERMISSIONS.items():
        grant(apps, group_name, permissions)


def revoke_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(content_type__app_label="applications")
    for group in Group.objects.filter(name__in=[COORDINATOR, BOARD]):
        group.permissions.remove(*permissions)
    Group.objects.filter(name=PREPARATION_GROUP).delete()


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("home", "0006_admin_verbose_names"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [
        migrations.CreateModel(
            name="Application",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("year", models.PositiveSmallIntegerField(editable=False, verbose_name="år")),
                ("sequence", models.PositiveIntegerField(editable=False, verbose_name="löpnummer")),
                ("number", models.CharField(editable=False, max_length=20, unique=True, verbose_name="diarienummer")),
                ("applicant_name", models.CharField(max_length=200, verbose_name="kontaktperson")),
                ("applicant_organisation", models.CharField(blank=True, max_length=200, verbose_name="organisation")),
                ("applicant_email", models.EmailField(max_length=254, verbose_name="e-post")),
                ("applicant_phone", models.CharField(blank=True, max_length=50, verbose_name="telefon")),
                ("title", models.CharField(max_length=200, verbose_name="projektets namn")),
                ("description", models.TextField(verbose_name="beskrivning")),
                ("period_start", models.DateField(verbose_name="projektstart")),
                ("period_end", models.DateField(verbose_name="projektslut")),
                ("budget", models.PositiveIntegerField(help_text="I hela kronor.", verbose_name="sökt belopp (kr)")),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("mottagen", "Mottagen"),
                            ("under_beredning", "Under beredning"),
                            ("beslutad", "Beslutad"),
                            ("aterkallad", "Återkallad"),
                        ],
                        default="mottagen",
                        max_length=20,
                        verbose_name="status",
                    ),
                ),
                ("rejected", models.BooleanField(default=False, editable=False, verbose_name="avslag")),
                (
                    "created_at",
                    models.DateTimeField(default=django.utils.timezone.now, editable=False, verbose_name="inkommen"),
                ),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="ändrad")),
                ("closed_at", models.DateTimeField(blank=True, editable=False, null=True, verbose_name="avslutad")),
                (
                    "erased_at",
                    models.DateTimeField(
                        blank=True, editable=False, null=True, verbose_name="personuppgifter raderade"
                    ),
                ),
                (
                    "parties",
                    models.ManyToManyField(
                        blank=True,
                        help_text="Minst två av förbundets huvudmän.",
                        related_name="applications",
                        to="home.principal",
                        verbose_name="deltagande huvudmän",
                    ),
                ),
            ],
            options={
                "verbose_name": "ansökan",
                "verbose_name_plural": "ansökningar",
                "ordering": ["-year", "-sequence"],
            },
        ),
        migrations.CreateModel(
            name="Attachment",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "file",
                    models.FileField(max_length=200, upload_to=applications.models.attachment_path, verbose_name="fil"),
                ),
                ("original_name", models.CharField(max_length=200, verbose_name="filnamn")),
                ("content_type", models.CharField(max_length=100, verbose_name="filtyp")),
                ("size", models.PositiveBigIntegerField(verbose_name="storlek (byte)")),
                (
                    "uploaded_at",
                    models.DateTimeField(default=django.utils.timezone.now, editable=False, verbose_name="uppladdad"),
                ),
                (
                    "application",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="attachments",
                        to="applications.application",
                        verbose_name="ansökan",
                    ),
                ),
            ],
            options={
                "verbose_name": "bilaga",
                "verbose_name_plural": "bilagor",
                "ordering": ["pk"],
            },
        ),
        migrations.CreateModel(
            name="Meeting",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "kind",
                    models.CharField(
                        choices=[("styrelse", "Styrelsemöte"), ("beredning", "Beredningsgruppens möte")],
                        max_length=20,
                        verbose_name="typ av möte",
                    ),
                ),
                ("date", models.DateField(verbose_name="datum")),
                ("place", models.CharField(blank=True, max_length=200, verbose_name="plats")),
            ],
            options={
                "verbose_name": "möte",
                "verbose_name_plural": "möten",
                "ordering": ["date", "kind"],
                "constraints": [
                    models.UniqueConstraint(fields=("kind", "date"), name="applications_meeting_kind_date")
                ],
            },
        ),
        migrations.AddField(
            model_name="application",
            name="preparation_meeting",
            field=models.ForeignKey(
                blank=True,
                help_text="Det möte i beredningsgruppen som ansökan går till.",
                limit_choices_to={"kind": "beredning"},
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="applications",
                to="applications.meeting",
                verbose_name="beredningsmöte",
            ),
        ),
        migrations.AddConstraint(
            model_name="application",
            constraint=models.UniqueConstraint(
                fields=("year", "sequence"), name="applications_application_year_sequence"
            ),
        ),
        migrations.AddConstraint(
            model_name="application",
            constraint=models.CheckConstraint(
                condition=models.Q(("period_end__gte", models.F("period_start"))),
                name="applications_application_period",
            ),
        ),
        migrations.RunPython(grant_roles, revoke_roles),
    ]
