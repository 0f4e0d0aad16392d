from __future__ import annotations

import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher, check_password, make_password
from django.test import Client
from django.urls import reverse

import stagematching.settings as production
from accounts.models import Role
from accounts.tests.factories import PASSWORD, UserFactory

# The suite hashes with MD5 for speed (conftest.py); these tests put back the list that
# settings.py gives production, read from the module itself, not from the overridden settings.
ARGON2ID_PARAMS = "m=19456,t=2,p=1"


def test_production_hashes_with_argon2id_first_and_still_reads_pbkdf2() -> None:
    assert production.PASSWORD_HASHERS == [
        "accounts.hashers.Argon2idPasswordHasher",
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    ]


def test_a_new_password_is_hashed_with_argon2id_owasp_parameters(settings) -> None:
    settings.PASSWORD_HASHERS = production.PASSWORD_HASHERS
    encoded = make_password(PASSWORD)
    algorithm, variety, version, params, _salt, _hash = encoded.split("$")
    assert (algorithm, variety, version, params) == ("argon2", "argon2id", "v=19", ARGON2ID_PARAMS)
    assert check_password(PASSWORD, encoded)
    assert not check_password("iets-anders-123", encoded)


@pytest.mark.django_db
def test_an_old_pbkdf2_password_logs_in_and_is_stored_again_with_argon2id(settings) -> None:
    settings.PASSWORD_HASHERS = production.PASSWORD_HASHERS
    old = PBKDF2PasswordHasher()
    user = UserFactory.create(
        email="oud@example.nl",
        role=Role.COORDINATOR,
        password=old.encode(PASSWORD, old.salt()),
    )
    assert user.password.startswith("pbkdf2_sha256$")
    login = reverse("accounts:login")
    response = Client().post(login, {"username": "oud@example.nl", "password": PASSWORD})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.password.startswith(f"argon2$argon2id$v=19${ARGON2ID_PARAMS}$")
    # The upgraded hash is the one that works from now on.
    again = Client().post(login, {"username": "oud@example.nl", "password": PASSWORD})
    assert again.status_code == 302
    wrong = Client().post(login, {"username": "oud@example.nl", "password": "fout-123456"})
    assert wrong.status_code == 200
