"""Real outages for tests: a Redis server of the test's own, a cuttable proxy in front of PostgreSQL, a live server.

The machine's shared PostgreSQL and Redis serve other test runs too and are never
stopped: a test that needs an outage starts its own Redis (``redis-server`` on a free
port) or puts a TCP proxy of its own between a live server and PostgreSQL, and stops
only that.
"""

import contextlib
import socket
import subprocess
import sys
import threading
import time

from tests.conftest import ROOT, free_port
from tests.processes import Process


class RedisServer:
    """``redis-server`` of the test's own on a free port, without persistence: killing it loses everything."""

    def __init__(self, tmp_path):
        self.port = free_port()
        self.dir = tmp_path
        self.process = None

    def url(self, db):
        return f"redis://127.0.0.1:{self.port}/{db}"

    def start(self):
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            cwd=self.dir,
            stdout=subprocess.DEVNULL,
        )
        wait_for(lambda: _accepts(self.port), f"redis-server on port {self.port}")
        return self

    def kill(self):
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait()


class TcpProxy:
    """A TCP proxy in a thread, between a live server and PostgreSQL, which the test can cut and restore.

    ``cut()`` closes the listening socket and every open connection (the server's
    persistent database connections die as in a real outage; new ones are refused);
    ``restore()`` listens on the same port again.
    """

    def __init__(self, target_host, target_port):
        self.target = (target_host, target_port)
        self.port = free_port()
        self.listener = None
        self.connections = set()
        self.lock = threading.Lock()

    def start(self):
        self.listener = socket.create_server(("127.0.0.1", self.port))
        threading.Thread(target=self._accept, args=(self.listener,), daemon=True).start()
        return self

    def _accept(self, listener):
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return  # cut
            try:
                upstream = socket.create_connection(self.target, timeout=5)
            except OSError:
                client.close()
                continue
            with self.lock:
                self.connections.update({client, upstream})
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(source, sink), daemon=True).start()

    def _pipe(self, source, sink):
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (source, sink):
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)

    def cut(self):
        with contextlib.suppress(OSError):
            self.listener.shutdown(socket.SHUT_RDWR)  # wakes the accepting thread; close() alone would not
        self.listener.close()
        with self.lock:
            for sock in self.connections:
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
                sock.close()
            self.connections.clear()

    restore = start


class LiveServer(Process):
    """gunicorn serving the project from this checkout, in a process configured by ``env`` only."""

    name = "gunicorn"

    def __init__(self, env, log_path):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        command = [
            sys.executable,
            "-m",
            "gunicorn",
            "site_lycksele.wsgi",
            "--bind",
            f"127.0.0.1:{self.port}",
            "--workers",
            "1",
            "--threads",
            "2",
            "--timeout",
            "60",
        ]
        super().__init__(command, env, f"{self.url}/healthz/live", log=log_path)

    def run(self, script):
        """Run a Python script in a fresh process with the server's configuration; return its stdout."""
        result = subprocess.run(
            [sys.executable, "-c", script], cwd=ROOT, env=self.env, capture_output=True, text=True, timeout=120
        )
        assert result.returncode == 0, result.stderr[-3000:]
        return result.stdout


def _accepts(port):
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1):
            return True
    except OSError:
        return False


def wait_for(condition, what, timeout=30, every=0.1):
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise RuntimeError(f"gave up waiting for {what}")
        time.sleep(every)
