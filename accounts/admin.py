from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin as BaseGroupAdmin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.models import Group
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from catalog.formfields import IdsField

from .admin_readonly import ReadOnlyAdminMixin
from .models import Institution, OutboxMessage, Team, User
from .schooladmin import SchoolAdmin, is_platform_superuser, own_institution_id

admin.site.unregister(Group)


@admin.register(Group)
class GroupAdmin(BaseGroupAdmin):
    """Django's group page (platform superuser only), with its permission ids checked."""

    def formfield_for_manytomany(
        self, db_field: Any, request: HttpRequest | None = None, **kwargs: Any
    ) -> Any:
        kwargs.setdefault("form_class", IdsField)
        return super().formfield_for_manytomany(db_field, request, **kwargs)


@admin.register(User)
class UserAdmin(SchoolAdmin, BaseUserAdmin):
    """Users are not scoped by a manager (logins work across schools), so their admin is,
    by hand: an institution admin sees and edits only their own school's users, never a
    superuser, and never sees or sets superuser status, groups or permissions."""

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
    readonly_fields = ["last_login", "date_joined"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[User]:
        users = super().get_queryset(request)
        if is_platform_superuser(request):
            return users
        return users.filter(institution_id=own_institution_id(request), is_superuser=False)

    def get_fieldsets(self, request: HttpRequest, obj: Any = None) -> Any:
        fieldsets = super().get_fieldsets(request, obj)
        if is_platform_superuser(request):
            return fieldsets
        hidden = {"institution", "is_superuser", "groups", "user_permissions"}
        return [
            (name, {**opts, "fields": [f for f in opts["fields"] if f not in hidden]})
            for name, opts in fieldsets
        ]


@admin.register(Institution)
class InstitutionAdmin(SchoolAdmin):
    list_display = ["name", "slug", "contact_email"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request: HttpRequest) -> QuerySet[Institution]:
        institutions = super().get_queryset(request)
        if is_platform_superuser(request):
            return institutions
        return institutions.filter(pk=own_institution_id(request))


@admin.register(Team)
class TeamAdmin(SchoolAdmin):
    list_display = ["name", "institution"]
    list_filter = ["institution"]
    search_fields = ["name"]


@admin.register(OutboxMessage)
class OutboxMessageAdmin(ReadOnlyAdminMixin, SchoolAdmin):
    """The e-mail queue, to look at: it is written by the outbox only."""

    list_display = ["created_at", "kind", "recipient", "status", "attempts", "sent_at", "error"]
    list_filter = ["status", "kind"]
    search_fields = ["recipient__email", "topic"]
