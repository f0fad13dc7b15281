"""Reading a roadmap out of a Word file, whatever the school's table looks like.

`read_docx(file, year_start)` returns the plain dict printed by `import_roadmap --format json`
(title, approval stamp, stages with activities, the rows split into items, warnings) or raises
`ImportFailed` with a message in Russian. Nothing here touches the database: saving is
`actions.roadmap_import`.

Nothing in the table is dropped without a word: every row ends in an activity, in a stage, or in
a warning naming the row and its text. Two rules decide what a row becomes (`RULES`, shown in the
preview):
- a row with an empty «Содержание» cell continues the activity above: with a deadline of its own
  it is its own activity under the same number («1.3.2»), without one it is appended to it;
- numbered or bulleted items inside a content cell («1) … 2) …», «– … – …», «• …») are separate
  activities of the stage, sharing the row's deadline, responsible, result and KPI unless those
  are numbered per item too. `keep_whole(data, rows)` undoes the split of the rows the curator
  keeps whole.
"""

from __future__ import annotations

import copy
import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
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


RULES = (
    "Строка с пустой ячейкой «Содержание» продолжает мероприятие выше: если у неё свой срок, она "
    "становится отдельным мероприятием под тем же номером (например, 1.3.2) со своими планом, сроком, "
    "показателем и ответственными; если срока нет, её текст дописывается к мероприятию выше.",
    "Пункты внутри ячейки («1) … 2) …», «1. … 2. …», «– …», «• …») становятся отдельными мероприятиями "
    "этапа с общими сроком и ответственными (если они не пронумерованы по пунктам так же). "
    "Отметьте «оставить одним мероприятием», чтобы сохранить строку целиком.",
)

# Items inside a cell. A dash opens an item only at the start of a line or after punctuation
# («…; – приказ», «…: - сайт»), so a dash inside a sentence («наставников – «сессии»») stays text.
BULLET_ITEM_RE = re.compile(r"[ \t]*[•·▪●◦][ \t]*")
DASH_ITEM_RE = re.compile(r"(?:^|(?<=[;:,.]))[ \t]*[-–—][ \t]+", re.M)
NUMBER_ITEM_RE = re.compile(
    r"(?:^|(?<=[;:,.\s]))[ \t]*(?P<paren>\d{1,2})\)[ \t]+|(?:^|(?<=[;:.]))[ \t]*(?P<dot>\d{1,2})\.[ \t]+",
    re.M,
)


class ImportFailed(Exception):
    """The file cannot be read as a roadmap; the message is for the user."""


@dataclass
class Row:
    index: int  # the row's number in the Word table, the header included
    cells: dict[str, str]
    full_width: str | None  # text of a row whose single cell spans the table
    texts: list[str] = field(default_factory=list)

    def quoted(self) -> str:
        """The row's text in full: a row that is not loaded must not lose a word in its warning."""
        seen: list[str] = []
        for text in self.texts:
            text = " ".join(text.split())
            if text and text not in seen:
                seen.append(text)
        return " | ".join(seen)


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
    paragraphs = [p for p in cell.paragraphs if p.text.strip()]
    # Word's own lists carry no marker in the text; two or more list paragraphs are items.
    listed = [_is_list_item(p) for p in paragraphs]
    mark = sum(listed) >= 2
    lines = [
        ("• " if mark and is_item else "") + " ".join(p.text.split())
        for p, is_item in zip(paragraphs, listed, strict=True)
    ]
    return "\n".join(lines)


def _is_list_item(paragraph) -> bool:
    """Numbered or bulleted by Word, on the paragraph itself or through its style («List Number»)."""
    for owner in (paragraph._p, getattr(paragraph.style, "element", None)):
        properties = getattr(owner, "pPr", None)
        if properties is not None and properties.numPr is not None:
            return True
    return False


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
    for index, row in enumerate(table.rows[header_index + 1 :], start=header_index + 2):
        cells = row.cells
        distinct = {id(c._tc) for c in cells}
        texts = [_cell_text(c) for c in cells]
        if len(distinct) == 1 and len(cells) > 1:
            result.append(Row(index, {}, texts[0], texts[:1]))
            continue
        # A row of column numbers «1 2 3 4 5» under the header carries nothing.
        if all(re.fullmatch(r"\d+\.?", t) or not t for t in texts) and len({t for t in texts if t}) > 2:
            continue
        values = {kind: texts[i] if i < len(texts) else "" for i, kind in mapping.items()}
        result.append(Row(index, values, None, texts))
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
        "splits": [],
        "row_warnings": [],
        "warnings": [],
    }
    _read_rows(_rows(table, header_index, mapping), year_start, result)
    if not any(stage["activities"] for stage in result["stages"]):
        raise ImportFailed("В таблице не найдено ни одного мероприятия.")
    named = ACADEMIC_YEAR_RE.search(result["title"])
    if named and int(named.group(1)) != year_start:
        result["row_warnings"].append(
            f"В заголовке указан {named.group(1)}/{named.group(2)} учебный год, а импорт идёт в "
            f"{result['academic_year']}."
        )
    _finish(result)
    return result


def keep_whole(data: dict, rows: Iterable[int]) -> dict:
    """`data` as read, with the split rows numbered in `rows` kept as one activity each."""
    data = copy.deepcopy(data)
    wholes = {split["row"]: split["whole"] for split in data.get("splits", [])}
    chosen = {int(row) for row in rows} & wholes.keys()
    for stage in data["stages"]:
        activities = []
        for activity in stage["activities"]:
            split = activity.get("split")
            if split and split["row"] in chosen:
                if split["item"] == 1:
                    activities.append(copy.deepcopy(wholes[split["row"]]))
                continue
            activities.append(activity)
        stage["activities"] = activities
    _finish(data)
    return data


def _finish(data: dict) -> None:
    """Number the activities (a continuation under the number of the one above: 1.3, 1.3.2) and
    list the warnings, those about deadlines naming the numbers just given."""
    year_start = int(data["academic_year"][:4])
    year_first, year_last = years.bounds(year_start)
    # One warning for the items of a split row that share its deadline: «Мероприятия 1.4–1.6: …».
    found: list[tuple[int, list[str], str]] = []
    for stage in data["stages"]:
        main = 0
        sub = 1
        parent = None
        for activity in stage["activities"]:
            if activity.get("continues") and parent:
                # Under the number and the «Содержание» of the activity it continues, which is the
                # whole row or its last item as the curator chose.
                sub += 1
                activity["number"] = f"{parent['number']}.{sub}"
                activity["title"] = parent["title"]
            else:
                main += 1
                sub = 1
                parent = activity
                activity["number"] = f"{stage['number']}.{main}"
            problem = _deadline_problem(activity, year_start, data["academic_year"], year_first, year_last)
            if not problem:
                continue
            if found and found[-1][0] == activity["row"] and found[-1][2] == problem:
                found[-1][1].append(activity["number"])
            else:
                found.append((activity["row"], [activity["number"]], problem))
    warnings = [
        f"Мероприятие {numbers[0]}: {problem}"
        if len(numbers) == 1
        else f"Мероприятия {numbers[0]}–{numbers[-1]}: {problem}"
        for _, numbers, problem in found
    ]
    data["warnings"] = warnings + data.get("row_warnings", [])


def _deadline_problem(
    activity: dict, year_start: int, year_label: str, year_first: date, year_last: date
) -> str | None:
    deadline = parse_deadline(activity["deadline"]["text"], year_start)
    if not deadline.text:
        return "срок не указан."
    if not deadline.parsed:
        return f"не удалось прочитать срок «{deadline.text}»."
    if deadline.start < year_first or deadline.end > year_last:
        return f"срок «{deadline.text}» выходит за пределы {year_label} учебного года."
    # «Август-Сентябрь» read as 01.09–31.08 is a misreading more often than a plan for the year;
    # a text that says «в течение года» itself is not.
    whole_year = (deadline.start, deadline.end) == (year_first, year_last)
    if whole_year and deadline.names_months and deadline.recurrence != "continuous":
        return (
            f"срок «{deadline.text}» прочитан как весь учебный год, хотя в нём названы месяцы. "
            "Проверьте срок."
        )
    return None


def split_items(text: str) -> list[str] | None:
    """The items of a cell written as a list, or None when it is not one (fewer than two items).

    Text before the first marker is an item of its own, unless it ends with a colon: then it is
    the heading of the list and the first element returned is that heading, prefixed by «:»."""
    markers = _markers(text, numbered=True, bulleted=True, dashed=True)
    if not markers:
        return None
    head = text[: markers[0][0]].strip()
    items = []
    for (_, end), (start, _) in zip(markers, [*markers[1:], (len(text), len(text))], strict=True):
        item = " ".join(text[end:start].split()).rstrip(";,").strip()
        if item:
            items.append(item)
    heading = head if head.endswith(":") else ""
    if head and not heading:
        items.insert(0, head.rstrip(";,").strip())
    if len(items) < 2:
        return None
    return [f":{heading}", *items] if heading else items


def _markers(text: str, *, numbered: bool, bulleted: bool, dashed: bool) -> list[tuple[int, int]]:
    found: list[tuple[int, int]] = []
    if bulleted:
        found += [m.span() for m in BULLET_ITEM_RE.finditer(text)]
    if dashed:
        found += [m.span() for m in DASH_ITEM_RE.finditer(text)]
    if numbered:
        numbers = list(NUMBER_ITEM_RE.finditer(text))
        values = [int(m.group("paren") or m.group("dot")) for m in numbers]
        # «1) … 2) … 3) …» only: a stray «5.» in a sentence is not an item.
        if values == list(range(1, len(values) + 1)):
            found += [m.span() for m in numbers]
    found.sort()
    merged: list[tuple[int, int]] = []
    for start, end in found:
        if merged and start < merged[-1][1]:
            continue
        merged.append((start, end))
    return merged


def _per_item(text: str, count: int) -> list[str] | None:
    """A deadline, responsible, result or KPI cell written per item: numbered or bulleted the same
    number of times as the content. Dashes do not count: «05.09. – 31.05.» is one range."""
    markers = _markers(text, numbered=True, bulleted=True, dashed=False)
    if len(markers) != count or text[: markers[0][0]].strip():
        return None
    ends = [start for start, _ in markers[1:]] + [len(text)]
    return [
        " ".join(text[end:stop].split()).rstrip(";,").strip()
        for (_, end), stop in zip(markers, ends, strict=True)
    ]


def _read_rows(rows: list[Row], year_start: int, result: dict) -> None:
    stages = result["stages"]
    notes = result["row_warnings"]
    wholes: dict[int, dict] = {}
    stage = None
    last_stage_text = None
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
        rest = {kind: cells.get(kind, "") for kind in (DEADLINE, RESPONSIBLE, RESULT, KPI)}
        if not (title or content or any(rest.values())):
            if cells.get(NUMBER):
                notes.append(
                    f"Строка {row.index} таблицы («{row.quoted()}»): кроме номера в ней ничего нет — строка не загружена."
                )
            continue
        if stage is None:
            stage = {"number": 1, "title": "Мероприятия", "activities": []}
            stages.append(stage)
        activities = stage["activities"]
        if not title:
            if activities:
                _continue(activities, content, rest, year_start, row, wholes)
            elif content:
                activities.append(_activity(content, "", rest, year_start, row))
            else:
                notes.append(
                    f"Строка {row.index} таблицы («{row.quoted()}»): нет содержания и нет мероприятия выше, "
                    "к которому её отнести, — строка не загружена. Впишите содержание в файл или добавьте "
                    "мероприятие вручную."
                )
            continue
        appends = (
            activities
            and not cells.get(NUMBER)
            and not rest[DEADLINE]
            and not rest[RESPONSIBLE]
            and not stage_text
        )
        if appends:
            previous = activities[-1]
            for key, text in (
                ("title", title),
                ("content", content),
                ("expected_result", rest[RESULT]),
                ("kpi", rest[KPI]),
            ):
                _append(previous, key, text, wholes)
            continue
        activities.extend(_split_row(title, content, rest, year_start, row, stage, result, wholes))


def _activity(title: str, content: str, rest: dict[str, str], year_start: int, row: Row) -> dict:
    deadline = parse_deadline(" ".join(rest[DEADLINE].split()), year_start)
    return {
        "number": "",
        "row": row.index,
        "title": title,
        "content": content,
        "expected_result": rest[RESULT],
        "kpi": rest[KPI],
        "deadline": deadline.as_dict(),
        "responsible": split_responsible(rest[RESPONSIBLE]),
    }


def _split_row(title, content, rest, year_start, row, stage, result, wholes) -> list[dict]:
    """The activities of one row: one, or one per item of its content (or title) cell."""
    whole = _activity(title, content, rest, year_start, row)
    if (items := split_items(content)) is not None:
        heading = items.pop(0)[1:] if items[0].startswith(":") else ""
        pairs = [(f"{title}\n{heading}" if heading else title, item) for item in items]
    elif (items := split_items(title)) is not None:
        heading = items.pop(0)[1:] if items[0].startswith(":") else ""
        if heading:
            pairs = [(heading, f"{item}\n{content}".strip()) for item in items]
        else:
            pairs = [(item, content) for item in items]
    else:
        return [whole]
    count = len(pairs)
    per_item = {kind: _per_item(text, count) for kind, text in rest.items() if text}
    activities = []
    for i, (item_title, item_content) in enumerate(pairs):
        own = {kind: (per_item[kind][i] if per_item.get(kind) else text) for kind, text in rest.items()}
        activity = _activity(item_title, item_content, own, year_start, row)
        activity["split"] = {"row": row.index, "item": i + 1, "of": count}
        activities.append(activity)
    whole["split"] = {"row": row.index, "item": 0, "of": count}
    wholes[row.index] = whole
    result["splits"].append({"row": row.index, "stage": stage["number"], "whole": whole})
    return activities


def _continue(
    activities: list[dict], content: str, rest: dict[str, str], year_start: int, row: Row, wholes
) -> None:
    """A row with no «Содержание» of its own goes under the activity above: its own activity
    when it has its own deadline, else appended to that activity."""
    previous = activities[-1]
    if rest[DEADLINE]:
        activity = _activity(previous["title"], content, rest, year_start, row)
        activity["continues"] = True
        activities.append(activity)
        return
    for key, text in (("content", content), ("expected_result", rest[RESULT]), ("kpi", rest[KPI])):
        _append(previous, key, text, wholes)
    for entry in split_responsible(rest[RESPONSIBLE]):
        for target in _targets(previous, wholes):
            if entry not in target["responsible"]:
                target["responsible"].append(entry)


def _append(activity: dict, key: str, text: str, wholes: dict[int, dict]) -> None:
    if not text:
        return
    for target in _targets(activity, wholes):
        target[key] = f"{target[key]}\n{text}".strip()


def _targets(activity: dict, wholes: dict[int, dict]) -> list[dict]:
    """The activity and, when it is the last item of a split row, the row kept whole: text added
    to one must be in the other whichever the curator keeps."""
    split = activity.get("split")
    if split and split["item"] == split["of"]:
        return [activity, wholes[split["row"]]]
    return [activity]
