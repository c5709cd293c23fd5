from django.urls import path

from . import views

app_name = "meetings"
urlpatterns = [
    path("", views.meeting_list, name="meeting_list"),
    path("new/", views.meeting_create, name="meeting_create"),
    path("<int:pk>/", views.meeting_detail, name="meeting_detail"),
    path("<int:pk>/edit/", views.meeting_edit, name="meeting_edit"),
    path("<int:pk>/attendees/", views.attendance_add, name="attendance_add"),
    path("<int:pk>/documents/", views.document_upload, name="document_upload"),
    path("<int:pk>/documents/<int:doc_pk>/", views.document_download, name="document_download"),
    path("<int:pk>/tasks/new/", views.task_create, name="task_create"),
    path("tasks/", views.task_list, name="task_list"),
    path("tasks/<int:pk>/", views.task_detail, name="task_detail"),
    path("tasks/<int:pk>/step/", views.task_step, name="task_step"),
    path("tasks/<int:pk>/progress/", views.task_progress, name="task_progress"),
    path("tasks/<int:pk>/extension/", views.task_extension, name="task_extension"),
    path("tasks/<int:pk>/split/", views.task_split, name="task_split"),
    path("extensions/<int:pk>/decide/", views.extension_decide, name="extension_decide"),
    path("updates/<int:pk>/evidence/", views.evidence_download, name="evidence_download"),
    path("board/", views.board, name="board"),
    path("board/ledger.csv", views.ledger_csv, name="ledger_csv"),
    path("board/ledger.xlsx", views.ledger_xlsx, name="ledger_xlsx"),
    path("notifications/", views.notifications, name="notifications"),
    path("ingest/", views.ingest_upload, name="ingest_upload"),
    path("ingest/<int:pk>/", views.draft_review, name="draft_review"),
]
