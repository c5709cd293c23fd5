"""The office edits the taxonomy (parties, versioned cluster lists, fields, regions) here."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import AidPairing, Cluster, ClusterScheme, Field, Party, Programme, Region


@admin.register(Party)
class PartyAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "name_en", "parent", "order", "is_active")
    list_filter = ("parent", "is_active")


class ClusterInline(admin.TabularInline):
    model = Cluster
    extra = 0
    fields = ("name", "name_en", "confirmed", "valid_from", "valid_to")


@admin.register(ClusterScheme)
class ClusterSchemeAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "valid_from", "valid_to")
    inlines = [ClusterInline]


@admin.register(Cluster)
class ClusterAdmin(admin.ModelAdmin):
    list_display = ("name", "scheme", "confirmed", "valid_from", "valid_to")
    list_filter = ("scheme", "confirmed")
    filter_horizontal = ("maps_to",)
    search_fields = ("name", "name_en")


@admin.register(Field)
class FieldAdmin(admin.ModelAdmin):
    list_display = ("name", "name_en", "parent")
    search_fields = ("name", "name_en")


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ("name", "kind")
    list_filter = ("kind",)
    search_fields = ("name",)


@admin.register(AidPairing)
class AidPairingAdmin(admin.ModelAdmin):
    list_display = ("supporter", "supported", "since")


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ("name", "name_en")


__all__ = ["SimpleHistoryAdmin"]
