from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from misidagang.accounts.models import ApiToken, AuditLog, User


@admin.register(User)
class MisidagangUserAdmin(UserAdmin):
    list_display = ("username", "get_full_name", "role", "program_wide", "business", "organisation")
    list_filter = ("role", "program_wide", "is_staff", "is_active")
    fieldsets = (
        *(UserAdmin.fieldsets or ()),
        ("misidagang", {"fields": ("role", "program_wide", "business", "organisation", "phone")}),
    )
    raw_id_fields = ("business",)


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("prefix", "user", "name", "created", "last_used")
    readonly_fields = ("digest", "prefix", "created", "last_used")


@admin.register(AuditLog)
class AuditLogAdmin(admin.ModelAdmin):
    list_display = ("at", "actor", "action", "object_type", "object_id")
    list_filter = ("action", "object_type")
    readonly_fields = ("at", "actor", "action", "object_type", "object_id", "data")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
