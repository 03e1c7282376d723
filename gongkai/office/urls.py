"""URLs of the staff back-office (mounted at /office/). Every URL has a permission test in tests/office/."""

from django.urls import path

from gongkai.office import attachment_views, letter_views, record_views, views

app_name = "office"

urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("login/", views.login, name="login"),
    path("logout/", views.logout, name="logout"),
    path("requests/new/", views.register_request, name="register-request"),
    path("requests/<int:pk>/", views.request_detail, name="request-detail"),
    path("requests/<int:pk>/reveal-identity/", views.reveal_identity, name="reveal-identity"),
    path("requests/<int:pk>/actions/<slug:action>/", views.request_action, name="request-action"),
    path("requests/<int:pk>/letters/new/", letter_views.draft_letter, name="draft-letter"),
    path("requests/<int:pk>/attachments/new/", attachment_views.upload_attachment, name="upload-attachment"),
    path("attachments/<int:pk>/", attachment_views.attachment_file, name="attachment-file"),
    path(
        "attachments/<int:pk>/acknowledge/",
        attachment_views.acknowledge_screening,
        name="acknowledge-screening",
    ),
    path("requests/<int:pk>/case-file.pdf", record_views.case_file, name="case-file"),
    path("requests/<int:pk>/case-file.zip", record_views.case_zip, name="case-zip"),
    path("letters/<int:pk>/", letter_views.letter_detail, name="letter-detail"),
    path("letters/<int:pk>/issue/", letter_views.issue_letter, name="issue-letter"),
    path("letters/<int:pk>/discard/", letter_views.discard_letter, name="discard-letter"),
    path("letters/<int:pk>/delivery/", letter_views.record_delivery, name="record-delivery"),
    path("letters/<int:pk>/file.<str:fmt>", letter_views.letter_file, name="letter-file"),
    path("register/<int:year>/", record_views.register_book, name="register-book"),
    path("table3/<int:year>/", record_views.table3, name="table3"),
    path("table3/<int:year>/requests/", record_views.table3_requests, name="table3-requests"),
    path("table3/<int:year>.xlsx", record_views.table3_xlsx, name="table3-xlsx"),
]
