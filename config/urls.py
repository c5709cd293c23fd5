from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from config.api import api

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/", api.urls),
    path("admin/", admin.site.urls),
    path("accounts/", include("sifang.accounts.urls")),
    path("", include("sifang.core.urls")),
]

_APP_URLS = [
    ("organisations/", "sifang.organisations.urls"),
    ("people/", "sifang.people.urls"),
    ("market/", "sifang.market.urls"),
    ("matching/", "sifang.matching.urls"),
    ("projects/", "sifang.projects.urls"),
    ("talent/", "sifang.talent.urls"),
    ("instruments/", "sifang.instruments.urls"),
    ("meetings/", "sifang.meetings.urls"),
    ("dashboards/", "sifang.dashboards.urls"),
]
for prefix, module in _APP_URLS:
    try:
        __import__(module)
    except ModuleNotFoundError as exc:
        if exc.name != module:
            raise
        continue
    urlpatterns.append(path(prefix, include(module)))

__all__ = ["urlpatterns", "settings", "i18n_patterns"]
