from django.urls import path

from . import views

app_name = "matching"
urlpatterns = [
    path("demands/<int:pk>/", views.demand_matches, name="demand_matches"),
    path("offerings/<int:pk>/", views.offering_matches, name="offering_matches"),
    path("feedback/", views.feedback, name="feedback"),
    path("feedback.csv", views.feedback_export, name="feedback_export"),
    path("negotiate/", views.negotiate, name="negotiate"),
    path("runs/", views.runs, name="runs"),
    path("runs/<int:pk>.json", views.run_status, name="run_status"),
]
