"""Forms of the instruments pages: they parse input; services decide."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any
from zoneinfo import ZoneInfo

from django import forms
from django.utils.translation import gettext_lazy as _

from sifang.accounts.models import User
from sifang.organisations.models import Organisation
from sifang.taxonomy.models import Cluster, Field, Party, Region

from .models import Instrument, Platform, validate_holidays, validate_opening_hours
from .selectors import STATEMENT_GROUPS


class PlatformFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    party = forms.ChoiceField(label=_("Party"), required=False)
    cluster = forms.ModelChoiceField(
        label=_("Cluster"), queryset=Cluster.objects.select_related("scheme"), required=False
    )
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", "—"), *Platform.Kind.choices])

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["party"].choices = [("", "—"), *[(p.code, p.name) for p in Party.objects.all()]]


class PlatformForm(forms.Form):
    name = forms.CharField(label=_("name"), max_length=200)
    kind = forms.ChoiceField(label=_("kind"), choices=Platform.Kind.choices)
    host = forms.ModelChoiceField(
        label=_("host organisation"), queryset=Organisation.objects.order_by("name")
    )
    partners = forms.ModelMultipleChoiceField(
        label=_("partner parties"), queryset=Party.objects.all(), required=False
    )
    region = forms.ModelChoiceField(label=_("region"), queryset=Region.objects.all(), required=False)
    address = forms.CharField(label=_("address"), max_length=300, required=False)
    clusters = forms.ModelMultipleChoiceField(
        label=_("clusters"), queryset=Cluster.objects.select_related("scheme"), required=False
    )
    fields = forms.ModelMultipleChoiceField(label=_("fields"), queryset=Field.objects.all(), required=False)
    description = forms.CharField(
        label=_("description"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    services = forms.CharField(
        label=_("services offered"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    contact_name = forms.CharField(label=_("contact person"), max_length=100, required=False)
    contact_phone = forms.CharField(label=_("contact phone"), max_length=40, required=False)
    contact_email = forms.EmailField(label=_("contact e-mail"), required=False)

    @classmethod
    def initial_for(cls, p: Platform) -> dict[str, Any]:
        data = {
            f: getattr(p, f)
            for f in (
                "name",
                "kind",
                "host",
                "region",
                "address",
                "description",
                "services",
                "contact_name",
                "contact_phone",
                "contact_email",
            )
        }
        data.update(
            partners=list(p.partners.all()), clusters=list(p.clusters.all()), fields=list(p.fields.all())
        )
        return data


class JSONTextField(forms.CharField):
    def __init__(self, *args: Any, validator: Any = None, **kwargs: Any) -> None:
        self._validator = validator
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 3, "class": "mono"}))
        super().__init__(*args, **kwargs)

    def prepare_value(self, value: Any) -> Any:
        return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)

    def to_python(self, value: Any) -> Any:
        text = super().to_python(value)
        try:
            data = json.loads(text or "{}")
        except ValueError:
            raise forms.ValidationError(_("Not valid JSON.")) from None
        if self._validator:
            self._validator(data)
        return data


class HolidaysField(forms.CharField):
    """Dates separated by spaces, commas or new lines."""

    def prepare_value(self, value: Any) -> Any:
        return "\n".join(value) if isinstance(value, list) else value

    def to_python(self, value: Any) -> list[str]:
        text = super().to_python(value) or ""
        items = [t for t in text.replace(",", " ").split() if t]
        validate_holidays(items)
        return sorted(set(items))


class InstrumentForm(forms.Form):
    name = forms.CharField(label=_("name"), max_length=200)
    category = forms.ChoiceField(label=_("category"), choices=Instrument.Category.choices)
    model_number = forms.CharField(label=_("model"), max_length=120, required=False)
    specification = forms.CharField(
        label=_("specification"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    location = forms.CharField(label=_("location"), max_length=200, required=False)
    status = forms.ChoiceField(label=_("status"), choices=Instrument.Status.choices)
    timezone = forms.ChoiceField(
        label=_("time zone of the opening hours"), choices=Instrument._meta.get_field("timezone").choices
    )
    opening_hours = JSONTextField(
        label=_("opening hours"),
        validator=validate_opening_hours,
        required=False,
        help_text=_('e.g. {"mon": [["09:00", "12:00"], ["14:00", "18:00"]], "tue": [["09:00", "18:00"]]}'),
    )
    holidays = HolidaysField(
        label=_("holidays"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Dates YYYY-MM-DD, separated by spaces or new lines."),
    )
    min_slot_minutes = forms.IntegerField(label=_("shortest booking (minutes)"), min_value=5)
    max_slot_minutes = forms.IntegerField(label=_("longest booking (minutes)"), min_value=5)
    slot_step_minutes = forms.IntegerField(label=_("slot grid (minutes)"), min_value=5, max_value=240)
    lead_time_minutes = forms.IntegerField(label=_("lead time (minutes)"), min_value=0)
    horizon_days = forms.IntegerField(label=_("booking horizon (days)"), min_value=1)
    requires_approval = forms.BooleanField(label=_("requires approval"), required=False)
    audience = forms.ChoiceField(label=_("who may book"), choices=Instrument.Audience.choices)
    requires_training = forms.BooleanField(label=_("requires a training record"), required=False)
    checkin_grace_minutes = forms.IntegerField(label=_("check-in grace (minutes)"), min_value=0)
    fee_own = forms.DecimalField(
        label=_("fee per hour, host organisation (yuan)"), min_value=0, decimal_places=2
    )
    fee_mechanism = forms.DecimalField(
        label=_("fee per hour, parties of the mechanism (yuan)"), min_value=0, decimal_places=2
    )
    fee_external = forms.DecimalField(
        label=_("fee per hour, external users (yuan)"), min_value=0, decimal_places=2
    )
    responsible = forms.ModelMultipleChoiceField(
        label=_("responsible staff"),
        queryset=User.objects.filter(is_active=True).order_by("username"),
        required=False,
    )
    description = forms.CharField(
        label=_("description"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    @classmethod
    def initial_for(cls, i: Instrument | None) -> dict[str, Any]:
        i = i or Instrument()
        data = {name: getattr(i, name) for name in cls.base_fields if name != "responsible"}
        data["responsible"] = list(i.responsible.all()) if i.pk else []
        return data


class BookingForm(forms.Form):
    """A slot on one day, in the user's display time zone."""

    date = forms.DateField(label=_("date"), widget=forms.DateInput(attrs={"type": "date"}))
    start_time = forms.TimeField(label=_("from"), widget=forms.TimeInput(attrs={"type": "time", "step": 300}))
    end_time = forms.TimeField(label=_("to"), widget=forms.TimeInput(attrs={"type": "time", "step": 300}))
    purpose = forms.CharField(label=_("purpose"), max_length=300, required=False)
    on_behalf_of = forms.ModelChoiceField(
        label=_("book on behalf of"),
        queryset=User.objects.filter(is_active=True).order_by("username"),
        required=False,
        help_text=_("Staff only: leave empty to book for yourself."),
    )

    def __init__(self, *args: Any, staff: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not staff:
            del self.fields["on_behalf_of"]

    def span(self, tz: ZoneInfo) -> tuple[dt.datetime, dt.datetime]:
        d = self.cleaned_data
        start = dt.datetime.combine(d["date"], d["start_time"], tzinfo=tz)
        end_day = d["date"] + dt.timedelta(days=1) if d["end_time"] == dt.time(0, 0) else d["date"]
        return start, dt.datetime.combine(end_day, d["end_time"], tzinfo=tz)


class DecisionForm(forms.Form):
    note = forms.CharField(
        label=_("note to the requester"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class CompleteForm(forms.Form):
    hours_used = forms.DecimalField(
        label=_("hours used"),
        min_value=0,
        max_digits=8,
        decimal_places=2,
        required=False,
        help_text=_("Empty: the booked duration."),
    )


class TrainingForm(forms.Form):
    user = forms.ModelChoiceField(
        label=_("user"), queryset=User.objects.filter(is_active=True).order_by("username")
    )
    valid_until = forms.DateField(
        label=_("valid until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    note = forms.CharField(label=_("note"), max_length=300, required=False)


class StatementForm(forms.Form):
    month = forms.CharField(label=_("month"), required=False, widget=forms.TextInput(attrs={"type": "month"}))
    group = forms.ChoiceField(
        label=_("group by"), required=False, choices=[(k, v[1]) for k, v in STATEMENT_GROUPS.items()]
    )

    def clean_month(self) -> dt.date:
        value = self.cleaned_data.get("month") or ""
        if not value:
            today = dt.date.today()
            return today.replace(day=1)
        try:
            return dt.date.fromisoformat(f"{value}-01")
        except ValueError:
            raise forms.ValidationError(_("Use YYYY-MM.")) from None


class MetricsForm(forms.Form):
    by = forms.ChoiceField(
        label=_("per"),
        required=False,
        choices=[("instrument", _("Instrument")), ("platform", _("Platform")), ("party", _("Party"))],
    )
    date_from = forms.DateField(
        label=_("from"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(label=_("to"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
