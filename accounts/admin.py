from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import (
    CoreTask,
    Elective,
    ImportBatch,
    Institution,
    OrganisationType,
    Place,
    Programme,
    Team,
    User,
    WorkProcess,
)


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "role", "institution", "is_active", "last_login"]
    list_filter = ["role", "is_active", "institution"]
    search_fields = ["email", "full_name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Persoon"), {"fields": ["full_name", "role", "institution"]}),
        (_("Toegang"), {"fields": ["is_active", "is_superuser", "groups", "user_permissions"]}),
        (_("Data"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (
            None,
            {
                "classes": ["wide"],
                "fields": ["email", "full_name", "role", "institution", "password1", "password2"],
            },
        ),
    ]
    filter_horizontal = ["groups", "user_permissions"]


@admin.register(Institution)
class InstitutionAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "contact_email"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ["name", "institution"]
    list_filter = ["institution"]
    search_fields = ["name"]


class CoreTaskInline(admin.TabularInline):
    model = CoreTask
    extra = 0


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["name", "crebo", "level", "pathway", "team", "institution"]
    list_filter = ["institution", "level", "pathway", "team"]
    search_fields = ["name", "crebo"]
    inlines = [CoreTaskInline]


class WorkProcessInline(admin.TabularInline):
    model = WorkProcess
    extra = 0


@admin.register(CoreTask)
class CoreTaskAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "programme"]
    list_filter = ["programme"]
    search_fields = ["code", "name"]
    inlines = [WorkProcessInline]


@admin.register(WorkProcess)
class WorkProcessAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "core_task"]
    list_filter = ["core_task__programme"]
    search_fields = ["code", "name"]


@admin.register(Elective)
class ElectiveAdmin(admin.ModelAdmin):
    list_display = ["code", "name"]
    list_filter = ["programmes"]
    search_fields = ["code", "name"]
    filter_horizontal = ["programmes"]


@admin.register(OrganisationType)
class OrganisationTypeAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]


@admin.register(Place)
class PlaceAdmin(admin.ModelAdmin):
    list_display = ["name", "municipality", "province", "latitude", "longitude"]
    list_filter = ["province"]
    search_fields = ["name", "municipality"]


@admin.register(ImportBatch)
class ImportBatchAdmin(admin.ModelAdmin):
    list_display = ["created_at", "kind", "filename", "status", "created_by", "applied_at"]
    list_filter = ["kind", "status", "institution"]
    search_fields = ["filename"]
    readonly_fields = ["rows", "errors", "summary"]
