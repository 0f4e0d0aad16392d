from __future__ import annotations

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from accounts import outbox
from matching.models import Preference, RoundStatus, ShortlistItem, Variant
from matching.selectors.preferences import students_without_preferences
from matching.services import notifications, preferences, rounds_moves, runs
from matching.tests.conftest import World, build_world


def _world(variant: str, capacities: tuple[int, ...] = (3, 3, 2)) -> World:
    world = build_world(n_students=6, capacities=capacities)
    world.round.variant = variant
    world.round.save(update_fields=["variant"])
    return world


@pytest.mark.django_db
def test_shortlist_round_lets_students_rank_and_places_everyone_the_optimum_places() -> None:
    world = _world(Variant.SHORTLIST)
    rounds_moves.round_open_intake(round=world.round, by=world.coordinator)
    rounds_moves.round_close_intake(round=world.round, by=world.coordinator)
    assert world.refresh().status == RoundStatus.PREFERENCES
    assert ShortlistItem.objects.filter(round=world.round).values("profile").distinct().count() == 6
    student = world.students[0]
    options = list(
        ShortlistItem.objects.filter(round=world.round, profile=student.profile)
        .order_by("position")
        .values_list("offer_id", flat=True)
    )
    assert len(options) in (1, 2, 3)
    client = Client()
    client.force_login(student.user)
    page = client.get(
        reverse("matching:preferences", kwargs={"pk": world.round.pk})
    ).content.decode()
    assert "Keuze 1" in page
    ranking = list(reversed(options))
    client.post(
        reverse("matching:preferences", kwargs={"pk": world.round.pk}),
        {f"rank_{i}": o for i, o in enumerate(ranking, start=1)},
    )
    assert (
        list(
            Preference.objects.filter(round=world.round, profile=student.profile)
            .order_by("rank")
            .values_list("offer_id", flat=True)
        )
        == ranking
    )
    outside = [o.pk for o in world.offers if o.pk not in options]
    if outside:
        with pytest.raises(ValidationError, match="getoonde"):
            preferences.preferences_save(
                round=world.round, profile=student.profile, offer_ids=outside[:1]
            )
    # Students who did not rank are reported, and their counsellor is told.
    assert students_without_preferences(world.round).count() == 5
    assert notifications.counsellors_remind(round=world.round, by=world.coordinator) == 1
    assert notifications.counsellors_remind(round=world.round, by=world.coordinator) == 1
    assert mail.outbox == []  # queued, sent by a worker
    assert outbox.dispatch() == 1
    assert "5 van je studenten" in mail.outbox[-1].body
    rounds_moves.round_start_allocating(round=world.round, by=world.coordinator)
    run = runs.run_prepare(round=world.round, by=world.coordinator)
    assert run.snapshot["objective"] == "rank" and run.snapshot["ranks"][
        str(student.profile.pk)
    ] == [str(o) for o in ranking]
    runs.run_start(run=run, by=world.coordinator)
    runs.run_execute(run_id=run.pk)
    run.refresh_from_db()
    assert run.output["placed"] == 6 and run.quality["waste"] == 0
    chosen = {a["student"]: a["offer"] for a in run.output["assignments"]}
    assert int(chosen[str(student.profile.pk)]) in options  # only shortlist offers


@pytest.mark.django_db
def test_top3_round_uses_student_ranks_and_closes_on_time() -> None:
    world = _world(Variant.TOP3, capacities=(3, 3, 2, 1))
    rounds_moves.round_open_intake(round=world.round, by=world.coordinator)
    rounds_moves.round_close_intake(round=world.round, by=world.coordinator)
    assert world.refresh().status == RoundStatus.PREFERENCES
    student = world.students[1]
    with pytest.raises(ValidationError, match="hoogstens 3"):
        preferences.preferences_save(
            round=world.round, profile=student.profile, offer_ids=[o.pk for o in world.offers]
        )
    with pytest.raises(ValidationError, match="één keer"):
        preferences.preferences_save(
            round=world.round, profile=student.profile, offer_ids=[world.offers[0].pk] * 2
        )
    # Everyone's first choice fits the places (3, 3, 2, 1): each must get it, whatever the scores.
    firsts = [2, 2, 0, 0, 1, 3]
    for s, first in zip(world.students, firsts, strict=True):
        others = [o.pk for i, o in enumerate(world.offers) if i != first][:2]
        preferences.preferences_save(
            round=world.round, profile=s.profile, offer_ids=[world.offers[first].pk, *others]
        )
    rounds_moves.round_start_allocating(round=world.round, by=world.coordinator)
    with pytest.raises(ValidationError, match="gesloten"):
        preferences.preferences_save(
            round=world.round, profile=student.profile, offer_ids=[world.offers[1].pk]
        )
    run = runs.run_prepare(round=world.round, by=world.coordinator)
    runs.run_start(run=run, by=world.coordinator)
    runs.run_execute(run_id=run.pk)
    run.refresh_from_db()
    chosen = {a["student"]: a["offer"] for a in run.output["assignments"]}
    assert chosen == {
        str(s.profile.pk): str(world.offers[f].pk)
        for s, f in zip(world.students, firsts, strict=True)
    }
    assert run.quality["first_choice_share"] == 1.0 and run.quality["waste"] == 0


@pytest.mark.django_db
def test_a_direct_round_goes_from_intake_straight_to_allocating() -> None:
    world = build_world()
    rounds_moves.round_open_intake(round=world.round, by=world.coordinator)
    rounds_moves.round_close_intake(round=world.round, by=world.coordinator)
    assert world.refresh().status == RoundStatus.ALLOCATING


@pytest.mark.django_db
def test_the_preference_page_shows_a_dozen_places_at_a_time_and_ranks_from_all() -> None:
    world = _world(Variant.TOP3, capacities=(1,) * 14)
    rounds_moves.round_open_intake(round=world.round, by=world.coordinator)
    rounds_moves.round_close_intake(round=world.round, by=world.coordinator)
    student = world.students[0]
    client = Client()
    client.force_login(student.user)
    url = reverse("matching:preferences", kwargs={"pk": world.round.pk})
    first = client.get(url).content.decode()
    second = client.get(url, {"page": "2"}).content.decode()
    assert first.count('<h2 class="h5">') == 12 and second.count('<h2 class="h5">') == 2
    assert "Er zijn 14 plekken die bij je passen" in first and "Pagina 2 van 2" in second
    # Each choice lists every place, also those on the other page.
    choices = first.split('name="rank_1"')[1].split("</select>")[0]
    assert choices.count("<option") == 15
    last = [o for o in world.offers if f'value="{o.pk}"' in choices][-1]
    client.post(url, {"rank_1": str(last.pk)})
    assert list(
        Preference.objects.filter(round=world.round, profile=student.profile).values_list(
            "offer_id", flat=True
        )
    ) == [last.pk]
