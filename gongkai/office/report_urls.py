"""Back-office URLs for annual reports; the lead includes them in office/urls.py at reports/."""

from __future__ import annotations

from django.urls import path

from gongkai.office import report_views as views

app_name = "reports_office"

urlpatterns = [
    path("", views.report_home, name="home"),
    path("<slug:agency_code>/cases/", views.case_list, name="cases"),
    path("<slug:agency_code>/cases/new/", views.case_register, name="case-register"),
    path("<slug:agency_code>/cases/<int:pk>/decide/", views.case_decide, name="case-decide"),
    path("<slug:agency_code>/supervise/<int:year>/", views.dashboard, name="dashboard"),
    path("<slug:agency_code>/supervise/<int:year>.xlsx", views.dashboard_xlsx, name="dashboard-xlsx"),
    path("<slug:agency_code>/supervise/<int:year>/check/", views.batch_check, name="batch-check"),
    path("<slug:agency_code>/<int:year>/", views.report_detail, name="report"),
    path("<slug:agency_code>/<int:year>/preview/", views.report_preview, name="preview"),
    path("<slug:agency_code>/<int:year>/<slug:action>/", views.report_action, name="action"),
]
