"""Pages of the legal layer, under the language prefix (portal/urls.py includes them)."""

from django.urls import path

from . import views

app_name = "agreements"

urlpatterns = [
    path("agreements/", views.AgreementList.as_view(), name="agreement_list"),
    path("agreements/<int:pk>/", views.AgreementDetail.as_view(), name="agreement_detail"),
    path("agreements/<int:pk>/history/", views.AgreementHistory.as_view(), name="agreement_history"),
    path("documents/<int:pk>/download/", views.document_download, name="document_download"),
    path("organizations/", views.OrganizationList.as_view(), name="organization_list"),
    path("organizations/<int:pk>/", views.OrganizationDetail.as_view(), name="organization_detail"),
    path("people/", views.PersonList.as_view(), name="person_list"),
    path("people/<int:pk>/", views.PersonDetail.as_view(), name="person_detail"),
    path("commissions/", views.CommissionList.as_view(), name="commission_list"),
    path("commissions/<int:pk>/", views.CommissionDetail.as_view(), name="commission_detail"),
    path("meetings/", views.MeetingList.as_view(), name="meeting_list"),
    path("meetings/<int:pk>/", views.MeetingDetail.as_view(), name="meeting_detail"),
]
