"""Reads of matching data, one module per subject:

- `snapshot`: the engine input of a round (through `students.engine_bridge`);
- `coverage`: students against places per programme and municipality (the one shortage count);
- `rounds`: the dashboard, a round's page, release blockers, the CSV export, transparency;
- `preferences`: what a student may rank, who has not ranked;
- `review`: the review list, what a reviewer may approve, a match's alternatives and profile;
- `results`: released matches for students and companies (the release gate).
"""
