from django.urls import path

from . import views

app_name = "market"
urlpatterns = []
for kind in ("demand", "offering"):
    urlpatterns += [
        path(f"{kind}s/", views.listing_list, {"kind": kind}, name=f"{kind}_list"),
        path(f"{kind}s/new/", views.listing_create, {"kind": kind}, name=f"{kind}_create"),
        path(f"{kind}s/<int:pk>/", views.listing_detail, {"kind": kind}, name=f"{kind}_detail"),
        path(f"{kind}s/<int:pk>/edit/", views.listing_edit, {"kind": kind}, name=f"{kind}_edit"),
        path(
            f"{kind}s/<int:pk>/transition/",
            views.listing_transition,
            {"kind": kind},
            name=f"{kind}_transition",
        ),
    ]
