"""The processing register (verwerkingsregister, AVG art. 30), declared once in code: per kind
of data what is stored, why (purpose and legal basis), who sees it and how long it is kept.
The register page renders this, and `privacy/tests/test_register.py` walks every field of
every model of the project: a field is either listed under a row here or in `NOT_PERSONAL`,
so a new field cannot hold personal data without being declared."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

Text = str | Promise


@dataclass(frozen=True)
class Row:
    key: str
    name: Text
    stored: Text
    purpose: Text
    legal_basis: Text
    who: Text
    term: str  # a key of privacy.kinds.KINDS, or KEPT for records kept pseudonymised
    fields: tuple[str, ...]  # "app.Model.field"


KEPT = "kept"
PUBLIC_TASK = _("Wettelijke taak school (WEB 7.2.8, bpv); AVG art. 6 lid 1 sub e")
AGREEMENT = _("Uitvoering praktijkovereenkomst; AVG art. 6 lid 1 sub b en c")
LEGITIMATE = _("Gerechtvaardigd belang; AVG art. 6 lid 1 sub f")

REGISTER: tuple[Row, ...] = (
    Row(
        "accounts",
        _("Accounts"),
        _("E-mailadres, naam, wachtwoord (gehasht), laatste en eerste inlog"),
        _("Inloggen en berichten over de stage sturen"),
        PUBLIC_TASK,
        _("De persoon zelf; beheerder van de school"),
        "identity_months",
        (
            "accounts.User.email",
            "accounts.User.full_name",
            "accounts.User.password",
            "accounts.User.last_login",
            "accounts.User.last_seen_at",
            "accounts.User.date_joined",
        ),
    ),
    Row(
        "student",
        _("Studentgegevens"),
        _(
            "Studentnummer, cohort, slb'er, geboortedatum, ouder/verzorger (naam, e-mail), "
            "gestopt met de opleiding per"
        ),
        _("De student plaatsen en de POK laten tekenen (onder 18: ook ouder/verzorger)"),
        PUBLIC_TASK,
        _("Coördinator, slb'er van de student; nooit de matching of een beoordelaar"),
        "identity_months",
        (
            "students.Student.student_number",
            "students.Student.cohort",
            "students.Student.counsellor",
            "students.Student.reminded_at",
            "students.Student.date_of_birth",
            "students.Student.guardian_name",
            "students.Student.guardian_email",
            "students.Student.left_on",
            "students.Student.user",
        ),
    ),
    Row(
        "profile",
        _("Leerprofiel en leerwensen"),
        _(
            "Leerwensen (eigen woorden), werkprocessen, keuzedelen, voorkeuren, bereikbaarheid "
            "(vertrekplaats, vervoer, reistijd), periode en uren, extra begeleiding ja/nee, "
            "opmerkingen van de slb'er, bezwaar tegen een match, rangordes"
        ),
        _("Objectief matchen op wat de student wil leren en kan bereiken"),
        PUBLIC_TASK,
        _(
            "De student, slb'er, coördinator; beoordelaars zien het objectieve profiel onder "
            "pseudoniem; het bedrijf ziet na de bekendmaking de leerwensen van de match"
        ),
        "profile_school_years",
        (
            "students.LearningProfile.student",
            "students.LearningProfile.status",
            "students.LearningProfile.learning_wish_1",
            "students.LearningProfile.learning_wish_2",
            "students.LearningProfile.learning_wish_3",
            "students.LearningProfile.home_place",
            "students.LearningProfile.transport_mode",
            "students.LearningProfile.max_travel_minutes",
            "students.LearningProfile.available_from",
            "students.LearningProfile.available_until",
            "students.LearningProfile.hours_per_week",
            "students.LearningProfile.unavailable_days",
            "students.LearningProfile.needs_extra_supervision",
            "students.LearningProfile.submitted_at",
            "students.LearningProfile.updated_at",
            "students.LearningProfile.work_processes",
            "students.LearningProfile.organisation_types",
            "students.LearningProfile.electives",
            "students.LearningProfile.extra_places",
            "students.WishedWorkProcess.profile",
            "students.WishedWorkProcess.work_process",
            "students.WishedWorkProcess.rank",
            "students.ProfileChange.profile",
            "students.ProfileChange.changed_at",
            "students.ProfileChange.fields",
            "students.ProfileComment.profile",
            "students.ProfileComment.text",
            "students.OwnPlacement.student",
            "students.OwnPlacement.company",
            "students.OwnPlacement.period_start",
            "students.OwnPlacement.period_end",
            "students.OwnPlacement.status",
            "students.OwnPlacement.reason",
            "matching.Preference.profile",
            "matching.Preference.offer",
            "matching.Preference.rank",
            "matching.ShortlistItem.profile",
            "matching.ShortlistItem.offer",
            "matching.Match.wishes",
            "matching.Objection.reason",
            "placements.PlacementBasis.wishes",
        ),
    ),
    Row(
        "support",
        _("Toelichting extra begeleiding"),
        _("Wat extra begeleiding inhoudt (nooit een diagnose); werkplek zonder drempels nodig"),
        _("Een plek kiezen waar de begeleiding kan; de zorgcoördinator bereidt die voor"),
        _("Wettelijke taak school (passend onderwijs); AVG art. 6 lid 1 sub e, art. 9 lid 2 g"),
        _("Zorgcoördinator; de matching krijgt alleen 'zonder drempels' ja/nee"),
        "support_days",
        (
            "students.SupportNote.student",
            "students.SupportNote.text",
            "students.SupportNote.needs_step_free_access",
            "students.SupportNote.updated_at",
        ),
    ),
    Row(
        "matching",
        _("Matchingsronden: runs, matches, beoordelingen, auditlog"),
        _(
            "Invoer van elke run (objectieve profielen onder profielnummer, ook leerwensen), "
            "uitkomst, match per student onder pseudoniem, goedkeuringen, bezwaren, auditlog"
        ),
        _("Verantwoorden en opnieuw kunnen uitvoeren van elke toewijzing (uitlegbaar, eerlijk)"),
        PUBLIC_TASK,
        _("Coördinator en beoordelaars (pseudoniem); de student en het bedrijf hun eigen match"),
        KEPT,
        (
            "matching.Run.snapshot",
            "matching.Run.output",
            "matching.Match.profile",
            "matching.Match.pseudonym",
            "matching.Match.objective",
            "matching.Match.explanation",
            "matching.Match.unplaced_reason",
            "matching.Match.score",
            "matching.Match.travel_minutes",
            "matching.Match.max_travel_minutes",
            "matching.Match.proposed_score",
            "matching.Match.proposed_travel_minutes",
            "matching.Match.change_justification",
            "matching.Match.objection",
            "matching.Match.placement",
            "matching.Objection.match",
            "matching.Objection.answer",
            "matching.Objection.replacement_reason",
            "matching.Replacement.placement",
            "matching.Replacement.new_placement",
            "matching.Replacement.reason",
            "matching.AuditEvent.detail",
            "matching.Notification.recipient",
        ),
    ),
    Row(
        "placement",
        _("Stageplaatsingen (grootboek)"),
        _("Welke student waar en wanneer stage loopt, bron, status, einde"),
        _("Eén plaatsing per student per periode; verantwoording van de bpv"),
        PUBLIC_TASK,
        _("Coördinator, bpv-docent, de student en het leerbedrijf (na de bekendmaking)"),
        KEPT,
        (
            "placements.Placement.student",
            "placements.Placement.company",
            "placements.Placement.offer",
            "placements.Placement.seat",
            "placements.Placement.start_date",
            "placements.Placement.end_date",
            "placements.Placement.status",
            "placements.Placement.ended_on",
            "placements.PlacementBasis.explanation",
            "placements.Placement.own_placement",
        ),
    ),
    Row(
        "followup",
        _("Begeleiding tijdens de stage"),
        _(
            "Contactmomenten (wie, notities), kennismakingsgesprek (berichten, uitkomst), "
            "voortijdig einde (toelichting), eindevaluaties (scores, opmerking)"
        ),
        _("De stage begeleiden en afsluiten"),
        AGREEMENT,
        _("Coördinator en bpv-docent; het bedrijf en de student hun eigen berichten"),
        "followup_months",
        (
            "followup.ContactMoment.participants",
            "followup.ContactMoment.notes",
            "followup.IntroMeeting.note",
            "followup.IntroMeeting.student_note",
            "followup.IntroMeeting.outcome_text",
            "followup.IntroMeeting.not_held_reason",
            "followup.Ending.text",
            "followup.Ending.reason",
            "followup.Evaluation.remark",
            "followup.Evaluation.match_score",
            "followup.Evaluation.guidance_score",
            "followup.Evaluation.objective_score",
            "placements.Placement.end_reason",
            "matching.IntroMeeting.note",
        ),
    ),
    Row(
        "signal",
        _("Meldingen van discriminatie of ongewenst gedrag"),
        _("Wat er gebeurde, wanneer, wie ervan weet, genomen acties, anoniem ja/nee"),
        _("Discriminatie signaleren en aanpakken (stagematchingsovereenkomst)"),
        LEGITIMATE,
        _("Alleen zorgcoördinator en coördinator; nooit het bedrijf of de matching"),
        "signal_months",
        (
            "followup.Signal.placement",
            "followup.Signal.reporter",
            "followup.Signal.what",
            "followup.Signal.when",
            "followup.Signal.who_knows",
            "followup.Signal.anonymous",
            "followup.Signal.actions",
        ),
    ),
    Row(
        "agreement",
        _("Praktijkovereenkomsten"),
        _(
            "Afspraken, namen en rollen van de ondertekenaars, e-mail ouder/verzorger (link), "
            "de gegevens van de overeenkomst zoals verstuurd (student, leerbedrijf, begeleiders)"
        ),
        _("De wettelijk verplichte praktijkovereenkomst (WEB 7.2.8) en bekostiging"),
        AGREEMENT,
        _("Coördinator; de ondertekenaars hun eigen overeenkomst"),
        "agreement_months",
        (
            "followup.Agreement.snapshot",
            "followup.Signature.name",
            "followup.Signature.role",
            "followup.Signature.user",
            "followup.GuardianLink.email",
        ),
    ),
    Row(
        "contact",
        _("Contactpersonen van leerbedrijven"),
        _("Account, functie, naam en functie onder de stagematchingsovereenkomst"),
        _("Het aanbod en de stages met het leerbedrijf afstemmen"),
        LEGITIMATE,
        _("Coördinator; de contactpersoon zelf"),
        "contact_years",
        (
            "companies.CompanyContact.user",
            "companies.CompanyContact.job_title",
            "companies.AgreementSignature.signer_name",
            "companies.AgreementSignature.signer_role",
            "companies.AgreementSignature.signed_by",
        ),
    ),
    Row(
        "staff",
        _("Wie deed wat (medewerkers)"),
        _("Welke medewerker iets vastlegde, goedkeurde, besliste of ontving"),
        _("Vier-ogen-principe en verantwoording"),
        PUBLIC_TASK,
        _("Coördinator en beheerder van de school"),
        KEPT,
        (
            "students.ProfileChange.changed_by",
            "students.ProfileComment.author",
            "students.OwnPlacement.decided_by",
            "companies.RecognitionCheck.verified_by",
            "companies.Offer.text_accepted_by",
            "companies.Suspension.by",
            "students.Student.left_by",
            "companies.Suspension.text",
            "placements.Placement.created_by",
            "followup.Agreement.created_by",
            "followup.Supervision.teacher",
            "followup.SupervisionChange.teacher",
            "followup.SupervisionChange.previous",
            "followup.SupervisionChange.by",
            "followup.ContactMoment.by",
            "followup.Ending.by",
            "followup.Evaluation.user",
            "matching.Round.created_by",
            "matching.RoundTransition.by",
            "matching.Run.created_by",
            "matching.Match.changed_by",
            "matching.Approval.by",
            "matching.AuditEvent.actor",
            "matching.Objection.answered_by",
            "matching.Objection.replacement_by",
            "matching.RoundJob.created_by",
            "matching.Replacement.proposed_by",
            "matching.Replacement.decided_by",
            "cockpit.PlanningStep.owner",
            "spreadsheets.ImportBatch.created_by",
            "privacy.RetentionPolicy.confirmed_by",
            "privacy.PrivacyEvent.actor",
            "privacy.RightsRequest.handled_by",
        ),
    ),
    Row(
        "mail",
        _("E-mailberichten"),
        _("Ontvanger, soort bericht en de gegevens om het op te stellen, foutmelding"),
        _("Berichten over de ronde en de stage versturen"),
        PUBLIC_TASK,
        _("Beheerder van de school"),
        "mail_days",
        (
            "accounts.OutboxMessage.recipient",
            "accounts.OutboxMessage.context",
            "accounts.OutboxMessage.error",
        ),
    ),
    Row(
        "import",
        _("Importbestanden"),
        _("Geüploade spreadsheet (namen, e-mailadressen, studentnummers) en de regels ervan"),
        _("Studenten en bedrijven in één keer inlezen"),
        PUBLIC_TASK,
        _("Coördinator die importeert; beheerder"),
        "import_days",
        (
            "spreadsheets.ImportBatch.filename",
            "spreadsheets.ImportBatch.content",
            "spreadsheets.ImportBatch.rows",
            "spreadsheets.ImportBatch.errors",
            "spreadsheets.ImportBatch.message",
        ),
    ),
    Row(
        "requests",
        _("Privacyverzoeken"),
        _("Wie welk verzoek deed, de vraag, de beslissing met reden"),
        _("Rechten van betrokkenen afhandelen (AVG art. 15-17) en verantwoorden"),
        _("Wettelijke verplichting; AVG art. 6 lid 1 sub c"),
        _("Coördinator en beheerder; de aanvrager zelf"),
        "identity_months",
        (
            "privacy.RightsRequest.requester",
            "privacy.RightsRequest.text",
            "privacy.RightsRequest.reason",
        ),
    ),
)
