"""Admin views the viewsets cannot express: mailing progress and resend, personal-data export, and erasure of
an address in every association (platform administrators only)."""

import datetime
import json

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.admin.views import generic
from wagtail.admin.widgets.button import Button
from wagtail.log_actions import log

from home.associations import owned
from network import deliveries, gdpr, signup, statistics, tasks
from network.api import progress
from network.forms import EraseEverywhereForm
from network.models import Delivery, Mailing, Subscriber, Subscription, Suppression

PROGRESS_STATES = ["recipients", "pending", "sending", "sent", "failed", "bounced", "complained"]
CHART_WIDTH, CHART_HEIGHT = 560, 140
# The chart's series: (event type, Swedish label, colour), drawn side by side in each bucket.
CHART_SERIES = [
    ("delivered", "Levererade", "#007d7e"),
    ("bounced", "Studsade", "#cd4444"),
    ("opened", "Öppnade", "#1d5b79"),
    ("clicked", "Klickade", "#7a5c00"),
]


def log_export(user, count, spreadsheet_format, params):
    """Audit-log a subscriber list export; it concerns many people, so it is logged on the user who exported."""
    log(
        user,
        "network.export",
        user=user,
        title=_("Export av %(count)s prenumeranter") % {"count": count},
        data={"count": count, "format": spreadsheet_format, "filters": params.dict()},
    )


def subscriber_data_export(request, pk):
    """Everything held about one subscriber, as JSON (a GDPR access request handled by a coordinator)."""
    if not request.user.has_perm("network.change_subscriber"):
        raise PermissionDenied
    subscriber = get_object_or_404(owned(request, Subscriber), pk=pk)
    log(subscriber, "network.export", user=request.user, data={"format": "json", "count": 1})
    response = HttpResponse(
        json.dumps(gdpr.export_data(subscriber), ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="personuppgifter-{subscriber.pk}.json"'
    return response


def erase_everywhere(request, pk):
    """Erase a subscriber's address in every association, after an explicit confirmation (superusers only)."""
    if not request.user.is_superuser:
        raise PermissionDenied
    subscriber = get_object_or_404(Subscriber.objects.select_related("association"), pk=pk)
    others = gdpr.subscribers_everywhere(subscriber.email)
    form = EraseEverywhereForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        count = gdpr.erase_everywhere(subscriber.email, user=request.user)
        messages.success(
            request,
            _("Adressen raderades i %(count)s förbund och är spärrad för alla förbund.") % {"count": count},
        )
        return redirect("network_subscriber:index")
    context = {"subscriber": subscriber, "associations": [s.association for s in others], "form": form}
    return TemplateResponse(request, "network/admin/erase_everywhere.html", context, status=400 if form.errors else 200)


def mailing_progress(request, pk):
    """Live counts for the progress panel (polled by network/static/network/mailing-progress.js)."""
    if not request.user.has_perm("network.view_mailing"):
        raise PermissionDenied
    mailing = get_object_or_404(owned(request, Mailing), pk=pk)
    done = mailing.state in (Mailing.State.DONE, Mailing.State.FAILED)
    return JsonResponse({"state": mailing.state, "done": done, **progress(mailing)})


@require_POST
def resend_failed(request, pk):
    """Put a mailing's failed deliveries back in the queue; the sending tasks never resend a sent one."""
    if not request.user.has_perm("network.change_delivery"):
        raise PermissionDenied
    mailing = get_object_or_404(owned(request, Mailing), pk=pk)
    with transaction.atomic():
        count = deliveries.requeue_failed(mailing)
        if count:
            log(mailing, "network.resend", user=request.user, data={"deliveries": count})
            transaction.on_commit(lambda: tasks.queue_mailing(mailing.pk))
    if count:
        messages.success(request, _("%(count)s misslyckade leveranser skickas igen.") % {"count": count})
    else:
        messages.info(request, _("Det finns inga misslyckade leveranser att skicka igen."))
    return redirect(reverse("network_mailing:inspect", args=[mailing.pk]))


class ReadableInspectView(generic.InspectView):
    """An inspect view that reads as Swedish: local times, Ja/Nej, a dash for nothing.

    Wagtail's own prints None, True and the time in UTC.
    """

    def get_field_display_value(self, field_name, field):
        value = super().get_field_display_value(field_name, field)
        if value is None or value == "":
            return "–"
        if isinstance(value, bool):
            return _("Ja") if value else _("Nej")
        if isinstance(value, datetime.datetime):
            return date_format(timezone.localtime(value), "j F Y H:i")
        return value


class SubscriberInspectView(ReadableInspectView):
    """A person's page: their consent record, their lists with the dates they were confirmed and left, any
    suppression, and a download of everything held about them for those who may change them."""

    template_name = "network/admin/subscriber_inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        suppressions = Suppression.objects.for_association(self.object.association_id)
        suppression = suppressions.filter(email_hash=self.object.email_hash).order_by("association").first()
        context.update(
            status=self.object.status,
            subscriptions=self.object.subscriptions.select_related("mailing_list").order_by("created_at"),
            suppression=suppression.get_reason_display() if suppression else None,
        )
        return context

    @cached_property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        if self.request.user.has_perm("network.change_subscriber"):
            url = reverse("network_subscriber:gdpr_export", args=[self.object.pk])
            buttons.append(Button(_("Exportera personuppgifter (JSON)"), url=url, icon_name="download", priority=30))
        if self.request.user.is_superuser:
            url = reverse("network_subscriber:erase_everywhere", args=[self.object.pk])
            buttons.append(Button(_("Radera adressen i alla förbund"), url=url, icon_name="bin", priority=40))
        return buttons


def statistics_chart(series):
    """Bars for an inline SVG of ``series`` (network.statistics): one group per bucket, one bar per event type."""
    highest = max((bucket[key] for bucket in series for key, _label, _colour in CHART_SERIES), default=0) or 1
    slot = CHART_WIDTH / max(len(series), 1)
    width = max((slot - 2) / len(CHART_SERIES), 1)
    groups = []
    for index, bucket in enumerate(series):
        bars = []
        for offset, (key, label, colour) in enumerate(CHART_SERIES):
            height = round(bucket[key] / highest * (CHART_HEIGHT - 10))
            bars.append(
                {
                    "x": round(index * slot + 1 + offset * width, 1),
                    "y": CHART_HEIGHT - height,
                    "width": round(width, 1),
                    "height": height,
                    "colour": colour,
                    "title": f"{bucket['label']}: {bucket[key]} {label.lower()}",
                }
            )
        values = [bucket[key] for key, _label, _colour in CHART_SERIES]
        groups.append({"label": bucket["label"], "x": round(index * slot + 1, 1), "bars": bars, "values": values})
    step = max(1, len(series) // 8)
    return {
        "groups": groups,
        "ticks": groups[::step],
        "legend": [{"label": label, "colour": colour} for _key, label, colour in CHART_SERIES],
        "width": CHART_WIDTH,
        "height": CHART_HEIGHT,
    }


class MailingInspectView(ReadableInspectView):
    """A mailing: live progress, its statistics, a resend button for failed deliveries, and every recipient's status."""

    template_name = "network/admin/mailing_inspect.html"
    progress_url_name = None
    resend_url_name = None
    per_page = 50

    def get_fields(self):
        return ["subject", "state", "created_at", "created_by", "snapshot_at", "finished_at", "url"]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        state = self.request.GET.get("state", "")
        listed = self.object.deliveries.order_by("pk")
        if state in Delivery.State.values:
            listed = listed.filter(state=state)
        counts = progress(self.object)
        figures = statistics.summary(self.object)
        context.update(
            statistics=figures,
            chart=statistics_chart(figures["series"]),
            progress=[(key, counts[key]) for key in PROGRESS_STATES],
            progress_done=counts["recipients"] - counts["pending"] - counts["sending"],
            progress_total=counts["recipients"],
            progress_url=reverse(self.progress_url_name, args=[self.object.pk]),
            resend_url=reverse(self.resend_url_name, args=[self.object.pk]),
            can_resend=counts["failed"] > 0 and self.request.user.has_perm("network.change_delivery"),
            page_obj=Paginator(listed, self.per_page).get_page(self.request.GET.get("p")),
            states=Delivery.State.choices,
            current_state=state,
            is_done=self.object.state in (Mailing.State.DONE, Mailing.State.FAILED),
            is_failed=self.object.state == Mailing.State.FAILED,
        )
        return context


def media_applications(request):
    """Journalists' applications to the media list of the association the coordinator works in: accept or decline.

    Only a person who confirmed their address can be accepted (the double opt-in comes first).
    """
    if not request.user.has_perm("network.change_subscription"):
        raise PermissionDenied
    waiting = (
        owned(request, Subscription, "mailing_list__association")
        .filter(awaiting_acceptance=True)
        .select_related("subscriber", "mailing_list")
    )
    if request.method == "POST":
        chosen = request.POST.get("subscription", "")
        subscription = (
            waiting.filter(pk=chosen).first() if chosen.isascii() and chosen.isdigit() and len(chosen) <= 18 else None
        )
        action = request.POST.get("action")
        values = {"email": subscription.subscriber.email if subscription else ""}
        if subscription is None or action not in ("accept", "decline"):
            messages.error(request, _("Ansökan finns inte längre. Någon annan kan ha hanterat den."))
        elif action == "accept" and signup.accept(subscription):
            messages.success(request, _("%(email)s är nu med på medielistan.") % values)
        elif action == "accept":
            messages.error(
                request, _("%(email)s har inte bekräftat sin e-postadress än och kan inte godkännas.") % values
            )
        else:
            signup.decline(subscription)
            messages.success(request, _("Ansökan från %(email)s är avslagen och borttagen.") % values)
        return redirect("network_media_applications")
    context = {"applications": waiting.order_by("created_at")}
    return TemplateResponse(request, "network/admin/media_applications.html", context)
