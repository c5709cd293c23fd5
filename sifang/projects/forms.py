"""Forms of the project pages: they parse input; the services decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sifang.organisations.models import Organisation
from sifang.taxonomy.models import Cluster, Field, Party, Programme, Region

from .models import (
    ContractForm,
    FundingSource,
    OutcomeKind,
    Project,
    Stage,
    Status,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
AMOUNT_HELP = _("In 10,000 yuan (万元), e.g. 120.50.")


class ProjectFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", "—"), *Status.choices])
    stage = forms.ChoiceField(label=_("Stage"), required=False, choices=[("", "—"), *Stage.choices])
    party = forms.ModelChoiceField(
        label=_("Party"), required=False, queryset=Party.objects.all(), to_field_name="code", empty_label="—"
    )
    programme = forms.ModelChoiceField(
        label=_("Programme"), required=False, queryset=Programme.objects.all(), empty_label="—"
    )
    cluster = forms.ModelChoiceField(
        label=_("Cluster"), required=False, queryset=Cluster.objects.select_related("scheme"), empty_label="—"
    )
    organisation = forms.IntegerField(required=False, widget=forms.HiddenInput)
    overdue = forms.BooleanField(label=_("Overdue milestones only"), required=False)

    def filters(self) -> dict[str, Any]:
        d = self.cleaned_data
        return {
            "q": d.get("q") or "",
            "status": d.get("status") or None,
            "stage": d.get("stage") or None,
            "party": d["party"].code if d.get("party") else None,
            "programme": d["programme"].pk if d.get("programme") else None,
            "cluster": d["cluster"].pk if d.get("cluster") else None,
            "organisation": d.get("organisation") or None,
            "overdue": bool(d.get("overdue")),
        }


class ProjectForm(forms.ModelForm):
    lead = forms.ModelChoiceField(
        label=_("lead organisation"), queryset=Organisation.objects.select_related("party")
    )
    partners = forms.ModelMultipleChoiceField(
        label=_("partner organisations"),
        queryset=Organisation.objects.select_related("party"),
        help_text=_("Lead and partners must come from at least two parties."),
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    clusters = forms.ModelMultipleChoiceField(
        label=_("clusters"),
        required=False,
        queryset=Cluster.objects.select_related("scheme"),
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    fields = forms.ModelMultipleChoiceField(
        label=_("fields"),
        required=False,
        queryset=Field.objects.all(),
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    comment = forms.CharField(label=_("comment"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    class Meta:
        model = Project
        fields = [
            "title",
            "description",
            "lead",
            "partners",
            "stage",
            "programme",
            "region",
            "start_date",
            "end_date",
        ]
        widgets = {"start_date": DATE, "end_date": DATE, "description": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args: Any, user: Any = None, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = Programme.objects.all()
        self.fields["region"].queryset = Region.objects.all()
        if editing:
            del self.fields["lead"]
            del self.fields["comment"]
        elif user is not None and getattr(user, "role", "") == "member" and user.organisation_id:
            self.fields["lead"].queryset = Organisation.objects.filter(pk=user.organisation_id)
            self.fields["lead"].initial = user.organisation_id
        elif user is not None and getattr(user, "role", "") == "officer" and user.party_id:
            self.fields["lead"].queryset = Organisation.objects.filter(
                Q(party=user.party_id) | Q(party__parent=user.party_id)
            ).select_related("party")

    def service_data(self) -> dict[str, Any]:
        d = dict(self.cleaned_data)
        d["partners"] = list(d["partners"])
        d["clusters"] = [c.pk for c in d.get("clusters") or []]
        d["fields"] = [f.pk for f in d.get("fields") or []]
        return d


class TransitionForm(forms.Form):
    to = forms.ChoiceField(choices=Status.choices)
    comment = forms.CharField(label=_("comment"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class FundingForm(forms.Form):
    party = forms.ModelChoiceField(label=_("party"), queryset=Party.objects.all())
    source = forms.ChoiceField(label=_("source"), choices=FundingSource.choices)
    planned = forms.DecimalField(
        label=_("planned (10,000 yuan)"), min_value=0, max_digits=14, decimal_places=2, help_text=AMOUNT_HELP
    )
    spent = forms.DecimalField(
        label=_("spent (10,000 yuan)"),
        min_value=0,
        max_digits=14,
        decimal_places=2,
        initial=0,
        help_text=AMOUNT_HELP,
    )


class SpendingForm(forms.Form):
    spent = forms.DecimalField(
        label=_("spent (10,000 yuan)"), min_value=0, max_digits=14, decimal_places=2, help_text=AMOUNT_HELP
    )


class AdjustmentForm(forms.Form):
    planned = forms.DecimalField(
        label=_("new plan (10,000 yuan)"), min_value=0, max_digits=14, decimal_places=2, help_text=AMOUNT_HELP
    )
    reason = forms.CharField(label=_("reason"), widget=forms.Textarea(attrs={"rows": 3}))


class MilestoneForm(forms.Form):
    title = forms.CharField(label=_("title"), max_length=200)
    due_date = forms.DateField(label=_("due date"), widget=DATE)
    deliverables = forms.CharField(
        label=_("deliverables"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    completed_on = forms.DateField(label=_("completed on"), required=False, widget=DATE)


class UploadForm(forms.Form):
    file = forms.FileField(label=_("file"), help_text=_("PDF, DOCX, XLSX, JPG, PNG or ZIP."))


class OutcomeForm(forms.Form):
    kind = forms.ChoiceField(label=_("kind"), choices=OutcomeKind.choices)
    title = forms.CharField(label=_("title"), max_length=300)
    number = forms.CharField(
        label=_("number"),
        required=False,
        max_length=60,
        help_text=_("Patent: e.g. ZL201720001285.X or CN105123456A."),
    )
    achieved_on = forms.DateField(label=_("date"), widget=DATE)
    quantity = forms.IntegerField(label=_("quantity"), min_value=1, initial=1)
    description = forms.CharField(
        label=_("description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class ContractFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    form = forms.ChoiceField(label=_("Form"), required=False, choices=[("", "—"), *ContractForm.choices])
    party = forms.ModelChoiceField(
        label=_("Party"), required=False, queryset=Party.objects.all(), to_field_name="code", empty_label="—"
    )
    region = forms.ModelChoiceField(
        label=_("Region"), required=False, queryset=Region.objects.all(), empty_label="—"
    )
    year = forms.IntegerField(label=_("Year"), required=False, min_value=1990, max_value=2100)
    without_project = forms.BooleanField(label=_("Without a project"), required=False)

    def filters(self) -> dict[str, Any]:
        d = self.cleaned_data
        return {
            "q": d.get("q") or "",
            "form": d.get("form") or None,
            "party": d["party"].code if d.get("party") else None,
            "region": d["region"].pk if d.get("region") else None,
            "year": d.get("year"),
            "without_project": bool(d.get("without_project")),
        }


class ContractEditForm(forms.Form):
    title = forms.CharField(label=_("title"), max_length=200)
    project = forms.ModelChoiceField(label=_("project"), required=False, queryset=Project.objects.none())
    transferor = forms.ModelChoiceField(label=_("transferor"), queryset=Organisation.objects.all())
    transferee = forms.ModelChoiceField(label=_("transferee"), queryset=Organisation.objects.all())
    form = forms.ChoiceField(label=_("form"), choices=ContractForm.choices)
    value = forms.DecimalField(
        label=_("contract value (10,000 yuan)"),
        min_value=0,
        max_digits=14,
        decimal_places=2,
        help_text=AMOUNT_HELP,
    )
    signed_on = forms.DateField(label=_("signed on"), widget=DATE)
    region = forms.ModelChoiceField(label=_("region"), required=False, queryset=Region.objects.all())

    def __init__(self, *args: Any, projects: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if projects is not None:
            self.fields["project"].queryset = projects


def add_errors(form: forms.Form, exc: Any) -> None:
    """Put a service's ValidationError beside the form's fields (others on top)."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)
