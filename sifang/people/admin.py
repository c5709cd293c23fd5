from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Person


@admin.register(Person)
class PersonAdmin(SimpleHistoryAdmin):
    list_display = ("name", "kind", "title", "organisation")
    list_filter = ("kind", "organisation__party")
    search_fields = ("name", "organisation__name")
    raw_id_fields = ("organisation",)
    exclude = ("search_tokens",)
