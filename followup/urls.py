from django.urls import path

from .views import agreement, placement

app_name = "followup"

urlpatterns = [
    path("", placement.staff_list, name="list"),
    path("<int:pk>/", placement.detail, name="detail"),
    path("<int:pk>/pok/", agreement.agreement_save, name="agreement-save"),
    path("<int:pk>/pok/versturen/", agreement.agreement_send, name="agreement-send"),
    path("<int:pk>/pok/tekenen/", agreement.agreement_sign, name="agreement-sign"),
    path("<int:pk>/pok/pdf/", agreement.agreement_download, name="agreement-pdf"),
    path("<int:pk>/pok/ouder-link/", agreement.guardian_resend, name="guardian-resend"),
    path("<int:pk>/student-gegevens/", agreement.student_guardian, name="student-guardian"),
    path("ondertekenen/<str:token>/", agreement.guardian_sign, name="guardian-sign"),
]
