"""A release's contacts become links to the contact persons (home.Person) instead of retyped text.

Each typed contact is matched to the contact person with the same name and email (or,
without an email, the same name), or becomes a new contact person, so nothing typed is lost.
"""

import django.db.models.deletion
from django.db import migrations, models


def link_people(apps, schema_editor):
    Contact = apps.get_model("press", "PressReleaseContact")
    Person = apps.get_model("home", "Person")
    for contact in Contact.objects.all():
        people = Person.objects.filter(name=contact.name)
        if contact.email:
            people = people.filter(email__iexact=contact.email)
        person = people.order_by("pk").first()
        if person is None:
            person = Person.objects.create(
                name=contact.name, role=contact.role, phone=contact.phone, email=contact.email
            )
        contact.person = person
        contact.save(update_fields=["person"])


def copy_back(apps, schema_editor):
    Contact = apps.get_model("press", "PressReleaseContact")
    for contact in Contact.objects.select_related("person"):
        person = contact.person
        if person is None:
            continue
        contact.name, contact.role, contact.phone, contact.email = person.name, person.role, person.phone, person.email
        contact.save(update_fields=["name", "role", "phone", "email"])


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0003_news_projects_reports_funding_contact"),
        ("press", "0002_board_workflow_and_permissions"),
    ]

    operations = [
        migrations.AddField(
            model_name="pressreleasecontact",
            name="person",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="home.person",
                verbose_name="kontaktperson",
            ),
        ),
        migrations.RunPython(link_people, copy_back),
        migrations.RemoveField(model_name="pressreleasecontact", name="name"),
        migrations.RemoveField(model_name="pressreleasecontact", name="role"),
        migrations.RemoveField(model_name="pressreleasecontact", name="phone"),
        migrations.RemoveField(model_name="pressreleasecontact", name="email"),
        migrations.AlterField(
            model_name="pressreleasecontact",
            name="person",
            field=models.ForeignKey(
                help_text="Välj bland kontaktpersonerna. Saknas personen? Lägg till den under Fragment › Kontaktpersoner.",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="home.person",
                verbose_name="kontaktperson",
            ),
        ),
    ]
