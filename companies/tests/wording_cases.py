"""The test set for the wording check: discriminatory phrases and normal offer texts.

Written before the lexicon was tuned, and kept as the yardstick for every change to it. The
phrases follow the wording of real Dutch vacancies and internship offers (job sites, the
College voor de Rechten van de Mens' rulings on vacancy texts, reports on stagediscriminatie);
the normal texts are written as companies of the three demo programmes would write them:
Verzorgende-IG ("vig"), Pedagogisch medewerker kinderopvang ("pmk") and Software developer
("sd").

Labelling rules (the line between a requirement and a description):

1. A *requirement on the student* is flagged: what the student must be, have, look like or
   believe, or how the company wants to choose. Typical frames: "je bent ...", "wij zoeken een
   ...", "... moet ... zijn", "bij voorkeur", "liefst", "is een pré", "geen ...", "niet
   toegestaan", "stuur ... mee". A description of the *team* by one protected trait ("een jong
   team", "jong en dynamisch") counts as a requirement too: it tells readers who is wanted, and
   the College voor de Rechten van de Mens reads it that way.
2. A *description of the work or the workplace* is normal: who the clients or children are
   (their age, health, gender, origin or religion), what the student does ("je maakt foto's
   voor onze sociale media", "je schrijft Nederlandse rapportages"), what the student will
   learn (a trait as a learning goal: "je leert flexibel inspelen op ..."), the product a
   developer builds (a "sollicitatieplatform", a "klik op de knop", a "geboortedatum" field),
   rules that hold for everyone and say why (hygiene: no rings; the VOG that childcare and care
   require by law), support the company offers (a headscarf is welcome, working hours in
   Ramadan, a disability is arranged with the school), a young *company* (its founding year),
   a varied team, and the introductory meeting described as *not* a selection.
3. Level *block* ("blokkeert"): a protected ground of Dutch equal-treatment law (age, gender,
   appearance as a proxy, origin/nationality, language as mother tongue or accent, religion,
   health and disability, pregnancy, family and marital status) or what the stagematching
   agreement forbids: a "klik"/"past in ons team" judgement and any selection step (cv,
   motivation letter, photo, job interview, proefdag to decide, assessment).
   Level *warn* ("let op"): a subjective trait demanded of the student ("stressbestendig",
   "enthousiast", "flexibel", "sociaal"), a gendered job title ("stagiaire", "leidster",
   "verzorgster"), or a language requirement without an objective level ("goede beheersing
   van het Nederlands"; suggest "Nederlands op niveau 2F").
4. Scoring: a phrase is caught when, for every expected (ground, level), the check returns a
   flag of that ground at that level or stricter (block is stricter than warn). Extra flags on
   a discriminatory phrase do not count against it. A normal text with any flag at all, at
   either level, is a false alarm.

Grounds: age, gender, appearance, origin, language, religion, health, family, personality,
selection. Levels: block, warn.
"""

from __future__ import annotations

from typing import NamedTuple

B = "block"
W = "warn"


class Phrase(NamedTuple):
    text: str
    expect: dict[str, str]  # ground -> lowest level that counts as caught


class Normal(NamedTuple):
    programme: str  # "vig", "pmk" or "sd"
    text: str


DISCRIMINATORY: list[Phrase] = [
    # --- age -----------------------------------------------------------------------------------
    Phrase("Wij zoeken een jonge, enthousiaste stagiair.", {"age": B, "personality": W}),
    Phrase("Je komt te werken in een jong en dynamisch team.", {"age": B}),
    Phrase("Je werkt in een jong team.", {"age": B}),
    Phrase("Je bent tussen de 16 en 20 jaar oud.", {"age": B}),
    Phrase("Je bent maximaal 21 jaar.", {"age": B}),
    Phrase("Je bent minimaal 18 jaar.", {"age": B}),
    Phrase("Max. 22 jaar i.v.m. het jeugdloon.", {"age": B}),
    Phrase("Wij zoeken een jonge collega die ons team komt versterken.", {"age": B}),
    Phrase("Leeftijd: 17-19 jaar.", {"age": B}),
    Phrase("Jongere stagiairs krijgen bij ons de voorkeur.", {"age": B}),
    Phrase("Je bent begin twintig.", {"age": B}),
    Phrase("Vermeld je geboortedatum bij je aanmelding.", {"age": B}),
    Phrase("Voor deze plek geldt een leeftijdsgrens van 20 jaar.", {"age": B}),
    Phrase("Wij zoeken stagiaires tussen 16 en 18 jaar.", {"age": B, "gender": W}),
    # --- gender --------------------------------------------------------------------------------
    Phrase("Wij zoeken een vrouwelijke stagiair.", {"gender": B}),
    Phrase("Bij voorkeur een man, vanwege het tilwerk.", {"gender": B}),
    Phrase(
        "we zoeken een sociale, jonge meid met goede uitstraling",
        {"gender": B, "age": B, "appearance": B, "personality": W},
    ),
    Phrase("Stoere jongens gezocht voor onze ICT-afdeling!", {"gender": B}),
    Phrase("Dit is echt een stage voor een vrouw.", {"gender": B}),
    Phrase("Alleen meisjes, omdat we intieme verzorging doen.", {"gender": B}),
    Phrase("Mannen hebben bij ons de voorkeur.", {"gender": B}),
    Phrase("Je bent een vrouw, want onze cliënten zijn vrouwen.", {"gender": B}),
    Phrase(
        "Wij zoeken een gezellige stagiaire voor de peutergroep.", {"gender": W, "personality": W}
    ),
    Phrase("Wij zoeken een nieuwe leidster voor de babygroep.", {"gender": W}),
    Phrase("Ons team zoekt een zorgzame verzorgster.", {"gender": W, "personality": W}),
    Phrase("Je bent een vrouwelijke student van maximaal 19.", {"gender": B, "age": B}),
    # --- appearance ----------------------------------------------------------------------------
    Phrase("Je hebt een representatief uiterlijk.", {"appearance": B}),
    Phrase("Een verzorgd uiterlijk is een must.", {"appearance": B}),
    Phrase("Je hebt een goede uitstraling.", {"appearance": B}),
    Phrase("Een positieve uitstraling is belangrijk.", {"appearance": B}),
    Phrase("Geen zichtbare tatoeages of piercings.", {"appearance": B}),
    Phrase("Je ziet er netjes en verzorgd uit.", {"appearance": B}),
    Phrase("Een slank postuur is gewenst.", {"appearance": B}),
    Phrase("Een representatieve verschijning is voor ons belangrijk.", {"appearance": B}),
    Phrase(
        "Je bent representatief, flexibel en stressbestendig.",
        {"appearance": B, "personality": W},
    ),
    # --- origin and nationality ----------------------------------------------------------------
    Phrase("Je hebt de Nederlandse nationaliteit.", {"origin": B}),
    Phrase("Wij zoeken iemand met een Nederlandse achtergrond.", {"origin": B}),
    Phrase("Autochtone stagiairs hebben de voorkeur.", {"origin": B}),
    Phrase("Geen allochtonen.", {"origin": B}),
    Phrase(
        "Onze klanten willen liever een Nederlandse jongen aan de deur.", {"origin": B, "gender": B}
    ),
    Phrase("Je bent van Nederlandse afkomst.", {"origin": B}),
    Phrase("Een westerse achtergrond is een pré.", {"origin": B}),
    Phrase("Je bent geboren in Nederland.", {"origin": B}),
    Phrase("Je bent een geboren en getogen Nijmegenaar.", {"origin": B}),
    Phrase("Liefst een Hollandse meid.", {"origin": B, "gender": B}),
    Phrase("Je hebt geen migratieachtergrond.", {"origin": B}),
    # --- language as mother tongue, and language without a level --------------------------------
    Phrase("Nederlands is je moedertaal.", {"language": B}),
    Phrase("Je spreekt accentloos Nederlands.", {"language": B}),
    Phrase("Native speaker Nederlands.", {"language": B}),
    Phrase("Je spreekt perfect Nederlands, zonder accent.", {"language": B}),
    Phrase("Je spreekt ABN.", {"language": B}),
    Phrase("Goede beheersing van de Nederlandse taal.", {"language": W}),
    Phrase("goede beheersing Nederlands", {"language": W}),
    Phrase("Je spreekt en schrijft vloeiend Nederlands.", {"language": W}),
    Phrase("Uitstekende kennis van het Nederlands in woord en geschrift.", {"language": W}),
    Phrase("Goed Nederlands spreken is een must.", {"language": W}),
    Phrase("Nederlandstalige stagiair gezocht.", {"language": W}),
    Phrase("Je spreekt goed Engels.", {"language": W}),
    # --- religion ------------------------------------------------------------------------------
    Phrase("Het dragen van een hoofddoek is niet toegestaan.", {"religion": B}),
    Phrase("Geen hoofddoek op de groep.", {"religion": B}),
    Phrase("Je draagt geen hoofddoekje tijdens je werk.", {"religion": B}),
    Phrase("Je bent christelijk en onderschrijft onze identiteit.", {"religion": B}),
    Phrase("Wij zoeken een gelovige collega.", {"religion": B}),
    Phrase("Vasten tijdens de ramadan kan niet tijdens je stage.", {"religion": B}),
    Phrase("Religieuze kleding is niet toegestaan.", {"religion": B}),
    Phrase("Liever geen moslims vanwege onze klanten.", {"religion": B}),
    Phrase("Een keppeltje of hoofddoek past niet bij onze huisstijl.", {"religion": B}),
    # --- health and disability -----------------------------------------------------------------
    Phrase("Je bent fysiek fit en gezond.", {"health": B}),
    Phrase("Je hebt geen lichamelijke beperkingen.", {"health": B}),
    Phrase("Je hebt geen rugklachten.", {"health": B}),
    Phrase("Je bent in goede gezondheid.", {"health": B}),
    Phrase("Geen chronische ziekte.", {"health": B}),
    Phrase("Dyslexie is voor deze stage niet handig.", {"health": B}),
    Phrase("Wij kunnen geen stagiair met ADHD of autisme gebruiken.", {"health": B}),
    Phrase("Je bent zelden ziek.", {"health": B}),
    Phrase("Je hebt een goede gezondheid en een sterke rug.", {"health": B}),
    Phrase("Je bent lichamelijk en geestelijk gezond.", {"health": B}),
    # --- pregnancy, family and marital status ---------------------------------------------------
    Phrase("Je bent niet zwanger.", {"family": B}),
    Phrase("Je hebt (nog) geen kinderwens.", {"family": B}),
    Phrase("Je hebt geen kleine kinderen thuis.", {"family": B}),
    Phrase(
        "Geen zorgtaken thuis, zodat je flexibel inzetbaar bent.",
        {"family": B, "personality": W},
    ),
    Phrase("Ongebonden en altijd beschikbaar.", {"family": B}),
    Phrase("Zwangerschap tijdens de stage is niet handig.", {"family": B}),
    Phrase("Zwangere stagiaires kunnen niet bij ons terecht.", {"family": B}),
    Phrase("Je bent alleenstaand, zodat je ook 's avonds kunt werken.", {"family": B}),
    Phrase("Jonge moeders komen helaas niet in aanmerking.", {"family": B}),
    # --- personality and "klik" ----------------------------------------------------------------
    Phrase("Het moet klikken met het team.", {"personality": B}),
    Phrase("Je past goed in ons team.", {"personality": B}),
    Phrase("Een goede klik met de praktijkopleider is belangrijk.", {"personality": B}),
    Phrase("Je moet wel bij ons passen.", {"personality": B}),
    Phrase("Wij zoeken een teamspeler die goed in onze teamcultuur past.", {"personality": B}),
    Phrase("Iemand die qua karakter bij ons team past.", {"personality": B}),
    Phrase("Je bent stressbestendig.", {"personality": W}),
    Phrase("Je bent enthousiast en leergierig.", {"personality": W}),
    Phrase("Je bent flexibel.", {"personality": W}),
    Phrase("Een proactieve houding wordt verwacht.", {"personality": W}),
    Phrase("Je bent sociaal en communicatief vaardig.", {"personality": W}),
    Phrase("Je bent spontaan en gezellig.", {"personality": W}),
    Phrase("Teamplayer met een positieve instelling.", {"personality": W}),
    Phrase("Wij zoeken iemand met pit.", {"personality": W}),
    Phrase("Je bent een echte aanpakker met humor.", {"personality": W}),
    Phrase("Je bent zelfstandig en hebt doorzettingsvermogen.", {"personality": W}),
    Phrase("Je bent geduldig en zorgzaam.", {"personality": W}),
    Phrase("Wij zoeken een stressbestendige, flexibele stagiair.", {"personality": W}),
    # --- selection procedures ------------------------------------------------------------------
    Phrase("Stuur je cv en motivatiebrief naar hr@bedrijf.nl.", {"selection": B}),
    Phrase("Na een sollicitatiegesprek hoor je of je mag beginnen.", {"selection": B}),
    Phrase("Je solliciteert via onze website.", {"selection": B}),
    Phrase("Eerst een proefdag, daarna beslissen we.", {"selection": B}),
    Phrase("Wij nodigen de beste kandidaten uit voor een gesprek.", {"selection": B}),
    Phrase("Stuur een foto mee.", {"selection": B}),
    Phrase("Stuur je sollicitatiebrief met pasfoto naar de praktijkopleider.", {"selection": B}),
    Phrase("Er volgt een selectieprocedure met een assessment.", {"selection": B}),
    Phrase("Wij kiezen zelf welke student bij ons past.", {"selection": B}),
    Phrase("Tijdens het kennismakingsgesprek beslissen we of je mag blijven.", {"selection": B}),
    Phrase("Een klikgesprek hoort bij onze procedure.", {"selection": B}),
    Phrase("Voor deze stage is een selectiegesprek nodig.", {"selection": B}),
]


NORMAL: list[Normal] = [
    # --- Verzorgende-IG --------------------------------------------------------------------------
    Normal("vig", "Je verleent zorg aan ouderen met dementie op een kleinschalige woongroep."),
    Normal(
        "vig", "Je werkt in de wijk bij cliënten thuis en voert verpleegtechnische handelingen uit."
    ),
    Normal("vig", "Je stelt samen met de cliënt het zorgplan op en voert het uit."),
    Normal("vig", "Je leert werken in een multidisciplinair team op een revalidatieafdeling."),
    Normal(
        "vig", "Je verzorgt een oudere vrouw met dementie en leert hoe je haar dag rustig houdt."
    ),
    Normal("vig", "Je leert Nederlandse rapportages schrijven in het elektronisch cliëntdossier."),
    Normal("vig", "Je maakt met de tablet een foto van een wond voor het wondzorgdossier."),
    Normal("vig", "Je helpt cliënten met een lichamelijke beperking bij het douchen en aankleden."),
    Normal(
        "vig",
        "Je leert rekening houden met het geloof en de gewoontes van cliënten, bijvoorbeeld bij "
        "het eten.",
    ),
    Normal(
        "vig",
        "Veel cliënten hebben een Turkse of Marokkaanse achtergrond; je leert de zorg af te "
        "stemmen op hun wensen.",
    ),
    Normal("vig", "Je helpt op de kraamafdeling bij de zorg voor zwangere vrouwen en hun baby's."),
    Normal("vig", "Je meet de bloedsuiker van cliënten met diabetes en rapporteert de waarden."),
    Normal("vig", "Onze cliënten zijn gemiddeld 85 jaar oud en wonen in kleine groepen."),
    Normal(
        "vig",
        "Een cliënt mag vragen om verzorging door iemand van hetzelfde geslacht; daar houden we "
        "in de planning rekening mee.",
    ),
    Normal("vig", "Vanwege de hygiëne draag je werkkleding van ons en geen ringen of horloge."),
    Normal("vig", "Je hebt een VOG nodig; die vragen wij voor je aan en betalen wij."),
    Normal("vig", "Tijdens de ramadan kun je je werktijden in overleg aanpassen."),
    Normal("vig", "Bij ons mag je een hoofddoek dragen bij je werkkleding."),
    Normal(
        "vig",
        "Heb je een beperking of extra ondersteuning nodig? Dan regelen we dat samen met school.",
    ),
    Normal("vig", "Je werkt met een tillift, zodat je cliënten nooit zelf hoeft te tillen."),
    Normal("vig", "Je leert signaleren wanneer een cliënt pijn heeft of onrustig wordt."),
    Normal(
        "vig", "Je begeleidt cliënten van middelbare leeftijd met niet-aangeboren hersenletsel."
    ),
    Normal(
        "vig", "Je helpt bij de persoonlijke verzorging, zoals wassen, aankleden en haren kammen."
    ),
    Normal("vig", "Je werkt in vroege en late diensten; je hebt geen nachtdiensten."),
    Normal(
        "vig",
        "Je schrijft rapportages; daarvoor heb je Nederlands op niveau 2F nodig. Op school oefen "
        "je dat.",
    ),
    # --- Pedagogisch medewerker kinderopvang -----------------------------------------------------
    Normal("pmk", "Je begeleidt peuters en bedenkt activiteiten die hun ontwikkeling stimuleren."),
    Normal("pmk", "Je werkt op de buitenschoolse opvang met kinderen van 4 tot 12 jaar."),
    Normal("pmk", "Je verzorgt baby's en werkt nauw samen met ouders."),
    Normal("pmk", "Je volgt de ontwikkeling van kinderen en bespreekt die met collega's."),
    Normal("pmk", "Je werkt met jonge kinderen van 0 tot 4 jaar."),
    Normal("pmk", "Je maakt foto's voor onze sociale media."),
    Normal("pmk", "Je begeleidt jongens en meiden op de buitenschoolse opvang."),
    Normal(
        "pmk",
        "Veel kinderen hebben een andere moedertaal; je leert hen spelenderwijs Nederlandse "
        "woorden.",
    ),
    Normal("pmk", "De kinderen op de groep zijn tussen 4 en 12 jaar."),
    Normal("pmk", "Je leert een kind met autisme rust en duidelijkheid te geven."),
    Normal(
        "pmk", "Je leert hoe je een kind troost dat net afscheid heeft genomen van zijn ouders."
    ),
    Normal("pmk", "Onze locatie heeft een frisse, moderne uitstraling en een grote tuin."),
    Normal("pmk", "Je vertelt ouders bij het ophalen hoe de dag van hun kind was."),
    Normal("pmk", "Je leert flexibel inspelen op wat een groep kinderen nodig heeft."),
    Normal("pmk", "Je bereidt samen met de kinderen een gezonde lunch voor."),
    Normal("pmk", "Je viert met de groep feesten zoals Sinterklaas, het Suikerfeest en Kerstmis."),
    Normal("pmk", "Ons team bestaat uit collega's met veel verschillende achtergronden."),
    Normal(
        "pmk", "Je hebt een VOG nodig en wordt ingeschreven in het Personenregister Kinderopvang."
    ),
    Normal("pmk", "Je helpt bij het naar bed brengen van de jongste kinderen."),
    Normal("pmk", "Je doet mee aan het oudergesprek over de overgang naar de basisschool."),
    Normal(
        "pmk",
        "Je leert een activiteit voorbereiden, uitvoeren en evalueren met je praktijkopleider.",
    ),
    Normal(
        "pmk",
        "Je leert de taalontwikkeling van het jonge kind te stimuleren, bijvoorbeeld met "
        "voorlezen.",
    ),
    Normal(
        "pmk", "Het kennismakingsgesprek is geen sollicitatiegesprek: je bent al aan ons gekoppeld."
    ),
    Normal(
        "pmk",
        "Je zorgt voor een veilige omgeving en werkt volgens ons veiligheids- en "
        "gezondheidsbeleid.",
    ),
    Normal("pmk", "Je komt in een enthousiast team van zes pedagogisch medewerkers."),
    Normal("pmk", "Je maakt foto's van de activiteiten en zet ze in de ouder-app."),
    # --- Software developer ----------------------------------------------------------------------
    Normal(
        "sd",
        "Je bouwt mee aan webapplicaties voor klanten en leert testen en code reviewen in een "
        "scrumteam.",
    ),
    Normal("sd", "Je ontwerpt en programmeert koppelingen tussen systemen en databases."),
    Normal("sd", "Je werkt aan onze mobiele app en presenteert je werk in de sprint review."),
    Normal("sd", "Je leert software testen, fouten vinden en verbetervoorstellen doen."),
    Normal(
        "sd",
        "Je bouwt een dashboard dat per leeftijdsgroep laat zien hoeveel inwoners een uitkering "
        "krijgen.",
    ),
    Normal("sd", "Je test wat er gebeurt na een klik op de knop Opslaan."),
    Normal("sd", "Je bouwt mee aan ons sollicitatieplatform voor uitzendbureaus."),
    Normal("sd", "Je maakt een formulier waarin ouders de geboortedatum van hun kind invullen."),
    Normal("sd", "Je test onze website op toegankelijkheid voor mensen met een visuele beperking."),
    Normal("sd", "De documentatie en de code zijn in het Engels; je leert technisch Engels lezen."),
    Normal("sd", "Je werkt in een team van vijf developers en een product owner."),
    Normal("sd", "Je leert werken met Git, pull requests en automatische tests."),
    Normal("sd", "Je bouwt een app voor ouderen om hun medicijnen bij te houden."),
    Normal(
        "sd", "Je werkt mee aan een chatbot die vragen van jongeren over geldzaken beantwoordt."
    ),
    Normal("sd", "Je leert een API ontwerpen en documenteren."),
    Normal("sd", "Je maakt een koppeling die foto's van producten automatisch verkleint."),
    Normal("sd", "Je bouwt een functie waarmee gebruikers hun profielfoto kunnen uploaden."),
    Normal(
        "sd",
        "Je leert de privacyregels (AVG) toepassen op persoonsgegevens zoals naam en "
        "geboortedatum.",
    ),
    Normal("sd", "We werken hybride: drie dagen op kantoor en twee dagen thuis."),
    Normal("sd", "Je presenteert je werk aan klanten en leert feedback verwerken."),
    Normal(
        "sd", "Je werkt aan software voor de kinderopvang waarmee ouders foto's van hun kind zien."
    ),
    Normal(
        "sd",
        "Je ontwerpt een database voor een zorginstelling met gegevens over cliënten en hun "
        "gezondheid.",
    ),
    Normal("sd", "Wij zoeken een stagiair die wil leren programmeren in Python."),
    Normal("sd", "Je werkt zelfstandig aan een eigen module, met elke dag een korte stand-up."),
    Normal("sd", "Bij een storing leer je rustig en stap voor stap de oorzaak te zoeken."),
    Normal("sd", "Je werkt in een jong bedrijf dat in 2023 is opgericht."),
]
