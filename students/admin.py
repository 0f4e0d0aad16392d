from django.contrib import admin

from .models import (
    IntakeDeadline,
    LearningProfile,
    OwnPlacement,
    ProfileChange,
    ProfileComment,
    Student,
    SupportNote,
    WishedWorkProcess,
)


@admin.register(Student)
class StudentAdmin(admin.ModelAdmin):
    list_display = ["student_number", "user", "programme", "cohort", "counsellor"]
    list_filter = ["programme", "cohort"]
    search_fields = ["student_number", "user__full_name", "user__email"]
    raw_id_fields = ["user", "counsellor"]
    list_select_related = ["user", "programme", "counsellor"]


class WishInline(admin.TabularInline):
    model = WishedWorkProcess
    extra = 0


@admin.register(LearningProfile)
class LearningProfileAdmin(admin.ModelAdmin):
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


@admin.register(SupportNote)
class SupportNoteAdmin(admin.ModelAdmin):
    list_display = ["student", "updated_at"]
    search_fields = ["student__student_number"]
    raw_id_fields = ["student"]


@admin.register(IntakeDeadline)
class IntakeDeadlineAdmin(admin.ModelAdmin):
    list_display = ["programme", "cohort", "deadline"]
    list_filter = ["programme", "cohort"]
    search_fields = ["programme__name", "programme__crebo"]


@admin.register(ProfileChange)
class ProfileChangeAdmin(admin.ModelAdmin):
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
class ProfileCommentAdmin(admin.ModelAdmin):
    list_display = ["created_at", "profile", "author"]
    search_fields = ["profile__student__student_number", "text"]
    raw_id_fields = ["profile"]


@admin.register(OwnPlacement)
class OwnPlacementAdmin(admin.ModelAdmin):
    list_display = ["student", "company", "period_start", "period_end", "status", "decided_by"]
    list_filter = ["status"]
    search_fields = ["student__student_number", "company__legal_name"]
    raw_id_fields = ["student", "company"]
