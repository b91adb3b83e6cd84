"""The test settings without the plugins: the core site must stand on its own."""

from site_lycksele.settings.test import *  # noqa: F403
from site_lycksele.settings.test import INSTALLED_APPS

PLUGINS = {"activities", "press", "search", "applications"}
INSTALLED_APPS = [app for app in INSTALLED_APPS if app.split(".")[0] not in PLUGINS]
