"""Create the Samordnare and Styrelse groups and the board's approval workflow."""

from django.db import migrations

from home.roles import BOARD, COORDINATOR, WORKFLOW_NAME, grant

COLLECTION_PERMISSIONS = {
    COORDINATOR: [
        "wagtailimages.add_image",
        "wagtailimages.change_image",
        "wagtailimages.choose_image",
        "wagtaildocs.add_document",
        "wagtaildocs.change_document",
        "wagtaildocs.choose_document",
    ],
    BOARD: ["wagtailimages.choose_image", "wagtaildocs.choose_document"],
}
PAGE_PERMISSIONS = {
    COORDINATOR: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
    BOARD: [],
}


def create_roles(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")

    coordinator = grant(apps, COORDINATOR, ["wagtailadmin.access_admin", "home.change_organisationsettings"])
    board = grant(apps, BOARD, ["wagtailadmin.access_admin"])
    groups = {COORDINATOR: coordinator, BOARD: board}

    root_collection = Collection.objects.filter(depth=1).first()
    for group_name, names in COLLECTION_PERMISSIONS.items():
        for name in names:
            app_label, codename = name.split(".")
            permission = Permission.objects.get(content_type__app_label=app_label, codename=codename)
            GroupCollectionPermission.objects.get_or_create(
                group=groups[group_name], collection=root_collection, permission=permission
            )

    root_page = Page.objects.filter(depth=1).first()
    for group_name, codenames in PAGE_PERMISSIONS.items():
        for codename in codenames:
            permission = Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)
            GroupPagePermission.objects.get_or_create(group=groups[group_name], page=root_page, permission=permission)

    # The coordinator publishes pages directly: Wagtail's default moderation
    # workflow on the root page would otherwise hold every page for approval.
    WorkflowPage.objects.filter(page=root_page).delete()

    task_type, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model="groupapprovaltask")
    task, _ = GroupApprovalTask.objects.get_or_create(
        name="Styrelsens granskning", defaults={"content_type": task_type, "active": True}
    )
    task.groups.set([board])
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})


def remove_roles(apps, schema_editor):
    apps.get_model("wagtailcore", "Workflow").objects.filter(name=WORKFLOW_NAME).delete()
    apps.get_model("auth", "Group").objects.filter(name__in=[COORDINATOR, BOARD]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
