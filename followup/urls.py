from django.urls import path

from .views import agreement, leaving, life, listing, placement

app_name = "followup"

urlpatterns = [
    path("", listing.staff_list, name="list"),
    path("bpv-docent-toewijzen/", listing.supervision_bulk, name="supervision-bulk"),
    path("caseload/", listing.caseload_page, name="caseload"),
    path("<int:pk>/", placement.detail, name="detail"),
    path("pok-export/", placement.agreements_export, name="agreements-export"),
    path("<int:pk>/pok/", agreement.agreement_save, name="agreement-save"),
    path("<int:pk>/pok/versturen/", agreement.agreement_send, name="agreement-send"),
    path("<int:pk>/pok/tekenen/", agreement.agreement_sign, name="agreement-sign"),
    path(
        "<int:pk>/pok/nieuwe-versie/",
        agreement.agreement_new_version,
        name="agreement-new-version",
    ),
    path("<int:pk>/pok/pdf/", agreement.agreement_download, name="agreement-pdf"),
    path("<int:pk>/pok/ouder-link/", agreement.guardian_resend, name="guardian-resend"),
    path("<int:pk>/student-gegevens/", agreement.student_guardian, name="student-guardian"),
    path("ondertekenen/<str:token>/", agreement.guardian_sign, name="guardian-sign"),
    path("<int:pk>/kennismaking/", life.intro_propose, name="intro-propose"),
    path("<int:pk>/kennismaking/antwoord/", life.intro_answer, name="intro-answer"),
    path("<int:pk>/kennismaking/uitkomst/", life.intro_outcome, name="intro-outcome"),
    path("<int:pk>/kennismaking/bevestigen/", life.intro_confirm, name="intro-confirm"),
    path("<int:pk>/weigering/", life.refuse, name="refuse"),
    path("<int:pk>/beeindigen/", life.stop, name="stop"),
    path("<int:pk>/bpv-docent/", life.supervision, name="supervision"),
    path("<int:pk>/contactmomenten/", life.contact_add, name="contact-add"),
    path("<int:pk>/contactmomenten/<int:moment>/", life.contact_held, name="contact-held"),
    path("<int:pk>/melden/", life.signal_report, name="signal-report"),
    path("<int:pk>/meldingen/<int:signal>/", life.signal_update, name="signal-update"),
    path("<int:pk>/evaluatie/", life.evaluation_submit, name="evaluation"),
    path("student/<int:student>/gestopt/", leaving.student_leave_view, name="student-leave"),
]
