from django.urls import path

from . import views

app_name = "matching"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("rondes/nieuw/", views.round_create, name="round-create"),
    path("rondes/<int:pk>/", views.round_detail, name="round-detail"),
    path("rondes/<int:pk>/status/", views.round_transition, name="round-transition"),
    path("rondes/<int:pk>/shortlists/", views.shortlists_make, name="shortlists-make"),
    path("rondes/<int:pk>/run/", views.run_prepare, name="run-prepare"),
    path("rondes/<int:pk>/slb-herinnering/", views.counsellors_remind, name="counsellors-remind"),
    path("rondes/<int:pk>/bekendmaken/", views.round_release, name="round-release"),
    path(
        "rondes/<int:pk>/berichten/opnieuw/", views.notifications_retry, name="notifications-retry"
    ),
    path("rondes/<int:pk>/vervolgronde/", views.follow_up, name="follow-up"),
    path("rondes/<int:pk>/export.csv", views.export_matches, name="export"),
    path("rondes/<int:pk>/beoordelen/", views.review, name="review"),
    path(
        "rondes/<int:pk>/beoordelen/goedkeuren/",
        views.review_bulk_approve,
        name="review-bulk-approve",
    ),
    path("runs/<int:pk>/start/", views.run_start, name="run-start"),
    path("runs/<int:pk>/voortgang/", views.run_status, name="run-status"),
    path("runs/<int:pk>/kiezen/", views.run_choose, name="run-choose"),
    path("runs/<int:pk>/opnieuw/", views.run_replay, name="run-replay"),
    path("matches/<int:pk>/", views.match_detail, name="match-detail"),
    path("matches/<int:pk>/goedkeuren/", views.match_approve, name="match-approve"),
    path("matches/<int:pk>/bezwaar/", views.match_object, name="match-object"),
    path("matches/<int:pk>/verplaatsen/", views.match_move, name="match-move"),
    path("matches/<int:pk>/identiteit/", views.match_reveal, name="match-reveal"),
    path("bezwaren/<int:pk>/antwoord/", views.objection_answer, name="objection-answer"),
    path("mijn-stage/", views.result, name="result"),
    path("voorkeuren/<int:pk>/", views.preferences, name="preferences"),
    path("bedrijf/studenten/", views.company_results, name="company-results"),
    path("bedrijf/studenten/<int:pk>/kennismaking/", views.intro_request, name="intro-request"),
    path("transparantie/<slug:institution>/", views.transparency, name="transparency"),
]
