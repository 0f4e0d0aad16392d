from django.urls import path

from . import views

app_name = "spreadsheets"

urlpatterns = [
    path("<slug:kind>/", views.upload, name="upload"),
    path("<slug:kind>/sjabloon.csv", views.template, name="template"),
    path("controle/<int:pk>/", views.preview, name="preview"),
    path("controle/<int:pk>/voortgang/", views.status, name="status"),
    path("controle/<int:pk>/inlezen/", views.apply, name="apply"),
]
