"""Every app reads its settings one way (home.app_settings): Django settings, then the environment, then the default."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings

from home.app_settings import AppSettings, validate_environment
from home.installed import app_modules
from network import conf as network_conf
from press import conf as press_conf

ROOT = Path(__file__).resolve().parent.parent

DEMO = AppSettings(
    "DEMO",
    {"DEMO_COUNT": 3, "DEMO_SECONDS": 1.5, "DEMO_ON": False, "DEMO_LISTS": ["a"], "DEMO_TEXT": "", "DEMO_SYNTAX": None},
)


@pytest.mark.parametrize(
    ("name", "raw", "expected"),
    [
        ("DEMO_COUNT", "500", 500),
        ("DEMO_COUNT", " 50_000 ", 50_000),
        ("DEMO_SECONDS", "2.5", 2.5),
        ("DEMO_SECONDS", "30", 30.0),
        ("DEMO_ON", "true", True),
        ("DEMO_ON", "Yes", True),
        ("DEMO_ON", "0", False),
        ("DEMO_ON", "off", False),
        ("DEMO_LISTS", "media, natverket,", ["media", "natverket"]),
        ("DEMO_LISTS", "", []),
        ("DEMO_TEXT", " brev@example.org ", "brev@example.org"),
        ("DEMO_SYNTAX", "{{NAME}}", "{{NAME}}"),
    ],
)
def test_the_environment_overrides_a_default_parsed_by_its_type(monkeypatch, name, raw, expected):
    monkeypatch.setenv(name, raw)
    value = DEMO.get(name)
    assert value == expected and type(value) is type(expected)


def test_without_the_environment_the_default_holds(monkeypatch):
    monkeypatch.delenv("DEMO_COUNT", raising=False)
    assert DEMO.get("DEMO_COUNT") == 3


def test_an_apps_setting_follows_the_environment(monkeypatch):
    monkeypatch.setenv("NETWORK_BATCH_SIZE", "500")
    monkeypatch.setenv("PRESS_DEFAULT_LISTS", "media")
    assert network_conf.get("NETWORK_BATCH_SIZE") == 500
    assert press_conf.get("PRESS_DEFAULT_LISTS") == ["media"]


def test_the_django_settings_win_over_the_environment(monkeypatch):
    monkeypatch.setenv("NETWORK_BATCH_SIZE", "500")
    with override_settings(NETWORK_BATCH_SIZE=7):
        assert network_conf.get("NETWORK_BATCH_SIZE") == 7
    assert network_conf.get("NETWORK_BATCH_SIZE") == 500


@pytest.mark.parametrize(
    ("name", "raw"),
    [("DEMO_COUNT", "many"), ("DEMO_COUNT", "2.5"), ("DEMO_SECONDS", "soon"), ("DEMO_ON", "maybe")],
)
def test_a_malformed_value_is_an_error_naming_the_variable(monkeypatch, name, raw):
    monkeypatch.setenv(name, raw)
    with pytest.raises(ImproperlyConfigured, match=f"Environment variable {name}="):
        DEMO.get(name)


def test_validation_reads_every_installed_apps_settings(monkeypatch):
    validate_environment()
    monkeypatch.setenv("PRESS_PAGE_SIZE", "tio")
    with pytest.raises(ImproperlyConfigured, match="PRESS_PAGE_SIZE='tio'"):
        validate_environment()


def test_a_malformed_value_stops_the_site_at_startup():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "site_lycksele.settings.test", "NETWORK_LEASE": "20s"}
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )
    assert result.returncode != 0
    assert "Environment variable NETWORK_LEASE='20s' is not valid: expected a number" in result.stderr


def test_every_name_carries_the_apps_prefix():
    with pytest.raises(ImproperlyConfigured, match="OTHER_SIZE"):
        AppSettings("PRESS", {"PRESS_SIZE": 1, "OTHER_SIZE": 2})


def test_every_app_setting_is_documented_in_operations():
    operations = (ROOT / "docs" / "operations.md").read_text(encoding="utf-8")
    confs = app_modules("conf")
    assert {conf.__name__ for conf in confs} >= {
        "home.conf",
        "network.conf",
        "activities.conf",
        "press.conf",
        "search.conf",
        "site_lycksele.conf",
    }
    missing = [name for conf in confs for name in conf.DEFAULTS if f"`{name}`" not in operations]
    assert missing == []
