"""The Положение as a document: the PDF of a draft rendered afresh, of an approved one served from
the file frozen at approval after its checksum is verified."""

from __future__ import annotations

from mentoring.lib.pdf import render_pdf
from reports.orders.approvals import ApprovedText
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


def _as_approved_by(regulation, order):
    """The version as the order shows it: once the order is signed, its date and number in the stamp."""
    import copy

    shown = copy.copy(regulation)
    if order.number:
        shown.order_date, shown.order_number = order.date, order.number
    return shown


def render_regulation_appendix(regulation, order, caption: str) -> bytes:
    """The version a launch order approves, as the order's appendix: the caption «Приложение N
    к приказу от … № …» at the top and the order's date and number in the stamp «УТВЕРЖДЕНО»."""
    context = regulation_context(_as_approved_by(regulation, order))
    context["appendix_caption"] = caption
    context["is_draft"] = not order.number
    return render_pdf("documents/regulation.html", context)


def regulation_appendix_text(regulation, order) -> ApprovedText:
    """The same appendix for the order's .docx: the stamps and sections of documents/regulation.html."""
    shown = _as_approved_by(regulation, order)
    context = regulation_context(shown)
    return ApprovedText(
        accepted=[
            "ПРИНЯТО",
            "на заседании педагогического совета",
            shown.organization.short_name,
            f"({shown.protocol_stamp})",
        ],
        approved=["УТВЕРЖДЕНО", shown.order_stamp],
        kind="ПОЛОЖЕНИЕ",
        title=shown.subject_title,
        edition=f"Редакция {shown.version}" if shown.version > 1 else "",
        sections=[(f"{s['number']}. {s['title']}", s["paragraphs"]) for s in context["sections"]],
    )


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
