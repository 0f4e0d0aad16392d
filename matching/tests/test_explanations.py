"""Explanations a student can read ("Wat past" / "Wat minder past": no percentages, nothing
about a criterion the student gave nothing for), a reviewer's move with both offers side by
side, and variant 3 showing only the offers a student can be given, with what they need to
choose."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from catalog.models import Place
from matching.engine import plain, unplaced
from matching.engine.reasons import RULES
from matching.models import RoundStatus, Variant
from matching.services import preferences, rounds_moves
from matching.tests.conftest import build_world, to_review


def _c(reason: str, weight: float = 0.2, **params: object) -> dict[str, object]:
    return {"reason": reason, "params": params, "weight": weight}


def test_plain_explanation_sorts_what_fits_and_leaves_out_what_the_student_did_not_give() -> None:
    p = plain(
        [
            _c("wp_covered", covered=2, wished=3, codes=["W1", "W2"]),
            _c("text_similarity", weight=0.0, pct=0),  # off by default: not mentioned
            _c("org_no_preference"),
            _c("travel_minutes", minutes=14, mode="bike"),
            _c("electives_none"),
        ]
    )
    assert p.fits == [
        "Je kunt hier 2 van de 3 werkprocessen doen die je koos.",
        "Je reist er ongeveer 14 minuten heen, met de fiets (een schatting).",
    ]
    assert p.less == ["1 van de werkprocessen die je koos, kun je hier niet doen."]
    worst = plain(
        [
            _c("wp_covered", covered=0, wished=1, codes=[]),
            _c("text_similarity", pct=0),
            _c("org_other", type="zorg"),
            _c("electives_match", covered=0, total=2, codes=[]),
        ]
    )
    assert worst.fits == [] and len(worst.less) == 4
    assert not any("%" in t or " 0 " in f" {t} " for t in worst.less)
    near = plain([_c("travel_minutes", minutes=0, mode="bike")])  # never "0 minuten"
    assert near.fits == ["Het is vlak bij huis: minder dan 5 minuten met de fiets (een schatting)."]
    english = plain([_c("travel_minutes", minutes=9, mode="public_transport")], "en")
    assert english.fits == [
        "It takes you about 9 minutes to get there, by public transport (an estimate)."
    ]


def test_an_unplaced_student_reads_why_in_a_whole_sentence() -> None:
    far = {"reason": "unplaced_no_eligible", "params": {"rule": "reachable"}}
    assert unplaced(far) == (
        "Er is geen leerbedrijf voor jouw opleiding dat je binnen je reistijd kunt bereiken."
    )
    full = {"reason": "unplaced_all_full", "params": {"n": 3}}
    assert unplaced(full) == "De 3 stageplekken die bij je passen, zijn al bezet."
    one = {"reason": "unplaced_all_full", "params": {"n": 1}}
    assert unplaced(one, "en") == "The only placement that fits you is already taken."
    texts = [unplaced({"reason": "unplaced_no_eligible", "params": {"rule": r}}) for r in RULES]
    assert all(t[0].isupper() and t.endswith(".") and "'" not in t for t in texts)
    assert unplaced({}) == ""


@pytest.mark.django_db
def test_the_student_reads_what_fits_and_the_reviewer_sees_both_offers_side_by_side() -> None:
    world = build_world()
    to_review(world)
    match = world.refresh().matches.filter(offer__isnull=False).select_related("offer").first()
    assert match is not None and match.offer is not None
    client = Client()
    client.force_login(world.reviewer)
    page = client.get(reverse("matching:match-detail", kwargs={"pk": match.public_id})).content
    html = page.decode()
    assert "Andere geschikte plekken" in html
    assert html.count("Nu voorgesteld") >= 1 and "Deze plek" in html
    assert (
        "Wat past" in html
        and "%" not in html.split("Andere geschikte plekken")[1].split("</details>")[0]
    )


@pytest.mark.django_db
def test_variant_3_shows_and_accepts_only_offers_the_student_can_be_given() -> None:
    world = build_world(n_students=3, capacities=(2, 2, 2))
    world.round.variant = Variant.TOP3
    world.round.save(update_fields=["variant"])
    far = Place.objects.get_or_create(
        name="Groningen",
        municipality="Groningen",
        defaults={"province": "Groningen", "latitude": 53.2194, "longitude": 6.5665},
    )[0]
    out_of_reach = world.offers[2]
    company = out_of_reach.company
    company.place = far
    company.save(update_fields=["place"])
    rounds_moves.round_open_intake(round=world.round, by=world.coordinator)
    rounds_moves.round_close_intake(round=world.round, by=world.coordinator)
    assert world.refresh().status == RoundStatus.PREFERENCES
    student = world.students[0]
    client = Client()
    client.force_login(student.user)
    html = client.get(reverse("matching:preferences", kwargs={"pk": world.round.pk})).content
    page = html.decode()
    assert escape(company.legal_name) not in page
    for offer in world.offers[:2]:
        assert escape(offer.company.legal_name) in page
    assert "Werkprocessen die je hier kunt doen" in page and "B1-K1-W1" in page
    assert ("Je reist er ongeveer" in page or "vlak bij huis" in page) and "Wat past" in page
    with pytest.raises(ValidationError, match="getoonde"):
        preferences.preferences_save(
            round=world.round, profile=student.profile, offer_ids=[out_of_reach.pk]
        )
    preferences.preferences_save(
        round=world.round, profile=student.profile, offer_ids=[world.offers[1].pk]
    )
