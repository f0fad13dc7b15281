"""What every .docx the project writes shares with its PDF: page numbers and file properties."""

from __future__ import annotations

from django.utils import timezone


def _field(paragraph, instruction: str) -> None:
    """A Word field (PAGE, NUMPAGES…) that Word computes when it lays the document out."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    for kind, text in (("begin", None), (None, instruction), ("separate", None), (None, "1"), ("end", None)):
        run = paragraph.add_run()
        if kind:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
        elif text == instruction:
            code = OxmlElement("w:instrText")
            code.set(qn("xml:space"), "preserve")
            code.text = f" {instruction} "
            run._r.append(code)
        else:
            run.text = text


def number_pages_from_second(section) -> None:
    """Page numbers at the top centre from the second page (ГОСТ Р 7.0.97-2025, as in the PDF)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    section.different_first_page_header_footer = True
    header = section.header
    header.is_linked_to_previous = False
    paragraph = header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _field(paragraph, "PAGE")


def set_properties(document, *, author: str, title: str) -> None:
    """File properties that say who made the document and when, in Russian (python-docx's template
    otherwise says «python-docx», 2013, en-US)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    now = timezone.now()
    props = document.core_properties
    props.author = author
    props.last_modified_by = author
    props.title = title
    props.created = now
    props.modified = now
    props.revision = 1
    props.language = "ru-RU"
    props.comments = ""
    props.keywords = ""
    props.subject = ""
    run_properties = document.styles["Normal"].element.get_or_add_rPr()
    lang = run_properties.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        run_properties.append(lang)
    for attribute in ("w:val", "w:eastAsia", "w:bidi"):
        lang.set(qn(attribute), "ru-RU")
