from django.urls import path

from misidagang.matching import views

urlpatterns = [
    path("missions/<int:pk>/recommendations/", views.recommendations, name="recommendations"),
    path(
        "missions/<int:pk>/recommendations/dismiss/", views.dismiss, name="recommendation_dismiss"
    ),
    path(
        "missions/<int:pk>/recommendations/request/",
        views.request_meeting,
        name="recommendation_request",
    ),
    path("missions/<int:pk>/matching/", views.overview, name="matching_overview"),
    path("missions/<int:pk>/matching/refresh/", views.refresh, name="matching_refresh"),
]
