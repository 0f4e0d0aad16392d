from django.contrib import admin

from accounts.schooladmin import SchoolAdmin, SchoolInline

from .models import (
    LearningProfile,
    OwnPlacement,
    ProfileChange,
    ProfileComment,
    Student,
    WishedWorkProcess,
)


@admin.register(Student)
class StudentAdmin(SchoolAdmin):
    list_display = ["student_number", "user", "programme", "cohort", "counsellor"]
    list_filter = ["programme", "cohort"]
    search_fields = ["student_number", "user__full_name", "user__email"]
    raw_id_fields = ["user", "counsellor"]
    list_select_related = ["user", "programme", "counsellor"]


class WishInline(SchoolInline):
    model = WishedWorkProcess
    extra = 0


@admin.register(LearningProfile)
class LearningProfileAdmin(SchoolAdmin):
    list_display = [
        "id",
        "status",
        "transport_mode",
        "max_travel_minutes",
        "needs_extra_supervision",
        "updated_at",
    ]
    list_filter = ["status", "transport_mode", "needs_extra_supervision"]
    search_fields = ["student__student_number"]
    raw_id_fields = ["student", "home_place"]
    filter_horizontal = ["organisation_types", "electives", "extra_places"]
    inlines = [WishInline]


# Support notes have no admin page: only the care coordinator reads them, in the app.


@admin.register(ProfileChange)
class ProfileChangeAdmin(SchoolAdmin):
    list_display = ["changed_at", "profile", "changed_by", "action", "after_deadline"]
    list_filter = ["action", "after_deadline"]
    search_fields = ["profile__student__student_number"]
    readonly_fields = [
        "profile",
        "changed_by",
        "changed_at",
        "fields",
        "action",
        "after_deadline",
        "frozen",
    ]


@admin.register(ProfileComment)
class ProfileCommentAdmin(SchoolAdmin):
    list_display = ["created_at", "profile", "author"]
    search_fields = ["profile__student__student_number", "text"]
    raw_id_fields = ["profile"]


@admin.register(OwnPlacement)
class OwnPlacementAdmin(SchoolAdmin):
    list_display = ["student", "company", "period_start", "period_end", "status", "decided_by"]
    list_filter = ["status"]
    search_fields = ["student__student_number", "company__legal_name"]
    raw_id_fields = ["student", "company"]
