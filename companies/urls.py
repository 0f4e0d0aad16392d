from django.urls import path

from .views import contacts, staff

app_name = "companies"

urlpatterns = [
    path("", contacts.home, name="home"),
    path("overeenkomst/", contacts.agreement, name="agreement"),
    path("gegevens/", contacts.profile_edit, name="profile-edit"),
    path("contactpersonen/uitnodigen/", contacts.contact_invite, name="contact-invite"),
    path("aanbod/nieuw/", contacts.offer_create, name="offer-create"),
    path("aanbod/<int:pk>/", contacts.offer_edit, name="offer-edit"),
    path("aanbod/<int:pk>/publiceren/", contacts.offer_publish, name="offer-publish"),
    path("aanbod/<int:pk>/concept/", contacts.offer_unpublish, name="offer-unpublish"),
    path("aanbod/<int:pk>/kopieren/", contacts.offer_copy, name="offer-copy"),
    path("aanmelden/<slug:institution>/", contacts.register, name="register"),
    path("overzicht/", staff.staff_list, name="staff-list"),
    path("overzicht/nieuw/", staff.staff_create, name="staff-create"),
    path("overzicht/overeenkomst/", staff.agreement_publish, name="agreement-publish"),
    path("overzicht/<int:pk>/", staff.staff_detail, name="staff-detail"),
    path("overzicht/<int:pk>/erkenning/", staff.staff_verify, name="staff-verify"),
    path("overzicht/<int:pk>/status/", staff.staff_set_status, name="staff-status"),
    path("overzicht/<int:pk>/schorsen/", staff.staff_suspend, name="staff-suspend"),
    path(
        "overzicht/<int:pk>/schorsing-opheffen/",
        staff.staff_suspension_lift,
        name="staff-suspension-lift",
    ),
    path(
        "overzicht/<int:pk>/aanbod/<int:offer_pk>/accepteren/",
        staff.staff_accept_text,
        name="staff-accept-text",
    ),
]
