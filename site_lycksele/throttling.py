"""Throttling of the login and the password reset, by the site's one client address (network.api.client_ip).

The login lockout (django-axes) counts failures per account and address, per account
from any address and per address for any account, each against a limit of its own:
a typo-prone user is locked out of one address quickly, a password spray from one
address or a guessing campaign against one account from many addresses slightly later.
"""

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views import account

from network.api import allow, client_ip

# AXES_LOCKOUT_PARAMETERS, in its order, each with the name of the setting that holds its limit.
LOCKOUT_LIMITS = [
    (["username", "ip_address"], "AXES_FAILURE_LIMIT"),
    (["username"], "LOGIN_ACCOUNT_FAILURE_LIMIT"),
    (["ip_address"], "LOGIN_ADDRESS_FAILURE_LIMIT"),
]


class LockoutHandler(AxesDatabaseHandler):
    """Axes' database handler with a failure limit per lockout parameter and a narrower reset.

    Axes compares the largest failure count of all parameter sets with one limit. Here
    ``get_failures`` reports the failures of the set closest to its own limit, shifted to
    the scale of AXES_FAILURE_LIMIT, so Axes locks out as soon as any set reaches its
    limit. A successful login clears only the failures of that account from that
    address: axes would clear the address's and the account's failures too, so an
    attacker logging into an account of their own would wipe the count of their guesses.
    """

    def get_failures(self, request, credentials=None):
        headroom = min(
            getattr(settings, limit) - (attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0)
            for attempts, (_parameters, limit) in zip(
                self.get_user_attempts(request, credentials), LOCKOUT_LIMITS, strict=True
            )
        )
        return get_failure_limit(request, credentials) - headroom

    def reset_user_attempts(self, request, credentials=None):
        username = get_client_username(request, credentials)
        count, _ = AccessAttempt.objects.filter(username=username, ip_address=request.axes_ip_address).delete()
        return count


class PasswordResetView(account.PasswordResetView):
    """Wagtail's password reset, with a limit per client address and per account (the address asked for)."""

    message = _("För många begäranden om nytt lösenord. Försök igen om en stund.")

    def post(self, request, *args, **kwargs):
        window = settings.PASSWORD_RESET_WINDOW
        email = request.POST.get("email", "").strip().lower()
        per_address = allow("password-reset", client_ip(request), settings.PASSWORD_RESET_ADDRESS_LIMIT, window)
        per_account = allow("password-reset-account", email, settings.PASSWORD_RESET_ACCOUNT_LIMIT, window)
        if per_address and per_account:
            return super().post(request, *args, **kwargs)
        form = self.get_form()
        form.is_valid()
        form.add_error(None, self.message)
        return self.render_to_response(self.get_context_data(form=form), status=429)
