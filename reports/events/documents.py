"""The protocol as a document: PDF (WeasyPrint, templates/documents/protocol.html) and .docx."""

from __future__ import annotations

import io

from django.utils import timezone

from mentoring.lib.grammar import plural
from mentoring.lib.pdf import render_pdf
from reports.events.models import Event, Protocol

# «ПРОТОКОЛ заседания педагогического совета», «… родительского собрания»…
KIND_GENITIVE = {
    Event.Kind.TEACHERS_COUNCIL: "заседания педагогического совета",
    Event.Kind.METHODICAL_COUNCIL: "заседания методического совета",
    Event.Kind.PARENTS_MEETING: "родительского собрания",
    Event.Kind.CLASS_HOUR: "классного часа",
    Event.Kind.MENTOR_TRAINING: "занятия по обучению наставников",
    Event.Kind.KICKOFF: "установочной сессии",
    Event.Kind.ROUND_TABLE: "круглого стола",
    Event.Kind.CONFERENCE: "конференции (семинара)",
    Event.Kind.CONTEST: "конкурса",
    Event.Kind.GENERAL_MEETING: "общей встречи участников программы наставничества",
    Event.Kind.OTHER: "мероприятия",
}


def people_count(n: int) -> str:
    """«1 человек», «3 человека», «25 человек»."""
    return plural(n, "человек")


def signature_name(person) -> str:
    """«М.П. Иванова»: initials before the surname, as under a signature."""
    initials = "".join(f"{part[0]}." for part in (person.first_name, person.middle_name) if part)
    return f"{initials} {person.last_name}".strip()


def protocol_context(protocol: Protocol) -> dict:
    event = protocol.event
    present = sorted(
        (p.person for p in event.participants.select_related("person") if p.present),
        key=lambda person: (person.last_name, person.first_name, person.middle_name),
    )
    classes = [c for c in event.classes.all() if c.present]
    total = len(present) + sum(c.present for c in classes)
    return {
        "protocol": protocol,
        "event": event,
        "organization": protocol.organization,
        "kind_title": KIND_GENITIVE.get(event.kind, "мероприятия"),
        "starts_at": timezone.localtime(event.starts_at),
        "present": present,
        "classes": classes,
        "present_total": people_count(total),
        "agenda": protocol.agenda,
        "chair_name": signature_name(protocol.chair),
        "secretary_name": signature_name(protocol.secretary),
    }


def protocol_pdf(protocol: Protocol) -> bytes:
    return render_pdf("documents/protocol.html", protocol_context(protocol))


def filename(protocol: Protocol, extension: str) -> str:
    return f"Протокол от {protocol.date:%d.%m.%Y} № {protocol.number}.{extension}"


def protocol_docx(protocol: Protocol) -> bytes:
    """The protocol as a Word document, for secretaries who finish it in Word."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    context = protocol_context(protocol)
    document = Document()
    section = document.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.top_margin, section.bottom_margin = Cm(2), Cm(2)
    section.left_margin, section.right_margin = Cm(3), Cm(1.5)
    style = document.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(14)
    style.paragraph_format.space_after = Pt(0)

    def paragraph(text: str = "", *, align=None, bold: bool = False, indent: bool = False):
        par = document.add_paragraph()
        if align is not None:
            par.alignment = align
        if indent:
            par.paragraph_format.first_line_indent = Cm(1.25)
        run = par.add_run(text)
        run.bold = bold
        return par

    org = protocol.organization
    center, justify = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.JUSTIFY
    paragraph(org.full_name, align=center, bold=True)
    paragraph(f"({org.short_name})", align=center)
    paragraph()
    paragraph("ПРОТОКОЛ", align=center, bold=True)
    paragraph(context["kind_title"], align=center)
    paragraph()
    table = document.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    left.text = f"{protocol.date:%d.%m.%Y}"
    right.text = f"№ {protocol.number}"
    right.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    paragraph(f"г. {org.city}", align=center)
    paragraph()
    paragraph(f"Председатель — {context['chair_name']}")
    paragraph(f"Секретарь — {context['secretary_name']}")
    paragraph(f"Присутствовали: {context['present_total']}")
    if context["present"]:
        paragraph(", ".join(person.full_name for person in context["present"]) + ".", align=justify)
    for entry in context["classes"]:
        paragraph(f"обучающиеся {entry.school_class} класса — {entry.present} из {entry.enrolled}")
    paragraph()
    paragraph("ПОВЕСТКА ДНЯ:", bold=True)
    for number, item in enumerate(context["agenda"], start=1):
        paragraph(f"{number}. {item['title']}", align=justify, indent=True)
    for number, item in enumerate(context["agenda"], start=1):
        paragraph()
        paragraph(f"{number}. {item['title']}", bold=True)
        for word, key in (("СЛУШАЛИ", "heard"), ("ВЫСТУПИЛИ", "spoke"), ("РЕШИЛИ", "decided")):
            if item.get(key):
                paragraph(f"{word}: ", bold=True).add_run(item[key]).bold = False
    paragraph()
    signatures = document.add_table(rows=2, cols=3)
    officers = (("Председатель", context["chair_name"]), ("Секретарь", context["secretary_name"]))
    for row, (role, name) in zip(signatures.rows, officers, strict=True):
        row.cells[0].text = role
        row.cells[1].text = "________________"
        row.cells[2].text = name
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
