from django.contrib import admin

from .models import LearningProfile, Student, SupportNote, WishedWorkProcess


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
