from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.db import transaction
from django_scopes import scopes_disabled

from .two_schools import TwoSchools, build_two_schools


@pytest.fixture(scope="module")
def schools(django_db_setup: Any, django_db_blocker: Any) -> Iterator[TwoSchools]:
    """Two schools, built once per module inside a transaction that is rolled back at the
    end; each test runs in a savepoint within it."""
    with django_db_blocker.unblock(), transaction.atomic():
        with scopes_disabled():
            built = build_two_schools()
        yield built
        transaction.set_rollback(True)
