"""Admin view of the monthly report: the same figures the email carries, for a chosen month."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic import PermissionCheckedMixin
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.permission_policies import ModelPermissionPolicy

from activities.models import MonthlyReport
from activities.report import build_figures, parse_month, previous_month


class MonthForm(forms.Form):
    month = forms.CharField(
        label=_("Månad"), required=False, widget=forms.TextInput(attrs={"type": "month", "placeholder": "ÅÅÅÅ-MM"})
    )

    def clean_month(self):
        value = self.cleaned_data["month"]
        if not value:
            return None
        try:
            return parse_month(value)
        except ValueError:
            raise forms.ValidationError(_("Ange månaden som ÅÅÅÅ-MM.")) from None


class MonthlyReportView(PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView):
    """A sent month shows the figures as sent; other months are computed now."""

    permission_policy = ModelPermissionPolicy(MonthlyReport)
    permission_required = "view"
    template_name = "activities/admin/monthly_report.html"
    page_title = _("Månadsrapport")
    header_icon = "table"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = MonthForm(self.request.GET)
        month = form.cleaned_data["month"] if form.is_valid() else None
        month = month or previous_month(timezone.localdate())
        report = MonthlyReport.objects.filter(month=month, sent_at__isnull=False).first()
        context.update(
            form=form,
            month=month,
            report=report,
            figures=report.data if report else build_figures(month),
            sent_reports=MonthlyReport.objects.filter(sent_at__isnull=False)[:24],
        )
        return context
