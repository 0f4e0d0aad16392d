"""Keeping wide columns out of a table's own pages on PostgreSQL (for migrations).

PostgreSQL starts compressing a row's long values, and moving them to the table's TOAST
table, only when the whole row is over about 2 kB (a fixed bound); it then shrinks the row
until it fits `toast_tuple_target` (by default the same 2 kB). A match row with its JSON is
2.0-2.5 kB, so it was toasted just below 2 kB and every count over matches read all of it.
With a target of 256 bytes the JSON of such a row moves out entirely, and only a query that
selects it reads it (at 10,000 students the matches took 30 MB, now 2.4 MB). A row under the
2 kB bound is not touched, so this does not help narrower tables (placements, 1.6 kB a row).
It applies to rows written from then on: new rounds, and every match that review and release
write again. Nothing changes for the application.
"""

from __future__ import annotations

from typing import Any

from django.db import migrations

TARGET = 256  # bytes; PostgreSQL allows 128-8160 (default 2032)


def toast_wide_columns(table: str) -> migrations.RunPython:
    """The migration operation: a TOAST target of `TARGET` for `table` (a setting only: it
    takes no lock that blocks reads or writes, and rewrites no row). Not on other backends."""

    def forward(apps: Any, schema_editor: Any) -> None:
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(f"ALTER TABLE {table} SET (toast_tuple_target = {TARGET})")

    def backward(apps: Any, schema_editor: Any) -> None:
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(f"ALTER TABLE {table} RESET (toast_tuple_target)")

    return migrations.RunPython(forward, backward)
