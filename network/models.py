"""People, lists and sending: who gets what, and the record of every email sent.

The network knows nothing about the apps that announce through it: a Mailing
points at its object through a content type and a primary key.
"""

import hashlib
import uuid

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from home.associations import AssociationOwned


def email_hash(email):
    """A stable hash of a normalised address, kept after erasure so suppression survives."""
    return hashlib.sha256(email.strip().lower().encode()).hexdigest()


def one_line(text):
    """``text`` with every run of whitespace (CR, LF, tabs…) as one space: safe in an email header."""
    return " ".join(str(text).split())


class Organisation(models.TextChoices):
    ARBETSFORMEDLINGEN = "arbetsformedlingen", _("Arbetsförmedlingen")
    FORSAKRINGSKASSAN = "forsakringskassan", _("Försäkringskassan")
    KOMMUN = "lycksele_kommun", _("Lycksele kommun")
    REGION = "region_vasterbotten", _("Region Västerbotten")
    PRIVATE_NONPROFIT = "privat_ideell", _("Privat eller ideell sektor")
    MEDIA = "media", _("Media")
    OTHER = "annan", _("Annan")


class MailingList(AssociationOwned):
    """A list people subscribe to; seeded by migration (natverket, media, fortroendevalda, lsg, styrelsen)."""

    slug = models.SlugField(_("kortnamn"))
    name = models.CharField(_("namn"), max_length=100)
    description = models.TextField(_("beskrivning"), blank=True)
    public = models.BooleanField(
        _("öppen för anmälan"), default=False, help_text=_("Allmänheten kan anmäla sig till listan på /natverket/.")
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("sändlista")
        verbose_name_plural = _("sändlistor")
        constraints = [
            models.UniqueConstraint(fields=["association", "slug"], name="network_list_slug_per_association")
        ]

    def __str__(self):
        return self.name


class Subscriber(AssociationOwned):
    """A person who receives email from the association, with the consent they gave."""

    email = models.EmailField(_("e-postadress"), max_length=254)
    name = models.CharField(_("namn"), max_length=200, blank=True)
    organisation = models.CharField(_("organisation"), max_length=30, choices=Organisation.choices, blank=True)
    role = models.CharField(_("roll eller titel"), max_length=200, blank=True)
    secret = models.UUIDField(default=uuid.uuid4, editable=False, help_text="Part of every personal link.")
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("bekräftad"), null=True, blank=True)
    consent_text = models.TextField(_("samtyckestext"), blank=True)
    consent_at = models.DateTimeField(_("samtycke lämnat"), null=True, blank=True)
    consent_ip = models.GenericIPAddressField(_("IP-adress vid samtycke"), null=True, blank=True)
    consent_source = models.CharField(_("källa"), max_length=50, blank=True)
    legal_basis = models.CharField(_("rättslig grund"), max_length=200, blank=True)
    lists = models.ManyToManyField(MailingList, through="Subscription", related_name="subscribers")

    class Meta:
        ordering = ["email"]
        verbose_name = _("prenumerant")
        verbose_name_plural = _("prenumeranter")
        constraints = [
            models.UniqueConstraint("association", Lower("email"), name="network_subscriber_email_per_association")
        ]

    def __str__(self):
        return f"{self.name} <{self.email}>" if self.name else self.email

    @property
    def is_confirmed(self):
        return self.confirmed_at is not None

    @property
    def email_hash(self):
        return email_hash(self.email)

    @property
    def status(self):
        """The person's true state, from their subscriptions (prefetch them in listings)."""
        if self.confirmed_at is None:
            return _("Väntar på bekräftelse")
        if any(subscription.active for subscription in self.subscriptions.all()):
            return _("Prenumererar")
        return _("Avregistrerad från allt")


class Subscription(models.Model):
    """One person on one list; only confirmed, not unsubscribed subscriptions receive mailings."""

    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="subscriptions")
    mailing_list = models.ForeignKey(MailingList, on_delete=models.CASCADE, related_name="subscriptions")
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(_("bekräftad"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("avregistrerad"), null=True, blank=True)
    awaiting_acceptance = models.BooleanField(
        _("väntar på godkännande"),
        default=False,
        help_text=_("En ansökan till en lista som samordnaren håller (medielistan): aktiv först när den godkänts."),
    )

    class Meta:
        verbose_name = _("prenumeration")
        verbose_name_plural = _("prenumerationer")
        constraints = [
            models.UniqueConstraint(fields=["subscriber", "mailing_list"], name="network_subscription_unique")
        ]

    def __str__(self):
        return f"{self.subscriber} – {self.mailing_list}"

    @property
    def active(self):
        return self.confirmed_at is not None and self.unsubscribed_at is None


class SuppressionQuerySet(models.QuerySet):
    def for_association(self, association):
        """The suppressions that hold in ``association`` (a Site or its key): its own and those for all."""
        association_id = getattr(association, "pk", association)
        return self.filter(models.Q(association=None) | models.Q(association_id=association_id))


class Suppression(models.Model):
    """An address that must never be mailed again, kept as a hash so it survives erasure.

    ``association`` empty: for every association (a hard bounce, an erasure everywhere);
    otherwise only for that one (a complaint or unsubscription caused by its mailing).
    """

    class Reason(models.TextChoices):
        BOUNCED = "bounced", _("Studsade")
        COMPLAINED = "complained", _("Anmälde som skräppost")
        UNSUBSCRIBED = "unsubscribed", _("Avregistrerade sig från allt")
        ERASED = "erased", _("Uppgifterna raderade")
        MANUAL = "manual", _("Spärrad av redaktör")

    email_hash = models.CharField(max_length=64)
    association = models.ForeignKey(
        "wagtailcore.Site",
        verbose_name=_("förbund"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Tomt: adressen är spärrad för alla förbund."),
    )
    reason = models.CharField(_("orsak"), max_length=20, choices=Reason.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = SuppressionQuerySet.as_manager()

    class Meta:
        verbose_name = _("spärrad adress")
        verbose_name_plural = _("spärrade adresser")
        constraints = [
            models.UniqueConstraint(
                fields=["email_hash"], condition=models.Q(association=None), name="network_suppressed_everywhere"
            ),
            models.UniqueConstraint(
                fields=["association", "email_hash"],
                condition=models.Q(association__isnull=False),
                name="network_suppressed_in_association",
            ),
        ]

    def __str__(self):
        return f"{self.email_hash[:12]}… ({self.get_reason_display()})"


class Mailing(AssociationOwned):
    """One announcement of one published object to one or more lists.

    Created in the publishing transaction; recipients are snapshotted into
    Delivery rows after commit. ``sequence`` numbers an object's mailings; ``kind``
    tells them apart: "" for the publication (once) and its explicit resends, or a
    name the announcing app gives an advance mailing (a release under embargo), which
    the publication does not count. ``skip_recipients_of`` names an earlier mailing
    whose recipients this one leaves out (the media got the release under embargo).
    """

    class State(models.TextChoices):
        CREATED = "created", _("Skapat")
        SENDING = "sending", _("Skickas")
        DONE = "done", _("Klart")
        FAILED = "failed", _("Misslyckades")

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.CharField(max_length=64)
    content_object = GenericForeignKey("content_type", "object_id")
    sequence = models.PositiveIntegerField(default=0)
    kind = models.CharField(_("slag"), max_length=30, blank=True, default="")
    skip_recipients_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("utom mottagarna av")
    )
    subject = models.CharField(_("ämne"), max_length=255)
    template = models.CharField(max_length=200, help_text="Template path without extension (.html and .txt).")
    url = models.URLField(_("länk"), max_length=500, blank=True)
    context = models.JSONField(
        default=dict, blank=True, help_text="Extra template context from the announcing app (JSON: names, logo URL)."
    )
    lists = models.ManyToManyField(MailingList, verbose_name=_("sändlistor"), related_name="mailings")
    state = models.CharField(_("status"), max_length=20, choices=State.choices, default=State.CREATED)
    created_at = models.DateTimeField(_("skapat"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("skapat av"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    snapshot_at = models.DateTimeField(_("mottagare hämtade"), null=True, blank=True)
    recipient_count = models.PositiveIntegerField(_("mottagare"), default=0)
    html_body = models.TextField(_("HTML-innehåll"), blank=True, help_text="As sent, with placeholders for links.")
    text_body = models.TextField(_("textinnehåll"), blank=True, help_text="As sent, with placeholders for links.")
    finished_at = models.DateTimeField(_("klart"), null=True, blank=True)
    problem = models.TextField(
        _("problem"), blank=True, help_text="Why the mailing failed, in Swedish, for the editors (empty: no problem)."
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("utskick")
        verbose_name_plural = _("utskick")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "sequence"], name="network_mailing_once_per_object"
            )
        ]

    def __str__(self):
        return self.subject


class Delivery(models.Model):
    """One email to one person for one mailing: the single source of truth for what was sent."""

    class State(models.TextChoices):
        PENDING = "pending", _("Väntar")
        SENDING = "sending", _("Skickas")
        SENT = "sent", _("Skickat")
        FAILED = "failed", _("Misslyckat")
        BOUNCED = "bounced", _("Studsade")
        COMPLAINED = "complained", _("Anmäld som skräppost")

    mailing = models.ForeignKey(Mailing, on_delete=models.CASCADE, related_name="deliveries")
    subscriber = models.ForeignKey(
        Subscriber, null=True, blank=True, on_delete=models.SET_NULL, related_name="deliveries"
    )
    email = models.EmailField(_("e-postadress"), max_length=254)
    state = models.CharField(_("status"), max_length=20, choices=State.choices, default=State.PENDING)
    attempts = models.PositiveSmallIntegerField(_("försök"), default=0)
    claimed_at = models.DateTimeField(null=True, blank=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(_("skickat"), null=True, blank=True)
    provider_message_id = models.CharField(max_length=255, blank=True, db_index=True)
    error = models.TextField(_("fel"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Only with NETWORK_TRACK_PERSONS (off by default): when this person first opened or clicked.
    opened_at = models.DateTimeField(_("öppnat"), null=True, blank=True)
    clicked_at = models.DateTimeField(_("klickat"), null=True, blank=True)

    class Meta:
        verbose_name = _("leverans")
        verbose_name_plural = _("leveranser")
        constraints = [
            models.UniqueConstraint(fields=["mailing", "subscriber"], name="network_delivery_once_per_person")
        ]
        indexes = [
            models.Index(fields=["mailing", "state"]),
            models.Index(
                fields=["state", "claimed_at"],
                condition=models.Q(state__in=["pending", "sending"]),
                name="network_delivery_unfinished",
            ),
        ]

    def __str__(self):
        return f"{self.email}: {self.get_state_display()}"


class TrackingEvent(models.Model):
    """A processed provider event (delivered, bounced, complained…), kept to ignore replays."""

    event_id = models.CharField(max_length=255, unique=True)
    event_type = models.CharField(max_length=50)
    message_id = models.CharField(max_length=255, blank=True, db_index=True)
    recipient_hash = models.CharField(max_length=64, blank=True)
    received_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("leveranshändelse")
        verbose_name_plural = _("leveranshändelser")

    def __str__(self):
        return f"{self.event_type} {self.event_id}"


class MailingActivity(models.Model):
    """How many provider events of one kind a mailing had in one hour: the statistics, without people.

    Opens and clicks are counted here and nowhere else unless NETWORK_TRACK_PERSONS is on,
    so by default nobody can tell who opened or clicked what.
    """

    mailing = models.ForeignKey(Mailing, on_delete=models.CASCADE, related_name="activity")
    event_type = models.CharField(max_length=50)
    hour = models.DateTimeField(help_text="The start of the hour (UTC) the events arrived in.")
    count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("utskicksstatistik")
        verbose_name_plural = _("utskicksstatistik")
        constraints = [
            models.UniqueConstraint(fields=["mailing", "event_type", "hour"], name="network_activity_once_per_hour")
        ]

    def __str__(self):
        return f"{self.mailing_id} {self.event_type} {self.hour:%Y-%m-%d %H}: {self.count}"


class SubscriberImport(models.Model):
    """An import of subscribers started in the admin: the file and the editor's choices, previewed, then run."""

    class State(models.TextChoices):
        PREVIEW = "preview", _("Förhandsgranskas")
        QUEUED = "queued", _("Väntar på att starta")
        RUNNING = "running", _("Importeras")
        DONE = "done", _("Klar")
        FAILED = "failed", _("Misslyckades")

    class Choice(models.TextChoices):
        SEND_CONFIRMATION = "confirmation", _("Skicka bekräftelsemejl")
        LEGAL_BASIS = "legal_basis", _("Registrera rättslig grund")

    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    file_name = models.CharField(_("fil"), max_length=255)
    data = models.BinaryField(help_text="The uploaded file until the import has run.")
    mailing_list = models.ForeignKey(MailingList, verbose_name=_("sändlista"), on_delete=models.CASCADE)
    choice = models.CharField(_("vad som händer med personerna"), max_length=20, choices=Choice.choices)
    legal_basis = models.CharField(_("rättslig grund"), max_length=200, blank=True)
    consent_date = models.DateField(_("datum för samtycket"), null=True, blank=True)
    state = models.CharField(_("status"), max_length=20, choices=State.choices, default=State.PREVIEW)
    total = models.PositiveIntegerField(_("rader"), default=0)
    processed = models.PositiveIntegerField(_("kontrollerade rader"), default=0)
    accepted = models.PositiveIntegerField(_("godkända rader"), default=0)
    rejected = models.PositiveIntegerField(_("avvisade rader"), default=0)
    created = models.PositiveIntegerField(_("nya prenumeranter"), default=0)
    mailed = models.PositiveIntegerField(_("bekräftelsemejl"), default=0)
    preview = models.JSONField(default=dict, blank=True, help_text="Accepted rows (a sample) and rejected rows.")
    error = models.TextField(_("fel"), blank=True)
    finished_at = models.DateTimeField(_("klar"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("import av prenumeranter")
        verbose_name_plural = _("importer av prenumeranter")

    def __str__(self):
        return self.file_name
