from django.urls import path

from . import views

app_name = "projects"

urlpatterns = [
    path("", views.project_list, name="project_list"),
    path("new/", views.project_create, name="project_create"),
    path("new-from-match/", views.project_new_from_match, name="project_new_from_match"),
    path("overdue/", views.overdue, name="overdue"),
    path("<int:pk>/", views.project_detail, name="project_detail"),
    path("<int:pk>/edit/", views.project_edit, name="project_edit"),
    path("<int:pk>/transition/", views.project_transition, name="project_transition"),
    path("<int:pk>/funding/new/", views.funding_add, name="funding_add"),
    path("<int:pk>/milestones/new/", views.milestone_add, name="milestone_add"),
    path("<int:pk>/outcomes/new/", views.outcome_add, name="outcome_add"),
    path("funding/<int:pk>/spending/", views.funding_spend, name="funding_spend"),
    path("funding/<int:pk>/adjust/", views.funding_adjust, name="funding_adjust"),
    path("milestones/<int:pk>/edit/", views.milestone_edit, name="milestone_edit"),
    path("milestones/<int:pk>/evidence/", views.milestone_upload, name="milestone_upload"),
    path("outcomes/<int:pk>/edit/", views.outcome_edit, name="outcome_edit"),
    path("outcomes/<int:pk>/attachments/", views.outcome_upload, name="outcome_upload"),
    path("files/<int:pk>/", views.attachment_download, name="attachment_download"),
    path("contracts/", views.contract_list, name="contract_list"),
    path("contracts/new/", views.contract_create, name="contract_create"),
    path("contracts/<int:pk>/", views.contract_detail, name="contract_detail"),
    path("contracts/<int:pk>/edit/", views.contract_edit, name="contract_edit"),
]
