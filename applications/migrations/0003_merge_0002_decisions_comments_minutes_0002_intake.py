"""Joins the decisions (0002_decisions…) and the intake (0002_intake) branches of the schema."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("applications", "0002_decisions_comments_minutes"),
        ("applications", "0002_intake"),
    ]

    operations = []
