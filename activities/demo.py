"""Demo content: the activity plan page and the eleven rows of the 2006 plan's activity table.

Written from the communication plan ("Kommunikationsplan för Samordningsförbundet
Lycksele", 2006) with the plan's own wording; the dates are the plan's periods
placed in 2006. The plan says its first measures are already taken or under way.
"""

import datetime

from django.utils import timezone

from activities.choices import Recurrence, Status, TargetGroup
from activities.models import Activity

PLAN_YEAR = 2006
INTERNAL = [TargetGroup.STAFF, TargetGroup.ELECTED]
EXTERNAL = [TargetGroup.PUBLIC, TargetGroup.SECTORS]
D = datetime.date

PLAN_ROWS = [
    {
        "period_label": "Maj-juli",
        "title": "Förbundets hemsida utvecklas",
        "responsible": "Samordnare",
        "channel": "Egen portal samt via de fyra huvudmännens hemsidor (länkar)",
        "content": "Fakta om förbundet, organisation, kontaktinformation, rapporter, nyheter, "
        "beskrivning av tillstyrkta projekt m.m.",
        "start_date": D(2006, 5, 1),
        "end_date": D(2006, 7, 31),
        "status": Status.STARTED,
        "target_groups": INTERNAL + EXTERNAL,
    },
    {
        "period_label": "Juni-sept",
        "title": "OH, Informationsblad och affisch tas fram.",
        "responsible": "Samordnare/styrelse",
        "channel": "",
        "content": "Fakta om förbundet, vad man kan söka för, vem man kan söka och hur gör man.",
        "start_date": D(2006, 6, 1),
        "end_date": D(2006, 9, 30),
        "target_groups": [TargetGroup.STAFF, TargetGroup.SECTORS],
    },
    {
        "period_label": "Juni-sept",
        "title": "Plan tas fram för uppsökande verksamhet",
        "responsible": "Samordnare/LSG",
        "channel": "LSG",
        "content": "Lämpliga arenor identifieras",
        "start_date": D(2006, 6, 1),
        "end_date": D(2006, 9, 30),
        "target_groups": [TargetGroup.STAFF, TargetGroup.SECTORS],
    },
    {
        "period_label": "Juni-sept",
        "title": "Genomförande av plan",
        "responsible": "Samordnare",
        "channel": "Personalmöten och andra befintliga arenor",
        "content": "Muntlig och skriftlig information",
        "start_date": D(2006, 6, 1),
        "end_date": D(2006, 9, 30),
        "target_groups": [TargetGroup.STAFF, TargetGroup.SECTORS],
    },
    {
        "period_label": "Löpande",
        "title": "Pressmeddelande",
        "responsible": "Samordnare/Styrelse",
        "channel": "Sändlista",
        "content": "Aktiviteter/projekt som bedöms ha nyhetsvärde",
        "start_date": D(2006, 5, 10),
        "recurrence": Recurrence.ONGOING,
        "status": Status.STARTED,
        "target_groups": [TargetGroup.PUBLIC],
    },
    {
        "period_label": "Löpande",
        "title": "Uppdatering av hemsida",
        "responsible": "Samordnare",
        "channel": "Se ovan",
        "content": "",
        "start_date": D(2006, 5, 10),
        "recurrence": Recurrence.ONGOING,
        "target_groups": INTERNAL + EXTERNAL,
    },
    {
        "period_label": "Kvartals-vis",
        "title": "Tertialrapport till huvudmännen.",
        "responsible": "Styrelse/samordnare",
        "channel": "Skriftlig",
        "content": "Genomförda aktiviteter, nuläge och planering.",
        "start_date": D(2006, 6, 30),
        "end_date": D(2006, 12, 31),
        "recurrence": Recurrence.QUARTERLY,
        "target_groups": [TargetGroup.ELECTED],
    },
    {
        "period_label": "April",
        "title": "Framtagande av logga (profil)",
        "responsible": "Styrelse/samordnare andra förbund",
        "channel": "",
        "content": "",
        "start_date": D(2006, 4, 1),
        "end_date": D(2006, 4, 30),
        "status": Status.DONE,
        "target_groups": INTERNAL + EXTERNAL,
    },
    {
        "period_label": "juli",
        "title": "Lokal erfarenhetskonferens",
        "responsible": "Styrelse/samordnare och LSG",
        "channel": "Konferens",
        "content": "Pågående aktiviteter",
        "start_date": D(2006, 7, 1),
        "end_date": D(2006, 7, 31),
        "target_groups": [TargetGroup.STAFF, TargetGroup.SECTORS],
    },
    {
        "period_label": "Juni-december",
        "title": "Medieaktivitet vid tre utgivningstillfällen",
        "responsible": "Samordnare",
        "channel": "Metropolen",
        "content": "Fakta om vår verksamhet",
        "start_date": D(2006, 6, 1),
        "end_date": D(2006, 12, 31),
        "target_groups": [TargetGroup.PUBLIC],
    },
    {
        "period_label": "Augusti",
        "title": "Framtagning av ett faktablad",
        "responsible": "Styrelsen/samordnare",
        "channel": "Broschyr",
        "content": "Fakta om förbundet",
        "start_date": D(2006, 8, 1),
        "end_date": D(2006, 8, 31),
        "target_groups": INTERNAL + EXTERNAL,
    },
]


def ensure_activities():
    """Create the plan's rows that are missing (matched by year and title); return how many were made."""
    existing = set(Activity.objects.filter(plan_year=PLAN_YEAR).values_list("title", flat=True))
    created = 0
    for order, row in enumerate(PLAN_ROWS):
        if row["title"] in existing:
            continue
        fields = {"recurrence": Recurrence.ONCE, "status": Status.PLANNED, **row}
        changed_on = fields["start_date"] if fields["status"] != Status.PLANNED else D(PLAN_YEAR, 5, 10)
        activity = Activity(
            plan_year=PLAN_YEAR,
            sort_order=order,
            status_changed_at=timezone.make_aware(datetime.datetime.combine(changed_on, datetime.time(9))),
            **fields,
        )
        activity.save()
        activity.save_revision().publish()
        created += 1
    return created


def load(context):
    """``register_demo_content`` hook: idempotent."""
    created = ensure_activities()
    if created:
        context.note(f"{created} aktiviteter ur kommunikationsplanens aktivitetsplan")


FICTIONAL_ROWS = [
    {
        "title": "Samverkansdag i Exempeldalen",
        "channel": "Möte",
        "content": "Fiktiv aktivitet",
        "start_date": D(2026, 12, 3),
    },
    {
        "title": "Exempeldalens nyhetsbrev",
        "channel": "Nyhetsbrev",
        "content": "Fiktiv aktivitet",
        "start_date": D(2026, 12, 15),
    },
]


def load_fictional(context):
    """``register_demo_association_content``: the fictional association's two activities; idempotent."""
    existing = set(Activity.objects.filter(association=context.site).values_list("title", flat=True))
    created = 0
    for order, row in enumerate(FICTIONAL_ROWS):
        if row["title"] in existing:
            continue
        activity = Activity(
            association=context.site, plan_year=row["start_date"].year, sort_order=order, status=Status.PLANNED, **row
        )
        activity.save()
        activity.save_revision().publish()
        created += 1
    if created:
        context.note(f"{created} aktiviteter i {context.site.site_name}")
