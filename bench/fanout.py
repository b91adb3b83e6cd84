"""Fan-out benchmark: publish one item to N subscribers and time the mailing end to end.

Needs PostgreSQL and Redis:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/lycksele_x CELERY_BROKER_URL=redis://127.0.0.1:6379/2 \\
        .venv/bin/python bench/fanout.py [--n 50000] [--mode batch|single] [--pool threads] [--concurrency 2]

It works in a database of its own (``<name>_fanout`` next to DATABASE_URL's, created and
migrated if missing), starts one real Celery worker on a queue of its own, and prints: the publish
(announce + commit, as a request does it), the time until every delivery was handed to the
email backend, deliveries per second, the worker's memory (PSS and RSS summed over the worker
and its pool children, sampled every 50 ms: when the mailing was published and at its peak), and
from the same run the ceiling: the same backend sending pre-built messages with no database work
(1,000-recipient merge-data batches, and one message per recipient), with the pipeline's share of
it. The worker runs with the site's pool and concurrency (CELERY_WORKER_POOL,
CELERY_WORKER_CONCURRENCY) unless --pool and --concurrency say otherwise. Budgets: DESIGN.md
"Budgets"; the memory budget is judged on PSS (see ``memory_of_tree``).
"""

import argparse
import os
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fanout_settings")


def tree(pid):
    """The process and all its descendants."""
    found, stack = [], [pid]
    while stack:
        current = stack.pop()
        found.append(current)
        try:
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as children:
                    stack.extend(int(child) for child in children.read().split())
        except (FileNotFoundError, ProcessLookupError):
            continue
    return found


def memory_of_tree(pid):
    """(RSS, PSS) in bytes summed over a process and its descendants.

    RSS counts a page that forked pool children share with their parent (copy-on-write) in every
    process that maps it; PSS (/proc/<pid>/smaps_rollup) divides each page among the processes
    that map it, so the sum is what the worker costs the machine. (It also divides library pages
    with other programs mapping the same files, such as the web server from the same image.)
    """
    rss = pss = 0
    for current in tree(pid):
        try:
            with open(f"/proc/{current}/smaps_rollup") as rollup:
                fields = dict(line.split(":", 1) for line in rollup if line.startswith(("Rss:", "Pss:")))
        except (FileNotFoundError, ProcessLookupError):
            continue
        rss += int(fields["Rss"].split()[0]) * 1024
        pss += int(fields["Pss"].split()[0]) * 1024
    return rss, pss


class Sampler(threading.Thread):
    """Samples the worker tree's memory every 50 ms: its peaks, and its size when the mailing was published."""

    def __init__(self, pid):
        super().__init__(daemon=True)
        self.pid, self.running = pid, True
        self.idle = self.current = memory_of_tree(pid)
        self.peak = self.idle
        self.processes = len(tree(pid))

    def run(self):
        while self.running:
            self.current = memory_of_tree(self.pid)
            self.peak = tuple(map(max, self.peak, self.current))
            time.sleep(0.05)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=50_000, help="subscribers (default 50,000)")
    parser.add_argument("--mode", choices=["batch", "single"], default="batch", help="merge batches or one per person")
    parser.add_argument("--pool", choices=["prefork", "threads", "solo"], help="worker pool (default: the site's)")
    parser.add_argument("--concurrency", type=int, help="the one worker's concurrency (default: the site's)")
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres") or not os.environ.get("CELERY_BROKER_URL"):
        sys.exit("Set DATABASE_URL (PostgreSQL) and CELERY_BROKER_URL (Redis): see the docstring.")
    os.environ["NETWORK_MERGE_FIELD"] = "{{NAME}}" if args.mode == "batch" else ""

    import django

    django.setup()
    from django.conf import settings
    from django.db import connection, transaction

    connection.settings_dict["TEST"]["NAME"] = f"{connection.settings_dict['NAME']}_fanout"
    connection.creation.create_test_db(keepdb=True, verbosity=0)
    database = settings.DATABASES["default"]["NAME"]

    from anymail.message import AnymailMessage
    from celery.concurrency import get_implementation
    from django.core.mail import EmailMultiAlternatives, get_connection

    from network import api
    from network.models import Delivery, Mailing, MailingList, Subscriber, Subscription
    from site_lycksele.celery import app

    print(f"Preparing {args.n:,} subscribers in {database} …", flush=True)
    # Empty tables, not deleted rows: the dead rows of earlier runs piled up (autovacuum may lag or
    # be off), so no two runs started from the same tables.
    tables = ", ".join(model._meta.db_table for model in (Delivery, Mailing, Subscription, Subscriber))
    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {tables} CASCADE")
    natverket = MailingList.objects.get(slug="natverket")
    now = django.utils.timezone.now()
    for start in range(0, args.n, 10_000):
        people = Subscriber.objects.bulk_create(
            Subscriber(email=f"bench{i}@example.org", name=f"Person {i}", confirmed_at=now)
            for i in range(start, min(start + 10_000, args.n))
        )
        Subscription.objects.bulk_create(
            Subscription(subscriber_id=p.pk, mailing_list=natverket, confirmed_at=now) for p in people
        )
    connection.close()

    pool = args.pool or app.conf.worker_pool
    concurrency = args.concurrency or app.conf.worker_concurrency
    queue = f"bench-{uuid.uuid4().hex[:8]}"
    app.conf.task_default_queue = queue
    db_url = os.environ["DATABASE_URL"].rsplit("/", 1)[0] + "/" + database
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "site_lycksele",
            "worker",
            "-Q",
            queue,
            "-n",
            f"{queue}@bench",
            "-l",
            "WARNING",
            "--without-gossip",
            "--without-mingle",
        ],
        cwd=ROOT,
        env={
            **os.environ,
            "DATABASE_URL": db_url,
            "PYTHONPATH": str(ROOT / "bench"),
            "CELERY_TASK_DEFAULT_QUEUE": queue,
            # Not --pool: Celery lets a configured pool win over --pool prefork.
            "CELERY_WORKER_POOL": pool,
            "CELERY_WORKER_CONCURRENCY": str(concurrency),
        },
        start_new_session=True,
    )
    try:
        name, deadline = f"{queue}@bench", time.monotonic() + 60
        while not app.control.ping(destination=[name], timeout=1):
            if time.monotonic() > deadline or worker.poll() is not None:
                sys.exit("The worker did not start.")
        running = app.control.inspect(destination=[name], timeout=5).stats()[name]["pool"]
        expected = get_implementation(pool)
        if (running["implementation"], running["max-concurrency"]) != (
            f"{expected.__module__}:{expected.__name__}",
            concurrency,
        ):
            sys.exit(f"The worker runs {running}, not the {pool} pool with concurrency {concurrency}.")
        sampler = Sampler(worker.pid)
        sampler.start()

        started = time.perf_counter()
        with transaction.atomic():
            mailing = api.announce(
                natverket, lists=["natverket"], subject="Fan-out", template="network/email/base", url="/nyheter/x/"
            )
        published = time.perf_counter() - started

        # Wait for the mailing to be done (the worker marks it right after its last batch) with a
        # primary-key lookup: counting the sent deliveries 20 times a second took CPU from the pipeline.
        done = Mailing.objects.filter(pk=mailing.pk, state=Mailing.State.DONE)
        while not done.exists():
            if time.perf_counter() - started > 600:
                sys.exit("Gave up: the mailing was not done after 10 minutes.")
            time.sleep(0.05)
        handed = time.perf_counter() - started
        sampler.running = False
        sampler.join()
        sent = Delivery.objects.filter(mailing=mailing, state=Delivery.State.SENT).count()
        if sent != args.n:
            sys.exit(f"The mailing was done with {sent:,} of {args.n:,} deliveries sent.")
    finally:
        os.killpg(worker.pid, 15)
        worker.wait()

    backend = get_connection("fanout_backend.EmailBackend")
    batches = []
    for start in range(0, args.n, 1000):
        to = [f"bench{i}@example.org" for i in range(start, min(start + 1000, args.n))]
        message = AnymailMessage("Fan-out", "{{unsubscribe_url}}", to=to, connection=backend)
        message.attach_alternative("<p>{{unsubscribe_url}}</p>", "text/html")
        message.merge_data = {email: {"unsubscribe_url": f"https://x.test/{email}"} for email in to}
        message.merge_headers = {email: {"List-Unsubscribe": f"<https://x.test/{email}>"} for email in to}
        batches.append(message)
    singles = []
    for i in range(args.n):
        message = EmailMultiAlternatives("Fan-out", "text", to=[f"bench{i}@example.org"], connection=backend)
        message.attach_alternative("<p>html</p>", "text/html")
        singles.append(message)
    timed = {}
    for name, messages in (("batch", batches), ("single", singles)):
        begin = time.perf_counter()
        for message in messages:
            backend.send_messages([message])
        timed[name] = args.n / (time.perf_counter() - begin)

    rate = args.n / handed
    ceiling = timed[args.mode]
    print(f"Fan-out to {args.n:,} subscribers, mode {args.mode}, one worker ({pool} pool, concurrency {concurrency})")
    print(f"  publish (announce + commit):        {published * 1000:8.1f} ms   (budget < 500 ms)")
    print(f"  all deliveries handed to backend:   {handed:8.2f} s    (budget < 30 s for 50,000)")
    print(f"  deliveries per second:              {rate:8.0f}")
    (idle_rss, idle_pss), (peak_rss, peak_pss) = (
        (size / 2**20 for size in sizes) for sizes in (sampler.idle, sampler.peak)
    )
    print(f"  worker peak memory, PSS:            {peak_pss:8.1f} MB   (budget < 300 MB; idle {idle_pss:.1f} MB)")
    print(f"  worker peak memory, RSS:            {peak_rss:8.1f} MB   (idle {idle_rss:.1f} MB)")
    print(
        f"    (summed over the worker's {sampler.processes} process(es); the budget is judged on PSS: summed over "
        "a forked pool, RSS counts each page the children share with the parent once per process)"
    )
    print(f"  ceiling, 1,000-recipient batches:   {timed['batch']:8.0f} /s")
    print(f"  ceiling, one message per recipient: {timed['single']:8.0f} /s")
    print(f"  pipeline / ceiling of its mode:     {rate / ceiling:8.1%}   (budget >= 25%)")


if __name__ == "__main__":
    main()
