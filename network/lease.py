"""The lease on claimed deliveries: kept alive by the task that holds them, so only a dead worker's claims expire.

A delivery in ``sending`` carries ``claimed_at``, the last renewal of its lease. The
send task renews the lease of the deliveries it holds every quarter of NETWORK_LEASE
from a heartbeat thread, so a provider call that blocks the task for longer than the
lease does not lose it. A worker that is killed (SIGKILL, out of memory, a lost
machine) stops renewing, and the sweep hands its deliveries to another worker as soon
as NETWORK_LEASE has passed, instead of after a long fixed timeout.
"""

import logging
import threading
from datetime import timedelta

from django.db import DatabaseError, connections, transaction
from django.utils import timezone

from network import conf
from network.models import Delivery

logger = logging.getLogger(__name__)


def renew(ids):
    """Extend the lease of those of ``ids`` still being sent (rows being finished right now are skipped)."""
    with transaction.atomic():
        held = Delivery.objects.filter(pk__in=ids, state=Delivery.State.SENDING).select_for_update(skip_locked=True)
        Delivery.objects.filter(pk__in=list(held.values_list("pk", flat=True))).update(claimed_at=timezone.now())


def expired_before(now):
    """The moment before which an unrenewed claim counts as abandoned."""
    return now - timedelta(seconds=conf.get("NETWORK_LEASE"))


class Lease:
    """A heartbeat thread renewing the lease of the deliveries a send task holds (``hold``), while it runs."""

    def __init__(self):
        self.every = conf.get("NETWORK_LEASE") / 4
        self.ids = ()
        self.lock = threading.Lock()
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self.beat, name="network-lease", daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc_info):
        self.stopped.set()
        self.thread.join()

    def hold(self, ids):
        with self.lock:
            self.ids = tuple(ids)

    def beat(self):
        try:
            while not self.stopped.wait(self.every):
                with self.lock:
                    ids = self.ids
                if not ids:
                    continue
                try:
                    renew(ids)
                except DatabaseError:
                    logger.warning("Could not renew the lease of %s deliveries", len(ids), exc_info=True)
                    connections.close_all()  # reconnect at the next beat
        finally:
            connections.close_all()  # this thread's own connections
