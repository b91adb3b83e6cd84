"""Who may import whom (DESIGN.md): parse every module and fail on a forbidden direction.

- ``home`` and ``network`` are core and import no plugin; ``network`` imports no other app of ours
  but the settings helper every app's ``conf.py`` uses (``home.app_settings``) and the association
  helpers (``home.associations``): neither imports a model of ours at import time.
- ``home`` and the plugins (``activities``, ``press``, ``search``, ``applications``) reach ``network``
  only through ``network.api``; plugins import only ``home`` and ``network.api``, never each other.
- No app imports ``site_lycksele`` except for the Celery app object (``site_lycksele.celery``).
- A model named by a string (``"network.MailingList"`` in a relation, ``parent_page_types``,
  ``apps.get_model``) follows the same directions; the one relation a plugin needs to a
  network model is listed in ``STRING_REFERENCE_EXCEPTIONS`` with its reason.
- Every Celery task is defined in an app's ``tasks.py``, found by Celery's autodiscovery (no
  ``CELERY_IMPORTS``).

Each rule has a test that runs the checker over a synthetic source and proves it catches a violation.
"""

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORE = {"home", "network"}
PLUGINS = {"activities", "press", "search", "applications"}
APPS = CORE | PLUGINS
NETWORK_PUBLIC = "network.api"
CELERY_APP = "site_lycksele.celery"
SETTINGS = ROOT / "site_lycksele" / "settings"
MODEL_LABEL = re.compile(r"^([a-z_]+)\.([A-Z]\w*)$")
# A plugin's string reference to a network model: {(app, "label.Model"): why it cannot go through network.api}.
STRING_REFERENCE_EXCEPTIONS = {
    ("press", "network.MailingList"): (
        "a press release's distribution lists are a many-to-many relation to the lists themselves, "
        "which a function in network.api cannot stand in for; press only reads their slugs and names"
    ),
}
# The helpers network may use: settings and associations, which import no model of ours at import time.
NETWORK_MAY_IMPORT = ("home.app_settings", "home.associations")


def imported_modules(source, module_name):
    """Absolute dotted names imported by ``source`` (module ``module_name``), with line numbers.

    ``from network import api`` imports ``network.api``; ``from network.api import announce`` imports
    ``network.api.announce`` (so a rule on ``network.api`` covers both).
    """
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
            for alias in node.names:
                yield module if alias.name == "*" else f"{module}.{alias.name}", node.lineno


def violation(importer_app, imported):
    """Why ``importer_app`` may not import ``imported``, or None if it may."""
    target = imported.split(".")[0]
    if target == "site_lycksele":
        if imported == CELERY_APP or imported.startswith(CELERY_APP + "."):
            return None
        return "no app imports site_lycksele except its Celery app"
    if target not in APPS or target == importer_app:
        return None
    if importer_app in CORE and target in PLUGINS:
        return "core apps import no plugin"
    if importer_app == "network" and not any(
        imported == name or imported.startswith(name + ".") for name in NETWORK_MAY_IMPORT
    ):
        return "network imports no other app of ours"
    if importer_app in PLUGINS and target in PLUGINS:
        return "plugins never import each other"
    if target == "network" and not (imported == NETWORK_PUBLIC or imported.startswith(NETWORK_PUBLIC + ".")):
        return "home and plugins reach network only through network.api"
    return None


def model_references(source):
    """Models named by strings in ``source``: ("label.Model", line) for "label.Model" and get_model calls."""
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and MODEL_LABEL.match(node.value):
            yield node.value, node.lineno
        elif isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", "")) == "get_model":
            args = [arg.value for arg in node.args if isinstance(arg, ast.Constant) and isinstance(arg.value, str)]
            if len(args) == 2:
                yield f"{args[0]}.{args[1]}", node.lineno


def reference_violation(importer_app, reference):
    """Why ``importer_app`` may not name the model ``reference`` ("label.Model"), or None if it may."""
    label, model = reference.split(".")
    if label == "network" and (importer_app, reference) in STRING_REFERENCE_EXCEPTIONS:
        return None
    reason = violation(importer_app, f"{label}.models.{model}")
    return reason and f"names the model {reference}: {reason}"


def task_definitions(source):
    """Line numbers of functions decorated as Celery tasks (``@shared_task``, ``@app.task``, with options or not)."""
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            for decorator in node.decorator_list:
                target = decorator.func if isinstance(decorator, ast.Call) else decorator
                name = target.attr if isinstance(target, ast.Attribute) else getattr(target, "id", "")
                if name in ("shared_task", "task"):
                    yield node.lineno


def task_violations(source, module_name):
    if module_name.rsplit(".", 1)[-1] == "tasks":
        return []
    return [f"{module_name}:{line} defines a Celery task outside tasks.py" for line in task_definitions(source)]


def settings_violations(source, module_name):
    """Celery's list of extra task modules, which would hide tasks from the autodiscovery of ``tasks.py``."""
    return [
        f"{module_name}:{node.lineno} sets {target.id}: tasks belong in an app's tasks.py"
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Assign | ast.AugAssign | ast.AnnAssign)
        for target in (node.targets if isinstance(node, ast.Assign) else [node.target])
        if isinstance(target, ast.Name) and target.id in ("CELERY_IMPORTS", "CELERY_INCLUDE")
    ]


def module_name_of(path):
    return ".".join(path.relative_to(ROOT).with_suffix("").parts)


def module_violations(path):
    relative = path.relative_to(ROOT)
    app = relative.parts[0]
    module_name = module_name_of(path)
    source = path.read_text(encoding="utf-8")
    found = []
    for imported, line in imported_modules(source, module_name):
        reason = violation(app, imported)
        if reason:
            found.append(f"{relative}:{line} imports {imported}: {reason}")
    if "migrations" not in relative.parts:  # generated from the models, which are checked
        for reference, line in model_references(source):
            reason = reference_violation(app, reference)
            if reason:
                found.append(f"{relative}:{line} {reason}")
    return found


def app_modules():
    return sorted(path for app in sorted(APPS) for path in (ROOT / app).rglob("*.py"))


def test_every_app_keeps_to_the_import_rules():
    modules = app_modules()
    assert len(modules) > 10
    problems = [problem for path in modules for problem in module_violations(path)]
    assert problems == []


def test_every_celery_task_is_defined_in_a_tasks_module_and_no_settings_add_task_modules():
    modules = app_modules() + sorted((ROOT / "site_lycksele").rglob("*.py"))
    sources = {module_name_of(path): path.read_text(encoding="utf-8") for path in modules}
    assert any(task_definitions(source) for name, source in sources.items() if name == "network.tasks")
    problems = [problem for name, source in sources.items() for problem in task_violations(source, name)]
    problems += [
        problem
        for path in sorted(SETTINGS.glob("*.py"))
        for problem in settings_violations(path.read_text(encoding="utf-8"), module_name_of(path))
    ]
    assert problems == []


def test_every_string_reference_exception_is_still_needed():
    """An exception nobody uses any more must go, so the list says what is true."""
    used = {
        (path.relative_to(ROOT).parts[0], reference)
        for path in app_modules()
        if "migrations" not in path.parts
        for reference, _ in model_references(path.read_text(encoding="utf-8"))
    }
    assert set(STRING_REFERENCE_EXCEPTIONS) <= used


@pytest.mark.parametrize(
    ("app", "source", "module", "reason"),
    [
        ("home", "from press.models import PressRelease", "home.models", "core apps import no plugin"),
        ("network", "import activities.models", "network.tasks", "core apps import no plugin"),
        ("network", "from home.models import HomePage", "network.tasks", "network imports no other app of ours"),
        ("press", "from activities import models", "press.views", "plugins never import each other"),
        ("search", "from network.models import Subscriber", "search.views", "through network.api"),
        ("press", "from network import tasks", "press.signals", "through network.api"),
        ("home", "from network.models import MailingList", "home.models", "through network.api"),
        ("home", "from network import deliveries", "home.signals", "through network.api"),
        ("home", "import network.tasks", "home.signals", "through network.api"),
        ("home", "from network.apix import announce", "home.signals", "through network.api"),
        ("press", "from site_lycksele.settings import base", "press.conf", "except its Celery app"),
        ("home", "from site_lycksele import cache", "home.views", "except its Celery app"),
        ("network", "from site_lycksele.celery_x import app", "network.tasks", "except its Celery app"),
        ("network", "from site_lycksele import celeryfoo", "network.tasks", "except its Celery app"),
        ("network", "import site_lycksele.celery_app", "network.tasks", "except its Celery app"),
        ("home", "import site_lycksele", "home.views", "except its Celery app"),
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
        ("home", "from network import api as network_api", "home.forms"),
        ("network", "from site_lycksele.celery import app", "network.tasks"),
        ("network", "import site_lycksele.celery", "network.tasks"),
        ("network", "from home.app_settings import AppSettings", "network.conf"),
        ("press", "from .models import PressRelease", "press.views"),
        ("press", "from . import models", "press.views"),
    ],
)
def test_allowed_directions_pass(app, source, module):
    imported = list(imported_modules(source, module))
    assert imported
    assert [violation(app, name) for name, _ in imported] == [None] * len(imported)


@pytest.mark.parametrize(
    ("app", "source", "reason"),
    [
        ("press", 'models.ForeignKey("network.Subscriber", on_delete=models.CASCADE)', "through network.api"),
        ("activities", 'ParentalManyToManyField("network.MailingList")', "through network.api"),
        ("home", 'parent_page_types = ["press.PressRoomPage"]', "core apps import no plugin"),
        ("network", 'models.ForeignKey("home.HomePage", on_delete=models.CASCADE)', "network imports no other app"),
        ("search", 'apps.get_model("activities", "Activity")', "plugins never import each other"),
        ("home", 'apps.get_model("network", "Delivery")', "through network.api"),
    ],
)
def test_string_model_references_across_apps_are_caught(app, source, reason):
    reasons = [reference_violation(app, reference) for reference, _ in model_references(source)]
    assert any(r and reason in r for r in reasons)


@pytest.mark.parametrize(
    ("app", "source"),
    [
        ("press", 'ParentalManyToManyField("network.MailingList", related_name="+")'),
        ("press", 'PageChooserPanel("related_page", page_type="home.ProjectPage")'),
        ("home", 'subpage_types = ["home.StandardPage"]'),
        ("press", 'models.ForeignKey("wagtailcore.Page", on_delete=models.SET_NULL)'),
        ("network", 'logger = logging.getLogger("network.tasks")'),
    ],
)
def test_allowed_string_references_pass(app, source):
    assert [reference_violation(app, reference) for reference, _ in model_references(source)] in ([], [None])


@pytest.mark.parametrize(
    ("source", "module", "caught"),
    [
        ("from celery import shared_task\n@shared_task\ndef purge_task():\n    pass\n", "network.gdpr", True),
        ("@shared_task(name='x')\ndef send_task():\n    pass\n", "network.signup", True),
        ("@app.task(bind=True)\ndef beat_task(self):\n    pass\n", "site_lycksele.celery", True),
        ("@celery.shared_task\nasync def later_task():\n    pass\n", "press.publishing", True),
        ("@shared_task\ndef purge_task():\n    pass\n", "network.tasks", False),
        ("@functools.cache\ndef helper():\n    pass\n", "network.gdpr", False),
    ],
)
def test_a_task_defined_outside_tasks_py_is_caught(source, module, caught):
    assert bool(task_violations(source, module)) is caught


@pytest.mark.parametrize(
    ("source", "caught"),
    [
        ('CELERY_IMPORTS = ["network.gdpr", "network.signup"]', True),
        ('CELERY_IMPORTS += ("network.signup",)', True),
        ('CELERY_INCLUDE: list = ["network.gdpr"]', True),
        ("CELERY_TASK_ACKS_LATE = True", False),
    ],
)
def test_settings_adding_task_modules_are_caught(source, caught):
    assert bool(settings_violations(source, "site_lycksele.settings.base")) is caught
