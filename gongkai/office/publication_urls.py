"""Back-office URLs for proactive disclosure; the lead includes them at /office/publications/."""

from __future__ import annotations

from django.urls import path

from gongkai.office import publication_views as views

app_name = "publications_office"

urlpatterns = [
    path("", views.publications_home, name="home"),
    path("<slug:agency_code>/", views.publication_list, name="list"),
    path("<slug:agency_code>/new/", views.create_draft, name="create-draft"),
    path("<slug:agency_code>/<int:pk>/", views.publication_detail, name="detail"),
    path("<slug:agency_code>/<int:pk>/edit/", views.edit_draft, name="edit-draft"),
    path("<slug:agency_code>/<int:pk>/submit/", views.submit_for_review, name="submit-for-review"),
    path("<slug:agency_code>/<int:pk>/attachments/", views.upload_attachment, name="upload-attachment"),
    path(
        "<slug:agency_code>/<int:pk>/attachments/<int:attachment_pk>/remove/",
        views.remove_attachment,
        name="remove-attachment",
    ),
    path(
        "<slug:agency_code>/<int:pk>/findings/<int:finding_pk>/acknowledge/",
        views.acknowledge_finding,
        name="acknowledge-finding",
    ),
    path("<slug:agency_code>/<int:pk>/findings/<int:finding_pk>/fix/", views.fix_finding, name="fix-finding"),
    path("<slug:agency_code>/<int:pk>/refer/", views.refer_to_secrecy_office, name="refer-to-secrecy-office"),
    path(
        "<slug:agency_code>/<int:pk>/referrals/<int:referral_pk>/opinion/",
        views.record_secrecy_opinion,
        name="record-secrecy-opinion",
    ),
    path("<slug:agency_code>/<int:pk>/review/", views.decide_review, name="decide-review"),
    path("<slug:agency_code>/<int:pk>/approve/", views.approve, name="approve"),
    path("<slug:agency_code>/<int:pk>/return/", views.return_to_draft, name="return-to-draft"),
    path("<slug:agency_code>/<int:pk>/publish/", views.publish, name="publish"),
    path("<slug:agency_code>/<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("<slug:agency_code>/<int:pk>/reopen/", views.reopen, name="reopen"),
    path("<slug:agency_code>/<int:pk>/channels/", views.record_channel, name="record-channel"),
    path("<slug:agency_code>/<int:pk>/validity/", views.change_validity, name="change-validity"),
    path("<slug:agency_code>/registers/", views.register_overview, name="registers"),
    path("<slug:agency_code>/registers/tally/", views.record_tally, name="record-tally"),
    path("<slug:agency_code>/registers/import/", views.import_tallies, name="import-tallies"),
    path("<slug:agency_code>/registers/template.csv", views.import_template, name="import-template"),
    path(
        "<slug:agency_code>/registers/normative/",
        views.record_normative_document,
        name="record-normative-document",
    ),
    path(
        "<slug:agency_code>/registers/normative/<int:document_pk>/repeal/",
        views.repeal_normative_document,
        name="repeal-normative-document",
    ),
    path("<slug:agency_code>/table2/<int:year>/", views.table2, name="table2"),
    path("<slug:agency_code>/timeliness/", views.timeliness_overview, name="timeliness"),
    path("<slug:agency_code>/new-media/", views.new_media, name="new-media"),
    path("<slug:agency_code>/new-media/summary.xlsx", views.new_media_summary_xlsx, name="new-media-summary"),
]
