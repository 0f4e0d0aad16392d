"""The password hash: Argon2id with the OWASP parameters.

Django's default PBKDF2-SHA256 (1,000,000 iterations) costs about 0.4 s of CPU per login on a
server core: at the release moment, when a whole cohort logs in at once, that queued students
for more than a minute (issue 17). Argon2id is memory-hard, so a guessing attack on a stolen
hash costs memory as well as time, and with OWASP's first recommended setting (19 MiB, 2
passes, 1 lane) one check costs a few hundredths of a second. PBKDF2 stays in
PASSWORD_HASHERS behind it: an existing hash still verifies, and Django stores the password
again with Argon2id at that successful login. See README, "Passwords".
"""

from __future__ import annotations

from django.contrib.auth.hashers import Argon2PasswordHasher


class Argon2idPasswordHasher(Argon2PasswordHasher):
    """Argon2id, m=19 MiB, t=2, p=1 (OWASP Password Storage Cheat Sheet).

    The algorithm name stays "argon2", Django's own: a hash made here verifies with Django's
    hasher too, and a change of these numbers upgrades stored hashes at the next login
    (`must_update` compares them).
    """

    time_cost = 2
    memory_cost = 19 * 1024  # KiB
    parallelism = 1
