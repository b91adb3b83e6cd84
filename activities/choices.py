"""The plan's vocabularies, shared by the models, the exports and the timeline."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Recurrence(models.TextChoices):
    ONCE = "once", _("En gång")
    ONGOING = "ongoing", _("Löpande")
    MONTHLY = "monthly", _("Varje månad")
    QUARTERLY = "quarterly", _("Varje kvartal")
    YEARLY = "yearly", _("Varje år")


RECURRING = frozenset({Recurrence.MONTHLY, Recurrence.QUARTERLY, Recurrence.YEARLY})


class Status(models.TextChoices):
    PLANNED = "planerad", _("Planerad")
    STARTED = "paborjad", _("Påbörjad")
    DONE = "genomford", _("Genomförd")
    CANCELLED = "installd", _("Inställd")


# "Grå markering innebär att aktiviteten är påbörjad/genomförd."
MARKED_STATUSES = frozenset({Status.STARTED, Status.DONE})


class TargetGroup(models.TextChoices):
    STAFF = "personal", _("Intern: personal hos huvudmännen")
    ELECTED = "fortroendevalda", _("Intern: förtroendevalda i huvudmännens församlingar")
    PUBLIC = "allmanhet", _("Extern: allmänheten via media")
    SECTORS = "privat_ideell", _("Extern: privat och ideell sektor")
