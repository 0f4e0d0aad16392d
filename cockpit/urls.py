from django.urls import path

from .views import charts, dashboard, reports

app_name = "cockpit"

urlpatterns = [
    path("", dashboard.dashboard, name="dashboard"),
    path("planning/", dashboard.planning, name="planning"),
    path("planning/nieuw/", dashboard.step_create, name="step-create"),
    path("planning/<int:pk>/", dashboard.step_edit, name="step-edit"),
    path("planning/<int:pk>/klaar/", dashboard.step_done, name="step-done"),
    path("planning/<int:pk>/verwijderen/", dashboard.step_delete, name="step-delete"),
    path("grafieken/", charts.charts_page, name="charts"),
    path("export/", reports.exports, name="exports"),
    path("export/<slug:name>/", reports.export, name="export"),
    path("stagepact/", reports.stagepact_report, name="stagepact"),
]
