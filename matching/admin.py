from django.contrib import admin

from accounts.admin_readonly import ReadOnlyAdminMixin
from accounts.schooladmin import SchoolAdmin, SchoolInline

from .models import (
    Approval,
    AuditEvent,
    IntroMeeting,
    Match,
    Notification,
    Objection,
    Preference,
    Round,
    RoundCapacity,
    RoundTransition,
    Run,
    ShortlistItem,
)


class TransitionInline(ReadOnlyAdminMixin, SchoolInline):
    model = RoundTransition
    extra = 0
    readonly_fields = ["from_status", "to_status", "by", "at"]


@admin.register(Round)
class RoundAdmin(SchoolAdmin):
    list_display = ["name", "institution", "cohort", "variant", "status", "release_at"]
    list_filter = ["status", "variant", "institution", "cohort"]
    search_fields = ["name"]
    filter_horizontal = ["programmes"]
    readonly_fields = ["status", "chosen_run", "release_at"]
    inlines = [TransitionInline]


# Runs, matches, approvals and audit events are the record of what was decided: read-only in
# the admin (a change there would bypass the review, the seat ledger and the audit log).


@admin.register(Run)
class RunAdmin(ReadOnlyAdminMixin, SchoolAdmin):
    list_display = [
        "round",
        "number",
        "status",
        "seed",
        "engine_version",
        "input_sha256",
        "finished_at",
    ]
    list_filter = ["status", "round"]
    search_fields = ["round__name", "input_sha256"]


@admin.register(Match)
class MatchAdmin(ReadOnlyAdminMixin, SchoolAdmin):
    list_display = ["pseudonym", "round", "offer", "score", "status"]
    list_filter = ["status", "round"]
    search_fields = ["pseudonym"]


@admin.register(Approval)
class ApprovalAdmin(ReadOnlyAdminMixin, SchoolAdmin):
    list_display = ["match", "by", "at"]
    list_filter = ["match__round"]
    search_fields = ["match__pseudonym"]


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdminMixin, SchoolAdmin):
    list_display = ["at", "round", "action", "actor", "match"]
    list_filter = ["action", "round"]
    search_fields = ["action", "match__pseudonym"]


@admin.register(Notification)
class NotificationAdmin(ReadOnlyAdminMixin, SchoolAdmin):
    list_display = ["round", "recipient", "kind", "read_at"]
    list_filter = ["kind", "round"]
    search_fields = ["recipient__email"]


@admin.register(Objection)
class ObjectionAdmin(SchoolAdmin):
    list_display = ["match", "created_at", "answered_by", "answered_at"]
    list_filter = ["match__round"]
    search_fields = ["match__pseudonym", "reason"]


@admin.register(Preference)
class PreferenceAdmin(SchoolAdmin):
    list_display = ["round", "profile", "offer", "rank"]
    list_filter = ["round"]
    raw_id_fields = ["profile", "offer"]


@admin.register(ShortlistItem)
class ShortlistItemAdmin(SchoolAdmin):
    list_display = ["round", "profile", "offer", "position"]
    list_filter = ["round"]
    raw_id_fields = ["profile", "offer"]


@admin.register(RoundCapacity)
class RoundCapacityAdmin(ReadOnlyAdminMixin, SchoolAdmin):
    list_display = ["round", "offer", "used", "capacity"]
    list_filter = ["round"]
    raw_id_fields = ["offer"]


@admin.register(IntroMeeting)
class IntroMeetingAdmin(SchoolAdmin):
    list_display = ["match", "proposed_at", "created_at"]
    search_fields = ["match__pseudonym"]
