from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from sifang.taxonomy.models import Cluster, Field, Party, Region

from .models import Organisation


class OrganisationFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    party = forms.ChoiceField(label=_("Party"), required=False)
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", "—"), *Organisation.Kind.choices])
    cluster = forms.ModelChoiceField(label=_("Cluster"), queryset=Cluster.objects.all(), required=False)
    region = forms.ModelChoiceField(label=_("Region"), queryset=Region.objects.all(), required=False)

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
            "kind": d.get("kind") or None,
            "cluster": d["cluster"].pk if d.get("cluster") else None,
            "region": d["region"].pk if d.get("region") else None,
        }


class OrganisationForm(forms.ModelForm):
    clusters = forms.ModelMultipleChoiceField(
        label=_("Clusters"), queryset=Cluster.objects.all(), required=False
    )
    fields_ = forms.ModelMultipleChoiceField(label=_("Fields"), queryset=Field.objects.all(), required=False)

    class Meta:
        model = Organisation
        fields = ["name", "kind", "party", "region", "address", "credit_code", "website", "description"]

    def __init__(self, *args: Any, parties: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if parties is not None:
            self.fields["party"].queryset = parties
        if self.instance.pk:
            self.fields["clusters"].initial = list(self.instance.clusters.values_list("pk", flat=True))
            self.fields["fields_"].initial = list(self.instance.fields.values_list("pk", flat=True))

    def validate_unique(self) -> None:
        """Uniqueness is checked by the service, with our own message."""

    def service_data(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["fields"] = data.pop("fields_", [])
        return data
