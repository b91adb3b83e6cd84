"""Put press releases under the board's approval workflow and give the roles their permissions.

The workflow "Styrelsens godkännande" (home/0002) gets our task "Styrelsebeslut"
(N distinct board approvals, 1 by default) in place of Wagtail's group approval
task, and is assigned to press releases. The coordinator may add, change and
view releases but not publish them; the board may view and publish.
"""

from django.db import migrations

from home.roles import BOARD, COORDINATOR, WORKFLOW_NAME, grant

TASK_NAME = "Styrelsebeslut"
GROUP_TASK_NAME = "Styrelsens granskning"  # created by home/0002, replaced here


def assign(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")
    BoardDecisionTask = apps.get_model("press", "BoardDecisionTask")

    # Wagtail adds the snippet's publish/lock/unlock permissions only after migrate; create them now.
    release_type, _ = ContentType.objects.get_or_create(app_label="press", model="pressrelease")
    for action in ("publish", "lock", "unlock"):
        Permission.objects.get_or_create(
            content_type=release_type,
            codename=f"{action}_pressrelease",
            defaults={"name": f"Can {action} pressmeddelande"},
        )
    grant(apps, COORDINATOR, ["press.add_pressrelease", "press.change_pressrelease", "press.view_pressrelease"])
    grant(apps, BOARD, ["press.view_pressrelease", "press.publish_pressrelease"])

    task_type, _ = ContentType.objects.get_or_create(app_label="press", model="boarddecisiontask")
    task, _ = BoardDecisionTask.objects.get_or_create(
        name=TASK_NAME, defaults={"content_type": task_type, "active": True, "required_approvals": 1}
    )
    task.groups.set([Group.objects.get(name=BOARD)])

    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    WorkflowTask.objects.filter(workflow=workflow).exclude(task=task).delete()
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})

    WorkflowContentType.objects.update_or_create(content_type=release_type, defaults={"workflow": workflow})


def unassign(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    apps.get_model("wagtailcore", "WorkflowContentType").objects.filter(
        content_type__in=ContentType.objects.filter(app_label="press")
    ).delete()
    apps.get_model("press", "BoardDecisionTask").objects.filter(name=TASK_NAME).delete()
    workflow = apps.get_model("wagtailcore", "Workflow").objects.filter(name=WORKFLOW_NAME).first()
    group_task = apps.get_model("wagtailcore", "GroupApprovalTask").objects.filter(name=GROUP_TASK_NAME).first()
    if workflow and group_task:
        apps.get_model("wagtailcore", "WorkflowTask").objects.get_or_create(
            workflow=workflow, task=group_task, defaults={"sort_order": 0}
        )


class Migration(migrations.Migration):
    dependencies = [
        ("press", "0001_initial"),
        ("home", "0002_roles_and_workflow"),
        ("network", "0002_seed_lists_and_permissions"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(assign, unassign)]
