from __future__ import annotations

import time

import pytest

from companies.models import Offer
from companies.tasks import recheck_offer_texts_task
from companies.tests.factories import OfferFactory
from companies.wording import VERSION


@pytest.mark.integration
def test_a_real_worker_rechecks_offer_texts_once(celery_worker_real) -> None:
    offers = [
        OfferFactory.create(
            presentation="Een goede uitstraling is belangrijk.", text_flags_version=1
        ),
        OfferFactory.create(presentation="Je leert testen.", text_flags_version=1),
    ]
    # Two ticks, as beat would send them after a deploy: the second finds nothing to do.
    first, second = recheck_offer_texts_task.delay(), recheck_offer_texts_task.delay()
    assert first.get(timeout=30) + second.get(timeout=30) == 2
    time.sleep(0.2)
    blocking = dict(Offer.objects.values_list("pk", "text_blocking"))
    assert blocking == {offers[0].pk: True, offers[1].pk: False}
    assert set(Offer.objects.values_list("text_flags_version", flat=True)) == {VERSION}
