"""On PostgreSQL the wide JSON of a match is kept out of the table's own pages (see
`stagematching.toast`); other backends keep it in the row."""

from __future__ import annotations

import pytest
from django.db import connection

from stagematching.toast import TARGET

pytestmark = pytest.mark.django_db


def test_matches_keep_their_wide_json_out_of_the_table_on_postgresql() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("TOAST is PostgreSQL's (CI runs this)")
    with connection.cursor() as cursor:
        cursor.execute("SELECT reloptions FROM pg_class WHERE relname = 'matching_match'")
        (options,) = cursor.fetchone()
    assert f"toast_tuple_target={TARGET}" in (options or [])
