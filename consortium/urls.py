"""Pages of the implementation layer, under the language prefix (portal/urls.py includes them)."""

from django.urls import path

from . import views

app_name = "consortium"

urlpatterns = [
    path("consortium/", views.ConsortiumList.as_view(), name="consortium_list"),
    path("consortium/<int:pk>/", views.ConsortiumDetail.as_view(), name="consortium_detail"),
    path("labs/", views.LabList.as_view(), name="lab_list"),
    path("labs/<int:pk>/", views.LabDetail.as_view(), name="lab_detail"),
    path("programmes/", views.ProgrammeList.as_view(), name="programme_list"),
    path("programmes/<int:pk>/", views.ProgrammeDetail.as_view(), name="programme_detail"),
    path("indicators/", views.IndicatorList.as_view(), name="indicator_list"),
    path("indicators/<int:pk>/", views.IndicatorDetail.as_view(), name="indicator_detail"),
]
