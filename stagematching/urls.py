from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language

from accounts import views as account_views
from stagematching.health import health

admin.site.site_header = "Stagematching"
admin.site.site_title = "Stagematching beheer"

urlpatterns = [
    path("", account_views.home, name="home"),
    path("account/", include("accounts.urls")),
    path("opleidingen/", include("programmes.urls")),
    path("import/", include("spreadsheets.urls")),
    path("student/", include("students.urls")),
    path("bedrijf/", include("companies.urls")),
    path("plaatsingen/", include("placements.urls")),
    path("stages/", include("followup.urls")),
    path("matching/", include("matching.urls")),
    path("stappenplan/", include("cockpit.urls")),
    path("privacy/", include("privacy.urls")),
    path("taal/", login_not_required(set_language), name="set_language"),
    path("gezond/", health, name="health"),
    path("beheer/", admin.site.urls),
]
