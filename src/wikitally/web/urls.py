"""Every route of the web app. Pages under /c/, the read-only JSON API under /api/ (openapi.py)."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.staticfiles.views import serve as serve_static
from django.urls import include, path, re_path

from wikitally.web.campaigns import api, views

urlpatterns = [
    path("", views.campaign_list, name="campaign-list"),
    path("c/new/", views.campaign_new, name="campaign-new"),
    path("c/<slug:slug>/", views.campaign_page, name="campaign"),
    path("c/<slug:slug>/edit/", views.campaign_edit, name="campaign-edit"),
    path("c/<slug:slug>/campaign.toml", views.campaign_toml, name="campaign-toml"),
    path("c/<slug:slug>/download.csv", views.download_csv, name="download-csv"),
    path("c/<slug:slug>/download.json", views.download_json, name="download-json"),
    path("c/<slug:slug>/download.wiki", views.download_wikitext, name="download-wiki"),
    path("c/<slug:slug>/download.html", views.download_html, name="download-html"),
    path("c/<slug:slug>/u/<path:user>/", views.participant, name="participant"),
    path("api/campaigns/", api.campaign_list, name="api-campaigns"),
    path("api/campaigns/<slug:slug>/", api.campaign, name="api-campaign"),
    path("api/campaigns/<slug:slug>/leaderboard", api.leaderboard, name="api-leaderboard"),
    path("api/openapi.json", api.openapi_document, name="api-openapi"),
    path("assets/<str:name>", views.asset, name="asset"),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    # The app's CSS and the admin's files, found by the staticfiles finders (no file outside them is served).
    re_path(r"^static/(?P<path>.+)$", serve_static, {"insecure": True}),
]
