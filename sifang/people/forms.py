from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from sifang.taxonomy.models import Field, Party

from .models import Person


class PersonFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    party = forms.ChoiceField(label=_("Party"), required=False)
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", "—"), *Person.Kind.choices])
    field = forms.ModelChoiceField(label=_("Field"), queryset=Field.objects.all(), required=False)

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
            "field": d["field"].pk if d.get("field") else None,
        }


class PersonForm(forms.ModelForm):
    fields_ = forms.ModelMultipleChoiceField(label=_("Fields"), queryset=Field.objects.all(), required=False)

    class Meta:
        model = Person
        fields = ["name", "kind", "organisation", "title", "expertise", "phone", "email", "id_number"]

    def __init__(self, *args: Any, organisations: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if organisations is not None:
            self.fields["organisation"].queryset = organisations
        if self.instance.pk:
            self.fields["fields_"].initial = list(self.instance.fields.values_list("pk", flat=True))

    def service_data(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["fields"] = data.pop("fields_", [])
        return data
