"""Slips with a personal survey link (issue 19): eight to an A4 page with cut lines, each with a
QR code of its one-time link, for parents and staff without e-mail."""

from __future__ import annotations

from mentoring.lib.pdf import render_pdf
from reports.surveys.actions import LinkSlip
from reports.surveys.models import Campaign

SLIPS_PER_PAGE = 8


def survey_slips_pdf(slips: list[LinkSlip], *, campaign: Campaign) -> bytes:
    import segno

    rows = [{"slip": s, "qr": segno.make(s.link, error="m").svg_data_uri(scale=3, border=1)} for s in slips]
    return render_pdf(
        "documents/survey_slips.html",
        {
            "pages": [rows[i : i + SLIPS_PER_PAGE] for i in range(0, len(rows), SLIPS_PER_PAGE)],
            "campaign": campaign,
            "organization": campaign.organization,
        },
    )
