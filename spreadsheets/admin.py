from django.contrib import admin

from accounts.schooladmin import SchoolAdmin

from .models import ImportBatch


@admin.register(ImportBatch)
class ImportBatchAdmin(SchoolAdmin):
    list_display = ["created_at", "kind", "filename", "status", "created_by", "applied_at"]
    list_filter = ["kind", "status", "institution"]
    search_fields = ["filename"]
    readonly_fields = ["rows", "errors", "summary"]
