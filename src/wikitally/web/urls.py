"""Every route of the web app. Pages under /c/, the read-only JSON API under /api/ (openapi.py)."""

from django.contrib import admin
from django.urls import include, path

from wikitally.web.accounts import views as accounts_views
from wikitally.web.campaigns import (
    api,
    views,
    views_assign,
    views_enrol,
    views_heritage,
    views_jury,
    views_language,
    views_manage,
    views_photos,
    views_programs,
    views_refresh,
)

urlpatterns = [
    path("", views.campaign_list, name="campaign-list"),
    path("c/new/", views.campaign_new, name="campaign-new"),
    path("c/<slug:slug>/", views.campaign_page, name="campaign"),
    path("c/<slug:slug>/edit/", views.campaign_edit, name="campaign-edit"),
    path("c/<slug:slug>/refresh/", views_refresh.refresh_now, name="campaign-refresh"),
    path("c/<slug:slug>/campaign.toml", views.campaign_toml, name="campaign-toml"),
    path("c/<slug:slug>/download.csv", views.download_csv, name="download-csv"),
    path("c/<slug:slug>/download.json", views.download_json, name="download-json"),
    path("c/<slug:slug>/download.wiki", views.download_wikitext, name="download-wiki"),
    path("c/<slug:slug>/download.html", views.download_html, name="download-html"),
    path("c/<slug:slug>/leaderboard/", views.leaderboard_page, name="campaign-leaderboard"),
    path("c/<slug:slug>/articles/", views.articles_page, name="campaign-articles"),
    path(
        "c/<slug:slug>/u/<path:user>/certificate.pdf",
        views.participant_certificate,
        name="participant-certificate",
    ),
    path("c/<slug:slug>/u/<path:user>/", views.participant, name="participant"),
    path("c/<slug:slug>/join/", views_enrol.join, name="campaign-join"),
    path("c/<slug:slug>/participants/", views_enrol.participant_list, name="campaign-participants"),
    path(
        "c/<slug:slug>/participants/remove/",
        views_enrol.participant_remove,
        name="campaign-participant-remove",
    ),
    path("c/<slug:slug>/assignments/", views_assign.organizer_page, name="campaign-assignments"),
    path("c/<slug:slug>/assignments.csv", views_assign.progress_csv, name="campaign-assignments-csv"),
    path("c/<slug:slug>/mine/", views_assign.mine, name="campaign-mine"),
    path("c/<slug:slug>/heritage/", views_heritage.heritage_page, name="campaign-heritage"),
    path("c/<slug:slug>/heritage/report/", views_heritage.report, name="campaign-heritage-report"),
    path("c/<slug:slug>/heritage/moderate/", views_heritage.moderate, name="campaign-heritage-moderate"),
    path("c/<slug:slug>/heritage.wiki", views_heritage.download_wikitext, name="campaign-heritage-wiki"),
    path(
        "c/<slug:slug>/heritage-quickstatements.txt",
        views_heritage.download_quickstatements,
        name="campaign-heritage-qs",
    ),
    path("c/<slug:slug>/organize/", views_manage.organize, name="campaign-organize"),
    path("c/<slug:slug>/delete/", views_manage.delete, name="campaign-delete"),
    path("c/<slug:slug>/enrolled.csv", views_manage.participants_csv, name="campaign-enrolled-csv"),
    path("c/<slug:slug>/massmessage.wiki", views_manage.massmessage, name="campaign-massmessage"),
    path("c/<slug:slug>/leave/", views_manage.leave, name="campaign-leave"),
    path("c/<slug:slug>/privacy/", views_manage.privacy, name="campaign-privacy"),
    path("c/<slug:slug>/photos/", views_photos.home, name="photos"),
    path("c/<slug:slug>/photos/log/", views_photos.log, name="photos-log"),
    path("c/<slug:slug>/photos/<int:number>/", views_photos.vote, name="photos-vote"),
    path("c/<slug:slug>/photos/<int:number>/round/", views_photos.round_page, name="photos-round"),
    path("c/<slug:slug>/photos/<int:number>/jurors.csv", views_photos.juror_stats, name="photos-jurors-csv"),
    path("c/<slug:slug>/photos/<int:number>/results/", views_photos.results, name="photos-results"),
    path("c/<slug:slug>/jury/", views_jury.juror_page, name="jury"),
    path("c/<slug:slug>/jury/organize/", views_jury.organize, name="jury-organize"),
    path("c/<slug:slug>/results/", views_jury.results_page, name="contest-results"),
    path("c/<slug:slug>/results.json", views_jury.results_json, name="contest-results-json"),
    path("c/<slug:slug>/results.csv", views_jury.results_csv, name="contest-results-csv"),
    path("c/<slug:slug>/results.wiki", views_jury.results_wiki, name="contest-results-wiki"),
    path("p/<slug:slug>/", views_programs.program_page, name="program"),
    path("api/campaigns/", api.campaign_list, name="api-campaigns"),
    path("api/campaigns/<slug:slug>/", api.campaign, name="api-campaign"),
    path("api/campaigns/<slug:slug>/leaderboard", api.leaderboard, name="api-leaderboard"),
    path("api/campaigns/<slug:slug>/heritage", views_heritage.api_reports, name="api-heritage"),
    path("api/campaigns/<slug:slug>/lists/<str:name>", api.campaign_list_items, name="api-campaign-list"),
    path("api/programs/", views_programs.program_list_api, name="api-programs"),
    path("api/programs/<slug:slug>/", views_programs.program_api, name="api-program"),
    path("api/openapi.json", api.openapi_document, name="api-openapi"),
    path("assets/<str:name>", views.asset, name="asset"),
    path("accounts/", include("wikitally.web.accounts.urls")),  # login, logout, oauth/start, oauth/callback
    path("language/", views_language.set_language, name="set-language"),
    path("admin/login/", accounts_views.admin_login, name="admin-login"),  # Wikimedia sign-in unless DEV
    path("admin/", admin.site.urls),
    # /static/ (the app's CSS, the admin's files) is served by WhiteNoise's middleware (settings.py).
]

# Errors as pages of the site (views_errors.py); the CSRF failure view is settings.CSRF_FAILURE_VIEW.
handler400 = "wikitally.web.campaigns.views_errors.bad_request"
handler403 = "wikitally.web.campaigns.views_errors.permission_denied"
handler404 = "wikitally.web.campaigns.views_errors.page_not_found"
handler500 = "wikitally.web.campaigns.views_errors.server_error"
