"""Cut-out slips with a QR code of each one's link, eight to an A4 sheet
(`templates/documents/_slips.html`): the access slips and the survey-link slips."""

from __future__ import annotations

from mentoring.lib.pdf import render_pdf

SLIPS_PER_PAGE = 8


def slips_pdf(template: str, slips: list, **context) -> bytes:
    """`slips`: objects with a `.link`; each template fills one slip from `row.slip` and `row.qr`."""
    import segno

    rows = [{"slip": s, "qr": segno.make(s.link, error="m").svg_data_uri(scale=3, border=1)} for s in slips]
    pages = [rows[i : i + SLIPS_PER_PAGE] for i in range(0, len(rows), SLIPS_PER_PAGE)]
    return render_pdf(template, {"pages": pages, **context})
