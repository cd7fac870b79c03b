from django.urls import path

from misidagang.directory import views

urlpatterns = [
    path("directory/", views.directory, name="directory"),
    path("directory/new/", views.business_create, name="business_create"),
    path("businesses/<int:pk>/", views.business_detail, name="business"),
    path("businesses/<int:pk>/edit/", views.business_edit, name="business_edit"),
    path("commodities/", views.commodity_search, name="commodity_search"),
    path("regions/<str:province>/", views.regency_options, name="regency_options"),
]
