from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import Institution, Team, User


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
