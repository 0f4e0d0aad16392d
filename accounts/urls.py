from django.contrib.auth import views as auth_views
from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("inloggen/", views.LoginView.as_view(), name="login"),
    path("uitloggen/", views.logout_view, name="logout"),
    path("wachtwoord/vergeten/", views.PasswordResetView.as_view(), name="password-reset"),
    path(
        "wachtwoord/vergeten/verstuurd/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password-reset-done",
    ),
    path(
        "wachtwoord/reset/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password-reset-confirm",
    ),
    path(
        "wachtwoord/reset/klaar/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password-reset-complete",
    ),
    path("activeren/<uidb64>/<token>/", views.ActivateView.as_view(), name="activate"),
]
