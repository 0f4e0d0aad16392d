"""A mixin for admin classes of records that are history: they can be looked at, never
added, changed or deleted in the admin (their services are the only writers).

It only answers the permission questions, so it composes with any other ModelAdmin base
(put it first: `class MatchAdmin(ReadOnlyAdminMixin, SomeBaseAdmin)`).
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest


class ReadOnlyAdminMixin:
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def get_actions(self, request: HttpRequest) -> dict[str, Any]:
        return {}  # no bulk delete from the list
