from typing import Any

from django.contrib import admin
from django.db.models import Model
from django.http import HttpRequest

from accounts.models import User
from accounts.schooladmin import SchoolAdmin, SchoolInline

from .models import (
    AgreementSignature,
    AgreementVersion,
    Company,
    CompanyContact,
    Offer,
    RecognitionCheck,
)
from .services import IDENTITY_FIELDS, recognition_reset_if_changed


class ContactInline(SchoolInline):
    model = CompanyContact
    extra = 0
    raw_id_fields = ["user"]


@admin.register(Company)
class CompanyAdmin(SchoolAdmin):
    list_display = [
        "legal_name",
        "kvk_number",
        "place",
        "organisation_type",
        "size_class",
        "status",
    ]
    list_filter = ["status", "organisation_type", "size_class", "institution"]
    search_fields = ["legal_name", "kvk_number", "place__name"]
    raw_id_fields = ["place"]
    # Suspending and lifting go through the app, with a reason and a history (`suspensions`).
    readonly_fields = ["status"]
    inlines = [ContactInline]

    def save_model(self, request: HttpRequest, obj: Company, form: Any, change: bool) -> None:
        """A new KvK number or SBB id here resets the recognition as in the app."""
        before = (
            Company.objects.filter(pk=obj.pk).values_list(*IDENTITY_FIELDS).first()
            if change
            else None
        )
        super().save_model(request, obj, form, change)
        user = request.user if isinstance(request.user, User) else None
        recognition_reset_if_changed(company=obj, before=before, by=user)


@admin.register(CompanyContact)
class CompanyContactAdmin(SchoolAdmin):
    list_display = ["user", "company", "job_title"]
    search_fields = ["user__full_name", "user__email", "company__legal_name"]
    raw_id_fields = ["user", "company"]


@admin.register(RecognitionCheck)
class RecognitionCheckAdmin(SchoolAdmin):
    list_display = ["company", "crebo", "outcome", "verified_by", "verified_at"]
    list_filter = ["outcome", "crebo"]
    search_fields = ["company__legal_name", "crebo"]
    raw_id_fields = ["company"]


@admin.register(AgreementVersion)
class AgreementVersionAdmin(SchoolAdmin):
    """Read-only: a signed version never changes. New versions are published in the app."""

    list_display = ["institution", "version", "published_at"]
    list_filter = ["institution"]
    search_fields = ["text"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False


@admin.register(AgreementSignature)
class AgreementSignatureAdmin(SchoolAdmin):
    list_display = ["company", "version", "signer_name", "signer_role", "signed_at"]
    list_filter = ["version"]
    search_fields = ["company__legal_name", "signer_name"]
    raw_id_fields = ["company", "signed_by"]


@admin.register(Offer)
class OfferAdmin(SchoolAdmin):
    list_display = ["company", "programme", "period_start", "period_end", "capacity", "status"]
    list_filter = ["status", "programme", "extra_supervision_possible"]
    search_fields = ["company__legal_name"]
    raw_id_fields = ["company", "location"]
    filter_horizontal = ["work_processes"]
