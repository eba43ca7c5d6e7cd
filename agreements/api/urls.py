"""/api/v1/ paths of the legal layer, listed explicitly (included by portal/api_urls.py)."""

from django.urls import path

from . import views

LIST = {"get": "list", "post": "create"}
DETAIL = {"get": "retrieve", "put": "update", "patch": "partial_update", "delete": "destroy"}

urlpatterns = [
    path("organizations/", views.OrganizationViewSet.as_view(LIST), name="organization-list"),
    path("organizations/<int:pk>/", views.OrganizationViewSet.as_view(DETAIL), name="organization-detail"),
    path("people/", views.PersonViewSet.as_view(LIST), name="person-list"),
    path("people/<int:pk>/", views.PersonViewSet.as_view(DETAIL), name="person-detail"),
    path("topics/", views.TopicViewSet.as_view(LIST), name="topic-list"),
    path("topics/<int:pk>/", views.TopicViewSet.as_view(DETAIL), name="topic-detail"),
    path("agreements/", views.AgreementViewSet.as_view(LIST), name="agreement-list"),
    path("agreements/<int:pk>/", views.AgreementViewSet.as_view(DETAIL), name="agreement-detail"),
    path("commissions/", views.CommissionViewSet.as_view(LIST), name="commission-list"),
    path("commissions/<int:pk>/", views.CommissionViewSet.as_view(DETAIL), name="commission-detail"),
    path("meetings/", views.MeetingViewSet.as_view(LIST), name="meeting-list"),
    path("meetings/<int:pk>/", views.MeetingViewSet.as_view(DETAIL), name="meeting-detail"),
]
