"""The nginx configuration we ship (deploy/nginx/), run by Debian's nginx in front of a real gunicorn.

This is what `docker compose up` puts on one host: TLS ends at the proxy, plain HTTP is
redirected, images come straight from the media folder, document files only through
Wagtail's permission-checking view, and every request keeps one request id end to end.
"""

import http.client
import os
import re
import ssl
import subprocess
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection, CollectionViewRestriction

from tests.conftest import ROOT
from tests.outages import wait_for
from tests.processes import Gunicorn, Process, free_port, require_binary, served_database_url

TEMPLATE = ROOT / "deploy" / "nginx" / "lycksele.conf.template"

# The servers read the test database: the marker makes pytest-django create it.
pytestmark = pytest.mark.django_db


def render_template(values):
    """What the nginx image does at start: fill in ${LYCKSELE_...} and leave nginx's variables."""
    text = re.sub(r"\$\{(LYCKSELE_\w+)\}", lambda match: values[match.group(1)], TEMPLATE.read_text())
    assert "${LYCKSELE_" not in text
    return text


def self_signed_certificate(folder):
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-subj",
            "/CN=localhost",
            "-addext",
            "subjectAltName=DNS:localhost",
            "-keyout",
            str(folder / "privkey.pem"),
            "-out",
            str(folder / "fullchain.pem"),
        ],
        check=True,
        capture_output=True,
    )


class Nginx(Process):
    name = "nginx"

    def __init__(self, binary, workdir, upstream, media_root):
        self.http_port, self.https_port = free_port(), free_port()
        certs = workdir / "certs"
        certs.mkdir()
        self_signed_certificate(certs)
        site = render_template(
            {
                "LYCKSELE_UPSTREAM": upstream,
                "LYCKSELE_SERVER_NAME": "localhost",
                "LYCKSELE_HTTP_PORT": f"127.0.0.1:{self.http_port}",
                "LYCKSELE_HTTPS_PORT": f"127.0.0.1:{self.https_port}",
                "LYCKSELE_CERT_DIR": str(certs),
                "LYCKSELE_MEDIA_ROOT": str(media_root),
            }
        )
        (workdir / "lycksele.conf").write_text(site)
        # The official image's nginx.conf, reduced to what a process of the test's own needs.
        user = "user root;\n" if os.geteuid() == 0 else ""
        temp = "\n".join(f"    {kind}_temp_path {workdir}/{kind};" for kind in ("client_body", "proxy"))
        (workdir / "nginx.conf").write_text(
            f"{user}daemon off;\nworker_processes 1;\npid {workdir}/nginx.pid;\nerror_log stderr warn;\n"
            f"events {{}}\nhttp {{\n    include /etc/nginx/mime.types;\n{temp}\n"
            f"    include {workdir}/lycksele.conf;\n}}\n"
        )
        self.log = workdir / "nginx.log"
        command = [binary, "-p", str(workdir), "-c", str(workdir / "nginx.conf"), "-e", "stderr"]
        super().__init__(command, dict(os.environ), f"http://127.0.0.1:{self.http_port}/", log=self.log)
        self.tls = ssl.create_default_context(cafile=str(certs / "fullchain.pem"))

    def get(self, path, scheme="https", headers=None):
        if scheme == "https":
            conn = http.client.HTTPSConnection("localhost", self.https_port, context=self.tls, timeout=30)
        else:
            conn = http.client.HTTPConnection("localhost", self.http_port, timeout=30)
        try:
            conn.request("GET", path, headers=headers or {})
            response = conn.getresponse()
            return response.status, dict(response.getheaders()), response.read()
        finally:
            conn.close()


def make_uploads():
    image = get_image_model().objects.create(title="Logotyp", file=get_test_image_file())
    public = get_document_model().objects.create(
        title="Ansökan", file=ContentFile(b"%PDF-1.4 ansokan", name="ansokan.pdf")
    )
    closed = Collection.get_first_root_node().add_child(name="Styrelsens handlingar")
    CollectionViewRestriction.objects.create(collection=closed, restriction_type=CollectionViewRestriction.LOGIN)
    private = get_document_model().objects.create(
        title="Protokoll", collection=closed, file=ContentFile(b"%PDF-1.4 hemligt", name="protokoll.pdf")
    )
    return image, public, private


@pytest.fixture(scope="module")
def proxied_site(django_db_setup, django_db_blocker, tmp_path_factory):
    """nginx in front of gunicorn (production settings) for the whole module: starting them is slow.

    The uploads are committed outside any test's transaction, so both servers see them, and
    removed again afterwards.
    """
    nginx_binary = require_binary("nginx", ".ci/run installs it with apt-get")
    tmp_path = tmp_path_factory.mktemp("proxy")
    with django_db_blocker.unblock():
        image, public, private = make_uploads()
        env = {
            "DJANGO_SETTINGS_MODULE": "site_lycksele.settings.production",
            "SECRET_KEY": "proxy-test-secret-key-" + "x" * 40,
            "ALLOWED_HOSTS": "localhost",
            "SITE_URL": "https://localhost",
            "DATABASE_URL": served_database_url(tmp_path),
            "MEDIA_ROOT": str(settings.MEDIA_ROOT),
            "VAR_DIR": str(tmp_path),
            "TRUSTED_PROXY_COUNT": "1",
            "REDIS_URL": "",
            "CELERY_BROKER_URL": "",
            "CONN_MAX_AGE": "0",
        }
        try:
            with Gunicorn(env, workers=1, log=tmp_path / "gunicorn.log") as web:
                (tmp_path / "nginx").mkdir()
                with Nginx(nginx_binary, tmp_path / "nginx", f"127.0.0.1:{web.port}", settings.MEDIA_ROOT) as proxy:
                    yield SimpleNamespace(
                        proxy=proxy, site_log=tmp_path / "gunicorn.log", image=image, public=public, private=private
                    )
        finally:
            for document in (public, private):
                document.delete()
            image.delete()
            private.collection.delete()


def test_plain_http_is_redirected_to_https(proxied_site):
    status, headers, _ = proxied_site.proxy.get("/om-forbundet/?sida=2", scheme="http")
    assert status == 301
    assert headers["Location"] == "https://localhost/om-forbundet/?sida=2"


def test_tls_ends_at_the_proxy_and_the_site_knows_the_request_was_secure(proxied_site):
    status, headers, body = proxied_site.proxy.get(proxied_site.public.url)
    # Production settings redirect any request they do not see as https (X-Forwarded-Proto).
    assert status == 200, headers
    assert body == b"%PDF-1.4 ansokan"
    assert headers["Strict-Transport-Security"].startswith("max-age=")


def test_images_are_served_from_the_media_folder(proxied_site):
    image = proxied_site.image
    expected = (settings.MEDIA_ROOT / image.file.name).read_bytes()
    status, headers, body = proxied_site.proxy.get(image.file.url)
    assert status == 200
    assert body == expected
    assert headers["Content-Type"] == "image/png"
    assert "public" in headers["Cache-Control"]


def test_document_files_are_served_only_through_wagtails_view(proxied_site):
    proxy, private = proxied_site.proxy, proxied_site.private
    for document in (proxied_site.public, private):
        assert (settings.MEDIA_ROOT / document.file.name).exists()
        status, _, body = proxy.get(settings.MEDIA_URL + document.file.name)
        assert status == 404, document.file.name
        assert b"%PDF" not in body
    # The restricted collection's document asks for a login instead of handing out the file.
    status, headers, body = proxy.get(private.url)
    assert status == 302
    assert "login" in headers["Location"]
    assert b"hemligt" not in body


def test_one_request_id_in_the_proxy_log_the_response_and_the_site_log(proxied_site):
    proxy = proxied_site.proxy
    status, headers, _ = proxy.get("/healthz/live", headers={"X-Request-ID": "lb-7f3a-0001"})
    assert status == 200
    assert headers["X-Request-ID"] == "lb-7f3a-0001"
    status, headers, _ = proxy.get("/healthz/live")
    minted = headers["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", minted)  # nginx's $request_id
    for request_id in ("lb-7f3a-0001", minted):
        for log in (proxy.log, proxied_site.site_log):
            # Both servers write their access line after the response has gone out.
            wait_for(lambda log=log, marker=f"[{request_id}]": marker in log.read_text(), f"{request_id} in {log}")


def test_purges_from_outside_are_refused_by_the_proxy(proxied_site):
    conn = http.client.HTTPSConnection("localhost", proxied_site.proxy.https_port, context=proxied_site.proxy.tls)
    try:
        for method in ("PURGE", "BAN"):
            conn.request(method, "/")
            response = conn.getresponse()
            response.read()
            assert response.status == 405, method
    finally:
        conn.close()
