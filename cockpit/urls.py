from django.urls import path

from .views import dashboard

app_name = "cockpit"

urlpatterns = [
    path("", dashboard.dashboard, name="dashboard"),
    path("planning/", dashboard.planning, name="planning"),
    path("planning/nieuw/", dashboard.step_create, name="step-create"),
    path("planning/<int:pk>/", dashboard.step_edit, name="step-edit"),
    path("planning/<int:pk>/klaar/", dashboard.step_done, name="step-done"),
    path("planning/<int:pk>/verwijderen/", dashboard.step_delete, name="step-delete"),
]
