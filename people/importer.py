"""Import of staff or students from an .xlsx file: parse and check everything, then write all or nothing.

The preview and the write use the same parse, so what the curator confirmed is what gets written.
People already in the organization (same kind, full name and birth date) are matched and left
unchanged, so importing the same file twice changes nothing.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font

from mentoring.lib.uploads import PARSED_ARCHIVE_LIMITS, ZIP_SIGNATURE, UploadRefused, check_archive
from people.models import LegalRepresentative, Organization, Person

MAX_IMPORT_BYTES = 5 * 1024 * 1024
MAX_ROWS = 10_000

STAFF_COLUMNS = [
    "Фамилия",
    "Имя",
    "Отчество",
    "Пол",
    "Дата рождения",
    "Должность",
    "Предметы",
    "Стаж, лет",
    "Электронная почта",
    "Телефон",
]
STUDENT_COLUMNS = [
    "Фамилия",
    "Имя",
    "Отчество",
    "Пол",
    "Дата рождения",
    "Класс",
    "Представитель: ФИО",
    "Представитель: кем приходится",
    "Представитель: телефон",
]
COLUMNS = {Person.Kind.STAFF: STAFF_COLUMNS, Person.Kind.STUDENT: STUDENT_COLUMNS}
GENDERS = {"м": "m", "муж": "m", "мужской": "m", "ж": "f", "жен": "f", "женский": "f"}
RELATIONS = {label: value for value, label in LegalRepresentative.Relation.choices}
CLASS_RE = re.compile(r"^(1[01]|[1-9])\s*-?\s*([А-ЯЁ])$")
DATE_RE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")


class ImportFileError(Exception):
    """The file as a whole cannot be read: the message is shown to the curator as is."""


@dataclass
class Row:
    number: int  # the row number in the spreadsheet, as the curator sees it
    values: dict
    errors: list[str] = field(default_factory=list)
    existing: Person | None = None

    @property
    def full_name(self) -> str:
        return " ".join(self.values.get(k) or "" for k in ("last_name", "first_name", "middle_name")).strip()


@dataclass
class Preview:
    kind: str
    rows: list[Row]

    @property
    def errors(self) -> int:
        return sum(1 for r in self.rows if r.errors)

    @property
    def is_valid(self) -> bool:
        return bool(self.rows) and not self.errors

    @property
    def new_rows(self) -> list[Row]:
        return [r for r in self.rows if not r.existing and not r.errors]

    @property
    def existing_rows(self) -> list[Row]:
        return [r for r in self.rows if r.existing]


def template_workbook(kind: str) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "Обучающиеся" if kind == Person.Kind.STUDENT else "Сотрудники"
    ws.append(COLUMNS[kind])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    if kind == Person.Kind.STUDENT:
        ws.append(
            [
                "Орлов",
                "Егор",
                "Андреевич",
                "м",
                "02.03.2014",
                "5Б",
                "Орлова Анна Ивановна",
                "мать",
                "+7 900 000-00-00",
            ]
        )
    else:
        ws.append(
            ["Иванова", "Мария", "Петровна", "ж", "15.04.1990", "учитель математики", "Математика", 5, "", ""]
        )
    for i in range(len(COLUMNS[kind])):
        ws.column_dimensions[chr(ord("A") + i)].width = 22
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def read_rows(content: bytes) -> list[list]:
    """Rows of the first sheet; raises ImportFileError with a Russian message for a bad file."""
    if not content:
        raise ImportFileError("Файл пустой.")
    if len(content) > MAX_IMPORT_BYTES:
        raise ImportFileError("Файл больше 5 МБ. Разделите список на несколько файлов.")
    if not content.startswith(ZIP_SIGNATURE):
        raise ImportFileError(
            "Это не файл Excel в формате .xlsx. Сохраните таблицу как «Книга Excel (.xlsx)»."
        )
    try:
        check_archive(io.BytesIO(content), PARSED_ARCHIVE_LIMITS)
    except UploadRefused as exc:
        raise ImportFileError(exc.message) from exc
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
        rows = [list(r) for r in sheet.iter_rows(values_only=True, max_row=MAX_ROWS + 2)]
        workbook.close()
    # SyntaxError: malformed XML inside (ElementTree's ParseError, lxml's XMLSyntaxError).
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, IndexError, TypeError, SyntaxError) as exc:
        raise ImportFileError("Файл повреждён или не является книгой Excel (.xlsx).") from exc
    rows = [r for r in rows if any(_text(v) for v in r)]
    if not rows:
        raise ImportFileError("В файле нет ни одной строки.")
    return rows


def parse(content: bytes, kind: str, organization: Organization) -> Preview:
    rows = read_rows(content)
    header = [_text(v) for v in rows[0]]
    while header and not header[-1]:
        header.pop()
    expected = COLUMNS[kind]
    if header != expected:
        missing = [c for c in expected if c not in header]
        extra = [c for c in header if c not in expected]
        details = []
        if missing:
            details.append("нет столбцов: " + ", ".join(f"«{c}»" for c in missing))
        if extra:
            details.append("лишние столбцы: " + ", ".join(f"«{c}»" for c in extra))
        if not details:
            details.append("столбцы стоят не в том порядке")
        raise ImportFileError(
            "Неверный набор столбцов (" + "; ".join(details) + "). Скачайте шаблон и заполните его."
        )
    if len(rows) == 1:
        raise ImportFileError("В файле только заголовок, строк с данными нет.")
    if len(rows) > MAX_ROWS + 1:
        raise ImportFileError(f"Больше {MAX_ROWS} строк: разделите список на несколько файлов.")
    parsed = [_parse_row(i + 2, dict(zip(expected, r, strict=False)), kind) for i, r in enumerate(rows[1:])]
    _mark_duplicates_and_existing(parsed, kind, organization)
    return Preview(kind=kind, rows=parsed)


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def _parse_date(value, errors: list[str]) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        day = value.date()
    elif isinstance(value, date):
        day = value
    else:
        match = DATE_RE.match(_text(value))
        try:
            day = date(int(match[3]), int(match[2]), int(match[1])) if match else None
        except ValueError:
            day = None
        if day is None:
            errors.append(f"Дата рождения «{_text(value)}» не распознана (нужно ДД.ММ.ГГГГ).")
            return None
    if not date(1930, 1, 1) <= day <= date.today():
        errors.append(f"Дата рождения {day:%d.%m.%Y} вне допустимого диапазона.")
        return None
    return day


def _parse_row(number: int, cells: dict, kind: str) -> Row:
    errors: list[str] = []
    values = {
        "last_name": _text(cells.get("Фамилия")),
        "first_name": _text(cells.get("Имя")),
        "middle_name": _text(cells.get("Отчество")),
    }
    if not values["last_name"]:
        errors.append("Не указана фамилия.")
    if not values["first_name"]:
        errors.append("Не указано имя.")
    for key in values:
        if len(values[key]) > 100:
            errors.append("Слишком длинное ФИО (больше 100 знаков в одной части).")
            break
    gender = _text(cells.get("Пол")).lower()
    values["gender"] = GENDERS.get(gender, "")
    if not values["gender"]:
        errors.append(f"Пол «{gender}» не распознан (нужно «м» или «ж»)." if gender else "Не указан пол.")
    values["birth_date"] = _parse_date(cells.get("Дата рождения"), errors)
    if kind == Person.Kind.STUDENT:
        raw_class = _text(cells.get("Класс")).upper()
        match = CLASS_RE.match(raw_class)
        if not match:
            errors.append(
                f"Неизвестный класс «{raw_class}» (нужно, например, 7Б)." if raw_class else "Не указан класс."
            )
        values["school_class"] = f"{match[1]}{match[2]}" if match else raw_class
        rep_name = _text(cells.get("Представитель: ФИО")).split()
        relation = _text(cells.get("Представитель: кем приходится")).lower()
        values["representative"] = None
        if rep_name:
            if len(rep_name) < 2:
                errors.append("ФИО представителя: нужны хотя бы фамилия и имя.")
            if relation not in RELATIONS:
                errors.append(
                    f"Кем приходится представитель: «{relation}» — нужно «мать», «отец», «опекун» или «попечитель»."
                )
            values["representative"] = {
                "last_name": rep_name[0] if rep_name else "",
                "first_name": rep_name[1] if len(rep_name) > 1 else "",
                "middle_name": " ".join(rep_name[2:]),
                "relation": RELATIONS.get(relation, ""),
                "phone": _text(cells.get("Представитель: телефон"))[:40],
            }
    else:
        values["position"] = _text(cells.get("Должность"))[:200]
        values["subjects"] = _text(cells.get("Предметы"))[:300]
        raw = _text(cells.get("Стаж, лет"))
        values["experience_years"] = None
        if raw:
            if raw.isdigit() and int(raw) <= 70:
                values["experience_years"] = int(raw)
            else:
                errors.append(f"Стаж «{raw}» — нужно целое число лет от 0 до 70.")
        values["email"] = _text(cells.get("Электронная почта"))
        if values["email"] and "@" not in values["email"]:
            errors.append(f"Адрес почты «{values['email']}» неверен.")
        values["phone"] = _text(cells.get("Телефон"))[:40]
    return Row(number=number, values=values, errors=errors)


def _key(values: dict) -> tuple:
    return (
        values["last_name"].lower().replace("ё", "е"),
        values["first_name"].lower().replace("ё", "е"),
        values["middle_name"].lower().replace("ё", "е"),
        values["birth_date"],
    )


def _mark_duplicates_and_existing(rows: list[Row], kind: str, organization: Organization) -> None:
    seen: dict[tuple, int] = {}
    for row in rows:
        if "last_name" not in row.values or not row.values["last_name"]:
            continue
        key = _key(row.values)
        if key in seen:
            row.errors.append(f"Повтор: тот же человек уже есть в строке {seen[key]}.")
        else:
            seen[key] = row.number
    existing = {
        _key(vars(p)): p
        for p in Person.objects.filter(
            organization=organization, kind=kind, last_name__in=[r.values["last_name"] for r in rows]
        )
    }
    for row in rows:
        row.existing = existing.get(_key(row.values))
