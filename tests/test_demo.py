"""load_demo builds the demo site once: a second run changes nothing, and production refuses it."""

import io
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.auth.models import User
from django.core.management import call_command

from home.roles import BOARD, COORDINATOR

ROOT = Path(__file__).resolve().parent.parent


def row_counts():
    return {
        model._meta.label: model._base_manager.count()
        for model in apps.get_models()
        if not model._meta.proxy and model._meta.managed
    }


def load_demo():
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_load_demo_is_idempotent_across_every_model():
    first_output = load_demo()
    assert "skapade" in first_output
    after_first = row_counts()
    second_output = load_demo()
    assert row_counts() == after_first
    assert "inget ändrades" in second_output
    assert "skapade" not in second_output


@pytest.mark.django_db
def test_load_demo_creates_the_three_logins_and_prints_them():
    output = load_demo()
    assert "samordnare, styrelse och admin" in output
    assert User.objects.get(username="samordnare").groups.filter(name=COORDINATOR).exists()
    assert User.objects.get(username="styrelse").groups.filter(name=BOARD).exists()
    assert User.objects.get(username="admin").is_superuser
    assert User.objects.get(username="samordnare").check_password("demo")


def test_load_demo_refuses_under_production_settings(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "site_lycksele.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "example.org",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "load_demo"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode != 0
    assert "produktionsinställningar" in result.stderr
    assert not (tmp_path / "db.sqlite3").exists() or (tmp_path / "db.sqlite3").stat().st_size == 0
