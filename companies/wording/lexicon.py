"""The maintained lexicon of discriminatory and subjective wording, per ground.

Each term names a ground, a level, its word forms and the context in which it counts. The
check (`check.py`) stems every word with the Snowball Dutch stemmer, so one form covers its
inflections ("jong" also finds "jonge"); `compound` terms are also found as the last part of a
compound ("foto" in "pasfoto", "klachten" in "rugklachten").

Scopes say when a term counts:
- ANY: wherever it appears ("kinderwens", "sollicitatiegesprek").
- REQ: only in a sentence that asks something of the student: "je bent/hebt/spreekt ...",
  "wij zoeken", "moet", "bij voorkeur", "geen ...", "niet toegestaan", an imperative such as
  "stuur", or a short bullet without a subject ("Geen allochtonen.").
- PERSON: an adjective that counts when it describes the student or the team ("jonge
  stagiair", "jong team"), or stands alone in a requirement ("je bent jong"), but not when it
  describes clients, children or things ("jonge kinderen", "een gezonde lunch").
- ATTACHED: an adjective that only counts on a person ("Nederlandse jongen", not "Nederlandse
  rapportages").
- WANTED: a word for a kind of person ("meid", "man") that counts when the sentence states a
  preference ("bij voorkeur een man"), not in a description ("je begeleidt jongens en meiden").
Whatever the scope, a term that follows a client ("kinderen met een andere moedertaal") is a
description, and a `let op` term in a learning goal ("je leert flexibel ...") is not flagged.

Changing a term, a scope or a suggestion changes what companies see: raise VERSION, add a
line to the changelog below and run `python -m companies.wording.evaluate`. Published offers
are re-checked with the new version by a periodic task (`companies.tasks`).

Changelog
- 1: 13 regular expressions without levels.
- 2: ten grounds, two levels, Snowball stems and compounds, requirement vs. description,
  a suggestion per flag.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext_lazy as _


def gettext_noop(message: str) -> str:
    """Marks a suggestion for translation (makemessages finds the name) without needing
    settings, so the check runs outside Django too. Flags store the Dutch msgid."""
    return message


VERSION = 2

BLOCK = "block"
WARN = "warn"
LEVELS = {BLOCK: _("blokkeert"), WARN: _("let op")}
LEVEL_RANK = {WARN: 1, BLOCK: 2}

ANY = "any"
REQ = "req"
PERSON = "person"
ATTACHED = "attached"
WANTED = "wanted"


@dataclass(frozen=True)
class Ground:
    label: object  # lazy translation
    block: str  # default suggestion for `blokkeert` (a msgid, translated when shown)
    warn: str = ""  # default suggestion for `let op`


GROUNDS: dict[str, Ground] = {
    "age": Ground(
        _("leeftijd"),
        gettext_noop(
            "Noem geen leeftijd van de student of van het team. Schrijf 'de student' in plaats "
            "van 'jonge stagiair', en 'een team van 8 collega's' in plaats van 'een jong team'. "
            "Is er een wettelijke leeftijdsgrens, bijvoorbeeld voor nachtdiensten? Schrijf dat "
            "dan op en vraag de school om de tekst te accepteren."
        ),
    ),
    "gender": Ground(
        _("geslacht of seksuele oriëntatie"),
        gettext_noop(
            "Iedere student is welkom, jongen of meisje. Schrijf 'de student' of 'de stagiair' in "
            "plaats van 'meid', 'jongen', 'man' of 'vrouw'."
        ),
        gettext_noop(
            "Gebruik een woord dat voor iedereen geldt, zoals 'stagiair', 'pedagogisch "
            "medewerker' of 'verzorgende'."
        ),
    ),
    "appearance": Ground(
        _("uiterlijk"),
        gettext_noop(
            "Uiterlijk en uitstraling zeggen niets over wat een student kan leren. Heb je regels "
            "voor kleding of hygiëne? Schrijf die dan op voor iedereen, met de reden. "
            "Bijvoorbeeld: 'Vanwege de hygiëne draag je geen ringen.'"
        ),
    ),
    "origin": Ground(
        _("afkomst of nationaliteit"),
        gettext_noop(
            "Afkomst, nationaliteit of geboorteplaats mogen geen rol spelen. Haal dit uit de "
            "tekst. Beschrijf wat de student bij jullie doet en leert."
        ),
    ),
    "language": Ground(
        _("taal"),
        gettext_noop(
            "Moedertaal of accent mag geen eis zijn. Noem het taalniveau dat het werk echt "
            "vraagt, bijvoorbeeld: 'Nederlands op niveau 2F'."
        ),
        gettext_noop(
            "Maak de taaleis meetbaar: noem een niveau en waarvoor het nodig is. Bijvoorbeeld: "
            "'Je schrijft rapportages in het Nederlands op niveau 2F.'"
        ),
    ),
    "religion": Ground(
        _("religie of levensovertuiging"),
        gettext_noop(
            "Geloof en religieuze kleding mogen geen rol spelen. Heb je een regel voor kleding "
            "vanwege veiligheid of hygiëne? Schrijf die dan op voor iedereen, met de reden."
        ),
    ),
    "health": Ground(
        _("gezondheid of handicap"),
        gettext_noop(
            "Vraag niet naar gezondheid of een beperking. Beschrijf wat het werk vraagt, "
            "bijvoorbeeld: 'Je tilt cliënten met een tillift.' De school bespreekt met de student "
            "wat nodig is."
        ),
    ),
    "family": Ground(
        _("zwangerschap en gezin"),
        gettext_noop(
            "Zwangerschap, kinderen of gezin mogen geen rol spelen. Noem alleen de werktijden, "
            "bijvoorbeeld: 'Je werkt maandag tot en met donderdag van 8.00 tot 16.30 uur.'"
        ),
    ),
    "personality": Ground(
        _("persoonlijkheid en 'klik'"),
        gettext_noop(
            "De school koppelt studenten op wat ze willen leren, niet op 'klik'. Haal weg dat de "
            "student in het team moet passen. Beschrijf wat de student bij jullie doet."
        ),
        gettext_noop(
            "Dit is een eigenschap, geen taak. Beschrijf wat de student doet en hoe jullie "
            "helpen. Bijvoorbeeld: 'Bij de overdracht gebeurt veel tegelijk; je praktijkopleider "
            "helpt je plannen.'"
        ),
    ),
    "selection": Ground(
        _("selectie"),
        gettext_noop(
            "Er is geen sollicitatie: de school koppelt de student aan jullie. Vraag geen cv, "
            "brief of foto en houd geen selectiegesprek. Het kennismakingsgesprek is alleen om "
            "kennis te maken."
        ),
        gettext_noop(
            "In stagematching zijn er geen kandidaten: de school koppelt een student aan jullie. "
            "Schrijf 'de student'."
        ),
    ),
}


@dataclass(frozen=True)
class Term:
    ground: str
    level: str
    forms: tuple[str, ...]  # word forms; a form with spaces is a phrase
    scope: str = REQ
    stem: bool = True  # match through the stem (inflections); else the exact forms only
    compound: bool = False  # also as the last part of a compound
    exclude: frozenset[str] = field(default_factory=frozenset)  # forms with the same stem
    needs: tuple[frozenset[str], ...] = ()  # each group: one of these words in the clause
    unless: frozenset[str] = field(default_factory=frozenset)  # none of these in the clause
    negatable: bool = False  # "geen sollicitatiegesprek" describes rather than asks
    team: bool = False  # a description of the team counts too ("jong team")
    student_subject: bool = False  # only when the student is the subject ("je past in ...")
    not_before: frozenset[str] = field(default_factory=frozenset)  # "uiterlijk 1 maart"
    suggestion: str = ""  # overrides the ground's default suggestion


def _words(text: str) -> frozenset[str]:
    return frozenset(w.strip() for w in text.split("|"))


def block(ground: str, forms: str, **kwargs: Any) -> Term:
    return Term(ground, BLOCK, tuple(_words(forms)), **kwargs)


def warn(ground: str, forms: str, **kwargs: Any) -> Term:
    return Term(ground, WARN, tuple(_words(forms)), **kwargs)


QUALITY = _words(
    "goed|goede|vloeiend|vloeiende|perfect|perfecte|uitstekend|uitstekende|prima|beheersing|"
    "beheerst|beheersen|kennis|foutloos|foutloze|correct|correcte|sterk|sterke|taalvaardig|"
    "taalvaardigheid|vaardig"
)
OBJECTIVE_LEVEL = _words("niveau|1f|2f|3f|4f|a1|a2|b1|b2|c1|c2|erk")
ORIGIN_WORDS = _words(
    "nederlands|nederlandse|hollands|hollandse|westers|westerse|niet-westerse|buitenlands|"
    "buitenlandse|etnisch|etnische|culturele|autochtone|allochtone|migratie|turkse|marokkaanse|"
    "surinaamse|antilliaanse|poolse"
)
DATE_WORDS = _words(
    "maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag|januari|februari|maart|april|"
    "mei|juni|juli|augustus|september|oktober|november|december|morgen|vandaag|om|op|in|voor|"
    "eind|begin|half|een|de|het"
)
SEND = _words("stuur|stuurt|sturen|mee|meesturen|bijvoegen|voeg|toevoegen|upload|uploaden|cv")

FLEXIBLE = gettext_noop(
    "Noem de werkdagen en werktijden in plaats van 'flexibel', bijvoorbeeld: 'Je werkt op "
    "maandag, dinsdag en donderdag.'"
)
STRESS = gettext_noop(
    "Beschrijf wanneer het druk is en wie de student dan helpt, bijvoorbeeld: 'Rond de lunch is "
    "het druk; je collega verdeelt de taken.'"
)
EAGER = gettext_noop(
    "Iedere student komt om te leren. Beschrijf wat de student bij jullie doet en leert, niet hoe "
    "de student moet zijn."
)

# --- context words ------------------------------------------------------------------------------
# Who a word is about. Matched on the word or as the last part of a compound ("scrumteam").
STUDENT_NOUNS = _words(
    "stagiair|stagiairs|stagiaire|stagiaires|student|studenten|studente|kandidaat|kandidaten|"
    "collega|collega's|medewerker|medewerkers|iemand|persoon|aanwinst|kracht|talent|teamlid|teamleden|teamspeler|"
    "teamplayer|verzorgster|leidster|jij|naam|achternaam|type"
)
TEAM_NOUNS = _words("team|teams|ploeg")
PERSON_NOUNS = _words(
    "man|mannen|vrouw|vrouwen|jongen|jongens|meid|meiden|meisje|meisjes|dame|dames|heer|heren"
)
CLIENT_NOUNS = _words(
    "kind|kinderen|kindje|kindjes|peuter|peuters|dreumes|dreumesen|baby|baby's|kleuter|"
    "kleuters|cliënt|cliënten|client|clienten|bewoner|bewoners|oudere|ouderen|klant|klanten|"
    "patiënt|patiënten|patient|inwoner|inwoners|gebruiker|gebruikers|mensen|ouders|jongeren|"
    "leerling|leerlingen|deelnemer|deelnemers|gast|gasten|zorgvrager|zorgvragers|doelgroep|"
    "burgers"
)
THING_NOUNS = _words(
    "bedrijf|organisatie|locatie|gebouw|kantoor|werkplek|omgeving|sfeer|rooster|werktijden|"
    "app|website|software|product|project|code|systeem|lunch|media|rapportage|rapportages|"
    "taak|taken|werk|dienst|diensten|huisstijl|cultuur|uitstraling|houding|instelling|"
    "groep|afdeling|woorden|voeding|tuin"
)
# Words that make a sentence ask something of the student.
CUE_WORDS = _words(
    "must|vereist|vereiste|verplichte|gewenst|gewenste|pré|pre|"
    "voorkeur|liefst|liefste|liever|alleen|uitsluitend|belangrijk|belangrijke|verwacht|"
    "verwachten|voorwaarde|eis|eisen|noodzakelijk|zoeken|zoekt|zoek|gezocht|gevraagd|geen|"
    "niet|nooit|zonder|toegestaan|aanmerking|terecht|handig|ideaal|pluspunt|geschikt"
)
# The cues that state who is wanted (for WANTED words such as "man" or "meid").
PREFERENCE_CUES = _words(
    "voorkeur|liefst|liefste|liever|alleen|uitsluitend|zoeken|zoekt|zoek|gezocht|gevraagd|"
    "pré|pre|geschikt|ideaal|aanmerking|terecht"
)
# "moet" asks something of the student only with a verb of being or having ("je moet
# flexibel zijn"), not with a task ("je moet klachten doorgeven").
MUST = _words("moet|moeten|verplicht")
STATE_VERBS = _words(
    "zijn|hebben|bezitten|beschikken|spreken|beheersen|passen|dragen|voldoen|ben|bent|hebt|heb"
)
# "je bent", "heb je": a verb that, next to "je", states what the student is or has.
SUBJECT_VERBS = _words(
    "ben|bent|heb|hebt|beschikt|beschik|bezit|spreekt|spreek|beheerst|beheers|draagt|draag|"
    "ziet|zie|woont|woon"
)
# A sentence that starts with one of these asks the reader to do something.
IMPERATIVES = _words("stuur|vermeld|voeg|mail|reageer|solliciteer|upload|lever")
# "stage voor een vrouw": the work is described as meant for a kind of person.
FOR_WHOM = _words("stage|stageplek|stageplaats|plek|baan|functie|vacature")
# Sentences with a pronoun subject are full sentences; short ones without are bullets.
SUBJECT_WORDS = _words(
    "je|jij|jou|jouw|we|wij|ons|onze|ik|u|hij|zij|ze|men|er|dit|dat|die|deze|wie"
)
# A short clause with one of these verbs is a sentence, not a bullet.
FINITE_VERBS = _words(
    "is|zijn|ben|bent|heeft|hebben|hebt|heb|wordt|worden|kan|kunnen|kun|kunt|mag|mogen|"
    "moet|moeten|gaat|gaan|komt|komen|doet|doen|krijgt|krijgen|werkt|werken|helpt|helpen|"
    "staat|staan|blijft|blijven|zit|zitten|wil|willen|zal|zullen|maakt|maken"
)
LEARNING = _words("leer|leert|leren|oefen|oefent|oefenen|ontwikkel|ontwikkelt")
# A question that offers help ("Heb je extra ondersteuning nodig?") describes support.
SUPPORT = _words("nodig|ondersteuning|hulp|begeleiding|aanpassing|aanpassingen|welkom")
NEGATIONS = _words("geen|niet|nooit")
PREPOSITIONS = _words("met|voor|bij|aan|van|door|over|tussen|in|op|naar|uit|om")
# Names: "de Jong", "van der Man" are people, not requirements. Words of these grounds keep
# their capital in Dutch (Nederlandse, Engels, Islam) and are never taken for a name.
NAME_PARTICLES = _words("de|van|der|den|ter|ten|te|het|in|'t|d'")
CAPITALISED_GROUNDS = frozenset({"origin", "language", "religion"})
CONJUNCTIONS = _words("want|zodat|omdat|maar|terwijl")
