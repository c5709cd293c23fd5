from django.urls import path

from . import views

app_name = "instruments"
urlpatterns = [
    path("", views.platform_list, name="platform_list"),
    path("platforms/new/", views.platform_create, name="platform_create"),
    path("platforms/<int:pk>/", views.platform_detail, name="platform_detail"),
    path("platforms/<int:pk>/edit/", views.platform_edit, name="platform_edit"),
    path("platforms/<int:platform_pk>/instruments/new/", views.instrument_create, name="instrument_create"),
    path("<int:pk>/", views.instrument_detail, name="instrument_detail"),
    path("<int:pk>/edit/", views.instrument_edit, name="instrument_edit"),
    path("<int:pk>/book/", views.instrument_book, name="instrument_book"),
    path("<int:pk>/calendar/", views.instrument_calendar, name="instrument_calendar"),
    path("<int:pk>/calendar.ics", views.instrument_ics, name="instrument_ics"),
    path("<int:pk>/training/", views.training_grant, name="training_grant"),
    path("<int:pk>/training/<int:record_pk>/revoke/", views.training_revoke, name="training_revoke"),
    path("bookings/", views.booking_list, name="booking_list"),
    path("bookings/<int:pk>/", views.booking_detail, name="booking_detail"),
    path("bookings/<int:pk>/<str:action>/", views.booking_action, name="booking_action"),
    path("approvals/", views.approvals, name="approvals"),
    path("notices/", views.notices, name="notices"),
    path("statements/", views.statements, name="statements"),
    path("sharing/", views.sharing, name="sharing"),
]
