from django.contrib import admin

from accounts.admin_readonly import ReadOnlyAdminMixin
from accounts.schooladmin import SchoolAdmin

from .models import Placement, Seat


@admin.register(Placement)
class PlacementAdmin(ReadOnlyAdminMixin, SchoolAdmin):
    """The ledger, to look at: placements change only through its services (seat claims and
    periods are checked there and by the database)."""

    list_display = ["student", "company", "start_date", "end_date", "source", "status"]
    list_filter = ["source", "status"]
    search_fields = ["student__student_number", "company__legal_name"]


@admin.register(Seat)
class SeatAdmin(ReadOnlyAdminMixin, SchoolAdmin):
    list_display = ["offer", "number"]
