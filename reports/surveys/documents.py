"""Slips with a personal survey link (issue 19): eight to an A4 page with cut lines, each with a
QR code of its one-time link, for parents and staff without e-mail."""

from __future__ import annotations

from mentoring.lib.slips import slips_pdf
from reports.surveys.actions import LinkSlip
from reports.surveys.models import Campaign


def survey_slips_pdf(slips: list[LinkSlip], *, campaign: Campaign) -> bytes:
    return slips_pdf(
        "documents/survey_slips.html", slips, campaign=campaign, organization=campaign.organization
    )
