from django.urls import path

from . import views

app_name = "companies"

urlpatterns = [
    path("", views.home, name="home"),
    path("overeenkomst/", views.agreement, name="agreement"),
    path("gegevens/", views.profile_edit, name="profile-edit"),
    path("contactpersonen/uitnodigen/", views.contact_invite, name="contact-invite"),
    path("aanbod/nieuw/", views.offer_create, name="offer-create"),
    path("aanbod/<int:pk>/", views.offer_edit, name="offer-edit"),
    path("aanbod/<int:pk>/publiceren/", views.offer_publish, name="offer-publish"),
    path("aanbod/<int:pk>/concept/", views.offer_unpublish, name="offer-unpublish"),
    path("aanbod/<int:pk>/kopieren/", views.offer_copy, name="offer-copy"),
    path("aanmelden/<slug:institution>/", views.register, name="register"),
    path("overzicht/", views.staff_list, name="staff-list"),
    path("overzicht/nieuw/", views.staff_create, name="staff-create"),
    path("overzicht/overeenkomst/", views.agreement_publish, name="agreement-publish"),
    path("overzicht/dekking/", views.staff_coverage, name="coverage"),
    path("overzicht/<int:pk>/", views.staff_detail, name="staff-detail"),
    path("overzicht/<int:pk>/erkenning/", views.staff_verify, name="staff-verify"),
    path("overzicht/<int:pk>/status/", views.staff_set_status, name="staff-status"),
    path(
        "overzicht/<int:pk>/aanbod/<int:offer_pk>/accepteren/",
        views.staff_accept_text,
        name="staff-accept-text",
    ),
]
