"""The kinds of learning company that train the students of each demo programme (used by
`demo.companies` and the large school)."""

from __future__ import annotations

from dataclasses import dataclass

from companies.models import SizeClass


@dataclass(frozen=True)
class Kind:
    """A kind of learning company that trains students of one demo programme: its organisation
    type, how such places are called (invented names: a prefix and a name, or a family name),
    what a student learns and does there, the work processes (codes of the programme's
    qualification file) it always offers, the keuzedelen a student can do there, and its size."""

    type: str
    prefixes: tuple[str, ...]
    names: tuple[str, ...]
    learning: tuple[str, ...]
    activities: str
    presentation: str
    work_processes: tuple[str, ...]
    electives: tuple[str, ...]
    sizes: tuple[SizeClass, ...]
    family_names: tuple[str, ...] = ()  # "{}" patterns filled with a family name
    weight: int = 1  # how often this kind occurs among the programme's companies


_TREES = (
    "De Linde",
    "De Eik",
    "De Wilg",
    "De Esdoorn",
    "De Kastanje",
    "De Beuk",
    "De Hazelaar",
    "De Vlier",
    "De Lijsterbes",
    "De Notenboom",
)
_PLACES = (
    "Het Hofje",
    "De Weide",
    "De Brink",
    "Het Dijkhuis",
    "De Waalhof",
    "De Meander",
    "De Wingerd",
    "Het Veerhuis",
    "De Dorpsakker",
    "De Kloostertuin",
    "Het Weverhof",
    "De Zonnebloem",
    "De Molenhof",
    "Het Ooievaarsnest",
)
_PLAY = (
    "De Boomhut",
    "Het Vlindertje",
    "De Kikkerpoel",
    "Het Zonnehoekje",
    "De Speelwei",
    "De Rupsjes",
    "Het Egeltje",
    "De Zandbak",
    "Het Klimrek",
    "De Vlieger",
    "Het Kabouterhuis",
    "De Glijbaan",
    "Het Muizenhol",
    "De Schommel",
    "Het Slakkenhuis",
    "De Molenwiek",
)
KINDS: dict[str, tuple[Kind, ...]] = {
    "sd": (
        Kind(
            type="softwarebureau",
            weight=4,
            prefixes=(),
            names=(),
            family_names=("{} Software", "{} Softwareontwikkeling", "{} & Partners Software"),
            learning=(
                "Je bouwt mee aan webapplicaties voor klanten en leert testen en code "
                "reviewen in een scrumteam.",
                "Je werkt aan onze mobiele app en presenteert je werk in de sprint review.",
                "Je ontwerpt en programmeert koppelingen tussen systemen en databases.",
            ),
            activities="Meebouwen aan klantprojecten in een team van vijf ontwikkelaars, met "
            "elke ochtend een korte stand-up.",
            presentation="Wij maken websites en apps voor bedrijven in de regio. Je werkt in "
            "een vast team en krijgt een eigen mentor.",
            work_processes=("B1-K1-W2", "B1-K1-W3", "B1-K2-W2"),
            electives=("K0080", "K0911"),
            sizes=(SizeClass.MICRO, SizeClass.SMALL),
        ),
        Kind(
            type="ict-bedrijf",
            weight=3,
            prefixes=(),
            names=(),
            family_names=("{} ICT", "{} Automatisering", "{} IT-diensten"),
            learning=(
                "Je leert software testen, fouten vinden en verbetervoorstellen doen.",
                "Je bouwt koppelingen en dashboards voor de systemen van onze klanten.",
                "Je programmeert sensoren en apps voor slimme gebouwen.",
            ),
            activities="Meewerken aan software voor klanten en aan onze eigen tools, met een "
            "vaste praktijkopleider.",
            presentation="Wij beheren en bouwen software voor mkb-bedrijven. Je werkt mee aan "
            "echte opdrachten van klanten.",
            work_processes=("B1-K1-W3", "B1-K1-W4", "B1-K1-W5"),
            electives=("K0911", "K1014"),
            sizes=(SizeClass.SMALL, SizeClass.MEDIUM),
        ),
        Kind(
            type="gemeente",
            prefixes=("ICT-dienst", "Werkorganisatie"),
            names=("Waal en Maas", "Rijk van de Waal", "Land van Maas en Waal", "Ooijpolder"),
            learning=(
                "Je bouwt mee aan online formulieren waarmee inwoners zaken regelen.",
                "Je test nieuwe software voordat collega's en inwoners ermee werken.",
            ),
            activities="Meewerken in het team digitale dienstverlening, met een vaste "
            "praktijkopleider.",
            presentation="Wij maken de online diensten voor de inwoners van drie gemeenten. "
            "Je werkt in een team van ontwikkelaars en testers.",
            work_processes=("B1-K1-W1", "B1-K1-W4", "B1-K2-W1"),
            electives=("K0911",),
            sizes=(SizeClass.MEDIUM, SizeClass.LARGE),
        ),
    ),
    "vig": (
        Kind(
            type="zorginstelling",
            weight=3,
            prefixes=("Woonzorgcentrum", "Zorgcentrum", "Verpleeghuis"),
            names=_TREES + _PLACES,
            learning=(
                "Je verleent zorg aan ouderen met dementie op een kleinschalige woongroep.",
                "Je stelt samen met de cliënt het zorgplan op en voert het uit.",
                "Je leert werken in een team op een afdeling voor revalidatie.",
            ),
            activities="Meewerken op een woongroep: persoonlijke verzorging, medicatie en "
            "activiteiten met de bewoners.",
            presentation="Wij bieden zorg en een thuis aan ouderen. Je werkt op een vaste "
            "afdeling met een vaste werkbegeleider.",
            work_processes=("B1-K1-W1", "B1-K1-W2", "B1-K1-W3", "B1-K2-W1"),
            electives=("K0237",),
            sizes=(SizeClass.MEDIUM, SizeClass.LARGE),
        ),
        Kind(
            type="thuiszorg",
            weight=2,
            prefixes=("Wijkzorg", "Thuiszorg"),
            names=(
                "De Ooij",
                "Dukenburg",
                "Lindenholt",
                "Waalboog",
                "Heumensoord",
                "Hatert",
                "Bottendaal",
            ),
            learning=(
                "Je werkt in de wijk bij cliënten thuis en voert verpleegtechnische "
                "handelingen uit.",
                "Je helpt cliënten thuis en geeft hun familie uitleg en advies.",
            ),
            activities="Met een vaste collega langs bij cliënten thuis: verzorging, wondzorg "
            "en overleg met de huisarts.",
            presentation="Ons wijkteam helpt mensen om zo lang mogelijk thuis te wonen. Je "
            "gaat eerst met een collega mee en werkt later zelfstandiger.",
            work_processes=("B1-K1-W4", "B1-K1-W6", "B1-K2-W1"),
            electives=("K0069",),
            sizes=(SizeClass.SMALL, SizeClass.MEDIUM),
        ),
        Kind(
            type="ziekenhuis",
            prefixes=("Streekziekenhuis", "Ziekenhuis"),
            names=("Waalkade", "Ooijmeer", "Lingehof", "Heumenhof"),
            learning=(
                "Je leert werken in een team op een verpleegafdeling van het ziekenhuis.",
                "Je voert verpleegtechnische handelingen uit en leert reageren op "
                "onverwachte situaties.",
            ),
            activities="Meewerken op een verpleegafdeling in vaste diensten, samen met "
            "verpleegkundigen.",
            presentation="Wij zijn een ziekenhuis voor de regio. Op je afdeling heb je een "
            "vaste werkbegeleider en een leerplan.",
            work_processes=("B1-K1-W4", "B1-K1-W5", "B1-K2-W2"),
            electives=("K0069",),
            sizes=(SizeClass.LARGE,),
        ),
    ),
    "pmk": (
        Kind(
            type="kinderopvang",
            weight=3,
            prefixes=("Kinderdagverblijf", "Kinderopvang"),
            names=_PLAY,
            learning=(
                "Je verzorgt baby's en werkt nauw samen met ouders.",
                "Je begeleidt peuters en bedenkt activiteiten die hun ontwikkeling stimuleren.",
            ),
            activities="Meewerken op een groep met baby's of peuters: spelen, eten, "
            "verzorgen en het overdragen aan ouders.",
            presentation="Wij zijn een kinderdagverblijf met vier groepen voor kinderen van "
            "0 tot 4 jaar. Je werkt op een vaste groep.",
            work_processes=("B1-K1-W1", "B1-K1-W2", "B1-K2-W1"),
            electives=("K0527",),
            sizes=(SizeClass.MICRO, SizeClass.SMALL),
        ),
        Kind(
            type="bso",
            weight=2,
            prefixes=("BSO",),
            names=("De Uitvinders", "Het Avontuur", "De Ontdekking", "Buitenpret", "De Hut"),
            learning=(
                "Je werkt op de buitenschoolse opvang met kinderen van 4 tot 12 jaar.",
                "Je bedenkt sport- en buitenactiviteiten voor kinderen na school.",
            ),
            activities="Meewerken op de bso na schooltijd en in de vakanties: spel, sport en "
            "uitstapjes.",
            presentation="Na school komen hier kinderen van 4 tot 12 jaar. Je werkt met een "
            "vaste collega en doet mee aan alle activiteiten.",
            work_processes=("B1-K1-W3", "B1-K1-W4", "B1-K2-W2"),
            electives=("K0680",),
            sizes=(SizeClass.MICRO, SizeClass.SMALL),
        ),
        Kind(
            type="onderwijs",
            prefixes=("Kindcentrum",),
            names=("De Regenboog", "Het Palet", "De Horizon", "Het Kompas", "De Wereldboom"),
            learning=(
                "Je volgt de ontwikkeling van kinderen en bespreekt die met collega's.",
                "Je werkt in de peuteropvang van een kindcentrum, samen met de school.",
            ),
            activities="Meewerken in de peuteropvang van het kindcentrum en meedoen aan het "
            "overleg met de leerkrachten.",
            presentation="In ons kindcentrum zitten peuteropvang, bso en basisschool in een "
            "gebouw. Je werkt vooral op de peutergroep.",
            work_processes=("B1-K1-W1", "B1-K1-W3", "B1-K2-W2"),
            electives=("K0527", "K0680"),
            sizes=(SizeClass.SMALL, SizeClass.MEDIUM),
        ),
    ),
}
