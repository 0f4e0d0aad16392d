"""The wording check in the offer flow: saving, publishing, review pages and the re-check."""

from __future__ import annotations

import datetime as dt
from html import escape
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import Role
from accounts.tests.factories import UserFactory
from companies import services
from companies.models import Offer, OfferStatus
from companies.selectors import offers_needing_text_review
from companies.tasks import recheck_offer_texts_task
from companies.templatetags.wording import flag_view
from companies.tests.factories import OfferFactory
from companies.wording import BLOCK, VERSION, WARN


def _signed(setup: dict[str, Any]) -> None:
    services.agreement_sign(
        company=setup["company"], user=setup["contact"].user, signer_name="J", signer_role="D"
    )


def _offer(setup: dict[str, Any], **texts: str) -> Offer:
    offer = Offer(
        company=setup["company"],
        programme=setup["programme"],
        period_start=dt.date(2027, 2, 1),
        period_end=dt.date(2027, 6, 30),
        capacity=2,
        hours_per_week=32,
        learning_text="Je leert testen.",
    )
    for name, text in texts.items():
        setattr(offer, name, text)
    return services.offer_save(offer=offer, work_processes=setup["wps"][:1])


def test_saving_stores_flags_with_level_suggestion_and_version(setup) -> None:
    offer = _offer(
        setup, presentation="Wij zoeken een jonge collega.", activities="Je bent flexibel."
    )
    offer.refresh_from_db()
    assert offer.text_flags_version == VERSION and offer.text_blocking
    by_field = {f["field"]: f for f in offer.text_flags}
    assert (
        by_field["presentation"]["level"] == BLOCK and by_field["presentation"]["ground"] == "age"
    )
    assert by_field["activities"]["level"] == WARN and by_field["activities"]["suggestion"]
    assert {f["version"] for f in offer.text_flags} == {VERSION}


def test_let_op_shows_a_tip_but_does_not_block_publishing(setup) -> None:
    _signed(setup)
    offer = _offer(setup, presentation="Je bent enthousiast en stressbestendig.")
    assert offer.text_flags and not offer.text_blocking
    assert services.offer_publish_blockers(offer) == []
    services.offer_publish(offer=offer)
    assert Offer.objects.get(pk=offer.pk).status == OfferStatus.PUBLISHED


def test_blokkeert_needs_a_rewrite_or_an_acceptance(setup) -> None:
    _signed(setup)
    offer = _offer(setup, presentation="Stuur je cv en een foto mee.")
    (blocker,) = services.offer_publish_blockers(offer)
    assert "cv" in blocker and "foto" in blocker
    offer.presentation = "Je maakt foto's voor onze sociale media."
    services.offer_save(offer=offer, work_processes=setup["wps"][:1])
    assert not offer.text_flags and services.offer_publish_blockers(offer) == []


def test_editing_other_words_keeps_the_acceptance(setup) -> None:
    _signed(setup)
    offer = _offer(setup, presentation="Je bent minimaal 18 jaar, vanwege de nachtdienst.")
    coordinator = UserFactory.create(role=Role.COORDINATOR, institution=setup["institution"])
    services.offer_accept_text(offer=offer, by=coordinator, reason="Arbeidstijdenwet")
    services.offer_publish(offer=offer)
    offer.activities = "Je bent flexibel."  # a new `let op` flag, the blocking words unchanged
    services.offer_save(offer=offer, work_processes=setup["wps"][:1])
    offer.refresh_from_db()
    assert offer.text_accepted_by == coordinator and offer.status == OfferStatus.PUBLISHED


# --- the re-check after a lexicon change ---------------------------------------------------


def _state() -> list[tuple[Any, ...]]:
    return list(
        Offer.objects.order_by("pk").values_list(
            "pk",
            "status",
            "text_flags",
            "text_flags_version",
            "text_blocking",
            "text_accepted_by",
            "text_accepted_reason",
        )
    )


def test_recheck_task_updates_old_offers_once_and_keeps_them_published(setup) -> None:
    coordinator = UserFactory.create(role=Role.COORDINATOR, institution=setup["institution"])

    def make(**kw: Any) -> Offer:
        return OfferFactory.create(company=setup["company"], programme=setup["programme"], **kw)

    # Checked by version 1, which missed "goede uitstraling": now blocking, still published.
    missed = make(presentation="Een goede uitstraling is belangrijk.", text_flags_version=1)
    # Accepted under version 1 for age; version 2 finds age there too: the acceptance holds.
    legacy = [{"field": "presentation", "words": "jonge stagiair", "ground": "leeftijd"}]
    kept = make(
        presentation="Wij zoeken een jonge stagiair.",
        text_flags=legacy,
        text_flags_version=1,
        text_blocking=True,
        text_accepted_by=coordinator,
        text_accepted_reason="Oud",
    )
    # Accepted for "klik" only; version 2 also finds an age: the acceptance no longer covers it.
    klik = [{"field": "presentation", "words": "klik", "ground": "'klik'"}]
    dropped = make(
        presentation="Het moet klikken met het team. Je bent maximaal 20 jaar.",
        text_flags=klik,
        text_flags_version=1,
        text_blocking=True,
        text_accepted_by=coordinator,
        text_accepted_reason="Oud",
    )
    current = make(presentation="Je leert testen.", text_flags_version=VERSION)

    assert recheck_offer_texts_task.delay().get() == 3
    after = _state()
    assert recheck_offer_texts_task.delay().get() == 0
    assert _state() == after  # run twice = same result

    missed.refresh_from_db()
    assert missed.status == OfferStatus.PUBLISHED and missed.text_blocking
    assert missed.text_flags_version == VERSION
    kept.refresh_from_db()
    assert kept.text_accepted_by == coordinator and kept.text_flags[0]["ground"] == "age"
    dropped.refresh_from_db()
    assert dropped.text_accepted_by is None and dropped.status == OfferStatus.PUBLISHED
    review = set(offers_needing_text_review(setup["institution"].pk))
    assert review == {missed, dropped}
    assert current not in review


def test_recheck_works_in_batches(setup) -> None:
    for _ in range(5):
        OfferFactory.create(
            company=setup["company"], programme=setup["programme"], text_flags_version=1
        )
    assert services.offer_texts_recheck(batch_size=2) == 5
    assert not Offer.objects.exclude(text_flags_version=VERSION).exists()


# --- pages ------------------------------------------------------------------------------------


def test_company_sees_both_levels_with_their_tips(setup) -> None:
    offer = _offer(
        setup, presentation="Wij zoeken een jonge collega.", activities="Je bent flexibel."
    )
    client = Client()
    client.force_login(setup["contact"].user)
    for url in (
        reverse("companies:home"),
        reverse("companies:offer-edit", kwargs={"pk": offer.pk}),
    ):
        html = client.get(url).content.decode()
        assert "blokkeert" in html and "let op" in html
        assert "Noem geen leeftijd van de student of van het team" in html  # for "jonge"
        assert "Noem de werkdagen en werktijden" in html  # the suggestion for "flexibel"
        assert "objectieve presentatie" in html  # which field


def test_coordinator_is_told_about_published_offers_to_review(setup) -> None:
    OfferFactory.create(
        company=setup["company"],
        programme=setup["programme"],
        presentation="Een goede uitstraling is belangrijk.",
        text_flags_version=1,
    )
    services.offer_texts_recheck()
    coordinator = UserFactory.create(role=Role.COORDINATOR, institution=setup["institution"])
    elsewhere = UserFactory.create(role=Role.COORDINATOR)  # another school
    client = Client()
    client.force_login(coordinator)
    html = client.get(reverse("matching:dashboard")).content.decode()
    name = escape(setup["company"].legal_name)
    assert "tekst opnieuw bekijken" in html and name in html
    listed = client.get(reverse("companies:staff-list"), {"status": "tekst"}).content.decode()
    assert name in listed
    detail = client.get(reverse("companies:staff-detail", kwargs={"pk": setup["company"].pk}))
    assert "Waarom is deze tekst toch acceptabel?" in detail.content.decode()
    client.force_login(elsewhere)
    html = client.get(reverse("matching:dashboard")).content.decode()
    assert "tekst opnieuw bekijken" not in html


def test_no_accept_form_for_let_op_only(setup) -> None:
    _offer(setup, presentation="Je bent enthousiast.")
    coordinator = UserFactory.create(role=Role.COORDINATOR, institution=setup["institution"])
    client = Client()
    client.force_login(coordinator)
    html = client.get(reverse("companies:staff-detail", kwargs={"pk": setup["company"].pk}))
    assert "let op" in html.content.decode()
    assert "Waarom is deze tekst toch acceptabel?" not in html.content.decode()


@pytest.mark.parametrize(
    ("flag", "level", "ground"),
    [
        ({"field": "presentation", "words": "klik", "ground": "'klik'"}, BLOCK, "'klik'"),
        (
            {"field": "activities", "words": "flexibel", "ground": "personality", "level": WARN},
            WARN,
            "persoonlijkheid en 'klik'",
        ),
    ],
)
def test_flags_from_before_version_2_still_show(
    flag: dict[str, str], level: str, ground: str
) -> None:
    view = flag_view(flag)
    assert view.level == level and view.ground_label == ground and view.words == flag["words"]
