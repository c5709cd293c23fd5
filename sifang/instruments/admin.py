from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Booking, BookingNotice, Instrument, Platform, TrainingRecord


@admin.register(Platform)
class PlatformAdmin(SimpleHistoryAdmin):
    list_display = ("name", "kind", "host", "region")
    list_filter = ("kind",)
    search_fields = ("name", "host__name")
    filter_horizontal = ("partners", "clusters", "fields")
    raw_id_fields = ("host", "created_by")


@admin.register(Instrument)
class InstrumentAdmin(SimpleHistoryAdmin):
    list_display = ("name", "platform", "category", "status", "requires_approval", "requires_training")
    list_filter = ("status", "category", "requires_approval", "requires_training")
    search_fields = ("name", "model_number", "platform__name")
    filter_horizontal = ("responsible",)
    raw_id_fields = ("platform",)


@admin.register(Booking)
class BookingAdmin(SimpleHistoryAdmin):
    """Read-mostly: bookings are made through the booking service, which enforces the rules."""

    list_display = ("instrument", "user", "start", "end", "status", "hours_used", "fee")
    list_filter = ("status", "user_category")
    search_fields = ("instrument__name", "user__username")
    raw_id_fields = ("instrument", "user", "created_by", "organisation", "party", "decided_by")
    date_hierarchy = "start"

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False


@admin.register(TrainingRecord)
class TrainingRecordAdmin(SimpleHistoryAdmin):
    list_display = ("instrument", "user", "granted_at", "valid_until", "revoked_at")
    raw_id_fields = ("instrument", "user", "granted_by", "revoked_by")


@admin.register(BookingNotice)
class BookingNoticeAdmin(admin.ModelAdmin):
    list_display = ("recipient", "kind", "created_at", "read_at")
    raw_id_fields = ("booking", "recipient")
