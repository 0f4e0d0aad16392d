from django.urls import path

from . import views

app_name = "students"

urlpatterns = [
    path("", views.home, name="home"),
    path("overzicht/", views.staff_list, name="staff-list"),
]
