from django.urls import path

from . import views

app_name = "students"

urlpatterns = [
    path("", views.home, name="home"),
    path("leerwensen/", views.profile_edit, name="profile-edit"),
    path("leerwensen/bereik/", views.reach_hint_view, name="reach-hint"),
    path("zelf-stage-zoeken/", views.opt_out, name="opt-out"),
    path("toch-matchen/", views.opt_in, name="opt-in"),
    path("mijn-gegevens.json", views.my_data, name="my-data"),
    path("overzicht/", views.staff_list, name="staff-list"),
    path("overzicht/herinnering/", views.staff_remind, name="staff-remind"),
    path("overzicht/eigen-stageplekken/", views.own_placements, name="own-placements"),
    path("overzicht/deadlines/", views.deadlines, name="deadlines"),
    path("overzicht/<int:pk>/", views.staff_detail, name="staff-detail"),
    path("overzicht/<int:pk>/invullen/", views.staff_edit, name="staff-edit"),
    path("overzicht/<int:pk>/invullen/bereik/", views.staff_reach_hint, name="staff-reach-hint"),
    path("overzicht/<int:pk>/opmerking/", views.staff_comment, name="staff-comment"),
]
