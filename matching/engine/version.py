"""The engine version, stored on every run.

Bump it whenever anything that can change a run's output changes (scoring, eligibility,
allocation, the lottery, shortlist masking, the output format). A run stored with another
version is not replayed: its replay says plainly that the engine changed.
"""

from __future__ import annotations

ENGINE_VERSION = "1.0.0"
