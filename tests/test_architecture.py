"""Who may import whom (DESIGN.md): parse every module's imports and fail on a forbidden direction.

- ``home`` and ``network`` are core and import no plugin; ``network`` imports no other app of ours.
- Plugins (``activities``, ``press``, ``search``, ``applications``) import only ``home`` and ``network.api``, never
  each other.
- No app imports ``site_lycksele`` except for the Celery app object (``site_lycksele.celery``).
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORE = {"home", "network"}
PLUGINS = {"activities", "press", "search", "applications"}
APPS = CORE | PLUGINS
NETWORK_PUBLIC = "network.api"
CELERY_MODULES = ("site_lycksele.celery", "site_lycksele.celery_app")


def imported_modules(source, module_name):
    """Absolute dotted names imported by ``source`` (module ``module_name``), with line numbers."""
    package = module_name.rsplit(".", 1)[0] if "." in module_name else module_name
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module
            # ``from network import api`` imports ``network.api``.
            for alias in node.names:
                yield f"{module}.{alias.name}", node.lineno
            yield module, node.lineno


def violation(importer_app, imported):
    """Why ``importer_app`` may not import ``imported``, or None if it may."""
    target = imported.split(".")[0]
    if target == "site_lycksele":
        if imported == "site_lycksele" or imported.startswith(CELERY_MODULES):
            return None
        return "no app imports site_lycksele except its Celery app"
    if target not in APPS or target == importer_app:
        return None
    if importer_app in CORE and target in PLUGINS:
        return "core apps import no plugin"
    if importer_app == "network":
        return "network imports no other app of ours"
    if importer_app in PLUGINS and target in PLUGINS:
        return "plugins never import each other"
    if importer_app in PLUGINS and target == "network":
        if imported == "network" or imported == NETWORK_PUBLIC or imported.startswith(NETWORK_PUBLIC + "."):
            return None
        return "plugins reach network only through network.api"
    return None


def module_violations(path):
    relative = path.relative_to(ROOT)
    app = relative.parts[0]
    module_name = ".".join(relative.with_suffix("").parts)
    found = []
    for imported, line in imported_modules(path.read_text(encoding="utf-8"), module_name):
        reason = violation(app, imported)
        if reason:
            found.append(f"{relative}:{line} imports {imported}: {reason}")
    return found


def app_modules():
    return sorted(path for app in sorted(APPS) for path in (ROOT / app).rglob("*.py"))


def test_every_app_keeps_to_the_import_rules():
    modules = app_modules()
    assert len(modules) > 10
    problems = [problem for path in modules for problem in module_violations(path)]
    assert problems == []


@pytest.mark.parametrize(
    ("app", "source", "module", "reason"),
    [
        ("home", "from press.models import PressRelease", "home.models", "core apps import no plugin"),
        ("network", "import activities.models", "network.tasks", "core apps import no plugin"),
        ("network", "from home.models import HomePage", "network.tasks", "network imports no other app of ours"),
        ("press", "from activities import models", "press.views", "plugins never import each other"),
        ("search", "from network.models import Subscriber", "search.views", "through network.api"),
        ("press", "from network import tasks", "press.signals", "through network.api"),
        ("press", "from site_lycksele.settings import base", "press.conf", "except its Celery app"),
        ("home", "from site_lycksele import cache", "home.views", "except its Celery app"),
    ],
)
def test_forbidden_directions_are_caught(app, source, module, reason):
    reasons = [violation(app, imported) for imported, _ in imported_modules(source, module)]
    assert any(r and reason in r for r in reasons)


@pytest.mark.parametrize(
    ("app", "source", "module"),
    [
        ("press", "from network.api import announce", "press.signals"),
        ("press", "from network import api", "press.signals"),
        ("activities", "from home.models import StandardPage", "activities.models"),
        ("home", "from network.api import announce", "home.signals"),
        ("network", "from site_lycksele.celery import app", "network.tasks"),
        ("network", "from site_lycksele import celery_app", "network.tasks"),
        ("press", "from .models import PressRelease", "press.views"),
        ("press", "from . import models", "press.views"),
    ],
)
def test_allowed_directions_pass(app, source, module):
    assert [violation(app, imported) for imported, _ in imported_modules(source, module)] == [None] * len(
        list(imported_modules(source, module))
    )
