from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Demand, Offering


class ListingAdmin(SimpleHistoryAdmin):
    list_display = ("title", "organisation", "party", "status", "visibility", "published_at")
    list_filter = ("status", "visibility", "party")
    search_fields = ("title", "organisation__name")
    raw_id_fields = ("organisation", "recommending_unit", "created_by")
    filter_horizontal = ("clusters", "fields")
    readonly_fields = ("status", "published_at")
    exclude = ("search_tokens",)


admin.site.register(Demand, ListingAdmin)
admin.site.register(Offering, ListingAdmin)
