"""Funding applications (ärenden), their attachments, and the meetings they go to.

The model API other modules build on:

- :class:`Meeting`: a board or preparation group meeting on a date.
  ``Meeting.objects.preparation()`` / ``.board()`` filter by kind; ``Meeting.next_preparation(after=…)``
  is the first preparation meeting on or after a day.
- :class:`Application`: one case. ``number`` ("2026/0012") is unique and sequential per year;
  ``status`` moves received → in preparation → decided, or to withdrawn. Change it through
  :meth:`Application.mark_in_preparation`, :meth:`Application.mark_decided` (``granted=False``
  for a rejection, which sets ``rejected``) and :meth:`Application.mark_withdrawn`. ``save()``
  keeps ``closed_at`` with the status (set when decided or withdrawn, cleared otherwise):
  retention (``applications.retention``) erases the personal data and attachments of rejected
  and withdrawn cases a configurable time after ``closed_at``.
- :class:`Attachment`: one uploaded file of a case, stored under a random name; ``original_name``
  is the sanitised name the applicant gave.
"""

import uuid

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from home.models import Principal


class MeetingQuerySet(models.QuerySet):
    def board(self):
        return self.filter(kind=Meeting.Kind.BOARD)

    def preparation(self):
        return self.filter(kind=Meeting.Kind.PREPARATION)

    def on_or_after(self, day):
        return self.filter(date__gte=day).order_by("date", "pk")


class Meeting(models.Model):
    """A meeting of the board or of the preparation group, recorded by the coordinator.

    Applications are due a lead time before a preparation meeting; the board decides at its own.
    """

    class Kind(models.TextChoices):
        BOARD = "styrelse", _("Styrelsemöte")
        PREPARATION = "beredning", _("Beredningsgruppens möte")

    kind = models.CharField(_("typ av möte"), max_length=20, choices=Kind.choices)
    date = models.DateField(_("datum"))
    place = models.CharField(_("plats"), max_length=200, blank=True)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["date", "kind"]
        verbose_name = _("möte")
        verbose_name_plural = _("möten")
        constraints = [models.UniqueConstraint(fields=["kind", "date"], name="applications_meeting_kind_date")]

    def __str__(self):
        return f"{self.get_kind_display()} {self.date:%Y-%m-%d}"

    @classmethod
    def next_preparation(cls, after):
        """The first preparation meeting on or after the day ``after``, or None."""
        return cls.objects.preparation().on_or_after(after).first()


class Application(models.Model):
    """A funding application (ärende) from the day it arrives until it is decided or withdrawn."""

    class Status(models.TextChoices):
        RECEIVED = "mottagen", _("Mottagen")
        IN_PREPARATION = "under_beredning", _("Under beredning")
        DECIDED = "beslutad", _("Beslutad")
        WITHDRAWN = "aterkallad", _("Återkallad")

    CLOSED = (Status.DECIDED, Status.WITHDRAWN)

    year = models.PositiveSmallIntegerField(_("år"), editable=False)
    sequence = models.PositiveIntegerField(_("löpnummer"), editable=False)
    number = models.CharField(_("diarienummer"), max_length=20, unique=True, editable=False)

    applicant_name = models.CharField(_("kontaktperson"), max_length=200)
    applicant_organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    applicant_email = models.EmailField(_("e-post"))
    applicant_phone = models.CharField(_("telefon"), max_length=50, blank=True)

    title = models.CharField(_("projektets namn"), max_length=200)
    description = models.TextField(_("beskrivning"))
    parties = models.ManyToManyField(
        Principal,
        verbose_name=_("deltagande huvudmän"),
        related_name="applications",
        blank=True,
        help_text=_("Minst två av förbundets huvudmän."),
    )
    period_start = models.DateField(_("projektstart"))
    period_end = models.DateField(_("projektslut"))
    budget = models.PositiveIntegerField(_("sökt belopp (kr)"), help_text=_("I hela kronor."))

    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.RECEIVED)
    rejected = models.BooleanField(_("avslag"), default=False, editable=False)
    preparation_meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("beredningsmöte"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="applications",
        limit_choices_to={"kind": Meeting.Kind.PREPARATION},
        help_text=_("Det möte i beredningsgruppen som ansökan går till."),
    )

    created_at = models.DateTimeField(_("inkommen"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("ändrad"), auto_now=True)
    closed_at = models.DateTimeField(_("avslutad"), null=True, blank=True, editable=False)
    erased_at = models.DateTimeField(_("personuppgifter raderade"), null=True, blank=True, editable=False)
    receipt_sent_at = models.DateTimeField(_("kvitto skickat"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-year", "-sequence"]
        verbose_name = _("ansökan")
        verbose_name_plural = _("ansökningar")
        constraints = [
            models.UniqueConstraint(fields=["year", "sequence"], name="applications_application_year_sequence"),
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")),
                name="applications_application_period",
                violation_error_message=_("Projektslut kan inte vara före projektstart."),
            ),
        ]

    def __str__(self):
        return f"{self.number} {self.title}"

    def save(self, *args, **kwargs):
        """``closed_at`` follows the status however it changes (the methods below, the admin's edit form)."""
        if self.status in self.CLOSED:
            self.closed_at = self.closed_at or timezone.now()
        else:
            self.closed_at = None
        if kwargs.get("update_fields") is not None and "status" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "closed_at", "updated_at"}
        super().save(*args, **kwargs)

    @staticmethod
    def format_number(year, sequence):
        return f"{year}/{sequence:04d}"

    def mark_in_preparation(self):
        self.status = self.Status.IN_PREPARATION
        self.save(update_fields=["status"])

    def mark_decided(self, *, granted):
        """Record that the board decided the case; ``granted=False`` for a rejection."""
        self.status = self.Status.DECIDED
        self.rejected = not granted
        self.save(update_fields=["status", "rejected"])

    def mark_withdrawn(self):
        self.status = self.Status.WITHDRAWN
        self.rejected = False
        self.save(update_fields=["status", "rejected"])


def attachment_path(instance, filename):
    """A random name under the year: nothing of the applicant's file name reaches the storage."""
    return f"applications/{timezone.now():%Y}/{uuid.uuid4().hex}"


class Attachment(models.Model):
    """One file that came with an application (budget, time plan, …), checked by content on upload."""

    application = models.ForeignKey(
        Application, verbose_name=_("ansökan"), on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(_("fil"), upload_to=attachment_path, max_length=200)
    original_name = models.CharField(_("filnamn"), max_length=200)
    content_type = models.CharField(_("filtyp"), max_length=100)
    size = models.PositiveBigIntegerField(_("storlek (byte)"))
    uploaded_at = models.DateTimeField(_("uppladdad"), default=timezone.now, editable=False)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("bilaga")
        verbose_name_plural = _("bilagor")

    def __str__(self):
        return self.original_name

    def get_download_url(self):
        """The admin's download of the file (``applications.view_attachment``); media never serves it."""
        return reverse("applications_attachment_download", args=[self.pk])
