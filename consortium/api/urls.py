"""/api/v1/ paths of the implementation layer, listed explicitly (included by portal/api_urls.py)."""

from django.urls import path

from agreements.api.urls import DETAIL, LIST

from . import views

urlpatterns = [
    path("consortia/", views.ConsortiumViewSet.as_view(LIST), name="consortium-list"),
    path("consortia/<int:pk>/", views.ConsortiumViewSet.as_view(DETAIL), name="consortium-detail"),
    path("workstreams/", views.WorkstreamViewSet.as_view(LIST), name="workstream-list"),
    path("workstreams/<int:pk>/", views.WorkstreamViewSet.as_view(DETAIL), name="workstream-detail"),
    path("labs/", views.JointLabViewSet.as_view(LIST), name="lab-list"),
    path("labs/<int:pk>/", views.JointLabViewSet.as_view(DETAIL), name="lab-detail"),
    path("programmes/", views.ProgrammeViewSet.as_view(LIST), name="programme-list"),
    path("programmes/<int:pk>/", views.ProgrammeViewSet.as_view(DETAIL), name="programme-detail"),
    path("indicators/", views.IndicatorViewSet.as_view(LIST), name="indicator-list"),
    path("indicators/<int:pk>/", views.IndicatorViewSet.as_view(DETAIL), name="indicator-detail"),
]
