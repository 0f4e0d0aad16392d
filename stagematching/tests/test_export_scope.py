"""Every download shows only what its reader may see on screen: after the release, for each
staff role, the student names in every export (the round's match list, every cockpit list, the
Stagepact report) are among the names that reader sees on the student list."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import Role, User
from accounts.tests.factories import UserFactory
from cockpit.selectors.lists import LISTS
from matching.tests.conftest import World, build_world, to_review
from matching.tests.test_rounds import _release
from students.models import Student


def _body(response: Any) -> str:
    raw: bytes = response.getvalue()  # a streamed download is read whole
    return raw.decode("utf-8-sig", errors="replace")


def _downloads(world: World) -> list[str]:
    urls = [reverse("matching:export", kwargs={"pk": world.round.pk})]
    urls += [reverse("cockpit:export", args=[name]) for name in LISTS]
    urls += [reverse("cockpit:stagepact") + "?formaat=csv"]
    return urls


@pytest.mark.django_db
def test_no_download_shows_a_student_its_reader_does_not_see_on_screen() -> None:
    world = build_world()
    to_review(world)
    _release(world)
    # Two students are counselled by reviewer 1, the rest by the counsellor; reviewer 2 none.
    own = world.students[:2]
    Student.objects.filter(pk__in=[s.pk for s in own]).update(counsellor=world.reviewer)
    names = {s.user.full_name for s in world.students}
    readers: list[User] = [
        world.coordinator,
        world.reviewer,
        world.reviewer2,
        world.counsellor,
        UserFactory.create(role=Role.CARE_COORDINATOR, institution=world.round.institution),
    ]
    checked = 0
    for reader in readers:
        client = Client()
        client.force_login(reader)
        screen = client.get(reverse("students:staff-list")).content.decode()
        on_screen = {n for n in names if n in screen}
        for url in _downloads(world):
            response = client.get(url)
            if response.status_code != 200:
                continue
            checked += 1
            shown = {n for n in names if n in _body(response)}
            assert shown <= on_screen, (reader.role, url, shown - on_screen)
    assert checked >= 5 * len(readers) - 2
    # The test can see names: the coordinator's match list holds every placed student.
    client = Client()
    client.force_login(world.coordinator)
    assert names & {n for n in names if n in _body(client.get(_downloads(world)[0]))}
