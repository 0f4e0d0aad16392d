from __future__ import annotations

import pytest
from django.core.management import call_command

from catalog.models import Place
from catalog.places import municipal_mergers, read_dutch_places

CURRENT = {
    "Altena",
    "Eemsdelta",
    "Het Hogeland",
    "Hoeksche Waard",
    "Land van Cuijk",
    "Voorne aan Zee",
    "Gooise Meren",
    "Noardeast-Fryslân",
    "Waadhoeke",
    "De Fryske Marren",
    "West Betuwe",
    "Molenlanden",
    "Westerkwartier",
    "Midden-Groningen",
    "Maashorst",
    "Vijfheerenlanden",
    "Beekdaelen",
    "Meierijstad",
    "Krimpenerwaard",
    "Nissewaard",
    "Westerwolde",
    "Dijk en Waard",
}


def test_no_place_keeps_a_municipality_that_was_merged_away() -> None:
    mergers = municipal_mergers()
    old = {m.old for m in mergers}
    places = list(read_dutch_places())
    municipalities = {p.municipality for p in places}
    assert municipalities.isdisjoint(old)
    assert CURRENT <= municipalities
    assert all(m.cbs_code.startswith("GM") and len(m.cbs_code) == 6 for m in mergers)
    assert all(p.municipality == p.municipality.strip() for p in places)


@pytest.mark.django_db
def test_load_places_moves_stored_places_to_the_current_municipality_keeping_their_id() -> None:
    veghel = Place.objects.create(
        name="Veghel", municipality="Veghel", province="Noord-Brabant", latitude=51.6, longitude=5.5
    )
    call_command("load_places")
    veghel.refresh_from_db()
    assert veghel.municipality == "Meierijstad"
    assert not Place.objects.filter(municipality="Veghel").exists()
    assert Place.objects.get(name="Hellevoetsluis").municipality == "Voorne aan Zee"
