"""The access slips: eight to an A4 page with cut lines, each with a QR code of its link."""

from __future__ import annotations

from django.urls import reverse

from accounts.actions import Slip
from mentoring.lib.pdf import render_pdf
from people.models import Organization

SLIPS_PER_PAGE = 8


def slips_pdf(slips: list[Slip], *, site_url: str, organization: Organization) -> bytes:
    import segno

    rows = [{"slip": s, "qr": segno.make(s.link, error="m").svg_data_uri(scale=3, border=1)} for s in slips]
    site = site_url.rstrip("/")
    return render_pdf(
        "documents/access_slips.html",
        {
            "pages": [rows[i : i + SLIPS_PER_PAGE] for i in range(0, len(rows), SLIPS_PER_PAGE)],
            "site": site,
            "activate": site + reverse("accounts:activate_code"),
            "organization": organization,
        },
    )
