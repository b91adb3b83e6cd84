"""Fan-out benchmark: publish one item to N subscribers and time the mailing end to end.

Needs PostgreSQL and Redis:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/lycksele_x CELERY_BROKER_URL=redis://127.0.0.1:6379/2 \\
        .venv/bin/python bench/fanout.py [--n 50000] [--mode batch|single] [--concurrency 2]

It works in a database of its own (``<name>_fanout`` next to DATABASE_URL's, created and
migrated if missing), starts one real Celery worker on a queue of its own, and prints: the publish
(announce + commit, as a request does it), the time until every delivery was handed to the
email backend, deliveries per second, the worker's peak memory (RSS of the worker and its
children, sampled), and from the same run the ceiling: the same backend sending pre-built
messages with no database work (1,000-recipient merge-data batches, and one message per
recipient), with the pipeline's share of it. Budgets: DESIGN.md "Budgets".
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


def rss_of_tree(pid):
    """Resident memory in bytes of a process and all its descendants."""
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        try:
            with open(f"/proc/{current}/status") as status:
                total += next(int(line.split()[1]) * 1024 for line in status if line.startswith("VmRSS:"))
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as children:
                    stack.extend(int(child) for child in children.read().split())
        except (FileNotFoundError, ProcessLookupError, StopIteration):
            continue
    return total


class Sampler(threading.Thread):
    def __init__(self, pid):
        super().__init__(daemon=True)
        self.pid, self.peak, self.running = pid, 0, True

    def run(self):
        while self.running:
            self.peak = max(self.peak, rss_of_tree(self.pid))
            time.sleep(0.05)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=50_000, help="subscribers (default 50,000)")
    parser.add_argument("--mode", choices=["batch", "single"], default="batch", help="merge batches or one per person")
    parser.add_argument("--concurrency", type=int, default=2, help="the one worker's concurrency (default 2)")
    parser.add_argument("--pool", choices=["prefork", "threads", "solo"], default="threads", help="worker pool")
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
    from django.core.mail import EmailMultiAlternatives, get_connection

    from network import api
    from network.models import Delivery, Mailing, MailingList, Subscriber, Subscription
    from site_lycksele.celery import app

    print(f"Preparing {args.n:,} subscribers in {database} …", flush=True)
    Mailing.objects.all().delete()
    Subscriber.objects.all().delete()
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
            "-c",
            str(args.concurrency),
            "-P",
            args.pool,
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
        },
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 60
        while not app.control.ping(destination=[f"{queue}@bench"], timeout=1):
            if time.monotonic() > deadline or worker.poll() is not None:
                sys.exit("The worker did not start.")
        sampler = Sampler(worker.pid)
        sampler.start()

        started = time.perf_counter()
        with transaction.atomic():
            mailing = api.announce(
                natverket, lists=["natverket"], subject="Fan-out", template="network/email/base", url="/nyheter/x/"
            )
        published = time.perf_counter() - started

        sent = Delivery.objects.filter(mailing=mailing, state=Delivery.State.SENT)
        while sent.count() < args.n:
            if time.perf_counter() - started > 600:
                sys.exit(f"Gave up: {sent.count():,} of {args.n:,} sent after 10 minutes.")
            time.sleep(0.05)
        handed = time.perf_counter() - started
        sampler.running = False
        sampler.join()
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
    print(
        f"Fan-out to {args.n:,} subscribers, mode {args.mode}, "
        f"one worker ({args.pool} pool, concurrency {args.concurrency})"
    )
    print(f"  publish (announce + commit):        {published * 1000:8.1f} ms   (budget < 500 ms)")
    print(f"  all deliveries handed to backend:   {handed:8.2f} s    (budget < 30 s for 50,000)")
    print(f"  deliveries per second:              {rate:8.0f}")
    print(f"  worker peak memory (RSS, tree):     {sampler.peak / 2**20:8.1f} MB   (budget < 300 MB)")
    print(f"  ceiling, 1,000-recipient batches:   {timed['batch']:8.0f} /s")
    print(f"  ceiling, one message per recipient: {timed['single']:8.0f} /s")
    print(f"  pipeline / ceiling of its mode:     {rate / ceiling:8.1%}   (budget >= 25%)")


if __name__ == "__main__":
    main()
