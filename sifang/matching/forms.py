from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import RejectReason, Verdict


class FeedbackForm(forms.Form):
    demand = forms.IntegerField(widget=forms.HiddenInput)
    offering = forms.IntegerField(widget=forms.HiddenInput)
    verdict = forms.ChoiceField(label=_("Verdict"), choices=Verdict.choices)
    reason = forms.ChoiceField(label=_("Reason"), choices=[("", "—"), *RejectReason.choices], required=False)
    note = forms.CharField(label=_("Note"), max_length=500, required=False)
