"""Browser tests: one real server and one Chromium for the whole session.

The server is gunicorn running the project on a database of its own that has run
``migrate`` and ``load_demo``, so the browser sees what a visitor of ``make run`` sees.
Celery runs in-process (no broker) and emails are written as files the tests read.

Without Debian's Chromium or the npm ``axe-core`` package the browser tests are
skipped with the reason (``bash tests/e2e/setup.sh`` installs both); with
REQUIRE_SERVICES=1, as in CI, they fail instead.

Screenshots of every step are kept under ``tests/artifacts/e2e/``; with
``E2E_SCREENSHOT_DIR=docs/img`` the steps the editor's guide shows are also saved there.
"""

import email
import email.policy
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from pathlib import Path
from urllib.parse import urlparse, urlunparse

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("E2E_CHROMIUM", "/usr/bin/chromium"))
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = ROOT / "tests" / "artifacts" / "e2e"
PORTS = range(8110, 8120)
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORT = {"width": 1280, "height": 800}
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
DEMO_PASSWORD = "demo"
REQUIRE_SERVICES = os.environ.get("REQUIRE_SERVICES") == "1"
# A journalist on the media list (sändlista) in load_demo's demo data (network/demo.py).
MEDIA_CONTACT = "lars.nordin@example.se"


def browser_missing():
    """Why the browser tests cannot run here, or an empty string when they can."""
    reasons = []
    if not CHROMIUM.exists():
        reasons.append(f"{CHROMIUM} is missing")
    if not AXE_JS.exists():
        reasons.append(f"{AXE_JS.relative_to(ROOT)} is missing")
    if reasons:
        reasons.append("run `bash tests/e2e/setup.sh` to install them")
    return "; ".join(reasons)


def pytest_collection_modifyitems(config, items):
    """Run the browser tests last.

    Playwright's sync API keeps an asyncio loop running in the main thread while the
    browser is open, and Django refuses synchronous database work under a running loop,
    so database tests must not run between two browser tests.
    """
    items.sort(key=lambda item: item.get_closest_marker("e2e") is not None)


def pytest_runtest_setup(item):
    if item.get_closest_marker("e2e") and browser_missing():
        if REQUIRE_SERVICES:
            pytest.fail(f"REQUIRE_SERVICES=1 but {browser_missing()}")
        pytest.skip(f"browser tests need Chromium and axe-core: {browser_missing()}")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.e2e_failed = report.failed
    return report


def _listening_socket():
    """A socket already listening on E2E_PORT or the first free port of 8110-8119 (else any free port).

    gunicorn inherits it (``--bind fd://N``), so no other process can take the port between
    choosing it and serving on it.
    """
    ports = [int(os.environ["E2E_PORT"])] if os.environ.get("E2E_PORT") else [*PORTS, 0]
    for port in ports:
        sock = socket.socket()
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            sock.close()
            continue
        sock.listen(64)
        sock.set_inheritable(True)
        return sock
    raise RuntimeError(f"no free port among {ports}")


class LiveDatabase:
    """A database for the server: a fresh PostgreSQL database next to the suite's, or an SQLite file."""

    def __init__(self, tmp_dir, worker_id):
        self.suite_url = os.environ.get("DATABASE_URL", "")
        self.postgres = self.suite_url.startswith(("postgres://", "postgresql://"))
        if self.postgres:
            parsed = urlparse(self.suite_url)
            suffix = "" if worker_id == "master" else f"_{worker_id}"
            self.name = f"{parsed.path.lstrip('/')}_live{suffix}"
            self.url = urlunparse(parsed._replace(path=f"/{self.name}"))
            self.admin_url = urlunparse(parsed._replace(path="/postgres"))
        else:
            self.url = f"sqlite:///{tmp_dir / 'site.sqlite3'}"

    def _admin(self, sql):
        import psycopg

        with psycopg.connect(self.admin_url, autocommit=True) as conn:
            conn.execute(sql)

    def create(self):
        if self.postgres:
            self._admin(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')
            self._admin(f'CREATE DATABASE "{self.name}"')

    def drop(self):
        if self.postgres:
            self._admin(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


class LiveSite:
    """The running server: its address and the emails it has written."""

    def __init__(self, url, mail_dir, log_path, env):
        self.url = url
        self.mail_dir = mail_dir
        self.log_path = log_path
        self.env = env

    def manage(self, *args):
        """Run a management command against the server's database; return its output."""
        with self.log_path.open("a", encoding="utf-8") as log:
            return _run(["manage.py", *args], self.env, log)

    def __call__(self, path):
        return self.url + path

    def emails(self):
        """Every email written so far, oldest first (Django's file backend puts several in one file)."""
        messages = []
        for path in sorted(self.mail_dir.glob("*.log"), key=lambda p: p.stat().st_mtime_ns):
            for chunk in re.split(r"\n-{79}\n", path.read_text(encoding="utf-8")):
                if chunk.strip():
                    messages.append(email.message_from_string(chunk.lstrip("\n"), policy=email.policy.default))
        return messages

    def emails_to(self, address):
        return [message for message in self.emails() if address.lower() in str(message.get("To", "")).lower()]

    def wait_for_emails(self, predicate, count=1, timeout=15):
        """Poll the mail folder until ``count`` emails match (sending may finish after the response)."""
        deadline = time.monotonic() + timeout
        while True:
            found = [message for message in self.emails() if predicate(message)]
            if len(found) >= count or time.monotonic() > deadline:
                return found
            time.sleep(0.2)


def _run(args, env, log):
    result = subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600, check=False
    )
    log.write(f"$ {' '.join(args)}\n{result.stdout}{result.stderr}\n")
    if result.returncode:
        raise RuntimeError(f"`{' '.join(args)}` failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout


def _wait_until_up(url, process, log_path, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited with {process.returncode}:\n{log_path.read_text()}")
        try:
            with urllib.request.urlopen(url + "/healthz/live", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"the server did not answer in time:\n{log_path.read_text()}")


@pytest.fixture(scope="session")
def live_site(tmp_path_factory, worker_id):
    """gunicorn on the demo site, on a port of 8110-8119 (or E2E_PORT), for the whole session."""
    if browser_missing():
        pytest.skip(browser_missing())
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    tmp_dir = tmp_path_factory.mktemp("e2e-site")
    mail_dir = tmp_dir / "mail"
    mail_dir.mkdir()
    sock = _listening_socket()
    url = f"http://127.0.0.1:{sock.getsockname()[1]}"
    database = LiveDatabase(tmp_dir, worker_id)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.e2e.settings",
        "PYTHONPATH": str(ROOT),
        "DATABASE_URL": database.url,
        "SITE_URL": url,
        "EMAIL_FILE_PATH": str(mail_dir),
        "MEDIA_ROOT": str(tmp_dir / "media"),
        "CACHE_KEY_PREFIX": f"e2e-{uuid.uuid4().hex[:8]}",
    }
    for name in ("CELERY_BROKER_URL", "CELERY_RESULT_BACKEND", "ANYMAIL_ESP"):
        env.pop(name, None)
    log_path = ARTIFACTS / "server.log"
    database.create()
    log_path.write_text("", encoding="utf-8")
    with sock, log_path.open("a", encoding="utf-8") as log:
        _run(["manage.py", "migrate", "--noinput", "-v0"], env, log)
        _run(["manage.py", "load_demo", f"--password={DEMO_PASSWORD}"], env, log)
        log.flush()
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "site_lycksele.wsgi:application",
                f"--bind=fd://{sock.fileno()}",
                "--workers=1",
                "--threads=8",
                "--timeout=120",
                "--access-logfile=-",
            ],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            pass_fds=(sock.fileno(),),
        )
        try:
            _wait_until_up(url, server, log_path)
            yield LiveSite(url, mail_dir, log_path, env)
        finally:
            server.terminate()
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
            database.drop()


@pytest.fixture(scope="session")
def browser(live_site):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class OutsideRequests:
    """Every request a browser context makes to a host other than the site's own, refused and remembered.

    Nothing may leave the site unasked (no fonts, avatars, analytics or scripts from elsewhere),
    so every context of these tests is opened through :meth:`new_context` and the test fails on
    any request that left it.
    """

    def __init__(self, site_url):
        self.site_url = site_url
        self.origin = urlparse(site_url).netloc
        self.seen = []

    def outside(self, url):
        parsed = urlparse(url)
        return parsed.scheme in {"http", "https", "ws", "wss"} and parsed.netloc != self.origin

    def record(self, request):
        if self.outside(request.url):
            self.seen.append(f"{request.method} {request.url}")

    def new_context(self, browser):
        context = browser.new_context(base_url=self.site_url, viewport=VIEWPORT, locale="sv-SE")
        context.set_default_timeout(15_000)
        context.on("request", self.record)
        context.route(self.outside, lambda route: route.abort("blockedbyclient"))
        return context

    def check(self):
        assert not self.seen, "the browser made requests to other hosts than the site's own:\n" + "\n".join(self.seen)


@pytest.fixture
def outside_requests(live_site):
    """Fails the test (in teardown) when any browser context opened through it reached another host."""
    requests = OutsideRequests(live_site.url)
    yield requests
    requests.check()


@pytest.fixture
def page(request, browser, outside_requests):
    """A fresh browser context (no cookies) per test, Swedish, 1280x800; a screenshot is kept on failure."""
    context = outside_requests.new_context(browser)
    page = context.new_page()
    failure_shot = ARTIFACTS / f"{_safe(request.node.name)}-FAILED.png"
    failure_shot.unlink(missing_ok=True)
    yield page
    if getattr(request.node, "e2e_failed", False):
        page.screenshot(path=failure_shot, full_page=True)
    context.close()


@pytest.fixture
def other_page(browser, outside_requests):
    """``other_page()`` opens a page in a context of its own: another person at another computer."""
    contexts = []

    def open_page():
        context = outside_requests.new_context(browser)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


def _safe(name):
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", name).strip("-")


@pytest.fixture
def shot(request):
    """``shot(page, "step")`` keeps a full-page screenshot of a journey step under tests/artifacts/e2e/<test>/.

    ``guide="name"`` also saves a 1280x800 view as ``name.png`` in E2E_SCREENSHOT_DIR (the editor's guide).
    """
    folder = ARTIFACTS / _safe(request.node.name)
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    guide_dir = os.environ.get("E2E_SCREENSHOT_DIR")
    counter = iter(range(1, 100))

    def take(page, step, guide=None):
        page.screenshot(path=folder / f"{next(counter):02d}-{_safe(step)}.png", full_page=True)
        if guide and guide_dir:
            target = Path(guide_dir) if Path(guide_dir).is_absolute() else ROOT / guide_dir
            target.mkdir(parents=True, exist_ok=True)
            _save_small_png(page.screenshot(), target / f"{guide}.png")

    return take


def _save_small_png(data, path):
    """A palette PNG is a fraction of the size of the browser's RGB one and reads the same in a guide."""
    import io

    from PIL import Image

    with Image.open(io.BytesIO(data)) as image:
        image.convert("RGB").quantize(colors=64).save(path, optimize=True)


def axe_violations(page, context=None):
    """Run axe-core on the page (injected from node_modules) for WCAG 2.0/2.1 A and AA; return its violations."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_JS.read_text(encoding="utf-8"))
    return page.evaluate(
        "async ([context, tags]) => (await axe.run(context || document, {runOnly: {type: 'tag', values: tags}}))"
        ".violations",
        [context, WCAG_TAGS],
    )


def format_violations(violations):
    lines = []
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']} <{violation['helpUrl']}>")
        for node in violation["nodes"][:5]:
            lines.append(f"    {' '.join(node['target'])}: {node['failureSummary'].splitlines()[-1].strip()}")
        if len(violation["nodes"]) > 5:
            lines.append(f"    … and {len(violation['nodes']) - 5} more")
    return "\n".join(lines)


@pytest.fixture
def assert_accessible():
    def check(page, what=None):
        violations = axe_violations(page)
        where = what or page.url
        assert not violations, f"axe-core found WCAG 2.1 A/AA violations on {where}:\n{format_violations(violations)}"

    return check


@pytest.fixture
def login():
    """``login(page, "samordnare")`` signs a demo user in to the Wagtail admin."""

    def sign_in(page, username, password=DEMO_PASSWORD):
        page.goto("/admin/login/")
        page.locator("#id_username").fill(username)
        page.locator("#id_password").fill(password)
        page.get_by_role("button", name="Logga in").click()
        page.wait_for_url(re.compile(r"/admin/$"))

    return sign_in
