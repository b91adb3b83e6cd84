"""The project's own apps among INSTALLED_APPS, and the modules they contribute by name.

An app of ours is a top-level package of the project folder: ``home``, ``network``, the plugins
and the project package ``site_lycksele`` (third-party apps live elsewhere). What is wired by
convention is found here and nowhere else: each app's URLs (``urls``), API endpoints
(``endpoints``, with ``register(router)``) and settings (``conf``). An app added to
INSTALLED_APPS brings its parts with it; one removed takes them away.
"""

from importlib import import_module
from importlib.util import find_spec
from pathlib import Path

from django.apps import apps

PROJECT_FOLDER = Path(__file__).resolve().parent.parent


def our_apps():
    """The app configs of our apps, in INSTALLED_APPS order."""
    return [config for config in apps.get_app_configs() if Path(config.path).resolve().parent == PROJECT_FOLDER]


def app_modules(name):
    """The module ``<app>.<name>`` of each of our installed apps that has one, in INSTALLED_APPS order."""
    names = [f"{config.name}.{name}" for config in our_apps()]
    return [import_module(module) for module in names if find_spec(module) is not None]
