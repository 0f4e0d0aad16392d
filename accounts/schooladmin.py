"""The one base class for every Django-admin page of school data.

The admin runs in the request's scope like every view (`accounts.tenancy`), so a school
model's change list, forms, raw-id look-ups, choices and actions only ever see the admin's
own school. This class adds what a manager cannot do: it hides the `institution` field from
institution admins and fills it in with their own school, limits choices of users and
institutions, and drops the institution filter. What each role may do per model is set in
`accounts.permissions`. The platform superuser (createsuperuser) works unscoped.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.db import models
from django.http import HttpRequest

from catalog.formfields import DateField, IdsField, validate_year

from .access import user_of
from .models import Institution, User


def is_platform_superuser(request: HttpRequest) -> bool:
    user = request.user
    return isinstance(user, User) and user.is_active and user.is_superuser


def own_institution_id(request: HttpRequest) -> int | None:
    return user_of(request).institution_id


class SchoolAdmin(admin.ModelAdmin):
    """Base ModelAdmin for school data (see the module docstring)."""

    def _has_institution_field(self) -> bool:
        return any(f.name == "institution" for f in self.model._meta.fields)

    def get_exclude(self, request: HttpRequest, obj: models.Model | None = None) -> Any:
        exclude = list(super().get_exclude(request, obj) or [])
        if not is_platform_superuser(request) and self._has_institution_field():
            exclude.append("institution")
        return exclude

    def get_fields(self, request: HttpRequest, obj: models.Model | None = None) -> Any:
        fields = super().get_fields(request, obj)
        if is_platform_superuser(request):
            return fields
        return [f for f in fields if f != "institution"]

    def get_list_filter(self, request: HttpRequest) -> Any:
        filters = super().get_list_filter(request)
        if is_platform_superuser(request):
            return filters
        return [f for f in filters if f != "institution"]

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        if not is_platform_superuser(request) and self._has_institution_field():
            obj.institution_id = own_institution_id(request)
        super().save_model(request, obj, form, change)

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        limited = _limited_choices(db_field.related_model, request)
        if limited is not None:
            kwargs["queryset"] = limited
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_dbfield(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if type(db_field) is models.DateField:  # a year of 1 or 9999 is refused, as in the app
            kwargs.setdefault("form_class", DateField)
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if isinstance(field, forms.SplitDateTimeField):  # the admin's date and time widget
            field.validators.append(validate_year)
        return field

    def formfield_for_manytomany(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        limited = _limited_choices(db_field.related_model, request)
        if limited is not None:
            kwargs["queryset"] = limited
        kwargs.setdefault("form_class", IdsField)  # ids checked before the query
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class SchoolInline(admin.TabularInline):
    """Base inline for school data: choices limited like `SchoolAdmin`'s."""

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        limited = _limited_choices(db_field.related_model, request)
        if limited is not None:
            kwargs["queryset"] = limited
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


def _limited_choices(model: type[models.Model], request: HttpRequest) -> Any:
    """Users and institutions are not school-scoped rows (logins and tenants): limit them by
    hand to the admin's own school. School models are already scoped by their manager."""
    if is_platform_superuser(request):
        return None
    own = own_institution_id(request) or 0  # no school: no choices
    if model is User:
        return User.objects.filter(institution_id=own, is_superuser=False)
    if model is Institution:
        return Institution.objects.filter(pk=own)
    return None
