"""Real outages for tests: a Redis server of the test's own, a cuttable proxy in front of PostgreSQL, a live server.

The machine's shared PostgreSQL and Redis serve other test runs too and are never
stopped: a test that needs an outage starts its own Redis (``redis-server`` on a free
port) or puts a TCP proxy of its own between a live server and PostgreSQL, and stops
only that.
"""

import socket


def closed_port():
    """A local port nothing listens on (the kernel's next free one, released at once)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
