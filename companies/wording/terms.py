"""The terms of the lexicon (see `lexicon.py` for their grounds, levels and scopes).

Changing a term, a scope or a suggestion changes what companies see: raise `lexicon.VERSION`.
"""

from __future__ import annotations

from .lexicon import (
    ANY,
    ATTACHED,
    DATE_WORDS,
    EAGER,
    FLEXIBLE,
    OBJECTIVE_LEVEL,
    ORIGIN_WORDS,
    PERSON,
    QUALITY,
    SEND,
    STRESS,
    WANTED,
    Term,
    _words,
    block,
    warn,
)

TERMS: tuple[Term, ...] = (
    # --- age ---------------------------------------------------------------------------------
    block(
        "age",
        "jong|jonger",
        scope=PERSON,
        team=True,
        exclude=_words("jongen|jongens|jongeren|jongetje|jongetjes"),
    ),
    block("age", "leeftijd|leeftijden"),
    block("age", "leeftijdsgrens|maximumleeftijd|minimumleeftijd|leeftijdseis", scope=ANY),
    block("age", "geboortedatum|geboortejaar|geboortedata"),
    block("age", "twintiger|dertiger|tiener|twen|schoolverlater"),
    block(
        "age",
        "twintig|dertig|veertig",
        needs=(_words("begin|eind|midden|rond|onder|boven|maximaal|max"),),
    ),
    # --- gender ------------------------------------------------------------------------------
    block("gender", "vrouwelijk|mannelijk", scope=PERSON, team=True),
    block(
        "gender",
        "man|mannen|vrouw|vrouwen|jongen|jongens|meid|meiden|meisje|meisjes|dame|dames|heer|heren|"
        "jongedame|jongeman",
        scope=WANTED,
        stem=False,
    ),
    block(
        "gender",
        "geslacht|sekse|gender|hetero|heteroseksueel|homo|homoseksueel|lesbisch|biseksueel|"
        "transgender|seksuele voorkeur|seksuele geaardheid|seksuele oriëntatie",
    ),
    warn(
        "gender",
        "stagiaire|stagiaires|leidster|leidsters|verzorgster|verzorgsters|gastvrouw|gastvrouwen",
        scope=ANY,
        stem=False,
        compound=True,
    ),
    # --- appearance --------------------------------------------------------------------------
    # "uiterlijk 1 maart" and "uiterlijk vrijdag" mean "at the latest".
    block("appearance", "uiterlijk", not_before=DATE_WORDS),
    block("appearance", "uitstraling|verschijning|postuur|lichaamsbouw"),
    block(
        "appearance",
        "figuur",
        needs=(_words("slank|slanke|sportief|sportieve|mooi|mooie|goed|goede|strak"),),
    ),
    block("appearance", "representatief|slank|knap|aantrekkelijk|presentabel", scope=PERSON),
    block("appearance", "verzorgd|verzorgde", stem=False),
    block(
        "appearance",
        "uitziet|eruitziet|uitzien|eruitzien",
        stem=False,
        needs=(_words("netjes|verzorgd|goed|representatief|leuk|knap|verzorgd"),),
    ),
    block("appearance", "tatoeage|tattoo|piercing", compound=True),
    # --- origin and nationality -------------------------------------------------------------
    block(
        "origin", "afkomst|komaf|nationaliteit|herkomst|etniciteit|huidskleur|migratieachtergrond"
    ),
    block("origin", "autochtoon|allochtoon|autochtone|allochtone|allochtonen"),
    block("origin", "achtergrond", needs=(ORIGIN_WORDS,)),
    block("origin", "geboren", needs=(_words("nederland|getogen"),)),
    block("origin", "afkomstig|nederlander|hollander"),
    block("origin", "komt uit nederland|kom uit nederland", scope=ANY),
    block(
        "origin",
        "nederlandse|hollandse|westerse|autochtone|buitenlandse|blanke|witte",
        scope=ATTACHED,
        stem=False,
        team=True,
    ),
    block("origin", "roots", needs=(ORIGIN_WORDS,)),
    # --- language -----------------------------------------------------------------------------
    block("language", "moedertaal|accentloos|accentloze|native speaker|near native", scope=ANY),
    block("language", "accent|abn|algemeen beschaafd|dialect"),
    warn(
        "language",
        "nederlands|engels|duits|frans|nederlandse taal|engelse taal",
        scope=ANY,
        stem=False,
        needs=(QUALITY,),
        unless=OBJECTIVE_LEVEL,
    ),
    warn("language", "nederlandstalig|nederlandstalige", scope=PERSON, stem=False),
    # --- religion -----------------------------------------------------------------------------
    block("religion", "hoofddoek|keppel|keppeltje|tulband|sluier|boerka|niqaab", compound=True),
    block(
        "religion",
        "geloof|gelovig|religie|religieus|godsdienst|levensovertuiging|christelijk|christen|"
        "islamitisch|islam|moslim|moslima|katholiek|protestants|reformatorisch|joods|hindoe|"
        "gebed|bidden",
        unless=_words("respect|respecteer|respecteert|respecteren|ieders|iedereen"),
    ),
    # "vasten" stems to "vast" (as in "een vaste begeleider"): exact forms only.
    block("religion", "vasten|ramadan", stem=False),
    block(
        "religion",
        "identiteit",
        needs=(
            _words(
                "christelijk|christelijke|katholieke|protestantse|islamitische|onderschrijft|onderschrijven|levensbeschouwelijke"
            ),
        ),
    ),
    # --- health and disability ------------------------------------------------------------------
    block("health", "gezond|fit", scope=PERSON, compound=True),
    # "gezondheid" stems like "gezonde": exact, so "een gezonde lunch" stays an adjective.
    block("health", "gezondheid", stem=False),
    block(
        "health",
        "beperking|handicap|gehandicapt|ziekteverzuim|chronisch|dyslexie|dyscalculie|adhd|"
        "add|autisme|psychisch|burn-out|allergie|conditie",
    ),
    # Calling in sick is a work rule, not a requirement: "je meldt je af als je ziek bent".
    block(
        "health",
        "ziek|ziekte",
        unless=_words("als je ziek|bij ziekte|afmelden|afmeldt|ziek meldt|ziekmelden|ziekmelding"),
    ),
    block("health", "klachten|klacht", compound=True, needs=(_words("geen|zonder|rug|hebt|heb"),)),
    block("health", "rug", needs=(_words("sterke|sterk|gezonde|goede"),)),
    # --- pregnancy, family and marital status -----------------------------------------------------
    block(
        "family",
        "zwanger|zwangerschap|zwangerschapsverlof|zorgtaken|zorgtaak|mantelzorg|"
        "ongebonden|alleenstaand|ongehuwd|gehuwd|getrouwd|burgerlijke staat|gezinssituatie|"
        "thuissituatie",
    ),
    block("family", "moeder|moeders|vader|vaders", scope=WANTED, stem=False),
    block("family", "kinderwens", scope=ANY),
    block("family", "kinderen|kind", needs=(_words("thuis|eigen kinderen|hebt geen|heb geen"),)),
    # --- personality and "klik" ------------------------------------------------------------------
    block(
        "personality",
        "klik|klikken|klikt",
        scope=ANY,
        needs=(_words("met|tussen|wel|goede|gevoel|moet|ons"),),
        unless=_words("op|knop|muis|link|scherm|toets|dubbelklik|aan"),
    ),
    block(
        "personality",
        "past|passen|passend",
        scope=ANY,
        stem=False,
        needs=(_words("ons|team|teamcultuur|groep|cultuur|bedrijfscultuur|sfeer|best|beste"),),
        unless=_words("aan|toe|toepassen"),
        student_subject=True,
    ),
    block("personality", "teamfit", scope=ANY),
    block("personality", "chemie", scope=ANY, needs=(_words("team|ons|jou|tussen"),)),
    warn("personality", "flexibel", scope=PERSON, suggestion=FLEXIBLE),
    warn("personality", "stressbestendig|stressbestendigheid", scope=PERSON, suggestion=STRESS),
    warn(
        "personality", "enthousiast|leergierig|gemotiveerd|gedreven", scope=PERSON, suggestion=EAGER
    ),
    warn(
        "personality",
        "proactief|sociaal|communicatief|spontaan|gezellig|positief|dynamisch|energiek|"
        "ondernemend|vrolijk|ambitieus|zelfstandig|zorgzaam|geduldig|empathisch|creatief|"
        "nieuwsgierig|assertief|doortastend|stevig|klantvriendelijk|collegiaal|extravert|"
        "loyaal|optimistisch",
        scope=PERSON,
    ),
    warn(
        "personality",
        "teamplayer|teamspeler|aanpakker|doorzetter|doorzettingsvermogen|humor|pit|"
        "inlevingsvermogen|enthousiasme|spontaniteit|hands-on|can-do",
    ),
    warn(
        "personality",
        "instelling|houding|mentaliteit|mindset",
        needs=(_words("positieve|proactieve|juiste|goede|flexibele|open|can-do|sterke"),),
    ),
    # --- selection procedures -------------------------------------------------------------------
    block(
        "selection",
        "sollicitatiegesprek|sollicitatiebrief|sollicitatieprocedure|sollicitatie|sollicitaties|"
        "solliciteer|solliciteert|solliciteren|gesolliciteerd|motivatiebrief|cv|curriculum vitae|"
        "selectiegesprek|selectieprocedure|klikgesprek|proefdag|pasfoto",
        scope=ANY,
        compound=True,
        negatable=True,
    ),
    block(
        "selection", "selectie|assessment", needs=(_words("volgt|procedure|ronde|sollicitatie"),)
    ),
    block("selection", "referenties", needs=(SEND,)),
    block(
        "selection",
        "brief",
        needs=(_words("reageer|cv|motivatie|waarom je|waarom jij|sollicitatie|aanmelding"),),
    ),
    # A photo of the student with the application, not photos the student takes at work.
    block(
        "selection",
        "foto",
        scope=ANY,
        compound=True,
        needs=(
            _words(
                "mee|meesturen|bijvoegen|cv|aanmelding|reactie|sollicitatie|inschrijving|"
                "jezelf|recente|pasfoto"
            ),
        ),
    ),
    block(
        "selection",
        "motivatie",
        scope=ANY,
        needs=(_words("a4|brief|sturen|stuur|mail|schrijf|vragen|vraag"),),
    ),
    block(
        "selection",
        "kandidaat|kandidaten",
        scope=ANY,
        needs=(_words("beste|geschikte|geschikt|uitnodigen|nodigen|selecteren|kiezen|gesprek"),),
    ),
    warn("selection", "kandidaat|kandidaten"),
    block("selection", "gesprek", needs=(_words("uitnodigen|nodigen"),)),
    block(
        "selection",
        "beslissen|beslis|beslist|besluiten|besluit|kiezen|kies|kiest|selecteren|selecteert",
        scope=ANY,
        stem=False,
        needs=(
            _words(
                "of je|welke student|welke stagiair|welke kandidaat|wie het best|wie het beste|"
                "de beste|wie er"
            ),
            _words("we|wij"),
        ),
    ),
)
