"""The public page about the algorithm (no login)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from accounts.models import Institution
from accounts.tenancy import school_scope
from catalog.public import SMALL_COUNT, SMALL_TEXT
from matching.engine import Weights
from matching.forms import WEIGHT_LABELS
from matching.selectors.public import algorithm_facts, lotteries, released_rounds


@login_not_required
def transparency(request: HttpRequest, institution: str) -> HttpResponse:
    inst = get_object_or_404(Institution, slug=institution)
    # A public page: it shows the figures of the institution in its address, nothing else.
    with school_scope(inst):
        context = {
            "institution": inst,
            "weights": [(WEIGHT_LABELS[k], v) for k, v in Weights().as_dict().items()],
            "rounds": released_rounds(inst),
            "lotteries": lotteries(inst),
            "facts": algorithm_facts(inst),
            "small_count": SMALL_COUNT,
            "small_text": SMALL_TEXT,
        }
        return render(request, "matching/transparency.html", context)
