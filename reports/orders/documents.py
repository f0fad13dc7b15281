"""Orders and letters as documents: PDF (WeasyPrint, templates/documents/) and .docx (python-docx).

A signed order is served from the PDF stored at signing, after its checksum is verified; drafts
are rendered afresh, marked «ПРОЕКТ».
"""

from __future__ import annotations

import functools
import io
import re
from dataclasses import dataclass

from django.utils import timezone

from mentoring.lib.declension import Case, decline_person, first_and_middle
from mentoring.lib.grammar import agree
from mentoring.lib.pdf import render_pdf, text_width_pt, wrap_lines
from mentoring.lib.text import sentence, strip_control_characters, strip_control_characters_deep
from mentoring.lib.word import number_pages_from_second, set_properties
from reports.orders.models import Order, OrderPerson


class FrozenDocumentDamaged(Exception):
    """The stored PDF of a signed order is missing or does not match its checksum."""


@dataclass
class AcquaintanceRow:
    name: str
    description: str


def _signer(order: Order) -> tuple[str, str]:
    if order.signer_name:
        return order.signer_position, order.signer_name
    org = order.organization
    return org.director_position, org.director_signature_name


def numbered_points(order: Order) -> list[dict]:
    """The points with their numbers, the point on control last."""
    points = [dict(p) for p in order.points if (p.get("text") or "").strip()]
    if order.control.strip():
        points.append({"text": order.control.strip()})
    for number, point in enumerate(points, start=1):
        point["number"] = number
        point["lines"] = point["text"].strip().splitlines()
        point["executor_line"] = sentence((point.get("executor") or "").strip())
        point["deadline_line"] = sentence((point.get("deadline") or "").strip())
    return points


def acquaintance_title(order: Order) -> str:
    if order.number:
        return f"С приказом от {order.date:%d.%m.%Y} № {order.number} ознакомлены:"
    return "С приказом от ___.___.______ № ______ ознакомлены:"


def acquaintance_rows(order: Order) -> list[AcquaintanceRow]:
    """The employees named in the order, once each, in the order they are named: students are not
    asked to sign an order. Where the order concerns students (an order about pairs names them as
    mentees), their legal representatives acquaint themselves with it instead, after the employees."""
    seen: set[int] = set()
    rows, representatives = [], []
    entries = order.ordered_people().prefetch_related("person__representatives")
    for entry in entries:
        person = entry.person
        if person.pk in seen:
            continue
        seen.add(person.pk)
        if person.kind == person.Kind.STUDENT:
            if order.kind in Order.PAIR_KINDS:
                student = person.short_name + (
                    f", {person.school_class} класс" if person.school_class else ""
                )
                # «мать обучающейся (Зайцева Л. В., 1А класс)»: the word agrees with the child.
                child = agree("обучающийся", person.gender, Case.GENITIVE)
                representatives += [
                    AcquaintanceRow(rep.full_name, f"{rep.get_relation_display()} {child} ({student})")
                    for rep in person.representatives.all()
                ]
            continue
        description = person.school_class and f"{person.school_class} класс" or person.position
        rows.append(AcquaintanceRow(person.full_name, description))
    return rows + representatives


def order_reference(order: Order) -> str:
    """«к приказу от 01.09.2025 № 41-од», blanks on a draft: the line under an appendix's caption."""
    if order.number:
        return f"к приказу от {order.date:%d.%m.%Y} № {order.number}"
    return "к приказу от ___.___.______ № ______"


def text_appendices(order: Order) -> list[dict]:
    """A free-form order's appendices, each with its caption («Приложение 2» when there are several)."""
    texts = (order.appendix or {}).get("texts") or []
    return [
        {**text, "caption": f"Приложение {number}" if len(texts) > 1 else "Приложение"}
        for number, text in enumerate(texts, start=1)
    ]


APPENDIX_FONT_PT = 11  # as in templates/documents/order.html, table.appendix-table
TEXT_WIDTH_PT = 170 * 72 / 25.4  # A4 less the margins of 20 and 10 mm
CELL_PADDING_PT = 8 + 1  # 4 pt each side, and the borders


def _words(text: str) -> list[str]:
    """The pieces a line may break between (a hyphen or a dash stays with the piece before it)."""
    return re.findall(r"[^\s\-–/]+[\-–/]?", text) or [""]


def _columns_of(rows: list, count: int):
    """(column index, text) of every cell of the appendix's rows; a cell spanning several rows
    (a group's mentor) takes its column in the rows below it."""
    spanned = [0] * count
    for row in rows:
        cells = iter(row.get("cells", []) if isinstance(row, dict) else row)
        for index in range(count):
            if spanned[index]:
                spanned[index] -= 1
                continue
            cell = next(cells, None)
            if cell is None:
                break
            if isinstance(cell, dict):
                spanned[index] = int(cell.get("rowspan", 1)) - 1
                cell = cell.get("text", "")
            yield index, str(cell)


def appendix_layout(appendix: dict | None) -> dict:
    """The appendix table's column widths (per cent of the text width) and whether it must be
    hyphenated. Each column gets room in proportion to the longest word it holds (its heading in
    bold), measured in the documents' font; the table is laid out with these fixed widths, so it
    never runs into the right margin. Only when the longest words cannot stand side by side is the
    table hyphenated. The appendix is a stored snapshot: the layout is derived from its text."""
    columns = (appendix or {}).get("columns") or []
    if not columns:
        return {"widths": [], "hyphenate": False}
    needed = [
        max(text_width_pt(word, APPENDIX_FONT_PT, bold=True) for word in _words(heading))
        for heading in columns
    ]
    for index, text in _columns_of(appendix.get("rows") or [], len(columns)):
        needed[index] = max(needed[index], *(text_width_pt(word, APPENDIX_FONT_PT) for word in _words(text)))
    needed = [width + CELL_PADDING_PT for width in needed]
    total = sum(needed)
    return {
        "widths": [round(100 * width / total, 2) for width in needed],
        "hyphenate": total > TEXT_WIDTH_PT,
    }


def appendix_table(appendix: dict | None, layout: dict | None = None) -> dict | None:
    """The appendix table ready to set with its fixed columns (`appendix_layout`): each cell's text
    broken into lines here (`wrap_lines`), set as they are, one row group per pair or group — a
    table of hundreds of pairs is laid out in a fraction of the time WeasyPrint takes to find the
    break points itself (issue 21: the order assigning 300 pairs). None when the table must be
    hyphenated: the template then sets it as it is."""
    layout = layout or appendix_layout(appendix)
    if not layout["widths"] or layout["hyphenate"] or not appendix.get("rows"):
        return None
    room = [pct * TEXT_WIDTH_PT / 100 - CELL_PADDING_PT for pct in layout["widths"]]
    groups: list[list[list[dict]]] = []
    spanned: dict[int, int] = {}  # column → rows it still covers below
    for row in appendix["rows"]:
        continued = isinstance(row, dict)
        values = row["cells"] if continued else row
        if not continued or not groups:
            groups.append([])
        cells, column = [], 0
        for value in values:
            while spanned.get(column, 0) > 0:
                column += 1
            text, rowspan = (value["text"], value["rowspan"]) if isinstance(value, dict) else (value, 1)
            if rowspan > 1:
                spanned[column] = rowspan
            lines = wrap_lines(str(text), room[min(column, len(room) - 1)], APPENDIX_FONT_PT)
            # A cell with a word wider than its column is left for the renderer to break.
            cells.append(
                {
                    "text": "\n".join(lines) if lines else str(text),
                    "nowrap": lines is not None,
                    "rowspan": rowspan,
                }
            )
            column += 1
        spanned = {c: n - 1 for c, n in spanned.items() if n > 1}
        groups[-1].append(cells)
    return {"groups": groups}


def order_context(order: Order) -> dict:
    position, signature = _signer(order)
    layout = appendix_layout(order.appendix)  # measured once: the table's widths and its lines
    return {
        "order": order,
        "organization": order.organization,
        "points": numbered_points(order),
        "signer_position": position,
        "signer_name": signature,
        "acquaintance": acquaintance_rows(order),
        "acquaintance_title": acquaintance_title(order),
        "appendix": order.appendix or None,
        "appendix_layout": layout,
        "appendix_table": appendix_table(order.appendix, layout),
        "text_appendices": text_appendices(order),
        "order_reference": order_reference(order),
        "is_draft": order.status in (Order.Status.DRAFT, Order.Status.PENDING),
    }


def attached_documents(order: Order) -> list[tuple[str, bytes]]:
    """The documents a launch order approves, each rendered as its appendix (caption, PDF)."""
    if order.kind != Order.Kind.LAUNCH:
        return []
    from reports.orders.kinds import launch_appendices
    from roadmap.exports import render_roadmap_appendix

    result = []
    for item in launch_appendices(order):
        caption = f"Приложение {item['number']}\n{order_reference(order)}"
        render = item["approvable"].render if item["approvable"] else render_roadmap_appendix
        result.append((item["title"], render(item["document"], order, caption)))
    return result


def render_order_pdf(order: Order) -> bytes:
    """The order; a launch order with the Положение and the roadmap it approves as its appendices,
    between the text and the acquaintance sheet, each numbered from its own second page."""
    context = order_context(order)
    attached = attached_documents(order)
    if not attached:
        return render_pdf("documents/order.html", context)
    from pypdf import PdfReader, PdfWriter

    parts = [render_pdf("documents/order.html", {**context, "acquaintance": []})]
    parts += [content for _, content in attached]
    if context["acquaintance"]:
        parts.append(render_pdf("documents/order.html", {**context, "sheet_only": True}))
    writer = PdfWriter()
    for part in parts:
        writer.append(PdfReader(io.BytesIO(part)))
    writer.add_metadata({"/Title": order.title})
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def order_pdf(order: Order) -> bytes:
    """What the user downloads: the frozen PDF of a signed order, a fresh rendering of a draft."""
    if order.status in (Order.Status.DRAFT, Order.Status.PENDING):
        return render_order_pdf(order)
    try:
        with order.pdf.open("rb") as stored:
            content = stored.read()
    except (FileNotFoundError, ValueError) as exc:
        raise FrozenDocumentDamaged(f"файл подписанного приказа не найден: {order.pdf.name}") from exc
    if Order.checksum(content) != order.pdf_sha256:
        raise FrozenDocumentDamaged(f"контрольная сумма не совпадает: {order.pdf.name}")
    if order.status == Order.Status.CANCELLED:
        return stamp_cancelled(content, order)
    return content


def cancellation_mark(order: Order) -> str:
    """«Отменён приказом от 05.10.2025 № 7-од»: the order of the register that cancels this one."""
    by = order.cancelled_by_order
    if by is not None and by.number:
        return f"Отменён приказом от {by.date:%d.%m.%Y}\u00a0№\u00a0{by.number}"
    # Cancelled before the cancelling order was recorded: the date of the cancellation only.
    when = timezone.localtime(order.cancelled_at).date() if order.cancelled_at else None
    return f"Отменён {when:%d.%m.%Y}" if when else "Отменён"


def stamp_cancelled(content: bytes, order: Order) -> bytes:
    """A separate rendition of the signed PDF with the cancellation stamped over every page; the
    stored file stays as signed."""
    from pypdf import PdfReader, PdfWriter

    stamp = PdfReader(
        io.BytesIO(render_pdf("documents/cancel_stamp.html", {"mark": cancellation_mark(order)}))
    )
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(content)))
    for page in writer.pages:
        page.merge_page(stamp.pages[0], over=True)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def order_plain_text(order: Order) -> str:
    """The order's text as signed, for the register and search."""
    lines = [order.title, "", order.preamble + (":" if order.preamble else ""), "ПРИКАЗЫВАЮ:"]
    for point in numbered_points(order):
        lines.append(f"{point['number']}. " + "\n".join(point["lines"]))
        if point.get("executor"):
            lines.append(f"Ответственный: {point['executor_line']}")
        if point.get("deadline"):
            lines.append(f"Срок: {point['deadline_line']}")
    return "\n".join(lines)


def filename(order: Order, extension: str) -> str:
    if order.number:
        return f"Приказ от {order.date:%d.%m.%Y} № {order.number}.{extension}"
    return f"Проект приказа {order.get_kind_display()[:60]}.{extension}"


# Letters -------------------------------------------------------------------------------------


@dataclass
class Letter:
    greeting: str
    body: str
    addressee_kind: str  # "person" or "parents"


def _dear(gender: str) -> str:
    return "Уважаемая" if gender == "f" else "Уважаемый"


def letter_entries(order: Order) -> list[OrderPerson]:
    """The people the order gives a letter of thanks, in the order's order."""
    entries = (
        order.ordered_people()
        .filter(role=OrderPerson.Role.REWARDED, reward=OrderPerson.Reward.LETTER)
        .prefetch_related("person__representatives")
    )
    return list(entries)


def letter_for(order: Order, entry: OrderPerson) -> Letter:
    """A letter of thanks to whom the order gives it: the participant, or a student's parents."""
    org = order.organization
    person = entry.person
    merit = (
        entry.merit
        or order.params.get("merit")
        or "за активное участие в реализации программы наставничества"
    )
    if entry.letter_to_parents:
        return _letter_to_parents(org, person)
    if person.kind == person.Kind.STUDENT:
        return Letter(
            greeting=f"{'Дорогая' if person.gender == 'f' else 'Дорогой'} {person.first_name}!",
            body=f"Администрация {org.short_name} благодарит тебя {merit}, за старание, "
            "отзывчивость и готовность помогать другим.",
            addressee_kind="person",
        )
    return Letter(
        greeting=f"{_dear(person.gender)} {first_and_middle(person)}!",
        body=f"Администрация {org.short_name} выражает Вам искреннюю благодарность {merit}, "
        "за профессионализм, терпение и готовность делиться своим опытом с коллегами и обучающимися.",
        addressee_kind="person",
    )


def _letter_to_parents(org, person) -> Letter:
    parents = list(person.representatives.all()[:2])
    if len(parents) == 1:
        parent = parents[0]
        gender = parent.gender or parent.inferred_gender(parent.relation, parent.middle_name)
        greeting = f"{_dear(gender)} {first_and_middle(parent)}!" if gender else None
    elif parents:
        greeting = "Уважаемые " + " и ".join(first_and_middle(p) for p in parents) + "!"
    else:
        greeting = None
    child, pronoun = ("сына", "его") if person.gender == "m" else ("дочери", "её")
    student = decline_person(person, Case.GENITIVE)
    participant = agree("активный", person.gender, Case.GENITIVE) + (
        " участника" if person.gender == "m" else " участницы"
    )
    if person.school_class:
        student += f", {agree('обучающийся', person.gender, Case.GENITIVE)} {person.school_class} класса"
    return Letter(
        greeting=greeting or "Уважаемые родители!",
        body=f"Администрация {org.short_name} выражает Вам искреннюю благодарность за воспитание {child} — "
        f"{student}, {participant} программы наставничества, — и за поддержку {pronoun} участия "
        "в наставнической деятельности.",
        addressee_kind="parents",
    )


def render_letters_pdf(order: Order, entries: list[OrderPerson]) -> bytes:
    """The letters of a signed order; of a draft, one sample stamped «ПРОЕКТ», without a date."""
    position, signature = _signer(order)
    is_draft = order.status in (Order.Status.DRAFT, Order.Status.PENDING)
    if is_draft:
        entries = entries[:1]
    letters = [letter_for(order, entry) for entry in entries]
    return render_pdf(
        "documents/letter.html",
        {
            "order": order,
            "organization": order.organization,
            "letters": letters,
            "signer_position": position,
            "signer_name": signature,
            "is_draft": is_draft,
        },
    )


# .docx ---------------------------------------------------------------------------------------


def order_docx(order: Order) -> bytes:
    """The order as a Word document, for schools that finish documents in Word."""
    from docx import Document
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
    from docx.shared import Cm, Pt

    # Word's XML cannot hold control characters: whatever was stored, the document is written.
    context = strip_control_characters_deep(order_context(order))
    document = Document()
    section = document.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.top_margin, section.bottom_margin = Cm(2), Cm(2)
    section.left_margin, section.right_margin = Cm(2), Cm(1)
    style = document.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(14)
    style.paragraph_format.space_after = Pt(0)
    number_pages_from_second(section)
    set_properties(document, author=order.organization.short_name, title=filename(order, "docx")[:-5])

    paragraph = functools.partial(_paragraph, document)

    org = order.organization
    if context["is_draft"]:
        mark = paragraph("ПРОЕКТ", align=WD_ALIGN_PARAGRAPH.RIGHT)
        mark.runs[0].font.size = Pt(10)
    paragraph(org.full_name, align=WD_ALIGN_PARAGRAPH.CENTER, bold=True)
    paragraph(f"({org.short_name})", align=WD_ALIGN_PARAGRAPH.CENTER)
    paragraph()
    paragraph("ПРИКАЗ", align=WD_ALIGN_PARAGRAPH.CENTER, bold=True)
    paragraph()
    table = document.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    left, right = table.rows[0].cells
    left.text = f"{order.date:%d.%m.%Y}" if order.date else "___.___.______"
    right.text = strip_control_characters(f"№ {order.number}") if order.number else "№ ______"
    right.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    paragraph(f"г. {org.city}", align=WD_ALIGN_PARAGRAPH.CENTER)
    paragraph()
    paragraph(order.title, align=WD_ALIGN_PARAGRAPH.CENTER, bold=True)
    paragraph()
    if order.preamble:
        paragraph(order.preamble + ",", align=WD_ALIGN_PARAGRAPH.JUSTIFY, indent=True)
    paragraph("ПРИКАЗЫВАЮ:")
    for point in context["points"]:
        first, *rest = point["lines"]
        paragraph(f"{point['number']}. {first}", align=WD_ALIGN_PARAGRAPH.JUSTIFY, indent=True)
        for line in rest:
            paragraph(line, align=WD_ALIGN_PARAGRAPH.JUSTIFY, indent=True)
        if point.get("executor"):
            paragraph(f"Ответственный: {point['executor_line']}", indent=True)
        if point.get("deadline"):
            paragraph(f"Срок: {point['deadline_line']}", indent=True)
    paragraph()
    signature = document.add_table(rows=1, cols=2)
    signature.rows[0].cells[0].text = context["signer_position"]
    signature.rows[0].cells[1].text = context["signer_name"]
    signature.rows[0].cells[1].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if order.executor_mark:
        paragraph()
        mark = paragraph(f"Исп.: {order.executor_mark}")
        mark.runs[0].font.size = Pt(10)

    def caption(text: str) -> None:
        _caption(document, [text, context["order_reference"]], indent=Cm(10))

    appendix = context["appendix"]
    if appendix and appendix.get("rows"):
        document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        caption(appendix.get("caption", ""))
        paragraph()
        paragraph(appendix.get("title", ""), align=WD_ALIGN_PARAGRAPH.CENTER, bold=True)
        _appendix_table(document, appendix)
    for text in context["text_appendices"]:
        document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        caption(text["caption"])
        paragraph()
        paragraph(text["title"], align=WD_ALIGN_PARAGRAPH.CENTER, bold=True)
        for line in text["lines"]:
            if line.strip():
                paragraph(line, align=WD_ALIGN_PARAGRAPH.JUSTIFY, indent=True)
    attached = _attach_approved(document, order, context) if order.kind == Order.Kind.LAUNCH else False
    if attached:
        # As in the PDF, the sheet after the appendices is a part of its own, numbered from its second page.
        _new_part(document, landscape=False)
    else:
        document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    paragraph(context["acquaintance_title"], bold=True)
    sheet = document.add_table(rows=1, cols=5)
    sheet.style = "Table Grid"
    sheet.autofit = False
    for column, width in zip(sheet.columns, (Cm(1), Cm(5.5), Cm(4.5), Cm(3.2), Cm(3.8)), strict=True):
        for cell in column.cells:
            cell.width = width
    for cell, title in zip(
        sheet.rows[0].cells, ["№", "ФИО", "Должность, класс", "Дата", "Подпись"], strict=True
    ):
        cell.text = title
    for number, row in enumerate(context["acquaintance"], start=1):
        cells = sheet.add_row().cells
        cells[0].text = str(number)
        cells[1].text = strip_control_characters(row.name)
        cells[2].text = strip_control_characters(row.description or "")
        for cell, width in zip(cells, (Cm(1), Cm(5.5), Cm(4.5), Cm(3.2), Cm(3.8)), strict=True):
            cell.width = width
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _appendix_table(document, appendix: dict) -> None:
    """The appendix as a Word table; cells spanning a group's rows are merged vertically."""
    grid = document.add_table(rows=1 + len(appendix["rows"]), cols=len(appendix["columns"]))
    grid.style = "Table Grid"
    for cell, title in zip(grid.rows[0].cells, appendix["columns"], strict=True):
        cell.text = title
    covered: set[tuple[int, int]] = set()
    merges = []
    for r, row in enumerate(appendix["rows"], start=1):
        column = 0
        for value in row["cells"] if isinstance(row, dict) else row:
            while (r, column) in covered:
                column += 1
            span = value.get("rowspan", 1) if isinstance(value, dict) else 1
            grid.cell(r, column).text = str(value["text"] if isinstance(value, dict) else value)
            if span > 1:
                covered.update((r + k, column) for k in range(1, span))
                merges.append((r, column, r + span - 1))
            column += 1
    for first, column, last in merges:
        grid.cell(first, column).merge(grid.cell(last, column))


def _paragraph(document, text: str = "", *, align=None, bold: bool = False, indent: bool = False):
    from docx.shared import Cm

    par = document.add_paragraph()
    if align is not None:
        par.alignment = align
    if indent:
        par.paragraph_format.first_line_indent = Cm(1.25)
    run = par.add_run(strip_control_characters(text))
    run.bold = bold
    return par


def _caption(document, lines: list[str], *, indent) -> None:
    """As in the PDF: «Приложение N» and the order it belongs to, at the top right of the page."""
    from docx.shared import Pt

    for line in lines:
        par = _paragraph(document, line)
        par.paragraph_format.left_indent = indent
        par.runs[0].font.size = Pt(12)


def _new_part(document, *, landscape: bool):
    """A new section on a new page whose numbers start again, shown from its second page: an
    appendix in the PDF is a document of its own, numbered the same way."""
    from docx.enum.section import WD_ORIENT, WD_SECTION
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm

    section = document.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    long, short = Cm(29.7), Cm(21.0)
    section.page_width, section.page_height = (long, short) if landscape else (short, long)
    section.different_first_page_header_footer = True
    numbering = section._sectPr.find(qn("w:pgNumType"))
    if numbering is None:
        numbering = OxmlElement("w:pgNumType")
        section._sectPr.insert_element_before(
            numbering,
            *("w:cols", "w:formProt", "w:vAlign", "w:noEndnote", "w:titlePg", "w:textDirection"),
            *("w:bidi", "w:rtlGutter", "w:docGrid", "w:printerSettings", "w:sectPrChange"),
        )
    numbering.set(qn("w:start"), "1")
    return section


def _stamps(document, accepted: list[str], approved: list[str]) -> None:
    """«ПРИНЯТО …» on the left, «УТВЕРЖДЕНО …» on the right, as in the PDF."""
    from docx.shared import Pt

    stamps = document.add_table(rows=1, cols=2)
    for cell, lines in zip(stamps.rows[0].cells, (accepted, approved), strict=True):
        cell.text = strip_control_characters("\n".join(lines))
        for par in cell.paragraphs:
            for run in par.runs:
                run.font.size = Pt(12)


def _attach_approved(document, order: Order, context: dict) -> bool:
    """The Положения and the roadmap a launch order approves, each its appendix on a new page, as
    in the PDF: the caption, «ПРОЕКТ» on a draft, the stamps, the text or the table."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    from reports.orders.kinds import launch_appendices
    from roadmap.exports import roadmap_appendix_text

    items = launch_appendices(order)
    for item in items:
        landscape = item["approvable"] is None
        _new_part(document, landscape=landscape)
        if context["is_draft"]:
            mark = _paragraph(document, "ПРОЕКТ", align=WD_ALIGN_PARAGRAPH.RIGHT)
            mark.runs[0].font.size = Pt(10)
        _caption(
            document,
            [f"Приложение {item['number']}", context["order_reference"]],
            indent=Cm(18.5) if landscape else Cm(10),
        )
        _paragraph(document)
        if landscape:
            roadmap = roadmap_appendix_text(item["document"], order)
            _stamps(document, roadmap["accepted"], roadmap["approved"])
            _paragraph(document)
            _paragraph(document, roadmap["title"], align=WD_ALIGN_PARAGRAPH.CENTER, bold=True)
            if roadmap["edition"]:
                _paragraph(document, roadmap["edition"], align=WD_ALIGN_PARAGRAPH.CENTER)
            _paragraph(document)
            _appendix_table(document, roadmap)
            continue
        text = item["approvable"].text(item["document"], order)
        _stamps(document, text.accepted, text.approved)
        _paragraph(document)
        _paragraph(document, text.kind, align=WD_ALIGN_PARAGRAPH.CENTER, bold=True)
        _paragraph(document, text.title, align=WD_ALIGN_PARAGRAPH.CENTER, bold=True)
        if text.edition:
            _paragraph(document, text.edition, align=WD_ALIGN_PARAGRAPH.CENTER)
        for title, paragraphs in text.sections:
            _paragraph(document)
            heading = _paragraph(document, title, align=WD_ALIGN_PARAGRAPH.CENTER, bold=True)
            heading.paragraph_format.keep_with_next = True
            for line in paragraphs:
                _paragraph(document, line, align=WD_ALIGN_PARAGRAPH.JUSTIFY, indent=True)
    return bool(items)
