"""Browsers ask for /favicon.ico where a page names no icon (Chromium's PDF viewer does)."""

from __future__ import annotations

from django.contrib.staticfiles import finders


def test_favicon_redirects_to_the_shipped_icon(client, db):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith("img/favicon.svg")
    assert finders.find("img/favicon.svg")
