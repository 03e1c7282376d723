from django.urls import path

from gongkai.office import views

app_name = "office"

urlpatterns = [
    path("", views.inbox, name="inbox"),
]
