from django.contrib import admin

from accounts.schooladmin import SchoolAdmin, SchoolInline

from .models import CoreTask, Programme, WorkProcess


class CoreTaskInline(SchoolInline):
    model = CoreTask
    extra = 0


@admin.register(Programme)
class ProgrammeAdmin(SchoolAdmin):
    list_display = ["name", "crebo", "level", "pathway", "team", "institution"]
    list_filter = ["institution", "level", "pathway", "team"]
    search_fields = ["name", "crebo"]
    filter_horizontal = ["electives"]
    inlines = [CoreTaskInline]


class WorkProcessInline(SchoolInline):
    model = WorkProcess
    extra = 0


@admin.register(CoreTask)
class CoreTaskAdmin(SchoolAdmin):
    list_display = ["code", "name", "programme"]
    list_filter = ["programme"]
    search_fields = ["code", "name"]
    inlines = [WorkProcessInline]


@admin.register(WorkProcess)
class WorkProcessAdmin(SchoolAdmin):
    list_display = ["code", "name", "core_task"]
    list_filter = ["core_task__programme"]
    search_fields = ["code", "name"]
