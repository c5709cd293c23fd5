from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from sifang.organisations.models import Organisation
from sifang.people.models import Person
from sifang.taxonomy.models import Party, Programme

from .models import ExchangeKind

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ExchangeFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", "—"), *ExchangeKind.choices])
    party = forms.ModelChoiceField(
        label=_("Party"), required=False, queryset=Party.objects.all(), to_field_name="code", empty_label="—"
    )
    year = forms.IntegerField(label=_("Year"), required=False, min_value=1990, max_value=2100)
    programme = forms.ModelChoiceField(
        label=_("Programme"), required=False, queryset=Programme.objects.all(), empty_label="—"
    )

    def filters(self) -> dict[str, Any]:
        d = self.cleaned_data
        return {
            "q": d.get("q") or "",
            "kind": d.get("kind") or None,
            "party": d["party"].code if d.get("party") else None,
            "year": d.get("year"),
            "programme": d["programme"].pk if d.get("programme") else None,
        }


class ExchangeForm(forms.Form):
    kind = forms.ChoiceField(label=_("kind"), choices=ExchangeKind.choices)
    person = forms.ModelChoiceField(label=_("person"), queryset=Person.objects.select_related("organisation"))
    from_organisation = forms.ModelChoiceField(
        label=_("from organisation"), queryset=Organisation.objects.all()
    )
    to_organisation = forms.ModelChoiceField(label=_("to organisation"), queryset=Organisation.objects.all())
    start_date = forms.DateField(label=_("start date"), widget=DATE)
    end_date = forms.DateField(label=_("end date"), widget=DATE)
    programme = forms.ModelChoiceField(label=_("programme"), required=False, queryset=Programme.objects.all())
    results = forms.CharField(label=_("results"), required=False, widget=forms.Textarea(attrs={"rows": 4}))


def add_errors(form: forms.Form, exc: Any) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)
