"""The engine version, stored on every run.

Bump it whenever anything that can change a run's output changes (scoring, eligibility,
allocation, the lottery, shortlist masking, the output format). A run stored with another
version is not replayed: its replay says plainly that the engine changed.
"""

from __future__ import annotations

ENGINE_VERSION = "2.0.0"

# 2.0.0: stating a wish never lowers a score (organisation type and electives: neutral value
#        when nothing matches); text similarity off by default; the working-days and
#        step-free-access rules; the optional priority level.
# 1.0.0: the first version.
