"""An explanation a student of 16 can read: what fits ("Wat past") and what fits less ("Wat
minder past"), in plain words, without percentages, and without a criterion the student gave
nothing for (no "0 of your 0 electives").

It reads the stored criteria of a pair (the dicts of `ScoredPair.as_dict()["criteria"]`), so
a page can explain a match long after its run without the engine's tables.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .reasons import travel_mode

# A wish that was met this far or more counts as fitting (text similarity only).
SIMILAR = 0.5
# Closer than this reads as "vlak bij huis" instead of an estimate of 0 or 3 minutes.
NEAR_MINUTES = 5

TEXTS: dict[str, dict[str, str]] = {
    "wp_all": {
        "nl": "Je kunt hier alle {wished} werkprocessen doen die je koos.",
        "en": "You can do all {wished} work processes you chose here.",
    },
    "wp_one": {
        "nl": "Je kunt hier het werkproces doen dat je koos.",
        "en": "You can do the work process you chose here.",
    },
    "wp_both": {
        "nl": "Je kunt hier beide werkprocessen doen die je koos.",
        "en": "You can do both work processes you chose here.",
    },
    "wp_some": {
        "nl": "Je kunt hier {covered} van de {wished} werkprocessen doen die je koos.",
        "en": "You can do {covered} of the {wished} work processes you chose here.",
    },
    "wp_missing": {
        "nl": "{missing} van de werkprocessen die je koos, kun je hier niet doen.",
        "en": "{missing} of the work processes you chose cannot be done here.",
    },
    "wp_none": {
        "nl": "De werkprocessen die je koos, kun je hier niet doen.",
        "en": "The work processes you chose cannot be done here.",
    },
    "text_close": {
        "nl": "Wat je hier leert, lijkt op wat je in je leerwens schreef.",
        "en": "What you learn here is close to what you wrote in your learning wish.",
    },
    "text_far": {
        "nl": "Wat je hier leert, lijkt minder op wat je in je leerwens schreef.",
        "en": "What you learn here is less like what you wrote in your learning wish.",
    },
    "org_preferred": {
        "nl": "Het is het soort organisatie dat je zocht.",
        "en": "It is the kind of organisation you were looking for.",
    },
    "org_other": {
        "nl": "Het is een ander soort organisatie dan je zocht.",
        "en": "It is another kind of organisation than you were looking for.",
    },
    "travel": {
        "nl": "Je reist er ongeveer {minutes} minuten heen, {mode} (een schatting).",
        "en": "It takes you about {minutes} minutes to get there, {mode} (an estimate).",
    },
    "travel_near": {
        "nl": "Het is vlak bij huis: minder dan {minutes} minuten {mode} (een schatting).",
        "en": "It is close to home: less than {minutes} minutes {mode} (an estimate).",
    },
    "travel_extra_place": {
        "nl": "Het ligt in een plaats waarvan je zei dat je er kunt komen "
        "(ongeveer {minutes} minuten {mode}).",
        "en": "It is in a place you said you can reach (about {minutes} minutes {mode}).",
    },
    "electives_all": {
        "nl": "Je kunt hier je keuzedelen doen.",
        "en": "You can do your electives here.",
    },
    "electives_some": {
        "nl": "Je kunt hier {covered} van je {total} keuzedelen doen.",
        "en": "You can do {covered} of your {total} electives here.",
    },
    "electives_none": {
        "nl": "Je keuzedelen kun je hier niet doen.",
        "en": "You cannot do your electives here.",
    },
}


@dataclass
class Plain:
    fits: list[str] = field(default_factory=list)
    less: list[str] = field(default_factory=list)


def plain(criteria: Iterable[Mapping[str, Any]], language: str = "nl") -> Plain:
    """What fits and what fits less, criterion by criterion, in `language` ("nl" or "en")."""
    lang = language if language in ("nl", "en") else "nl"
    out = Plain()
    for c in criteria:
        for fits, key, params in _lines(c, lang):
            text = TEXTS[key][lang].format(**params)
            (out.fits if fits else out.less).append(text)
    return out


def _lines(c: Mapping[str, Any], lang: str) -> list[tuple[bool, str, dict[str, Any]]]:
    """(fits?, text key, parameters) for one stored criterion; [] when the student gave
    nothing for it or the round does not count it."""
    reason, p = str(c.get("reason", "")), dict(c.get("params") or {})
    if reason == "wp_covered":
        covered, wished = int(p["covered"]), int(p["wished"])
        if covered == 0:
            return [(False, "wp_none", {})]
        if covered == wished:
            key = {1: "wp_one", 2: "wp_both"}.get(wished, "wp_all")
            return [(True, key, {"wished": wished})]
        return [
            (True, "wp_some", {"covered": covered, "wished": wished}),
            (False, "wp_missing", {"missing": wished - covered}),
        ]
    if reason == "text_similarity":
        if float(c.get("weight", 0)) <= 0:
            return []  # the round does not count the wording (the default)
        close = float(p["pct"]) >= 100 * SIMILAR
        return [(True, "text_close", {})] if close else [(False, "text_far", {})]
    if reason in ("org_preferred", "org_other"):
        return [(reason == "org_preferred", reason, {})]
    if reason in ("travel_minutes", "travel_extra_place"):
        minutes = int(p["minutes"])
        key = "travel" if reason == "travel_minutes" else "travel_extra_place"
        if key == "travel" and minutes < NEAR_MINUTES:  # not "0 minuten"
            key, minutes = "travel_near", NEAR_MINUTES
        return [(True, key, {"minutes": minutes, "mode": travel_mode(str(p["mode"]), lang)})]
    if reason == "electives_match":
        covered, total = int(p["covered"]), int(p["total"])
        if covered == 0:
            return [(False, "electives_none", {})]
        if covered == total:
            return [(True, "electives_all", {})]
        return [(True, "electives_some", {"covered": covered, "total": total})]
    return []  # wp_none_wished, org_no_preference, electives_none: the student gave nothing


# Why a student has no place yet, as a sentence a student can read (the reviewers' short
# reasons are in reasons.py): by the rule that excluded most companies, or all places full.
UNPLACED: dict[str, dict[str, str]] = {
    "crebo": {
        "nl": "Er is nog geen leerbedrijf met een stageplek voor jouw opleiding.",
        "en": "There is no company with a placement for your programme yet.",
    },
    "reachable": {
        "nl": "Er is geen leerbedrijf voor jouw opleiding dat je binnen je reistijd kunt bereiken.",
        "en": "There is no company for your programme that you can reach within your travel time.",
    },
    "period": {
        "nl": "Er is geen leerbedrijf met een stage in de periode dat jij kunt.",
        "en": "There is no company with a placement in the period you are available.",
    },
    "hours": {
        "nl": "Er is geen leerbedrijf met een stage van het aantal uren per week dat jij kunt.",
        "en": "There is no company with a placement of the hours per week you can do.",
    },
    "days": {
        "nl": "Er is geen leerbedrijf dat werkt op de dagen dat jij kunt.",
        "en": "There is no company that works on the days you can.",
    },
    "access": {
        "nl": "Er is geen passend leerbedrijf met een werkplek zonder trappen of drempels.",
        "en": "There is no suitable company with a workplace without stairs or steps.",
    },
    "supervision": {
        "nl": "Geen passend leerbedrijf kan de extra begeleiding geven die je nodig hebt.",
        "en": "There is no suitable company that can give the extra supervision you need.",
    },
    "capacity": {
        "nl": "Alle stageplekken die bij je passen, zijn al bezet.",
        "en": "All placements that fit you are already taken.",
    },
    "full_one": {
        "nl": "De enige stageplek die bij je past, is al bezet.",
        "en": "The only placement that fits you is already taken.",
    },
    "full": {
        "nl": "De {n} stageplekken die bij je passen, zijn al bezet.",
        "en": "The {n} placements that fit you are already taken.",
    },
}


def unplaced(reason: Mapping[str, Any], language: str = "nl") -> str:
    """Why a student was not placed, in one sentence ("" when the reason is unknown)."""
    lang = language if language in ("nl", "en") else "nl"
    key, p = str(reason.get("reason", "")), dict(reason.get("params") or {})
    if key == "unplaced_no_eligible":
        return UNPLACED.get(str(p.get("rule", "crebo")), UNPLACED["crebo"])[lang]
    if key == "unplaced_all_full":
        n = int(p.get("n", 0))
        if n <= 1:
            return UNPLACED["full_one" if n == 1 else "capacity"][lang]
        return UNPLACED["full"][lang].format(n=n)
    return ""
