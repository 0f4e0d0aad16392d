"""Privacy in the admin: the log, the erasures and the requests are view-only (their services
write them), and deleting a student, a company contact or their account takes the same
erase-or-pseudonymise path as the daily purge instead of a cascade (privacy.services). A
company is "deleted" the same way: its contacts are erased and it is set inactive."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import Model, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _

from accounts.admin import UserAdmin
from accounts.admin_readonly import ReadOnlyAdminMixin
from accounts.models import User
from accounts.schooladmin import SchoolAdmin
from companies.admin import CompanyAdmin, CompanyContactAdmin
from companies.models import Company, CompanyContact
from students.admin import StudentAdmin
from students.models import Student

from .models import Erasure, PrivacyEvent, RetentionPolicy, RightsRequest
from .services.subjects import company_erase, contact_erase, student_erase, user_erase


class ErasingDeleteMixin:
    """`Delete` pseudonymises: the confirmation page says so, and nothing cascades."""

    def get_deleted_objects(self, objs: Any, request: HttpRequest) -> Any:
        names = [
            _("%(object)s: gegevens worden gewist of gepseudonimiseerd; de geschiedenis blijft")
            % {"object": obj}
            for obj in objs
        ]
        return names, {}, set(), []

    def erase(self, request: HttpRequest, obj: Any) -> None:
        raise NotImplementedError

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        self.erase(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        for obj in queryset:
            self.erase(request, obj)


def _actor(request: HttpRequest) -> User | None:
    return request.user if isinstance(request.user, User) else None


class ErasingStudentAdmin(ErasingDeleteMixin, StudentAdmin):
    def erase(self, request: HttpRequest, obj: Student) -> None:
        student_erase(student=obj, by=_actor(request))


class ErasingContactAdmin(ErasingDeleteMixin, CompanyContactAdmin):
    def erase(self, request: HttpRequest, obj: CompanyContact) -> None:
        contact_erase(contact=obj, by=_actor(request))


class ErasingCompanyAdmin(ErasingDeleteMixin, CompanyAdmin):
    """A company is named by offers, matches and placements: "delete" erases its contacts
    and sets it inactive."""

    def erase(self, request: HttpRequest, obj: Company) -> None:
        company_erase(company=obj, by=_actor(request))


class ErasingUserAdmin(ErasingDeleteMixin, UserAdmin):
    """A student's or contact's account is erased; anyone else's is deleted as before
    (which the records they made refuse while they exist)."""

    def erase(self, request: HttpRequest, obj: User) -> None:
        if not user_erase(user=obj, by=_actor(request)):
            Model.delete(obj)

    def get_deleted_objects(self, objs: Any, request: HttpRequest) -> Any:
        if all(o.role in ("student", "company_contact") for o in objs):
            return super().get_deleted_objects(objs, request)
        return admin.ModelAdmin.get_deleted_objects(self, objs, request)


for model, model_admin in (
    (Student, ErasingStudentAdmin),
    (CompanyContact, ErasingContactAdmin),
    (Company, ErasingCompanyAdmin),
):
    admin.site.unregister(model)
    admin.site.register(model, model_admin)
admin.site.unregister(User)
admin.site.register(User, ErasingUserAdmin)


@admin.register(RetentionPolicy)
class RetentionPolicyAdmin(ReadOnlyAdminMixin, SchoolAdmin):
    list_display = ["institution", "confirmed_at"]


@admin.register(Erasure)
class ErasureAdmin(ReadOnlyAdminMixin, SchoolAdmin):
    list_display = ["at", "kind", "subject", "subject_id"]
    list_filter = ["kind", "subject"]


@admin.register(PrivacyEvent)
class PrivacyEventAdmin(ReadOnlyAdminMixin, SchoolAdmin):
    list_display = ["at", "action", "counts", "actor"]
    list_filter = ["action"]


@admin.register(RightsRequest)
class RightsRequestAdmin(ReadOnlyAdminMixin, SchoolAdmin):
    list_display = ["created_at", "kind", "status", "deadline", "handled_at"]
    list_filter = ["kind", "status"]
