from django.urls import path

from . import views

app_name = "privacy"

urlpatterns = [
    path("bewaartermijnen/", views.retention, name="retention"),
    path("register/", views.register, name="register"),
    path("mijn-privacy/", views.mine, name="mine"),
    path("mijn-gegevens.json", views.my_data, name="my-data"),
    path("verzoeken/", views.requests, name="requests"),
    path("verzoeken/<int:pk>/", views.request_detail, name="request"),
]
