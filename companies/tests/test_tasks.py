from __future__ import annotations

import time

import pytest

from companies.models import Offer
from companies.tasks import recheck_offer_texts_task
from companies.tests.factories import OfferFactory
from companies.wording import VERSION


def _wait_until(check, timeout: float = 30.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.1)
    return False


@pytest.mark.integration
def test_a_real_worker_rechecks_offer_texts_once(celery_worker_real) -> None:
    offers = [
        OfferFactory.create(
            presentation="Een goede uitstraling is belangrijk.", text_flags_version=1
        ),
        OfferFactory.create(presentation="Je leert testen.", text_flags_version=1),
    ]
    # Results are not stored (progress lives on rows), so the test watches the rows.
    recheck_offer_texts_task.delay()
    assert _wait_until(
        lambda: set(Offer.objects.values_list("text_flags_version", flat=True)) == {VERSION}
    )
    blocking = dict(Offer.objects.values_list("pk", "text_blocking"))
    assert blocking == {offers[0].pk: True, offers[1].pk: False}
    # A second tick, as beat would send it after a deploy, leaves offers checked with the
    # current version alone (here one whose text changed behind the checker's back).
    Offer.objects.filter(pk=offers[1].pk).update(presentation="Een goede uitstraling.")
    recheck_offer_texts_task.delay()
    time.sleep(1.5)
    assert Offer.objects.get(pk=offers[1].pk).text_blocking is False
