from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import selectors, services


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    new_token = None
    if request.method == "POST":
        _token, new_token = services.token_create(
            request.user, user=request.user, name=request.POST.get("name", "")[:100]
        )
        messages.success(request, _("Token created. Copy it now: it is shown only once."))
    tokens = selectors.token_list_for_user(user=request.user)
    return render(request, "accounts/profile.html", {"tokens": tokens, "new_token": new_token})


@login_required
@require_POST
def token_revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    services.token_revoke(request.user, token_id=token_id)
    messages.success(request, _("Token revoked."))
    return redirect("accounts:profile")
