"""Short, human reasons for each criterion, in Dutch and English.

The engine emits a reason key with parameters; `render` turns it into a sentence, so the
web app (and a student) can see why a pair scored as it did.
"""

from __future__ import annotations

from typing import Any

MODE = {
    "nl": {
        "bike": "met de fiets",
        "public_transport": "met het ov",
        "car": "met de auto",
        "scooter": "met de scooter",
        "walk": "lopend",
    },
    "en": {
        "bike": "by bike",
        "public_transport": "by public transport",
        "car": "by car",
        "scooter": "by scooter",
        "walk": "on foot",
    },
}

REASONS: dict[str, dict[str, str]] = {
    "wp_covered": {
        "nl": "{covered} van je {wished} gekozen werkprocessen",
        "en": "{covered} of your {wished} chosen work processes",
    },
    "wp_none_wished": {
        "nl": "je hebt geen werkprocessen gekozen",
        "en": "you chose no work processes",
    },
    "text_similarity": {
        "nl": "je leerwens lijkt voor {pct}% op wat je hier leert",
        "en": "your learning wish is {pct}% similar to what you learn here",
    },
    "org_preferred": {
        "nl": "type organisatie dat je zocht",
        "en": "a type of organisation you asked for",
    },
    "org_other": {
        "nl": "ander type organisatie dan je zocht",
        "en": "another type of organisation than you asked for",
    },
    "org_no_preference": {
        "nl": "geen voorkeur voor type organisatie",
        "en": "no preferred type of organisation",
    },
    "travel_minutes": {
        "nl": "ca. {minutes} min {mode} (schatting)",
        "en": "about {minutes} min {mode} (estimate)",
    },
    "travel_extra_place": {
        "nl": "in een plaats die je zelf bereikbaar noemde (ca. {minutes} min {mode}, schatting)",
        "en": "in a place you said you can reach (about {minutes} min {mode}, estimate)",
    },
    "electives_match": {
        "nl": "{covered} van je {total} keuzedelen passen hier",
        "en": "{covered} of your {total} electives fit here",
    },
    "electives_none": {
        "nl": "geen keuzedelen opgegeven",
        "en": "no electives given",
    },
    # Why a student could not be placed.
    "unplaced_no_eligible": {
        "nl": "geen passend erkend leerbedrijf: meestal uitgesloten door '{rule}'",
        "en": "no suitable recognised company: mostly excluded by '{rule}'",
    },
    "unplaced_all_full": {
        "nl": "alle {n} passende plaatsen zijn al bezet",
        "en": "all {n} suitable places are taken",
    },
}

RULES = {
    "nl": {
        "crebo": "geen aanbod voor je opleiding",
        "reachable": "niet bereikbaar binnen je reistijd",
        "period": "periode past niet",
        "hours": "uren per week passen niet",
        "days": "werkdagen passen niet bij de dagen dat je kunt",
        "access": "niet toegankelijk zoals nodig",
        "supervision": "geen extra begeleiding mogelijk",
        "capacity": "geen plaatsen",
    },
    "en": {
        "crebo": "no offer for your programme",
        "reachable": "not reachable within your travel time",
        "period": "period does not fit",
        "hours": "hours per week do not fit",
        "days": "working days do not fit the days you can work",
        "access": "not accessible as needed",
        "supervision": "no extra supervision possible",
        "capacity": "no places",
    },
}


def travel_mode(mode: str, language: str = "nl") -> str:
    """How a student travels, as a phrase ("met de fiets")."""
    return MODE[language][mode]


def render(key: str, params: dict[str, Any], language: str = "nl") -> str:
    lang = language if language in ("nl", "en") else "nl"
    values = dict(params)
    if "mode" in values:
        values["mode"] = MODE[lang].get(str(values["mode"]), str(values["mode"]))
    if "rule" in values:
        values["rule"] = RULES[lang].get(str(values["rule"]), str(values["rule"]))
    return REASONS[key][lang].format(**values)
