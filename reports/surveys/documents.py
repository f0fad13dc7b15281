"""Slips of surveys (issue 19), eight to an A4 page with cut lines, each with a QR code: a
personal one-time link (with its short code to type at /s/), or an unnamed code of the public
link of an anonymous campaign."""

from __future__ import annotations

from django.urls import reverse

from mentoring.lib.slips import slips_pdf
from reports.surveys.actions import CodeSlip, LinkSlip, public_link
from reports.surveys.models import Campaign


def _site(site_url: str) -> str:
    """The address as a person types it: no scheme, no trailing slash."""
    return site_url.split("://", 1)[-1].rstrip("/")


def survey_slips_pdf(slips: list[LinkSlip], *, campaign: Campaign, site_url: str) -> bytes:
    return slips_pdf(
        "documents/survey_slips.html",
        slips,
        campaign=campaign,
        organization=campaign.organization,
        code_address=_site(site_url) + reverse("answer:code"),
    )


def survey_code_slips_pdf(slips: list[CodeSlip], *, campaign: Campaign, site_url: str) -> bytes:
    return slips_pdf(
        "documents/survey_code_slips.html",
        slips,
        campaign=campaign,
        organization=campaign.organization,
        address=_site(public_link(site_url, campaign)),
    )
