"""The wording check: the figures on the test set, and the rules behind them."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from companies.tests.wording_cases import DISCRIMINATORY, NORMAL
from companies.wording import BLOCK, GROUNDS, VERSION, WARN, check_texts
from companies.wording.evaluate import evaluate
from companies.wordlist import check_texts as entry_point


def _found(text: str) -> set[tuple[str, str]]:
    return {(f.ground, f.level) for f in check_texts({"presentation": text})}


def test_wording_figures() -> None:
    """Recall at least 95 % and at most 1 false alarm in 60 normal texts (issue 11)."""
    figures = evaluate()
    assert figures.phrases >= 60 and figures.normal >= 60
    misses = [p.text for p, _ in figures.misses]
    assert figures.recall >= 0.95, misses
    false_alarms = [text for text, _ in figures.false_alarms]
    assert len(false_alarms) * 60 <= figures.normal, false_alarms


def test_test_set_uses_known_grounds_and_levels() -> None:
    for phrase in DISCRIMINATORY:
        assert phrase.expect and set(phrase.expect) <= set(GROUNDS), phrase
        assert set(phrase.expect.values()) <= {BLOCK, WARN}, phrase
    assert {n.programme for n in NORMAL} == {"vig", "pmk", "sd"}


def test_old_import_still_works() -> None:
    assert entry_point is check_texts


@pytest.mark.parametrize(
    ("text", "ground"),
    [
        ("Wij zoeken een jongere stagiair.", "age"),  # comparative
        ("Je bent een zorgzame, geduldige stagiair.", "personality"),  # -aam -> -ame
        ("Religieuze kleding is niet toegestaan.", "religion"),  # -eus -> -euze
        ("Je draagt geen hoofddoekje.", "religion"),  # diminutive
        ("Je hebt geen rugklachten.", "health"),  # compound head
        ("Stuur je pasfoto mee.", "selection"),  # compound
        ("Wij zoeken een stressbestendige collega.", "personality"),
        ("Je bent kerngezond.", "health"),
        ("Een telefonisch sollicitatiegesprek hoort erbij.", "selection"),
    ],
)
def test_inflections_and_compounds_are_found(text: str, ground: str) -> None:
    assert ground in {g for g, _ in _found(text)}


@pytest.mark.parametrize(
    ("requirement", "description", "ground"),
    [
        ("Wij zoeken een jonge collega.", "Je werkt met jonge kinderen van 0 tot 4 jaar.", "age"),
        ("Je werkt in een jong team.", "Je werkt in een jong bedrijf.", "age"),
        ("Je bent maximaal 21 jaar.", "De kinderen zijn tussen 4 en 12 jaar.", "age"),
        ("Stuur een foto mee.", "Je maakt foto's voor onze sociale media.", "selection"),
        (
            "Je hebt een goede uitstraling.",
            "Ons gebouw heeft een frisse uitstraling.",
            "appearance",
        ),
        ("Bij voorkeur een vrouw.", "Je verzorgt een oudere vrouw met dementie.", "gender"),
        ("Nederlands is je moedertaal.", "Veel kinderen hebben een andere moedertaal.", "language"),
        ("Geen hoofddoek op de groep.", "Bij ons mag je een hoofddoek dragen.", "religion"),
        (
            "Je hebt geen beperking.",
            "Heb je extra ondersteuning nodig? Dan regelen we dat.",
            "health",
        ),
        ("Je bent niet zwanger.", "Je helpt op de kraamafdeling bij zwangere vrouwen.", "family"),
        (
            "Je past goed in ons team.",
            "Je bedenkt activiteiten die passen bij de groep.",
            "personality",
        ),
        (
            "Het moet klikken met het team.",
            "Je test wat er gebeurt na een klik op de knop.",
            "personality",
        ),
        (
            "Je bent flexibel.",
            "Je leert flexibel inspelen op wat kinderen nodig hebben.",
            "personality",
        ),
        (
            "Je solliciteert via de website.",
            "Je bouwt mee aan ons sollicitatieplatform.",
            "selection",
        ),
        (
            "Na een sollicitatiegesprek hoor je het.",
            "Het is geen sollicitatiegesprek.",
            "selection",
        ),
        ("Wij zoeken een Nederlandse jongen.", "Je schrijft Nederlandse rapportages.", "origin"),
    ],
)
def test_requirement_on_the_student_vs_description_of_the_work(
    requirement: str, description: str, ground: str
) -> None:
    assert ground in {g for g, _ in _found(requirement)}
    assert not _found(description)


def test_stemmer_does_not_confuse_words_that_lose_a_prefix() -> None:
    """The Dutch stemmer reduces "gebed" to "bed" and "gezond" to "zon"."""
    assert not _found("Je bent verplicht de kinderen op tijd naar bed te brengen.")
    assert not _found("Je moet zorgen dat de kinderen niet te lang in de zon spelen.")


def test_two_levels() -> None:
    assert _found("Nederlands is je moedertaal.") == {("language", BLOCK)}
    assert _found("Je spreekt vloeiend Nederlands.") == {("language", WARN)}
    assert not _found("Je spreekt Nederlands op niveau 2F.")
    assert _found("Je bent stressbestendig.") == {("personality", WARN)}
    assert _found("Je past in ons team.") == {("personality", BLOCK)}


def test_flag_carries_field_words_level_suggestion_and_version() -> None:
    flags = check_texts(
        {
            "learning_text": "Je werkt met jonge kinderen.",
            "presentation": "We zoeken een sociale, jonge meid met goede uitstraling.",
        }
    )
    assert {f.field for f in flags} == {"presentation"}
    by_ground = {f.ground: f for f in flags}
    assert set(by_ground) == {"age", "gender", "appearance", "personality"}
    assert by_ground["age"].words == "jonge"
    assert by_ground["gender"].words == "meid"
    assert by_ground["appearance"].words == "uitstraling"
    assert by_ground["personality"].level == WARN and by_ground["personality"].words == "sociale"
    # Blocking flags first; every flag has a suggestion and the lexicon version.
    assert [f.level for f in flags] == sorted((f.level for f in flags), key=[BLOCK, WARN].index)
    assert all(f.suggestion and f.version == VERSION for f in flags)
    assert flags[0].as_dict()["version"] == VERSION


def test_language_warning_suggests_an_objective_level() -> None:
    (flag,) = check_texts({"activities": "Goede beheersing van de Nederlandse taal."})
    assert flag.level == WARN and "2F" in flag.suggestion


def test_empty_and_missing_texts() -> None:
    # A text that is missing arrives as None: the check must take it.
    texts: dict[str, Any] = {"a": "", "b": None}  # a missing text, on purpose
    assert check_texts(texts) == []


_normal_texts = st.lists(st.sampled_from([n.text for n in NORMAL]), min_size=1, max_size=4)


@settings(max_examples=60, deadline=None)
@given(_normal_texts)
def test_normal_texts_stay_clean_when_combined(texts: list[str]) -> None:
    """Sentences are checked on their own: normal sentences together raise nothing."""
    combined = " ".join(texts)
    flags = check_texts({"presentation": combined})
    assert len(flags) <= sum(bool(check_texts({"p": t})) for t in texts)


@settings(max_examples=60, deadline=None)
@given(_normal_texts, st.sampled_from(DISCRIMINATORY), st.integers(min_value=0, max_value=4))
def test_a_discriminatory_sentence_is_found_among_normal_ones(
    texts: list[str], phrase, position: int
) -> None:
    alone = _found(phrase.text)
    sentence = phrase.text.rstrip(".!") + "."
    sentence = sentence[0].upper() + sentence[1:]
    texts.insert(min(position, len(texts)), sentence)
    flags = check_texts({"presentation": "\n".join(texts)})
    assert alone <= {(f.ground, f.level) for f in flags}
    for flag in flags:
        for words in flag.words.split(", "):
            assert words in "\n".join(texts)


def test_demo_offer_texts_raise_no_alarm() -> None:
    from demo import companies as demo

    texts = [t for key in demo.LEARNING for t in demo.LEARNING[key]] + [
        "Meedraaien in het dagelijkse werk, met een vaste praktijkopleider.",
        "Een vaste begeleider, een rustige werkplek en elke dag een kort overleg.",
    ]
    assert [t for t in texts if check_texts({"learning_text": t})] == []


def test_names_of_supervisors_raise_no_alarm() -> None:
    """Found in the demo data: "Joep de Jong, praktijkopleider" was read as "jong"."""
    from faker import Faker

    fake = Faker("nl_NL")
    fake.seed_instance(11)
    names = [fake.name() for _ in range(400)] + ["Joep de Jong", "Anne Man", "Jan de Hollander"]
    flagged = [n for n in names if check_texts({"supervision": f"{n}, praktijkopleider"})]
    assert flagged == []
    assert _found("Wij zoeken een Jonge collega.") == {("age", BLOCK)}  # a capital, no name
