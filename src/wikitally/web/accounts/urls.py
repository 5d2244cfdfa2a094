"""/accounts/…: signing in (Wikimedia OAuth 2.0; local accounts in development) and out (POST)."""

from django.contrib.auth import views as auth_views
from django.urls import path

from wikitally.web.accounts import views

urlpatterns = [
    path("login/", views.login, name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),  # POST only, with its CSRF token
    path("oauth/start/", views.oauth_start, name="oauth-start"),
    path("oauth/callback/", views.oauth_callback, name="oauth-callback"),
]
