from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Organisation


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin):
    list_display = ("name", "kind", "party", "region", "credit_code")
    list_filter = ("kind", "party")
    search_fields = ("name", "credit_code")
    filter_horizontal = ("fields", "clusters")
    exclude = ("search_tokens",)
