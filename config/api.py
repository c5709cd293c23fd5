"""The one NinjaAPI: every app adds its router under /api/v1/<app>/. Docs at /api/docs."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError
from ninja.security import django_auth

from sifang.accounts.auth import BearerTokenAuth
from sifang.core.errors import Conflict, NotFound, error_messages

api = NinjaAPI(
    title="sifang 四方 API",
    version="1",
    description="HTTP API of the 四方合作 platform. Authenticate with a session (browser) or "
    "`Authorization: Bearer <token>` (create one with `sifang token create USERNAME`).",
    auth=[BearerTokenAuth(), django_auth],
    docs_url="/docs",
    openapi_url="/v1/openapi.json",
    urls_namespace="api",
)


@api.exception_handler(ValidationError)
def on_validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    return api.create_response(
        request, {"detail": _("Invalid input."), "errors": error_messages(exc)}, status=400
    )


@api.exception_handler(PermissionDenied)
def on_permission_denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return api.create_response(request, {"detail": str(exc) or _("You may not do this.")}, status=403)


@api.exception_handler(NotFound)
def on_not_found(request: HttpRequest, exc: NotFound) -> HttpResponse:
    return api.create_response(request, {"detail": str(exc) or _("Not found.")}, status=404)


@api.exception_handler(Conflict)
def on_conflict(request: HttpRequest, exc: Conflict) -> HttpResponse:
    return api.create_response(request, {"detail": exc.message, **exc.detail}, status=409)


@api.exception_handler(AuthenticationError)
def on_auth_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return api.create_response(request, {"detail": _("Authentication required.")}, status=401)


def _register() -> None:
    import importlib

    for app in (
        "accounts",
        "taxonomy",
        "organisations",
        "people",
        "market",
        "matching",
        "projects",
        "talent",
        "instruments",
        "meetings",
        "dashboards",
    ):
        try:
            module = importlib.import_module(f"sifang.{app}.api")
        except ModuleNotFoundError as exc:
            if exc.name == f"sifang.{app}.api":
                continue
            raise
        for prefix, router in getattr(module, "ROUTERS", [(f"/v1/{app}/", module.router)]):
            api.add_router(prefix, router)


_register()
