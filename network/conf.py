"""The network's settings, with defaults (home.app_settings: Django settings, then the environment)."""

from home.app_settings import AppSettings

DEFAULTS = {
    # Deliveries claimed and sent together (a count): one provider call in batch (merge-data) mode.
    "NETWORK_BATCH_SIZE": 1000,
    # Recipients read and inserted per statement when snapshotting a mailing: a count.
    "NETWORK_SNAPSHOT_CHUNK": 5000,
    # Send tasks started per mailing after its snapshot (a count; they share the work through claims).
    "NETWORK_SEND_PARALLELISM": 2,
    # Attempts per delivery before it is given up (failed, "dead"): a count.
    "NETWORK_MAX_ATTEMPTS": 5,
    # Backoff after a transient error, in seconds: base * 2 ** (attempts - 1), at most max.
    "NETWORK_RETRY_BASE": 30.0,
    "NETWORK_RETRY_MAX": 3600.0,
    # Consecutive transient errors (a count) after which a send task stops and leaves the rest to the sweep.
    "NETWORK_CIRCUIT_BREAK": 3,
    # Seconds the email backend may take for one call (SMTP timeout, anymail requests timeout).
    "NETWORK_PROVIDER_TIMEOUT": 30.0,
    # Seconds a claim on deliveries ("sending") lasts unless renewed. The sending task renews it
    # every quarter of this while it holds them (network.deliveries.Lease); a claim left unrenewed this long
    # is assumed lost with its worker and retried by the next sweep (every 20 s), so a killed
    # worker's deliveries go out again within a minute.
    "NETWORK_LEASE": 20.0,
    # A mailing not snapshotted this many seconds after creation is queued again by the sweep.
    "NETWORK_QUEUE_GRACE": 60.0,
    # Seconds to wait for a database that went away before giving up a write (a restart).
    "NETWORK_DB_RETRY_FOR": 30.0,
    # Seconds a personal "manage my subscriptions" link works (it allows export and erasure): 30 days.
    # Every mailing carries a fresh one, and an expired link offers to email a new one.
    "NETWORK_MANAGE_LINK_MAX_AGE": 30 * 24 * 3600,
    # At most one fresh manage link is emailed per person in this many seconds.
    "NETWORK_MANAGE_LINK_INTERVAL": 600,
    # Signups accepted from one client address per window (a count), and the window in seconds.
    "NETWORK_SIGNUP_RATE_LIMIT": 5,
    "NETWORK_SIGNUP_RATE_WINDOW": 600,
    # Reverse proxies in front of the site that append to X-Forwarded-For (a count), and the networks
    # (CIDR, e.g. 10.0.0.0/8) they connect from; empty: loopback and private ranges. The settings set
    # both from TRUSTED_PROXY_COUNT and TRUSTED_PROXY_NETWORKS, which the admin's login lockout shares.
    "NETWORK_TRUSTED_PROXY_COUNT": 0,
    "NETWORK_TRUSTED_PROXY_NETWORKS": [],
    # Rows (a count, not counting the header) an import file may have, and bytes the admin's import screen accepts.
    "NETWORK_IMPORT_MAX_ROWS": 50_000,
    "NETWORK_IMPORT_MAX_BYTES": 10 * 1024 * 1024,
    # Email address for List-Unsubscribe mailto (empty: HTTPS only).
    "NETWORK_UNSUBSCRIBE_MAILTO": "",
    # From address of mailings, an email address (empty: DEFAULT_FROM_EMAIL).
    "NETWORK_FROM_EMAIL": "",
    # Merge-field syntax of the provider for batch sending, a text with NAME for the field, e.g. {{NAME}};
    # None (unset): by ESP (see sending.MERGE_FIELDS), "" to always send one message per recipient.
    "NETWORK_MERGE_FIELD": None,
    # The list journalists apply to from the press room (a slug; the coordinator accepts each application),
    # and the list "releases and news" adds to it (a slug; the public network list, which gets the news).
    "NETWORK_MEDIA_LIST": "media",
    "NETWORK_NEWS_LIST": "natverket",
    # Per-person open and click tracking (a boolean): off, opens and clicks the provider reports are only
    # counted per mailing and hour (network.statistics); on, each delivery also records when its recipient
    # first opened and clicked, shown in the admin and in the person's data export. Turn it on only after
    # the privacy notice (/personuppgifter/) says so.
    "NETWORK_TRACK_PERSONS": False,
}

get = AppSettings("NETWORK", DEFAULTS).get
