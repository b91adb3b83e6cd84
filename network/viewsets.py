"""Admin viewsets for the "Nätverket" menu: subscribers, subscriptions, lists and mailings.

Permissions are the model permissions seeded in network/0002: Samordnare may
add, change and delete; Styrelse may only view. Exporting personal data needs
the change permission, and every export and erasure is written to the audit log.
"""

import django_filters
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Exists, OuterRef, Q
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton
from wagtail.coreutils import multigetattr

from home.associations import AssociationScopedViewSet
from network import admin_views, gdpr, import_views
from network.importer import FORMULA_PREFIXES
from network.models import Mailing, MailingList, Organisation, Subscriber, Subscription
from network.signup import PRINTED_SOURCES


def spreadsheet_safe(value):
    """Keep a cell from being read as a formula by spreadsheet programs (CSV injection)."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def active_lists(subscriber):
    """Names of the lists a subscriber receives, from prefetched subscriptions."""
    return ", ".join(s.mailing_list.name for s in subscriber.subscriptions.all() if s.active)


class SubscriberFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=[
            ("pending", _("Väntar på bekräftelse")),
            ("active", _("Prenumererar")),
            ("unsubscribed", _("Avregistrerad från allt")),
        ],
        method="filter_status",
    )
    organisation = django_filters.ChoiceFilter(label=_("Organisation"), choices=Organisation.choices)
    lists = django_filters.ModelChoiceFilter(
        label=_("Prenumererar på"),
        queryset=MailingList.objects.all(),
        field_name="subscriptions__mailing_list",
        method="filter_active_on",
    )
    consent_source = django_filters.ChoiceFilter(
        label=_("Källa"),
        choices=[
            ("signup", _("Anmälan på webben")),
            *PRINTED_SOURCES.items(),
            ("import", _("Import")),
            ("", _("Annan")),
        ],
    )

    class Meta:
        model = Subscriber
        fields = ["status", "organisation", "lists", "consent_source"]

    def filter_status(self, queryset, name, value):
        if value == "pending":
            return queryset.filter(confirmed_at__isnull=True)
        active = Subscription.objects.filter(
            subscriber=OuterRef("pk"), confirmed_at__isnull=False, unsubscribed_at__isnull=True
        )
        queryset = queryset.filter(confirmed_at__isnull=False)
        return queryset.filter(Exists(active)) if value == "active" else queryset.exclude(Exists(active))

    def filter_active_on(self, queryset, name, value):
        return queryset.filter(
            subscriptions__mailing_list=value, subscriptions__unsubscribed_at__isnull=True
        ).distinct()


class SubscriberIndexView(generic.IndexView):
    """The subscriber list; its CSV/XLSX export is for those who may change subscribers, and is logged."""

    @cached_property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if self.user_has_permission("add"):
            buttons.append(HeaderButton(_("Importera"), url=reverse("network_subscriber:import"), icon_name="upload"))
        return buttons

    @property
    def show_export_buttons(self):
        return bool(self.list_export) and self.user_has_permission("change")

    def get_queryset(self):
        return super().get_queryset().prefetch_related("subscriptions__mailing_list")

    def to_row_dict(self, item):
        return {
            field: spreadsheet_safe(active_lists(item) if field == "active_lists" else multigetattr(item, field))
            for field in self.list_export
        }

    def as_spreadsheet(self, queryset, spreadsheet_format):
        if not self.user_has_permission("change"):
            raise PermissionDenied
        response = super().as_spreadsheet(queryset, spreadsheet_format)
        admin_views.log_export(self.request.user, queryset.count(), spreadsheet_format, self.request.GET)
        return response


class SubscriberDeleteView(generic.DeleteView):
    """Deleting a subscriber in the admin is a GDPR erasure: only a hashed suppression entry remains."""

    def delete_action(self):
        gdpr.erase(self.object, user=self.request.user)


class SubscriberViewSet(AssociationScopedViewSet, ModelViewSet):
    name = "network_subscriber"
    model = Subscriber
    icon = "user"
    url_prefix = "natverket/prenumeranter"
    index_view_class = SubscriberIndexView
    delete_view_class = SubscriberDeleteView
    inspect_view_class = admin_views.SubscriberInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    add_to_reference_index = False
    list_display = [
        "email",
        "name",
        "organisation",
        Column("status", label=_("Status")),
        Column("active_lists", label=_("Listor"), accessor=active_lists),
        "created_at",
    ]
    list_export = [
        "email",
        "name",
        "organisation",
        "role",
        "status",
        "active_lists",
        "created_at",
        "confirmed_at",
        "consent_source",
    ]
    export_headings = {"status": _("Status"), "active_lists": _("Listor")}
    export_filename = "prenumeranter"
    filterset_class = SubscriberFilterSet
    search_fields = ["email", "name", "role"]
    search_backend_name = None
    form_fields = ["email", "name", "organisation", "role", "legal_basis"]
    inspect_view_fields = [
        "email",
        "name",
        "organisation",
        "role",
        "created_at",
        "confirmed_at",
        "consent_text",
        "consent_at",
        "consent_ip",
        "consent_source",
        "legal_basis",
    ]

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("personuppgifter/<int:pk>/", admin_views.subscriber_data_export, name="gdpr_export"),
            path("radera-overallt/<int:pk>/", admin_views.erase_everywhere, name="erase_everywhere"),
            path("import/", import_views.ImportUploadView.as_view(), name="import"),
            path("import/<int:pk>/", import_views.ImportDetailView.as_view(), name="import_detail"),
        ]


class SubscriptionViewSet(AssociationScopedViewSet, ModelViewSet):
    association_path = "mailing_list__association"
    name = "network_subscription"
    model = Subscription
    icon = "list-ul"
    url_prefix = "natverket/prenumerationer"
    copy_view_enabled = False
    add_to_reference_index = False
    list_display = [
        "subscriber",
        "mailing_list",
        "confirmed_at",
        "unsubscribed_at",
        BooleanColumn("awaiting_acceptance", label=_("Väntar på godkännande")),
    ]
    list_filter = ["mailing_list", "awaiting_acceptance"]
    search_fields = ["subscriber__email", "subscriber__name"]
    search_backend_name = None
    form_fields = ["subscriber", "mailing_list", "confirmed_at", "unsubscribed_at"]

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(
            queryset=Subscription.objects.select_related("subscriber", "mailing_list"), **kwargs
        )


class MailingListViewSet(AssociationScopedViewSet, ModelViewSet):
    name = "network_mailinglist"
    model = MailingList
    icon = "mail"
    url_prefix = "natverket/listor"
    copy_view_enabled = False
    inspect_view_class = admin_views.ReadableInspectView
    inspect_view_enabled = True
    list_display = [
        "name",
        "slug",
        BooleanColumn("public", label=_("Öppen för anmälan")),
        Column("active_count", label=_("Aktiva prenumeranter")),
    ]
    list_filter = ["public"]
    search_fields = ["name", "slug", "description"]
    search_backend_name = None
    form_fields = ["name", "slug", "description", "public"]

    def get_index_view_kwargs(self, **kwargs):
        active = Q(subscriptions__confirmed_at__isnull=False, subscriptions__unsubscribed_at__isnull=True)
        queryset = MailingList.objects.annotate(active_count=Count("subscriptions", filter=active))
        return super().get_index_view_kwargs(queryset=queryset, **kwargs)


class MailingViewSet(AssociationScopedViewSet, ModelViewSet):
    """Mailings are made by publishing, never in the admin: list, progress, per-recipient status, resend."""

    name = "network_mailing"
    model = Mailing
    icon = "mail"
    url_prefix = "natverket/utskick"
    inspect_view_class = admin_views.MailingInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    add_to_reference_index = False
    list_display = ["subject", "state", "created_at", "finished_at", "problem"]
    list_filter = ["state", "lists"]
    search_fields = ["subject"]
    search_backend_name = None
    form_fields = ["subject"]

    def get_common_view_kwargs(self, **kwargs):
        view_kwargs = super().get_common_view_kwargs(**kwargs)
        view_kwargs.update(add_url_name=None, edit_url_name=None, delete_url_name=None)
        return view_kwargs

    def get_inspect_view_kwargs(self, **kwargs):
        return super().get_inspect_view_kwargs(
            progress_url_name=self.get_url_name("progress"), resend_url_name=self.get_url_name("resend"), **kwargs
        )

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("inspect/<int:pk>/", self.inspect_view, name="inspect"),
            path("history/<int:pk>/", self.history_view, name="history"),
            path("history-results/<int:pk>/", self.history_results_view, name="history_results"),
            path("usage/<int:pk>/", self.usage_view, name="usage"),
            path("progress/<int:pk>/", admin_views.mailing_progress, name="progress"),
            path("resend/<int:pk>/", admin_views.resend_failed, name="resend"),
        ]


class NetworkViewSetGroup(ViewSetGroup):
    menu_label = _("Nätverket")
    menu_icon = "group"
    menu_order = 250
    items = (SubscriberViewSet, SubscriptionViewSet, MailingListViewSet, MailingViewSet)
