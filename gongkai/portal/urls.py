"""Portal URLs. Fixed paths first; everything under /<agency-code>/ is that agency's disclosure column.

Agency codes equal to a fixed path ("track", "elder-mode") would be shadowed: do not use them.
The catalogue (法定主动公开内容 items) is mounted by gongkai/urls.py at /<agency-code>/catalogue/.
"""

from django.urls import path

from gongkai.portal import views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("elder-mode/", views.elder_mode, name="elder-mode"),
    path("track/", views.track, name="track"),
    path("track/application/", views.track_status, name="track-status"),
    path("track/application/correction/", views.track_correction, name="track-correction"),
    path("track/application/withdraw/", views.track_withdraw, name="track-withdraw"),
    path("track/application/letters/<int:letter_id>.<str:fmt>", views.track_letter, name="track-letter"),
    path("track/end/", views.track_end, name="track-end"),
    path("<slug:agency_code>/", views.agency_home, name="agency"),
    path("<slug:agency_code>/guide/", views.guide, name="guide"),
    path("<slug:agency_code>/guide/edit/", views.guide_edit, name="guide-edit"),
    path("<slug:agency_code>/rules/", views.rules, name="rules"),
    path("<slug:agency_code>/proactive/", views.proactive, name="proactive"),
    path("<slug:agency_code>/annual-reports/", views.annual_report_list, name="annual-reports"),
    path("<slug:agency_code>/annual-reports/<int:year>/", views.annual_report, name="annual-report"),
    path(
        "<slug:agency_code>/annual-reports/<int:year>/v<int:version>/",
        views.annual_report,
        name="annual-report-version",
    ),
    path(
        "<slug:agency_code>/annual-reports/<int:year>/report.<str:fmt>",
        views.annual_report_download,
        name="annual-report-download",
    ),
    path(
        "<slug:agency_code>/annual-reports/<int:year>/v<int:version>/report.<str:fmt>",
        views.annual_report_download,
        name="annual-report-version-download",
    ),
    path("<slug:agency_code>/apply/", views.apply, name="apply"),
    path("<slug:agency_code>/apply/similar/", views.apply_similar, name="apply-similar"),
    path("<slug:agency_code>/apply/done/", views.apply_done, name="apply-done"),
    path("<slug:agency_code>/apply/track/", views.agency_track, name="agency-track"),
]
