"""Comments, proposals, decisions and minutes, the minutes page, and each role's part in them.

The preparation group (Beredningsgrupp) reads and comments; the coordinator comments, writes the
proposal and keeps the minutes; the board reads and records decisions.
"""

import django.core.validators
import django.db.models.deletion
import django.utils.timezone
import wagtail.contrib.routable_page.models
import wagtail.fields
from django.conf import settings
from django.db import migrations, models

from home.roles import BOARD, COORDINATOR, PREPARATION_GROUP, grant


ROLE_PERMISSIONS = {
    PREPARATION_GROUP: [
        "applications.view_comment",
        "applications.add_comment",
        "applications.view_proposal",
        "applications.view_decision",
    ],
    COORDINATOR: [
        "applications.view_comment",
        "applications.add_comment",
        "applications.view_proposal",
        "applications.add_proposal",
        "applications.change_proposal",
        "applications.view_decision",
        "applications.view_minutes",
        "applications.add_minutes",
        "applications.change_minutes",
        "applications.delete_minutes",
    ],
    BOARD: [
        "applications.view_comment",
        "applications.view_proposal",
        "applications.view_decision",
        "applications.add_decision",
        "applications.view_minutes",
    ],
}


def grant_roles(apps, schema_editor):
    for group_name, permissions in ROLE_PERMISSIONS.items():
        grant(apps, group_name, permissions)


def revoke_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    models_ = ["comment", "proposal", "decision", "minutes"]
    permissions = Permission.objects.filter(content_type__app_label="applications", content_type__model__in=models_)
    for group in Group.objects.filter(name__in=list(ROLE_PERMISSIONS)):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("applications", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("home", "0006_admin_verbose_names"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="MinutesIndexPage",
            fields=[
                (
                    "page_ptr",
                    models.OneToOneField(
                        auto_created=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        parent_link=True,
                        primary_key=True,
                        serialize=False,
                        to=settings.WAGTAIL_PAGE_MODEL,
                    ),
                ),
                (
                    "intro",
                    models.TextField(
                        blank=True, help_text="Visas överst i listan över protokoll.", verbose_name="ingress"
                    ),
                ),
            ],
            options={
                "verbose_name": "protokollsida",
            },
            bases=(wagtail.contrib.routable_page.models.RoutablePageMixin, "wagtailcore.page"),
        ),
        migrations.CreateModel(
            name="Comment",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("text", models.TextField(verbose_name="kommentar")),
                (
                    "created_at",
                    models.DateTimeField(default=django.utils.timezone.now, editable=False, verbose_name="skriven"),
                ),
                (
                    "application",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="comments",
                        to="applications.application",
                        verbose_name="ansökan",
                    ),
                ),
                (
                    "author",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="skriven av",
                    ),
                ),
            ],
            options={
                "verbose_name": "kommentar",
                "verbose_name_plural": "kommentarer",
                "ordering": ["created_at", "pk"],
            },
        ),
        migrations.CreateModel(
            name="Minutes",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "body",
                    wagtail.fields.RichTextField(
                        help_text="Närvarande, ärenden och beslut. Besluten om ansökningar listas automatiskt.",
                        verbose_name="protokoll",
                    ),
                ),
                (
                    "approved_on",
                    models.DateField(
                        blank=True, help_text="Dagen då protokollet justerades.", null=True, verbose_name="justerat"
                    ),
                ),
                (
                    "published",
                    models.BooleanField(
                        default=False,
                        help_text="Visas på webbplatsen. Kräver att protokollet är justerat.",
                        verbose_name="publicerat",
                    ),
                ),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="ändrat")),
                (
                    "document",
                    models.ForeignKey(
                        blank=True,
                        help_text="Det undertecknade protokollet, om det ska kunna laddas ner.",
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="wagtaildocs.document",
                        verbose_name="justerat protokoll (PDF)",
                    ),
                ),
                (
                    "meeting",
                    models.OneToOneField(
                        limit_choices_to={"kind": "styrelse"},
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="minutes",
                        to="applications.meeting",
                        verbose_name="styrelsemöte",
                    ),
                ),
            ],
            options={
                "verbose_name": "protokoll",
                "verbose_name_plural": "protokoll",
                "ordering": ["-meeting__date"],
            },
        ),
        migrations.CreateModel(
            name="Proposal",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "outcome",
                    models.CharField(
                        choices=[
                            ("beviljad", "Beviljas"),
                            ("delvis_beviljad", "Beviljas delvis"),
                            ("avslag", "Avslås"),
                        ],
                        max_length=20,
                        verbose_name="förslag",
                    ),
                ),
                (
                    "amount",
                    models.PositiveIntegerField(
                        blank=True,
                        help_text="Vid delvis beviljande, i hela kronor.",
                        null=True,
                        verbose_name="föreslaget belopp (kr)",
                    ),
                ),
                (
                    "text",
                    models.TextField(
                        help_text="Samordnarens bedömning, som styrelsen läser.", verbose_name="motivering"
                    ),
                ),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="ändrat")),
                (
                    "application",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="proposal",
                        to="applications.application",
                        verbose_name="ansökan",
                    ),
                ),
                (
                    "written_by",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="skrivet av",
                    ),
                ),
            ],
            options={
                "verbose_name": "förslag till beslut",
                "verbose_name_plural": "förslag till beslut",
            },
        ),
        migrations.CreateModel(
            name="Decision",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "paragraph",
                    models.PositiveSmallIntegerField(
                        help_text="Paragrafens nummer i protokollet, t.ex. 12.",
                        validators=[django.core.validators.MinValueValidator(1)],
                        verbose_name="paragraf (§)",
                    ),
                ),
                (
                    "outcome",
                    models.CharField(
                        choices=[
                            ("beviljad", "Beviljas"),
                            ("delvis_beviljad", "Beviljas delvis"),
                            ("avslag", "Avslås"),
                        ],
                        max_length=20,
                        verbose_name="beslut",
                    ),
                ),
                ("amount", models.PositiveIntegerField(blank=True, null=True, verbose_name="beviljat belopp (kr)")),
                (
                    "motivation",
                    models.TextField(blank=True, help_text="Skickas till den sökande.", verbose_name="motivering"),
                ),
                (
                    "decided_at",
                    models.DateTimeField(default=django.utils.timezone.now, editable=False, verbose_name="registrerat"),
                ),
                ("release_id", models.CharField(blank=True, editable=False, max_length=64)),
                (
                    "applicant_notified_at",
                    models.DateTimeField(blank=True, editable=False, null=True, verbose_name="sökande underrättad"),
                ),
                (
                    "application",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="decision",
                        to="applications.application",
                        verbose_name="ansökan",
                    ),
                ),
                (
                    "decided_by",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="registrerat av",
                    ),
                ),
                (
                    "meeting",
                    models.ForeignKey(
                        limit_choices_to={"kind": "styrelse"},
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="decisions",
                        to="applications.meeting",
                        verbose_name="styrelsemöte",
                    ),
                ),
                (
                    "project_page",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="home.projectpage",
                        verbose_name="projektsida",
                    ),
                ),
                (
                    "release_type",
                    models.ForeignKey(
                        blank=True,
                        editable=False,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="contenttypes.contenttype",
                    ),
                ),
            ],
            options={
                "verbose_name": "beslut",
                "verbose_name_plural": "beslut",
                "ordering": ["meeting__date", "pk"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("meeting", "paragraph"), name="applications_decision_one_per_paragraph"
                    )
                ],
            },
        ),
        migrations.RunPython(grant_roles, revoke_roles),
    ]
