"""The admin's import screen: upload CSV or XLSX, preview accepted and rejected rows, choose, import with progress.

The checks and the writing are network.importer's, the same as the ``import_subscribers``
command's; the import itself runs in ``network.tasks.import_subscribers_task``.
"""

from django import forms
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from network import conf
from network.importer import ImportFileError, check_rows, preview_of, read_rows
from network.models import MailingList, SubscriberImport
from network.tasks import enqueue, import_subscribers_task

Choice = SubscriberImport.Choice
State = SubscriberImport.State
CHOICES = [
    (
        Choice.SEND_CONFIRMATION,
        _(
            "Skicka ett bekräftelsemejl. Personerna får utskick först när de har bekräftat; "
            "den som inte bekräftar inom 30 dagar raderas, som vid anmälan på webben."
        ),
    ),
    (
        Choice.LEGAL_BASIS,
        _(
            "Registrera en rättslig grund, till exempel en intresseanmälan på papper, med datum. "
            "Personerna räknas som bekräftade, får inget mejl och finns kvar tills de avregistrerar sig."
        ),
    ),
]


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Fil"),
        help_text=_("CSV (UTF-8) eller Excel (XLSX) med rubrikrad: email, name, organisation, role."),
        error_messages={"empty": _("Filen är tom.")},
    )
    mailing_list = forms.ModelChoiceField(label=_("Sändlista"), queryset=MailingList.objects.all())
    choice = forms.ChoiceField(label=_("Vad ska hända med personerna?"), choices=CHOICES, widget=forms.RadioSelect)
    legal_basis = forms.CharField(
        label=_("Rättslig grund"),
        max_length=200,
        required=False,
        help_text=_("Till exempel ”Intresseanmälan på papper vid nätverksträffen”."),
    )
    consent_date = forms.DateField(
        label=_("Datum för anmälan"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = conf.get("NETWORK_IMPORT_MAX_BYTES")
        if upload.size > limit:
            raise forms.ValidationError(
                _("Filen är för stor (högst %(mb)s MB). Dela upp den i flera filer.") % {"mb": limit // (1024 * 1024)}
            )
        return upload

    def clean(self):
        data = super().clean()
        if data.get("choice") == Choice.LEGAL_BASIS:
            if not data.get("legal_basis", "").strip():
                self.add_error("legal_basis", _("Ange den rättsliga grunden."))
            if not data.get("consent_date"):
                self.add_error("consent_date", _("Ange när personerna anmälde sig."))
            elif data["consent_date"] > timezone.localdate():
                self.add_error("consent_date", _("Datumet kan inte ligga i framtiden."))
        return data


class ImportPermissionMixin:
    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("network.add_subscriber"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("network_subscriber:index"), "label": _("Prenumeranter")},
            {"url": "", "label": self.get_page_title()},
        ]


class ImportUploadView(ImportPermissionMixin, WagtailAdminTemplateMixin, FormView):
    """Step 1: the file and the choices; the file is checked at once and nothing is imported yet."""

    template_name = "network/admin/import_upload.html"
    page_title = _("Importera prenumeranter")
    header_icon = "upload"
    form_class = ImportForm

    def get_form(self, form_class=None):
        """Only the lists of the association the editor works in."""
        form = super().get_form(form_class)
        form.fields["mailing_list"].queryset = MailingList.objects.filter(association=self.request.association)
        return form

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        data = upload.read()
        try:
            rows = read_rows(data)
        except ImportFileError as error:
            form.add_error("file", f"{error} Inget importerades.")
            return self.form_invalid(form)
        mailing_list = form.cleaned_data["mailing_list"]
        report = check_rows(rows, mailing_list)
        confirmed = form.cleaned_data["choice"] == Choice.LEGAL_BASIS
        job = SubscriberImport.objects.create(
            created_by=self.request.user,
            file_name=upload.name[:255],
            data=data,
            mailing_list=mailing_list,
            choice=form.cleaned_data["choice"],
            legal_basis=form.cleaned_data["legal_basis"].strip() if confirmed else "",
            consent_date=form.cleaned_data["consent_date"] if confirmed else None,
            total=len(rows),
            accepted=len(report.accepted),
            rejected=len(report.rejected),
            preview=preview_of(report),
        )
        return redirect("network_subscriber:import_detail", job.pk)


class ImportDetailView(ImportPermissionMixin, WagtailAdminTemplateMixin, TemplateView):
    """Step 2 and 3: the preview with the import button, then the progress and the result."""

    template_name = "network/admin/import_detail.html"
    page_title = _("Import av prenumeranter")
    header_icon = "upload"

    def setup(self, request, pk, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.job = get_object_or_404(SubscriberImport.objects.select_related("mailing_list"), pk=pk)
        if self.job.created_by_id != request.user.pk and not request.user.is_superuser:
            raise PermissionDenied

    def get_page_subtitle(self):
        return self.job.file_name

    def post(self, request, *args, **kwargs):
        action = request.POST.get("action")
        if action == "import" and self.job.accepted:
            with transaction.atomic():
                queued = SubscriberImport.objects.filter(pk=self.job.pk, state=State.PREVIEW).update(state=State.QUEUED)
                if queued:
                    transaction.on_commit(lambda: enqueue(import_subscribers_task, self.job.pk))
        elif action == "cancel" and self.job.state == State.PREVIEW:
            self.job.delete()
            return redirect("network_subscriber:index")
        return redirect("network_subscriber:import_detail", self.job.pk)

    def get_context_data(self, **kwargs):
        job = self.job
        return super().get_context_data(
            job=job,
            running=job.state in (State.QUEUED, State.RUNNING),
            choice_text=dict(CHOICES)[job.choice],
            **kwargs,
        )
