"""Forms of the meetings app: they parse input; services decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from sifang.organisations.models import Organisation
from sifang.people.models import Person
from sifang.taxonomy.models import Cluster, Field, Party

from .models import Light, Meeting, StepAction, TaskStatus

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class MeetingForm(forms.ModelForm):
    class Meta:
        model = Meeting
        fields = ["name", "kind", "date", "place", "host_party", "parties", "agenda", "minutes"]
        widgets = {
            "date": DATE,
            "parties": forms.CheckboxSelectMultiple,
            "agenda": forms.Textarea(attrs={"rows": 4}),
        }


class MeetingFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    party = forms.ChoiceField(label=_("Party"), required=False)
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", "—"), *Meeting.Kind.choices])
    year = forms.IntegerField(label=_("Year"), required=False, min_value=2000, max_value=2100)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["party"].choices = [("", "—")] + [
            (p.code, p.label) for p in Party.objects.filter(parent__isnull=True)
        ]


class AttendanceForm(forms.Form):
    person = forms.ModelChoiceField(label=_("Person"), queryset=Person.objects.select_related("organisation"))
    title = forms.CharField(label=_("Title at the meeting"), required=False, max_length=200)
    party = forms.ModelChoiceField(label=_("Party"), queryset=Party.objects.all(), required=False)
    is_speaker = forms.BooleanField(label=_("Spoke"), required=False)


class DocumentForm(forms.Form):
    file = forms.FileField(label=_("File"))
    name = forms.CharField(label=_("Name"), required=False, max_length=200)


class TaskForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    lead_party = forms.ModelChoiceField(label=_("Lead party"), queryset=Party.objects.all())
    contributing_parties = forms.ModelMultipleChoiceField(
        label=_("Contributing parties"),
        queryset=Party.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    owner_organisation = forms.ModelChoiceField(
        label=_("Owner organisation"), queryset=Organisation.objects.all(), required=False
    )
    responsible_person = forms.ModelChoiceField(
        label=_("Responsible person"), queryset=Person.objects.all(), required=False
    )
    field = forms.ModelChoiceField(label=_("Field"), queryset=Field.objects.all(), required=False)
    cluster = forms.ModelChoiceField(
        label=_("Cluster"), queryset=Cluster.objects.select_related("scheme"), required=False
    )
    deadline = forms.DateField(label=_("Deadline"), widget=DATE)


class SplitForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    owner_organisation = forms.ModelChoiceField(
        label=_("Owner organisation"), queryset=Organisation.objects.all(), required=False
    )
    responsible_person = forms.ModelChoiceField(
        label=_("Responsible person"), queryset=Person.objects.all(), required=False
    )
    deadline = forms.DateField(label=_("Deadline"), widget=DATE)


STEP_CHOICES = [
    (a, StepAction(a).label)
    for a in (
        StepAction.ACKNOWLEDGE,
        StepAction.REPORT,
        StepAction.RETURN,
        StepAction.CLOSE,
        StepAction.URGE,
        StepAction.CANCEL,
    )
]


class StepForm(forms.Form):
    action = forms.ChoiceField(label=_("Step"), choices=STEP_CHOICES)
    comment = forms.CharField(label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ProgressForm(forms.Form):
    percent = forms.IntegerField(label=_("Progress (%)"), min_value=0, max_value=100)
    date = forms.DateField(label=_("Date"), required=False, widget=DATE)
    text = forms.CharField(label=_("What was done"), widget=forms.Textarea(attrs={"rows": 3}))
    evidence = forms.CharField(label=_("Evidence"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    evidence_file = forms.FileField(label=_("Evidence file"), required=False)


class ExtensionForm(forms.Form):
    new_deadline = forms.DateField(label=_("New deadline"), widget=DATE)
    reasons = forms.CharField(label=_("Reasons"), widget=forms.Textarea(attrs={"rows": 3}))


class DecideForm(forms.Form):
    approve = forms.TypedChoiceField(
        label=_("Decision"), choices=[("1", _("Approve")), ("0", _("Refuse"))], coerce=lambda v: v == "1"
    )
    comment = forms.CharField(label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class TaskFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    party = forms.ChoiceField(label=_("Party"), required=False)
    meeting = forms.ModelChoiceField(label=_("Meeting"), queryset=Meeting.objects.all(), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", "—"), *TaskStatus.choices])
    light = forms.ChoiceField(label=_("Light"), required=False, choices=[("", "—"), *Light.choices])

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
            "meeting": d["meeting"].pk if d.get("meeting") else None,
            "status": d.get("status") or None,
            "light": d.get("light") or None,
        }


class BoardFilterForm(TaskFilterForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["status"]
        del self.fields["light"]

    def filters(self) -> dict[str, Any]:
        d = super().filters()
        d.pop("status", None)
        d.pop("light", None)
        return d


# ----------------------------------------------------------------------------- ingestion


class UploadForm(forms.Form):
    file = forms.FileField(label=_("Report file"), help_text=_(".txt, .html or .htm; at most 2 MB."))
    year = forms.IntegerField(
        label=_("Year of the meeting"),
        required=False,
        min_value=2000,
        max_value=2100,
        help_text=_("Reports often omit the year; give it if you know it."),
    )


def _party_choices() -> list[tuple[str, str]]:
    return [("", "—")] + [
        (p.name if not p.parent_id else p.code, p.name) for p in Party.objects.order_by("order", "id")
    ]


class DraftMeetingForm(forms.Form):
    name = forms.CharField(label=_("Meeting name"), max_length=200)
    date = forms.CharField(
        label=_("Date"),
        max_length=10,
        help_text=_("YYYY-MM-DD; a report without a year gives --MM-DD: add the year."),
    )
    place = forms.CharField(label=_("Place"), max_length=120, required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=Meeting.Kind.choices)
    parties = forms.MultipleChoiceField(
        label=_("Parties present"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["parties"].choices = _party_choices()[1:]


class AttendeeForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=60, required=False)
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    party = forms.ChoiceField(label=_("Party"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["party"].choices = _party_choices()


class CommitmentForm(forms.Form):
    party = forms.ChoiceField(label=_("Lead party"), required=False)
    action = forms.CharField(label=_("Commitment"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    field = forms.CharField(label=_("Field or cluster"), max_length=120, required=False)
    deadline = forms.DateField(
        label=_("Deadline"), required=False, widget=DATE, help_text=_("Default: one year after the meeting.")
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["party"].choices = _party_choices()


AttendeeFormSet = forms.formset_factory(AttendeeForm, extra=2, can_delete=True, max_num=200)
CommitmentFormSet = forms.formset_factory(CommitmentForm, extra=2, can_delete=True, max_num=200)


def party_value(name: str | None) -> str:
    """The choice value for a party name found by the engine (a unit's code when it shares its
    parent's name)."""
    if not name:
        return ""
    values = {v for v, _label in _party_choices()}
    if name in values:
        return name
    p = (
        Party.objects.filter(name=name).order_by(F("parent_id").asc(nulls_first=True)).first()
        or Party.objects.filter(short_name=name).first()
    )
    if p is None:
        return ""
    return p.name if not p.parent_id else p.code


def review_initial(extracted: dict[str, Any]) -> dict[str, Any]:
    m = extracted.get("meeting") or {}
    return {
        "meeting": {
            "name": m.get("name") or "",
            "date": m.get("date") or "",
            "place": m.get("place") or "",
            "kind": Meeting.Kind.PROGRESS,
            "parties": [party_value(p) for p in extracted.get("parties") or [] if party_value(p)],
        },
        "attendees": [
            {"name": a.get("name") or "", "title": a.get("title") or "", "party": party_value(a.get("party"))}
            for a in extracted.get("attendees") or []
        ],
        "commitments": [
            {
                "party": party_value(c.get("party")),
                "action": c.get("action") or "",
                "field": c.get("field") or "",
            }
            for c in extracted.get("commitments") or []
        ],
    }


def review_data(meeting_form: DraftMeetingForm, attendees: Any, commitments: Any) -> dict[str, Any]:
    """The reviewed data in the shape ``draft_confirm`` takes."""
    m = meeting_form.cleaned_data
    return {
        "meeting": {"name": m["name"], "date": m["date"], "place": m["place"], "kind": m["kind"]},
        "parties": list(m["parties"]),
        "attendees": [
            {
                "name": f.cleaned_data["name"],
                "title": f.cleaned_data["title"],
                "party": f.cleaned_data["party"] or None,
            }
            for f in attendees.forms
            if f.cleaned_data and not f.cleaned_data.get("DELETE") and f.cleaned_data.get("name")
        ],
        "commitments": [
            {
                "party": f.cleaned_data["party"],
                "action": f.cleaned_data["action"],
                "field": f.cleaned_data["field"] or None,
                "deadline": f.cleaned_data["deadline"].isoformat()
                if f.cleaned_data.get("deadline")
                else None,
            }
            for f in commitments.forms
            if f.cleaned_data and not f.cleaned_data.get("DELETE") and f.cleaned_data.get("action")
        ],
    }
