"""Reading a roadmap out of a Word file, whatever the school's table looks like.

`read_docx(file, year_start)` returns the plain dict printed by `import_roadmap --format json`
(title, approval stamp, stages with activities, warnings) or raises `ImportFailed` with a message
in Russian. Nothing here touches the database: saving is `actions.roadmap_import`.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from datetime import date

from mentoring.lib import academic_year as years
from mentoring.lib.uploads import PARSED_ARCHIVE_LIMITS, UploadRefused, check_archive
from roadmap.deadlines import parse_deadline

NUMBER, STAGE, TITLE, CONTENT, DEADLINE, RESPONSIBLE, RESULT, KPI = (
    "number",
    "stage",
    "title",
    "content",
    "deadline",
    "responsible",
    "result",
    "kpi",
)
COLUMN_LABELS = {
    NUMBER: "№",
    STAGE: "Наименование этапа",
    TITLE: "Содержание деятельности",
    CONTENT: "Примерный план мероприятий",
    DEADLINE: "Сроки",
    RESPONSIBLE: "Ответственный",
    RESULT: "Ожидаемый результат",
    KPI: "Показатели эффективности",
}

DATE = r"(\d{1,2})\s*\.\s*(\d{1,2})\s*\.\s*(\d{4})"
ORDER_RE = re.compile(r"приказ\w*\s*(?:от\s*)?" + DATE + r"\s*(?:г\.?|года)?\s*№\s*([\w/.-]+)", re.I)
ORDER_NUMBER_FIRST_RE = re.compile(r"приказ\w*\s*№\s*([\w/.-]+)\s*от\s*" + DATE, re.I)
PROTOCOL_RE = re.compile(r"протокол\w*\s*(?:от\s*)?" + DATE + r"\s*(?:г\.?|года)?\s*№\s*([\w/.-]+)", re.I)
PROTOCOL_NUMBER_FIRST_RE = re.compile(r"протокол\w*\s*№\s*([\w/.-]+)\s*от\s*" + DATE, re.I)
APPROVED_RE = re.compile(r"^\s*(утверждаю|утверждено|утверждена|утвержден)\b", re.I)
ACCEPTED_RE = re.compile(r"^\s*(принято|принята|рассмотрено|согласовано)\b", re.I)
# «Яковенко И.А.», «Яковенко И. А.», «И.А. Яковенко».
NAME_RE = re.compile(
    r"(?P<last>[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?)\s+(?P<i1>[А-ЯЁ])\.\s*(?P<i2>[А-ЯЁ])\.?"
    r"|(?P<j1>[А-ЯЁ])\.\s*(?P<j2>[А-ЯЁ])\.\s*(?P<last2>[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?)"
)
ACADEMIC_YEAR_RE = re.compile(r"(20\d\d)\s*[/\-–—]\s*(20\d\d)")
STAGE_PREFIX_RE = re.compile(r"^\s*(этап\s*)?([IVX]+|\d+)\s*[.):]?\s*(этап\s*[.:]?)?\s*", re.I)


class ImportFailed(Exception):
    """The file cannot be read as a roadmap; the message is for the user."""


@dataclass
class Row:
    cells: dict[str, str]
    full_width: str | None  # text of a row whose single cell spans the table


def classify_header(text: str) -> str | None:
    t = " ".join(text.lower().replace("ё", "е").split())
    if not t:
        return None
    if "этап" in t and "содержание" not in t:
        return STAGE
    if "срок" in t:
        return DEADLINE
    if "ответствен" in t or "исполнител" in t:
        return RESPONSIBLE
    if "показател" in t or "эффективност" in t:
        return KPI
    if "результат" in t or "вид документа" in t:
        return RESULT
    if "содержание" in t or "наименование мероприяти" in t:
        return TITLE
    if "план" in t or "мероприяти" in t:
        return CONTENT
    if t.startswith("№") or "п/п" in t or t in {"n", "номер"}:
        return NUMBER
    return None


def _cell_text(cell) -> str:
    lines = [" ".join(p.text.split()) for p in cell.paragraphs]
    return "\n".join(line for line in lines if line)


def _header_map(row_texts: list[str]) -> dict[int, str]:
    mapping: dict[int, str] = {}
    taken: set[str] = set()
    for i, text in enumerate(row_texts):
        kind = classify_header(text)
        if kind == TITLE and TITLE in taken:
            kind = CONTENT
        if kind == CONTENT and TITLE not in taken:
            kind = TITLE  # a lone «Мероприятия» column holds the activities themselves
        if kind and kind not in taken:
            mapping[i] = kind
            taken.add(kind)
    return mapping


def _is_recognised(mapping: dict[int, str]) -> bool:
    kinds = set(mapping.values())
    return TITLE in kinds and bool(kinds & {DEADLINE, STAGE, RESPONSIBLE})


def _find_table(document):
    for table in document.tables:
        rows = table.rows
        for header_index in range(min(3, len(rows))):
            texts = [_cell_text(c) for c in rows[header_index].cells]
            mapping = _header_map(texts)
            if _is_recognised(mapping):
                return table, header_index, mapping
    return None


def _rows(table, header_index: int, mapping: dict[int, str]) -> list[Row]:
    result = []
    for row in table.rows[header_index + 1 :]:
        cells = row.cells
        distinct = {id(c._tc) for c in cells}
        texts = [_cell_text(c) for c in cells]
        if len(distinct) == 1 and len(cells) > 1:
            result.append(Row({}, texts[0]))
            continue
        # A row of column numbers «1 2 3 4 5» under the header carries nothing.
        if all(re.fullmatch(r"\d+\.?", t) or not t for t in texts) and len({t for t in texts if t}) > 2:
            continue
        values = {kind: texts[i] if i < len(texts) else "" for i, kind in mapping.items()}
        result.append(Row(values, None))
    return result


def split_responsible(text: str) -> list[str]:
    """People and roles named in one cell, each as written."""
    entries: list[str] = []
    for piece in re.split(r"[,;\n]+", text):
        piece = piece.strip(" \t-–—")
        if not piece:
            continue
        rest = piece
        names = list(NAME_RE.finditer(piece))
        for match in names:
            entries.append(" ".join(match.group(0).split()))
        if names:
            rest = NAME_RE.sub(" ", piece)
        rest = " ".join(rest.split()).strip(" .,-–—")
        if rest:
            entries.extend(_split_roles(rest))
    return entries


def _split_roles(text: str) -> list[str]:
    """«Заведующий Старший воспитатель» (two lines run together) → two roles: a new role starts at
    a capitalised word that is not an abbreviation."""
    roles: list[str] = []
    current: list[str] = []
    for word in text.split():
        starts_role = bool(re.match(r"[А-ЯЁ][а-яё]", word))
        if starts_role and current:
            roles.append(" ".join(current))
            current = []
        current.append(word)
    if current:
        roles.append(" ".join(current))
    return roles


def _parse_date(day: str, month: str, year: str) -> str | None:
    try:
        return date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None


def read_stamp(lines: list[str]) -> dict:
    approval = {
        "approved_by": None,
        "order_number": None,
        "order_date": None,
        "protocol_number": None,
        "protocol_date": None,
    }
    block = None
    for line in lines:
        if APPROVED_RE.match(line):
            block = "approved"
        elif ACCEPTED_RE.match(line):
            block = "accepted"
        elif "дорожная карта" in line.lower():
            block = None
        if match := ORDER_RE.search(line):
            approval["order_date"] = _parse_date(*match.groups()[:3])
            approval["order_number"] = match.group(4).rstrip(".")
        elif match := ORDER_NUMBER_FIRST_RE.search(line):
            approval["order_number"] = match.group(1).rstrip(".")
            approval["order_date"] = _parse_date(*match.groups()[1:4])
        if match := PROTOCOL_RE.search(line):
            approval["protocol_date"] = _parse_date(*match.groups()[:3])
            approval["protocol_number"] = match.group(4).rstrip(".")
        elif match := PROTOCOL_NUMBER_FIRST_RE.search(line):
            approval["protocol_number"] = match.group(1).rstrip(".")
            approval["protocol_date"] = _parse_date(*match.groups()[1:4])
        if block == "approved" and approval["approved_by"] is None and not ORDER_RE.search(line):
            name = NAME_RE.search(line)
            if name:
                approval["approved_by"] = " ".join(name.group(0).split())
    return approval


def _title(lines: list[str]) -> str:
    for i, line in enumerate(lines):
        if "дорожная карта" in line.lower() or "план мероприятий" in line.lower():
            return " ".join(" ".join(lines[i:]).split())
    return ""


def _paragraphs_before_table(document, table) -> list[str]:
    lines = []
    for element in document.element.body.iterchildren():
        if element is table._tbl:
            break
        if element.tag.endswith("}p"):
            text = "".join(t.text or "" for t in element.iter() if t.tag.endswith("}t"))
            text = " ".join(text.split())
            if text:
                lines.append(text)
    return lines


def _clean_stage_title(text: str) -> str:
    text = " ".join(text.split())
    stripped = STAGE_PREFIX_RE.sub("", text, count=1)
    return stripped or text


def read_docx(file, year_start: int) -> dict:
    """The roadmap in a .docx file as a dict (see the module docstring)."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        check_archive(file, PARSED_ARCHIVE_LIMITS)
    except UploadRefused as exc:
        raise ImportFailed(exc.message) from exc
    try:
        document = docx.Document(file)
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise ImportFailed(
            "Файл не является документом Word (.docx). Сохраните его в формате .docx."
        ) from exc
    # SyntaxError: malformed XML inside (lxml's XMLSyntaxError: an undefined entity, a broken part).
    except SyntaxError as exc:
        raise ImportFailed(
            "Документ Word повреждён: его содержимое не читается. Откройте его в Word и сохраните заново."
        ) from exc
    if not document.tables:
        raise ImportFailed("В документе нет таблицы: дорожная карта должна быть оформлена таблицей.")
    found = _find_table(document)
    if found is None:
        expected = ", ".join(f"«{COLUMN_LABELS[k]}»" for k in (STAGE, TITLE, DEADLINE, RESPONSIBLE))
        raise ImportFailed(
            f"В таблице не удалось распознать столбцы дорожной карты. Ожидаются заголовки вроде {expected}."
        )
    table, header_index, mapping = found
    lines = _paragraphs_before_table(document, table)
    result = {
        "title": _title(lines),
        "academic_year": years.label(year_start),
        "approval": read_stamp(lines),
        "stages": [],
        "warnings": [],
    }
    _read_rows(_rows(table, header_index, mapping), year_start, result)
    if not any(stage["activities"] for stage in result["stages"]):
        raise ImportFailed("В таблице не найдено ни одного мероприятия.")
    named = ACADEMIC_YEAR_RE.search(result["title"])
    if named and int(named.group(1)) != year_start:
        result["warnings"].append(
            f"В заголовке указан {named.group(1)}/{named.group(2)} учебный год, а импорт идёт в "
            f"{result['academic_year']}."
        )
    return result


def _read_rows(rows: list[Row], year_start: int, result: dict) -> None:
    stages = result["stages"]
    warnings = result["warnings"]
    stage = None
    last_stage_text = None
    year_first, year_last = years.bounds(year_start)
    for row in rows:
        if row.full_width is not None:
            stage = {"number": len(stages) + 1, "title": _clean_stage_title(row.full_width), "activities": []}
            stages.append(stage)
            last_stage_text = None
            continue
        cells = row.cells
        stage_text = cells.get(STAGE, "")
        if stage_text and stage_text != last_stage_text:
            stage = {"number": len(stages) + 1, "title": _clean_stage_title(stage_text), "activities": []}
            stages.append(stage)
            last_stage_text = stage_text
        title = cells.get(TITLE, "")
        content = cells.get(CONTENT, "")
        if not (title or content):
            continue
        if stage is None:
            stage = {"number": 1, "title": "Мероприятия", "activities": []}
            stages.append(stage)
        activities = stage["activities"]
        is_continuation = (
            activities
            and not cells.get(NUMBER)
            and not cells.get(DEADLINE)
            and not cells.get(RESPONSIBLE)
            and not stage_text
        )
        if is_continuation:
            previous = activities[-1]
            for key, kind in (
                ("title", TITLE),
                ("content", CONTENT),
                ("expected_result", RESULT),
                ("kpi", KPI),
            ):
                if cells.get(kind):
                    previous[key] = f"{previous[key]}\n{cells[kind]}".strip()
            continue
        if not title:
            title, content = content, ""
        number = f"{stage['number']}.{len(activities) + 1}"
        deadline = parse_deadline(" ".join(cells.get(DEADLINE, "").split()), year_start)
        activities.append(
            {
                "number": number,
                "title": title,
                "content": content,
                "expected_result": cells.get(RESULT, ""),
                "kpi": cells.get(KPI, ""),
                "deadline": deadline.as_dict(),
                "responsible": split_responsible(cells.get(RESPONSIBLE, "")),
            }
        )
        if not deadline.text:
            warnings.append(f"Мероприятие {number}: срок не указан.")
        elif not deadline.parsed:
            warnings.append(f"Мероприятие {number}: не удалось прочитать срок «{deadline.text}».")
        elif deadline.start < year_first or deadline.end > year_last:
            warnings.append(
                f"Мероприятие {number}: срок «{deadline.text}» выходит за пределы "
                f"{result['academic_year']} учебного года."
            )
