"""The roles' page permissions move from the whole tree to the default association's home page.

home/0002 granted Samordnare its page permissions on the tree root, which would reach every
association's pages. Collections follow at the next ``init_site`` (``home.site_setup.grant_roles``),
which moves the files into the association's own collection.
"""

from django.db import migrations

from home.roles import BOARD, COORDINATOR, PREPARATION_GROUP

ROLES = [COORDINATOR, BOARD, PREPARATION_GROUP]


def to_default_home_page(apps, schema_editor):
    Site = apps.get_model("wagtailcore", "Site")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    site = Site.objects.filter(is_default_site=True).first() or Site.objects.order_by("pk").first()
    for grant in GroupPagePermission.objects.filter(group__name__in=ROLES, page__depth=1):
        if site is not None:
            GroupPagePermission.objects.get_or_create(
                group_id=grant.group_id, page_id=site.root_page_id, permission_id=grant.permission_id
            )
        grant.delete()


def to_tree_root(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    Site = apps.get_model("wagtailcore", "Site")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    root = Page.objects.filter(depth=1).first()
    site = Site.objects.filter(is_default_site=True).first()
    if root is None or site is None:
        return
    for grant in GroupPagePermission.objects.filter(group__name__in=ROLES, page_id=site.root_page_id):
        GroupPagePermission.objects.get_or_create(
            group_id=grant.group_id, page_id=root.pk, permission_id=grant.permission_id
        )
        grant.delete()


class Migration(migrations.Migration):
    dependencies = [("home", "0008_associations")]

    operations = [migrations.RunPython(to_default_home_page, to_tree_root)]
