"""The Положение as a document: the PDF of a draft rendered afresh, of an approved one served from
the file frozen at approval after its checksum is verified."""

from __future__ import annotations

from mentoring.lib.pdf import render_pdf
from reports.orders.documents import FrozenDocumentDamaged
from reports.publication.models import Regulation
from reports.publication.standard import paragraphs


def regulation_context(regulation, *, mask=None) -> dict:
    """The sections as numbered paragraphs; with `mask`, the public copy with names hidden."""
    source = regulation.sections if mask is None else regulation.published_sections
    mask = mask or (lambda text: text)
    sections = [
        {"number": n, "title": mask(s.get("title", "")), "paragraphs": [mask(p) for p in paragraphs(s)]}
        for n, s in enumerate(source, start=1)
    ]
    return {
        "regulation": regulation,
        "organization": regulation.organization,
        "sections": sections,
        "is_draft": regulation.status in (regulation.Status.DRAFT, regulation.Status.REVIEW),
    }


def render_regulation_pdf(regulation, *, mask=None) -> bytes:
    """The Положение as PDF; with `mask`, the public copy."""
    return render_pdf("documents/regulation.html", regulation_context(regulation, mask=mask))


def render_regulation_appendix(regulation, order, caption: str) -> bytes:
    """The version a launch order approves, as the order's appendix: the caption «Приложение N
    к приказу от … № …» at the top and the order's date and number in the stamp «УТВЕРЖДЕНО»."""
    import copy

    shown = copy.copy(regulation)
    if order.number:
        shown.order_date, shown.order_number = order.date, order.number
    context = regulation_context(shown)
    context["appendix_caption"] = caption
    context["is_draft"] = not order.number
    return render_pdf("documents/regulation.html", context)


def regulation_pdf(regulation) -> bytes:
    """The frozen PDF of an approved (or archived) Положение, checksum verified; drafts afresh."""
    if regulation.status in (Regulation.Status.DRAFT, Regulation.Status.REVIEW):
        return render_regulation_pdf(regulation)
    try:
        with regulation.pdf.open("rb") as stored:
            content = stored.read()
    except (FileNotFoundError, ValueError) as exc:
        raise FrozenDocumentDamaged(f"файл утверждённого положения не найден: {regulation.pdf.name}") from exc
    if Regulation.checksum(content) != regulation.pdf_sha256:
        raise FrozenDocumentDamaged(f"контрольная сумма не совпадает: {regulation.pdf.name}")
    return content


def regulation_filename(regulation) -> str:
    suffix = "" if regulation.status == regulation.Status.APPROVED else f" (редакция {regulation.version})"
    return f"Положение о наставничестве {regulation.get_audience_display()}{suffix}.pdf"
