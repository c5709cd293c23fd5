from django.urls import path

from . import views

app_name = "talent"

urlpatterns = [
    path("", views.exchange_list, name="exchange_list"),
    path("new/", views.exchange_create, name="exchange_create"),
    path("<int:pk>/", views.exchange_detail, name="exchange_detail"),
    path("<int:pk>/edit/", views.exchange_edit, name="exchange_edit"),
]
