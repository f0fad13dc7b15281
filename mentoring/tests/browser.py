"""Helpers for browser journeys."""

from __future__ import annotations

from playwright.sync_api import Page


def log_in(page: Page, base_url: str, username: str, password: str = "pass-Word-123") -> None:
    page.goto(base_url + "/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    page.wait_for_url(base_url + "/")
