"""Blind review: nobody can name a pseudonym by its position in a list or its address.

The sort keys are random, so these tests compare against a bound that a random order passes
with overwhelming probability: the rank correlation of 200 random positions has a standard
deviation of about 0.07, and the bound is 0.35 (five standard deviations).
"""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from matching.models import Match
from matching.tests.conftest import World, build_world, to_review

N_STUDENTS = 200
BOUND = 0.35


def _spearman(a: list[int], b: list[int]) -> float:
    """Spearman's rank correlation of two orderings of the same items (no ties)."""
    rank_a = {x: i for i, x in enumerate(a)}
    rank_b = {x: i for i, x in enumerate(b)}
    n = len(a)
    d2 = sum((rank_a[x] - rank_b[x]) ** 2 for x in a)
    return 1 - 6 * d2 / (n * (n * n - 1))


@pytest.fixture
def big(db) -> World:
    world = build_world(n_students=N_STUDENTS, capacities=(80, 80, 60))
    to_review(world)
    return world


def _review_order(client: Client, world: World) -> list[str]:
    """The pseudonyms in the order the review list shows them, page after page."""
    url = reverse("matching:review", kwargs={"pk": world.round.pk})
    seen: list[str] = []
    page = 1
    while True:
        html = client.get(url, {"page": page}).content.decode()
        found = re.findall(r">(S-[0-9A-F]{4,6})</a>", html)
        seen += found
        if "Volgende" not in html:
            return seen
        page += 1


def test_review_order_and_ids_do_not_follow_the_student_list(big: World) -> None:
    client = Client()
    client.force_login(big.coordinator)
    shown = _review_order(client, big)
    assert len(shown) == N_STUDENTS
    by_pseudonym = {m.pseudonym: m for m in Match.objects.filter(round=big.round)}
    profile_of = {p: m.profile_id for p, m in by_pseudonym.items()}
    # The student list (by student number) and the order the forms were submitted (profile).
    by_number = [s.profile.pk for s in sorted(big.students, key=lambda s: s.student_number)]
    by_profile = sorted(profile_of.values())
    review_order = [profile_of[p] for p in shown]
    pk_order = [m.profile_id for m in sorted(by_pseudonym.values(), key=lambda m: m.pk)]
    for order in (review_order, pk_order):
        assert abs(_spearman(order, by_profile)) < BOUND
        assert abs(_spearman(order, by_number)) < BOUND


def test_match_addresses_are_uuids_not_ids(big: World) -> None:
    client = Client()
    client.force_login(big.coordinator)
    html = client.get(reverse("matching:review", kwargs={"pk": big.round.pk})).content.decode()
    links = re.findall(r'href="/[^"]*/matches/([^/"]+)/"', html)
    assert links and all(re.fullmatch(r"[0-9a-f-]{36}", link) for link in links)
    match = Match.objects.filter(round=big.round).first()
    assert match is not None
    assert client.get(f"/matching/matches/{match.pk}/").status_code == 404
