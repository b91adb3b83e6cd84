"""A real Varnish (Debian's varnishd) with deploy/varnish/default.vcl, in front of pytest-django's live server.

The live server runs in the test process, so what a test publishes is what the edge fetches,
and the purges a publication sends reach this Varnish (``WAGTAILFRONTENDCACHE`` points at it).
"""

import http.client
import os
from types import SimpleNamespace
from urllib.parse import urlsplit

import pytest

from tests.conftest import ROOT
from tests.processes import Process, free_port, require_binary

VCL = ROOT / "deploy" / "varnish" / "default.vcl"
STARTUP = VCL.with_name("startup.cli")  # varnishd's start-up commands in production (docker-compose.yml)
SITE_HOST = "testserver"  # the Site record's hostname (SITE_URL of the test settings)


class Varnish(Process):
    name = "varnishd"

    def __init__(self, binary, workdir, backend):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        # The shipped VCL with the test's backend: vcl_path finds this backend.vcl first.
        backend_vcl = f'backend default {{ .host = "{backend.hostname}"; .port = "{backend.port}"; }}\n'
        (workdir / "backend.vcl").write_text(backend_vcl)
        command = [
            binary,
            "-F",
            "-n",
            str(workdir / "state"),
            "-a",
            f"127.0.0.1:{self.port}",
            "-T",
            "none",
            "-f",
            str(VCL),
            "-p",
            f"vcl_path={workdir}:{VCL.parent}",
            "-I",
            str(STARTUP),
            "-s",
            "malloc,32m",
            *(["-j", "none"] if os.geteuid() == 0 else []),
        ]
        super().__init__(command, dict(os.environ), f"{self.url}/healthz/live", log=workdir / "varnish.log")

    def request(self, path, method="GET", headers=None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            conn.request(method, path, headers={"Host": SITE_HOST, **(headers or {})})
            response = conn.getresponse()
            return SimpleNamespace(
                status=response.status, headers=response.headers, body=response.read().decode("utf-8", "replace")
            )
        finally:
            conn.close()

    def get(self, path, **headers):
        return self.request(path, headers=headers)


@pytest.fixture(scope="module")
def varnish(live_server, tmp_path_factory):
    binary = require_binary("varnishd", ".ci/run installs Debian's varnish with apt-get")
    with Varnish(binary, tmp_path_factory.mktemp("varnish"), urlsplit(live_server.url)) as server:
        yield server


@pytest.fixture
def edge(varnish, settings, home_page):
    """The edge in front of the site with the demo's core, empty, and the site purging it."""
    settings.WAGTAILFRONTENDCACHE = {
        "varnish": {"BACKEND": "site_lycksele.edge.VarnishBackend", "LOCATION": varnish.url, "TIMEOUT": 2}
    }
    assert varnish.request("/", method="BAN", headers={"X-Ban-Scope": "all"}).status == 200
    return varnish
