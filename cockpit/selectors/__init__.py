"""Reads of the cockpit. Every figure is an aggregate in SQL; no page reads a run's snapshot
or output, so the number of queries stays the same however large the school is.

- `stappenplan`: the phases A, B and C with their status, figures and next action;
- `planning`: the steps of a school year, what is late;
- `charts`: the data behind the charts (with their tables);
- `stagepact`: the yearly report;
- `lists`: the staff lists as export tables.
"""
