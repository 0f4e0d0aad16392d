from django.urls import path

from . import views

app_name = "placements"

urlpatterns = [
    path(
        "eigen-stageplekken/<int:pk>/",
        views.own_placement_decide,
        name="own-placement-decide",
    ),
]
