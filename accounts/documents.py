"""The access slips: eight to an A4 page with cut lines, each with a QR code of its link."""

from __future__ import annotations

from django.urls import reverse

from accounts.actions import Slip
from mentoring.lib.slips import slips_pdf as sheet_of_slips
from people.models import Organization


def slips_pdf(slips: list[Slip], *, site_url: str, organization: Organization) -> bytes:
    site = site_url.rstrip("/")
    return sheet_of_slips(
        "documents/access_slips.html",
        slips,
        site=site,
        activate=site + reverse("accounts:activate_code"),
        organization=organization,
    )
