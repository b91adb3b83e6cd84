"""Who may do what on one association's cases: a permission held through that association's groups.

Each association has its own coordinator, board and preparation group (home.associations); a
user in two associations may hold a role in one only. ``may(user, association, perm)`` is true
when one of ``association``'s role groups that the user is in grants ``perm`` (``app.codename``).
"""

from django.core.exceptions import PermissionDenied

from home.associations import ROLE_FIELDS, role_group


def working_association_id(request):
    """The key of the association an admin request works in; PermissionDenied for a user in none."""
    if not request.association:
        raise PermissionDenied
    return request.association.pk


def may(user, association, permission):
    if not user.is_active:
        return False
    if user.is_superuser:
        return True
    app_label, codename = permission.split(".", 1)
    groups = [group.pk for group in (role_group(association, role) for role in ROLE_FIELDS) if group is not None]
    return user.groups.filter(
        pk__in=groups, permissions__codename=codename, permissions__content_type__app_label=app_label
    ).exists()
