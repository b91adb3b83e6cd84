"""One shape for the apps' settings: each app's ``conf.py`` declares its defaults, callers ask ``conf.get``.

An app's ``conf.py`` is ``DEFAULTS = {"NETWORK_BATCH_SIZE": 1000, …}`` (every name starts with the
app's prefix, every default has a comment with its unit) and ``get = AppSettings("NETWORK", DEFAULTS).get``;
callers write ``from network import conf`` and ``conf.get("NETWORK_BATCH_SIZE")``, the name an
operator also sets and docs/operations.md lists. A setting is read, first found wins, from

1. the Django settings (``settings.NETWORK_BATCH_SIZE``; what ``override_settings`` changes),
2. the environment variable of the same name, parsed by the type of the default (``500``,
   ``2.5``, ``true``/``false``, ``a,b,c`` for a list),
3. the default.

A malformed environment value stops the process at startup (``validate_environment``, called by
home's AppConfig for the ``conf`` of every installed app of ours) with an error naming the
variable, rather than at the first mailing that reads it.
"""

import os

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from home.installed import app_modules

TRUE = {"1", "true", "yes", "on"}
FALSE = {"0", "false", "no", "off"}


def parse(name, raw, default):
    """``raw``, the environment's text for the setting ``name``, as a value of the default's type."""
    text = raw.strip()
    try:
        if isinstance(default, bool):
            if text.lower() not in TRUE | FALSE:
                raise ValueError
            return text.lower() in TRUE
        if isinstance(default, int):
            return int(text)
        if isinstance(default, float):
            return float(text)
        if isinstance(default, (list, tuple)):
            return [item.strip() for item in text.split(",") if item.strip()]
    except ValueError:
        kind = {bool: "true or false", int: "a whole number", float: "a number"}[type(default)]
        raise ImproperlyConfigured(
            f"Environment variable {name}={raw!r} is not valid: expected {kind} (default {default!r})."
        ) from None
    return text


class AppSettings:
    """The settings of one app: ``prefix`` (``"NETWORK"``) and ``defaults`` keyed by full setting name."""

    def __init__(self, prefix, defaults):
        strays = [name for name in defaults if not name.startswith(f"{prefix}_")]
        if strays:
            raise ImproperlyConfigured(f"Settings {', '.join(strays)} lack the prefix {prefix}_.")
        self.defaults = defaults

    def get(self, name):
        default = self.defaults[name]
        if hasattr(settings, name):
            return getattr(settings, name)
        raw = os.environ.get(name)
        if raw is None:
            return default
        return parse(name, raw, default)


def validate_environment():
    """Read every setting our installed apps declare once, so that a malformed environment value fails at startup."""
    for conf in app_modules("conf"):
        for name in conf.DEFAULTS:
            conf.get(name)
