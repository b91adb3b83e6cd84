"""The funding page loses its old Wagtail form: the online application (a plugin's) is the one way to apply.

The form's fields go with it, and so do the submissions it stored: each was emailed to the
coordinator when it came in, and without the form no screen would show, export or erase them
any more (personal data nobody can reach). Download them first if they are still needed
(docs/operations.md, Upgrades).
"""

from django.db import migrations


def delete_old_submissions(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    FormSubmission = apps.get_model("wagtailforms", "FormSubmission")
    funding = ContentType.objects.filter(app_label="home", model="fundingpage").first()
    if funding is not None:
        FormSubmission.objects.filter(page__content_type=funding).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0008_associations"),
        ("wagtailforms", "0005_alter_formsubmission_form_data"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(delete_old_submissions, migrations.RunPython.noop, elidable=True),
        migrations.RemoveField(
            model_name="fundingpage",
            name="from_address",
        ),
        migrations.RemoveField(
            model_name="fundingpage",
            name="subject",
        ),
        migrations.RemoveField(
            model_name="fundingpage",
            name="thank_you_text",
        ),
        migrations.RemoveField(
            model_name="fundingpage",
            name="to_address",
        ),
        migrations.DeleteModel(
            name="FundingFormField",
        ),
    ]
