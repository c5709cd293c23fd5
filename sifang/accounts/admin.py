from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from .models import ApiToken, User


@admin.register(User)
class SifangUserAdmin(UserAdmin):
    list_display = ("username", "first_name", "role", "party", "organisation", "is_active")
    list_filter = ("role", "party", "is_active")
    fieldsets = (
        *UserAdmin.fieldsets,
        ("四方", {"fields": ("role", "party", "organisation", "display_timezone")}),
    )
    raw_id_fields = ("organisation",)


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("prefix", "user", "name", "created_at", "last_used_at", "revoked_at")
    readonly_fields = ("prefix", "key_hash", "created_at", "last_used_at")
