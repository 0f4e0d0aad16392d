"""Keeping wide columns out of a table's own pages on PostgreSQL (for migrations).

PostgreSQL keeps a row's values in the table's pages until the row passes about 2 kB; a
placement or match row with its JSON is 1.5-2.3 kB, so every count over those tables read
all of it. `toast_tuple_target` lowers that bound for the table: a row over 256 bytes has its
long values compressed and, if still too long, stored in the table's TOAST table, which only
a query that selects them reads. It applies to rows written from then on, so the migration
stores the existing rows again (`SET col = col`). Nothing changes for the application.
"""

from __future__ import annotations

from typing import Any

from django.db import migrations

TARGET = 256  # bytes; PostgreSQL allows 128-8160 (default 2032)


def toast_wide_columns(table: str, columns: list[str]) -> migrations.RunPython:
    """The migration operation: a TOAST target of `TARGET` for `table`, with its existing
    rows stored again (their `columns` move out). Not on other backends."""

    def forward(apps: Any, schema_editor: Any) -> None:
        if schema_editor.connection.vendor != "postgresql":
            return
        schema_editor.execute(f"ALTER TABLE {table} SET (toast_tuple_target = {TARGET})")
        assignments = ", ".join(f"{c} = {c}" for c in columns)
        schema_editor.execute(f"UPDATE {table} SET {assignments}")

    def backward(apps: Any, schema_editor: Any) -> None:
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(f"ALTER TABLE {table} RESET (toast_tuple_target)")

    return migrations.RunPython(forward, backward)
