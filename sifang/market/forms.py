from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from sifang.organisations.models import Organisation
from sifang.taxonomy.models import Cluster, Field, Party, Region

from .models import CooperationForm, Demand, Offering, Status


class ListingFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    party = forms.ChoiceField(label=_("Party"), required=False)
    cluster = forms.ModelChoiceField(
        label=_("Cluster"), queryset=Cluster.objects.select_related("scheme"), required=False
    )
    field = forms.ModelChoiceField(label=_("Field"), queryset=Field.objects.all(), required=False)
    region = forms.ModelChoiceField(label=_("Region"), queryset=Region.objects.all(), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", "—"), *Status.choices])

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["party"].choices = [("", "—")] + [
            (p.code, p.label) for p in Party.objects.filter(parent__isnull=True)
        ]

    def filters(self) -> dict[str, Any]:
        if not self.is_valid():
            return {}
        d = self.cleaned_data
        return {
            "q": d.get("q") or "",
            "party": d.get("party") or None,
            "cluster": d["cluster"].pk if d.get("cluster") else None,
            "field": d["field"].pk if d.get("field") else None,
            "region": d["region"].pk if d.get("region") else None,
            "status": d.get("status") or None,
        }


class ListingForm(forms.ModelForm):
    cooperation_forms = forms.MultipleChoiceField(
        label=_("Cooperation forms"),
        choices=CooperationForm.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    clusters = forms.ModelMultipleChoiceField(
        label=_("Clusters"), queryset=Cluster.objects.select_related("scheme"), required=False
    )
    fields_ = forms.ModelMultipleChoiceField(label=_("Fields"), queryset=Field.objects.all(), required=False)

    def __init__(self, *args: Any, organisations: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if organisations is not None:
            self.fields["organisation"].queryset = organisations
        self.fields["recommending_unit"].queryset = Organisation.objects.filter(
            kind__in=["agency", "park", "platform"]
        )
        self.fields["deadline"].widget = forms.DateInput(attrs={"type": "date"})
        if self.instance.pk:
            self.fields["clusters"].initial = list(self.instance.clusters.values_list("pk", flat=True))
            self.fields["fields_"].initial = list(self.instance.fields.values_list("pk", flat=True))

    def service_data(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["clusters"] = data.pop("clusters", [])
        data["fields"] = data.pop("fields_", [])
        return data


class DemandForm(ListingForm):
    class Meta:
        model = Demand
        fields = [
            "title",
            "organisation",
            "description",
            "keywords",
            "region",
            "recommending_unit",
            "cooperation_forms",
            "amount",
            "deadline",
            "min_trl",
            "visibility",
        ]


class OfferingForm(ListingForm):
    class Meta:
        model = Offering
        fields = [
            "title",
            "organisation",
            "kind",
            "description",
            "keywords",
            "region",
            "recommending_unit",
            "cooperation_forms",
            "amount",
            "trl",
            "maturity",
            "ip_status",
            "patent_numbers",
            "deadline",
            "visibility",
        ]
