from django.urls import path

from .views import jobs, moves, objections, public, replacements, results, review, rounds, runs

app_name = "matching"

urlpatterns = [
    path("", rounds.dashboard, name="dashboard"),
    path("dekking/", rounds.coverage, name="coverage"),
    path("rondes/nieuw/", rounds.round_create, name="round-create"),
    path("rondes/<int:pk>/", rounds.round_detail, name="round-detail"),
    path("rondes/<int:pk>/intake-openen/", moves.round_open_intake, name="round-open-intake"),
    path("rondes/<int:pk>/intake-sluiten/", moves.round_close_intake, name="round-close-intake"),
    path(
        "rondes/<int:pk>/voorkeuren-sluiten/",
        moves.round_start_allocating,
        name="round-start-allocating",
    ),
    path("rondes/<int:pk>/goedkeuren/", moves.round_approve, name="round-approve"),
    path(
        "rondes/<int:pk>/terug-naar-beoordeling/",
        moves.round_reopen_review,
        name="round-reopen-review",
    ),
    path("rondes/<int:pk>/afsluiten/", moves.round_close, name="round-close"),
    path("rondes/<int:pk>/run/", runs.run_prepare, name="run-prepare"),
    path("rondes/<int:pk>/slb-herinnering/", rounds.counsellors_remind, name="counsellors-remind"),
    path("rondes/<int:pk>/log-alvast-in/", rounds.login_reminder_send, name="login-reminder"),
    path("rondes/<int:pk>/bekendmaken/", moves.round_release, name="round-release"),
    path(
        "rondes/<int:pk>/berichten/opnieuw/", rounds.notifications_retry, name="notifications-retry"
    ),
    path("rondes/<int:pk>/vervolgronde/", rounds.follow_up, name="follow-up"),
    path("rondes/<int:pk>/export.csv", rounds.export_matches, name="export"),
    path("rondes/<int:pk>/beoordelen/", review.review_list, name="review"),
    path(
        "rondes/<int:pk>/beoordelen/goedkeuren/",
        review.review_bulk_approve,
        name="review-bulk-approve",
    ),
    path("runs/<int:pk>/start/", runs.run_start, name="run-start"),
    path("runs/<int:pk>/voortgang/", runs.run_status, name="run-status"),
    path("taken/<int:pk>/voortgang/", jobs.job_status, name="job-status"),
    path("herplaatsen/<int:pk>/", replacements.replacement_page, name="direct-replacement"),
    path(
        "herplaatsen/<int:pk>/voorstel/",
        replacements.replacement_propose,
        name="direct-replacement-propose",
    ),
    path(
        "herplaatsingen/<int:pk>/goedkeuren/",
        replacements.replacement_approve,
        name="direct-replacement-approve",
    ),
    path(
        "herplaatsingen/<int:pk>/afwijzen/",
        replacements.replacement_refuse,
        name="direct-replacement-refuse",
    ),
    path("runs/<int:pk>/kiezen/", runs.run_choose, name="run-choose"),
    path("runs/<int:pk>/opnieuw/", runs.run_replay, name="run-replay"),
    path("matches/<uuid:pk>/", review.match_detail, name="match-detail"),
    path("matches/<uuid:pk>/goedkeuren/", review.match_approve, name="match-approve"),
    path("matches/<uuid:pk>/bezwaar/", review.match_object, name="match-object"),
    path("matches/<uuid:pk>/verplaatsen/", review.match_move, name="match-move"),
    path("matches/<uuid:pk>/leerwens/", review.match_wishes, name="match-wishes"),
    path("matches/<uuid:pk>/identiteit/", review.match_reveal, name="match-reveal"),
    path("bezwaren/<int:pk>/in-behandeling/", objections.objection_take, name="objection-take"),
    path("bezwaren/<int:pk>/besluit/", objections.objection_decide, name="objection-decide"),
    path(
        "bezwaren/<int:pk>/herplaatsen/",
        objections.replacement_propose,
        name="replacement-propose",
    ),
    path(
        "bezwaren/<int:pk>/herplaatsen/goedkeuren/",
        objections.replacement_approve,
        name="replacement-approve",
    ),
    path(
        "bezwaren/<int:pk>/herplaatsen/afwijzen/",
        objections.replacement_refuse,
        name="replacement-refuse",
    ),
    path("mijn-stage/", results.result, name="result"),
    path("voorkeuren/<int:pk>/", results.preferences_page, name="preferences"),
    path("bedrijf/studenten/", results.company_results, name="company-results"),
    path("bedrijf/studenten/<int:pk>/kennismaking/", results.intro_request, name="intro-request"),
    path("berichten/<int:pk>/gelezen/", results.notification_read, name="notification-read"),
    path("transparantie/<slug:institution>/", public.transparency, name="transparency"),
]
