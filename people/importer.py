"""Import of staff or students from the school's own list (.xlsx or CSV): read, map the columns,
check every row, then write all or nothing — or only the valid rows, if the curator chooses so.

Columns are recognised by what their header means («ФИО», «Ф.И.О.», «Стаж, лет», «E-mail»…);
a header nobody recognises is mapped by the curator once, and the organization remembers it.
Values are read as people write them: «5 лет», «12.03.85», «8 (912) 345-67-89», «5 «А»».

The preview and the write use the same parse, so what the curator confirmed is what gets written.
A person already in the organization (same kind and full name and birth date, or same e-mail) is
updated, never duplicated; importing the same file twice changes nothing.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db.models import Q
from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill
from openpyxl.utils.datetime import from_excel
from pytrovich.detector import PetrovichGenderDetector
from pytrovich.enums import Gender

from mentoring.lib.uploads import (
    PARSED_ARCHIVE_LIMITS,
    ZIP_SIGNATURE,
    UploadRefused,
    check_archive,
    check_sheet_rows,
)
from mentoring.lib.xlsx import is_dangerous
from people.models import ImportColumnMapping, LegalRepresentative, Organization, Person

MAX_IMPORT_BYTES = 5 * 1024 * 1024
MAX_ROWS = 10_000
PREVIEW_PLAIN_ROWS = 300  # new or unchanged rows listed in the preview
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0"  # the old binary .xls (and .doc)

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

# The fields a column can be loaded into, with the label the mapping step shows.
FIELDS = {
    "full_name": "ФИО одной строкой",
    "last_name": "Фамилия",
    "first_name": "Имя",
    "middle_name": "Отчество",
    "gender": "Пол",
    "birth_date": "Дата рождения",
    "position": "Должность",
    "subjects": "Предметы",
    "experience_years": "Стаж, лет",
    "email": "Электронная почта",
    "phone": "Телефон",
    "school_class": "Класс",
    "rep_full_name": "Представитель: ФИО",
    "rep_relation": "Представитель: кем приходится",
    "rep_phone": "Представитель: телефон",
}
KIND_FIELDS = {
    Person.Kind.STAFF: [
        "full_name",
        "last_name",
        "first_name",
        "middle_name",
        "gender",
        "birth_date",
        "position",
        "subjects",
        "experience_years",
        "email",
        "phone",
    ],
    Person.Kind.STUDENT: [
        "full_name",
        "last_name",
        "first_name",
        "middle_name",
        "gender",
        "birth_date",
        "school_class",
        "email",
        "phone",
        "rep_full_name",
        "rep_relation",
        "rep_phone",
    ],
}

# Headers as schools write them, after `normalize_header` (lower case, ё → е, punctuation → space).
SYNONYMS = {
    "full_name": [
        "фио",
        "ф и о",
        "фамилия имя отчество",
        "фамилия имя отчество полностью",
        "фио полностью",
        "фио педагога",
        "фио сотрудника",
        "фио работника",
        "фио учителя",
        "фио обучающегося",
        "фио ученика",
        "фио учащегося",
        "фио ребенка",
        "фамилия и имя",
        "фамилия имя",
        "сотрудник",
        "педагог",
        "обучающийся",
        "ученик",
        "учащийся",
    ],
    "last_name": ["фамилия"],
    "first_name": ["имя"],
    "middle_name": ["отчество", "отчество при наличии"],
    "gender": ["пол"],
    "birth_date": ["дата рождения", "день рождения", "дата рожд", "др", "д р"],
    "position": ["должность", "занимаемая должность", "должность по штатному расписанию"],
    "subjects": [
        "предметы",
        "предмет",
        "преподаваемые предметы",
        "преподаваемый предмет",
        "учебный предмет",
        "учебные предметы",
    ],
    "experience_years": [
        "стаж",
        "стаж лет",
        "стаж в годах",
        "педагогический стаж",
        "педагогический стаж лет",
        "пед стаж",
        "стаж работы",
        "стаж педагогической работы",
        "общий стаж",
    ],
    "email": [
        "электронная почта",
        "эл почта",
        "почта",
        "email",
        "e mail",
        "е mail",
        "адрес электронной почты",
        "e mail адрес",
    ],
    "phone": ["телефон", "тел", "контактный телефон", "мобильный телефон", "номер телефона", "сотовый"],
    "school_class": ["класс", "класс группа", "класс буква", "группа"],
    "rep_full_name": [
        "представитель фио",
        "представитель",
        "фио представителя",
        "фио законного представителя",
        "законный представитель",
        "фио родителя",
        "фио родителя законного представителя",
        "родитель",
        "родитель законный представитель",
    ],
    "rep_relation": [
        "представитель кем приходится",
        "кем приходится",
        "степень родства",
        "родство",
        "кем приходится ребенку",
    ],
    "rep_phone": [
        "представитель телефон",
        "телефон представителя",
        "телефон родителя",
        "телефон законного представителя",
        "контактный телефон родителя",
    ],
}
# Row numbers and the like: never loaded, never asked about.
IGNORED_HEADERS = {"", "п п", "n", "no", "nn", "номер", "номер п п", "порядковый номер"}
HEADER_FIELDS = {synonym: name for name, synonyms in SYNONYMS.items() for synonym in synonyms}

GENDERS = {
    "м": "m",
    "муж": "m",
    "мужской": "m",
    "m": "m",
    "ж": "f",
    "жен": "f",
    "женский": "f",
    "f": "f",
}
GENDER_LABELS = dict(Person.Gender.choices)
RELATIONS = {label: value for value, label in LegalRepresentative.Relation.choices}
RELATIONS.update({"мама": "mother", "папа": "father", "опекунша": "guardian", "иной": "other"})
# «Алиев Эльчин Рашид оглы»: the particle belongs to the patronymic.
PATRONYMIC_PARTICLES = {"оглы", "кызы", "улы", "уулу", "гызы", "кизи"}
PATRONYMIC_RE = re.compile(r"(вич|вна|чна|ична|инична)$", re.IGNORECASE)
CLASS_RE = re.compile(r"^(1[012]|[1-9])([А-ЯЁ]?)$")
DATE_PATTERNS = [
    (re.compile(r"^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$"), ("d", "m", "y")),
    (re.compile(r"^(\d{1,2})[./](\d{1,2})[./](\d{2})$"), ("d", "m", "yy")),
    (re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"), ("y", "m", "d")),
]
YEARS_RE = re.compile(
    r"^(\d{1,2}(?:[.,]\d+)?)\s*(?:г|год|года|лет|л)?\.?(?:\s*(?:и\s*)?\d{1,2}\s*(?:мес|месяц|месяца|месяцев|м)\.?)?$"
)
SINCE_RE = re.compile(r"^с\s*(\d{4})\s*(?:г|года|год)?\.?$")
YEAR_SUFFIX_RE = re.compile(r"\s*(?:г|года|год)\.?$")

_gender_detector = PetrovichGenderDetector()


class ImportFileError(Exception):
    """The file as a whole cannot be read: the message is shown to the curator as is."""


class RowError(str):
    """A row's error message that also knows the column and the value it is about."""

    column: str
    value: str

    def __new__(cls, message: str, column: str = "", value: str = "") -> RowError:
        error = super().__new__(cls, message)
        error.column = column
        error.value = value
        return error


@dataclass
class Table:
    header: list[str]
    rows: list[list]  # the data rows, the header excluded
    format: str  # "xlsx" or "csv"


@dataclass
class Row:
    number: int  # the row number in the spreadsheet, as the curator sees it
    values: dict
    raw: list = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    existing: Person | None = None
    changes: list[tuple[str, str, str]] = field(default_factory=list)  # (field label, old, new)
    gender_inferred: bool = False

    @property
    def full_name(self) -> str:
        return " ".join(self.values.get(k) or "" for k in ("last_name", "first_name", "middle_name")).strip()

    @property
    def gender_label(self) -> str:
        return GENDER_LABELS.get(self.values.get("gender"), "")

    @property
    def status(self) -> str:
        if self.errors:
            return "error"
        if self.existing is None:
            return "new"
        return "changed" if self.changes else "unchanged"


@dataclass
class Preview:
    kind: str
    rows: list[Row]
    header: list[str] = field(default_factory=list)
    mapping: dict[str, str | None] = field(default_factory=dict)  # header → field or None

    @property
    def errors(self) -> int:
        return sum(1 for r in self.rows if r.errors)

    @property
    def is_valid(self) -> bool:
        return bool(self.rows) and not self.errors

    @property
    def valid_rows(self) -> list[Row]:
        return [r for r in self.rows if not r.errors]

    @property
    def error_rows(self) -> list[Row]:
        return [r for r in self.rows if r.errors]

    @property
    def new_rows(self) -> list[Row]:
        return [r for r in self.rows if not r.existing and not r.errors]

    @property
    def changed_rows(self) -> list[Row]:
        return [r for r in self.rows if r.existing and r.changes and not r.errors]

    @property
    def unchanged_rows(self) -> list[Row]:
        return [r for r in self.rows if r.existing and not r.changes and not r.errors]

    @property
    def existing_rows(self) -> list[Row]:
        return [r for r in self.rows if r.existing]

    @property
    def shown_rows(self) -> list[Row]:
        """Every row with an error or a change, and the first of the others: a page of 10,000
        rows would say nothing more and take seconds to draw."""
        shown, plain = [], 0
        for row in self.rows:
            if row.errors or row.changes:
                shown.append(row)
            elif plain < PREVIEW_PLAIN_ROWS:
                shown.append(row)
                plain += 1
        return shown

    @property
    def hidden_rows(self) -> int:
        return len(self.rows) - len(self.shown_rows)

    @property
    def mapping_labels(self) -> list[tuple[str, str]]:
        return [(h, FIELDS[f] if f else "") for h, f in self.mapping.items() if h]

    @property
    def to_write(self) -> int:
        return len(self.new_rows) + len(self.changed_rows)


# Reading the file ------------------------------------------------------------------------------


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


def read_table(content: bytes) -> Table:
    """The header and rows of an .xlsx (first sheet) or a CSV; ImportFileError for a bad file."""
    if not content:
        raise ImportFileError("Файл пустой.")
    if len(content) > MAX_IMPORT_BYTES:
        raise ImportFileError("Файл больше 5 МБ. Разделите список на несколько файлов.")
    if content.startswith(OLE_SIGNATURE):
        raise ImportFileError(
            "Это файл старого формата Excel (.xls). Откройте его в Excel и сохраните как "
            "«Книга Excel (.xlsx)», затем загрузите снова."
        )
    if content.startswith(ZIP_SIGNATURE):
        rows, file_format = _read_xlsx(content), "xlsx"
    else:
        rows, file_format = _read_csv(content), "csv"
    rows = [r for r in rows if any(_text(v) for v in r)]
    if not rows:
        raise ImportFileError("В файле нет ни одной строки.")
    header = [_text(v) for v in rows[0]]
    while header and not header[-1]:
        header.pop()
    if len(rows) == 1:
        raise ImportFileError("В файле только заголовок, строк с данными нет.")
    if len(rows) > MAX_ROWS + 1:
        raise ImportFileError(f"Больше {MAX_ROWS} строк: разделите список на несколько файлов.")
    return Table(header=header, rows=rows[1:], format=file_format)


def dump_table(table: Table) -> bytes:
    """The table as JSON, to keep between the preview and the write: reading it back takes
    milliseconds where a 10,000-row workbook takes seconds. Dates are kept as «ДД.ММ.ГГГГ»."""

    def plain(value):
        if isinstance(value, (datetime, date)):
            return f"{value:%d.%m.%Y}"
        if value is None or isinstance(value, (int, float, str)):
            return value
        return str(value)

    data = {
        "header": table.header,
        "format": table.format,
        "rows": [[plain(v) for v in r] for r in table.rows],
    }
    return json.dumps(data, ensure_ascii=False).encode()


def load_table(data: bytes) -> Table:
    return Table(**json.loads(data))


def read_rows(content: bytes) -> list[list]:
    """Header and data rows together, as they stand in the file."""
    table = read_table(content)
    return [table.header, *table.rows]


def _read_xlsx(content: bytes) -> list[list]:
    try:
        check_archive(io.BytesIO(content), PARSED_ARCHIVE_LIMITS)
        check_sheet_rows(io.BytesIO(content))
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
    return rows


def _read_csv(content: bytes) -> list[list]:
    not_a_table = ImportFileError(
        "Это не файл Excel (.xlsx) и не таблица CSV. Сохраните список как «Книга Excel (.xlsx)» "
        "или «CSV (разделители — точка с запятой)»."
    )
    if b"\x00" in content[:4096]:
        raise not_a_table
    for encoding in ("utf-8-sig", "cp1251"):
        try:
            text = content.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise not_a_table
    if any(ord(c) < 32 and c not in "\r\n\t" for c in text[:4096]):
        raise not_a_table
    first_line = text.split("\n", 1)[0]
    delimiter = max(";,\t", key=first_line.count)
    if not first_line.count(delimiter) and "\n" not in text.strip():
        raise not_a_table
    return [row for row in csv.reader(io.StringIO(text), delimiter=delimiter)][: MAX_ROWS + 2]


# Columns ---------------------------------------------------------------------------------------


def normalize_header(header: str) -> str:
    text = header.lower().replace("ё", "е")
    text = re.sub(r"[^\w]+", " ", text)
    return " ".join(text.replace("_", " ").split())


def guess_mapping(header: list[str], kind: str, organization: Organization) -> dict[str, str | None]:
    """Header → field for every column; a header neither known nor remembered maps to `unknown`."""
    remembered = dict(
        ImportColumnMapping.objects.filter(organization=organization, kind=kind).values_list(
            "header", "field"
        )
    )
    allowed = KIND_FIELDS[kind]
    mapping: dict[str, str | None] = {}
    for title in header:
        key = normalize_header(title)
        if key in IGNORED_HEADERS:
            mapping[title] = None
        elif key in remembered:
            mapping[title] = remembered[key] or None
        elif HEADER_FIELDS.get(key) in allowed:
            mapping[title] = HEADER_FIELDS[key]
        else:
            mapping[title] = UNKNOWN
    return mapping


UNKNOWN = "?"


def unknown_headers(mapping: dict[str, str | None]) -> list[str]:
    return [h for h, f in mapping.items() if f == UNKNOWN]


def check_mapping(mapping: dict[str, str | None]) -> list[str]:
    """What is wrong with a mapping, in Russian; an empty list when it can be used."""
    problems = []
    fields = [f for f in mapping.values() if f and f != UNKNOWN]
    twice = sorted({FIELDS[f] for f in fields if fields.count(f) > 1})
    if twice:
        problems.append(
            "В один и тот же пункт загружаются два столбца: " + ", ".join(f"«{t}»" for t in twice) + "."
        )
    if "full_name" not in fields and not {"last_name", "first_name"} <= set(fields):
        problems.append("Укажите столбец с ФИО (одной строкой) или столбцы «Фамилия» и «Имя».")
    if "full_name" in fields and {"last_name", "first_name", "middle_name"} & set(fields):
        problems.append("ФИО одной строкой и отдельные столбцы фамилии, имени, отчества выбраны вместе.")
    return problems


def guess_kind(mapping: dict[str, str | None]) -> str:
    fields = set(mapping.values())
    return Person.Kind.STUDENT if fields & {"school_class", "rep_full_name"} else Person.Kind.STAFF


# Parsing ---------------------------------------------------------------------------------------


def parse(
    content: bytes | Table,
    kind: str,
    organization: Organization,
    mapping: dict[str, str | None] | None = None,
) -> Preview:
    """Check the whole file (its bytes, or the table already read from them). Without `mapping`
    the headers are recognised (and remembered ones used); a header nobody recognises is not
    loaded (the views ask about it first)."""
    table = content if isinstance(content, Table) else read_table(content)
    if mapping is None:
        mapping = guess_mapping(table.header, kind, organization)
    mapping = {h: (None if f == UNKNOWN else f) for h, f in mapping.items()}
    problems = check_mapping(mapping)
    if problems:
        raise ImportFileError(" ".join(problems))
    columns = [(i, title, mapping.get(title)) for i, title in enumerate(table.header) if mapping.get(title)]
    parsed = [_parse_row(n + 2, raw, columns, kind, table.header) for n, raw in enumerate(table.rows)]
    _mark_duplicates_and_existing(parsed, kind, organization)
    return Preview(kind=kind, rows=parsed, header=table.header, mapping=mapping)


def dump_rows(preview: Preview) -> bytes:
    """The checked rows as JSON, to write from once the curator confirms: only who is already in
    the registry is looked up again, the rows are not checked a second time."""
    rows = [
        {
            "number": row.number,
            "values": {
                **row.values,
                "birth_date": row.values["birth_date"].isoformat() if row.values.get("birth_date") else None,
            },
            "errors": [[str(e), e.column, e.value] for e in row.errors],
            "gender_inferred": row.gender_inferred,
        }
        for row in preview.rows
    ]
    data = {"kind": preview.kind, "header": preview.header, "mapping": preview.mapping, "rows": rows}
    return json.dumps(data, ensure_ascii=False).encode()


def checked_counts(data: bytes) -> tuple[int, int]:
    """(rows, rows with errors) of a `dump_rows` file, without matching it against the registry."""
    rows = json.loads(data)["rows"]
    return len(rows), sum(1 for row in rows if row["errors"])


def load_rows(data: bytes, organization: Organization) -> Preview:
    """A preview from `dump_rows`, matched against the registry as it is now."""
    data = json.loads(data)
    rows = []
    for item in data["rows"]:
        values = item["values"]
        if values.get("birth_date"):
            values["birth_date"] = date.fromisoformat(values["birth_date"])
        errors = [RowError(*e) for e in item["errors"]]
        rows.append(
            Row(number=item["number"], values=values, errors=errors, gender_inferred=item["gender_inferred"])
        )
    match_registry(rows, data["kind"], organization)
    return Preview(kind=data["kind"], rows=rows, header=data["header"], mapping=data["mapping"])


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime):
        return f"{value:%d.%m.%Y}"
    if isinstance(value, date):
        return f"{value:%d.%m.%Y}"
    # str.split() without arguments also splits on non-breaking and other Unicode spaces; control
    # characters (a NUL included) have no place in a name and cannot be stored or written back.
    text = str(value)
    if not text.isprintable():  # the rare cell with a control character or an odd space
        text = ILLEGAL_CHARACTERS_RE.sub("", text)
    return " ".join(text.split())


def split_full_name(text: str) -> tuple[str, str, str]:
    """«Фамилия Имя Отчество» → the three parts; a double surname and «оглы»/«кызы» kept whole."""
    words = text.replace(",", " ").split()
    if len(words) >= 2 and words[-1].lower() in PATRONYMIC_PARTICLES:
        words = [*words[:-2], f"{words[-2]} {words[-1]}"]
    if not words:
        return "", "", ""
    if len(words) == 1:
        return words[0], "", ""
    if len(words) == 2:
        return words[0], words[1], ""
    if len(words) == 3:
        return words[0], words[1], words[2]
    # Four words or more: a surname of two words before the name and the patronymic.
    return " ".join(words[:-2]), words[-2], words[-1]


def infer_gender(first_name: str, middle_name: str) -> str:
    """«m», «f» or "" from the patronymic (with «оглы»/«кызы») or else the first name."""
    if middle_name:
        last = middle_name.split()[-1].lower()
        if last in {"оглы", "улы", "уулу"}:
            return "m"
        if last in {"кызы", "гызы", "кизи"}:
            return "f"
    detected = _gender_detector.detect(firstname=first_name or None, middlename=middle_name or None)
    return {Gender.MALE: "m", Gender.FEMALE: "f"}.get(detected, "")


def parse_date(value) -> date | None:
    """A date as people write it; ValueError when it cannot be read."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, (int, float)) and 10_000 < value < 100_000:  # an Excel serial shown as a number
        return from_excel(value).date()
    text = YEAR_SUFFIX_RE.sub("", _text(value))
    for pattern, order in DATE_PATTERNS:
        match = pattern.match(text)
        if match:
            parts = dict(zip(order, (int(g) for g in match.groups()), strict=True))
            if "yy" in parts:
                yy = parts.pop("yy")
                parts["y"] = 2000 + yy if yy <= date.today().year % 100 else 1900 + yy
            return date(parts["y"], parts["m"], parts["d"])
    raise ValueError(text)


def parse_years(value) -> int:
    """Years of experience as people write them («5», «5,5», «5 лет», «12 л.», «с 2015 г.»):
    completed years; ValueError when it cannot be read."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if not math.isfinite(value):
            raise ValueError(str(value))
        years = int(value)
    else:
        text = _text(value).lower().replace("ё", "е")
        if text in {"нет", "без стажа", "-", "—"}:
            return 0
        since = SINCE_RE.match(text)
        match = YEARS_RE.match(text)
        if since:
            years = date.today().year - int(since[1])
        elif match:
            years = int(float(match[1].replace(",", ".")))
        else:
            raise ValueError(text)
    if not 0 <= years <= 70:
        raise ValueError(str(value))
    return years


def normalize_phone(value) -> str:
    """+7 XXX XXX-XX-XX from any Russian number; ValueError otherwise."""
    digits = re.sub(r"\D", "", _text(value))
    if len(digits) == 11 and digits[0] in "78":
        digits = digits[1:]
    if len(digits) != 10:
        raise ValueError(_text(value))
    return f"+7 {digits[:3]} {digits[3:6]}-{digits[6:8]}-{digits[8:]}"


def normalize_class(value) -> str:
    """«5А», «5 «А»», «5-а», «5 а» → «5А»; ValueError for what is not a class."""
    text = re.sub(r"[\s\-«»\"'“”„()]", "", _text(value)).upper().replace("КЛАСС", "").replace("КЛ.", "")
    match = CLASS_RE.match(text)
    if not match:
        raise ValueError(text)
    return f"{match[1]}{match[2]}"


def _parse_row(number: int, raw: list, columns: list, kind: str, header: list[str]) -> Row:
    cells = {name: (raw[i] if i < len(raw) else None, title) for i, title, name in columns}
    row = Row(number=number, values={}, raw=list(raw[: len(header)]))
    errors = row.errors

    def error(message: str, name: str) -> None:
        value, title = cells.get(name, (None, ""))
        errors.append(RowError(message, title, _text(value)))

    def text(name: str) -> str:
        return _text(cells.get(name, (None, ""))[0])

    values = row.values
    if "full_name" in cells:
        values["last_name"], values["first_name"], values["middle_name"] = split_full_name(text("full_name"))
        last_col = first_col = "full_name"
    else:
        values["last_name"], values["first_name"] = text("last_name"), text("first_name")
        values["middle_name"] = text("middle_name")
        last_col, first_col = "last_name", "first_name"
    if not values["last_name"]:
        error("Не указана фамилия.", last_col)
    if not values["first_name"]:
        error("Не указано имя.", first_col)
    if any(len(values[k]) > 100 for k in ("last_name", "first_name", "middle_name")):
        error("Слишком длинное ФИО (больше 100 знаков в одной части).", last_col)

    gender = text("gender").lower().rstrip(".")
    values["gender"] = GENDERS.get(gender, "")
    if gender and not values["gender"]:
        error(f"Пол «{gender}» не распознан (нужно «м» или «ж»).", "gender")
    elif not gender and values["first_name"]:
        values["gender"] = infer_gender(values["first_name"], values["middle_name"])
        row.gender_inferred = bool(values["gender"])
        if not values["gender"]:
            error("Пол не указан и не определяется по имени и отчеству: укажите «м» или «ж».", first_col)
    elif not gender:
        error("Не указан пол.", "gender")

    values["birth_date"] = None
    raw_date = cells.get("birth_date", (None, ""))[0]
    if _text(raw_date):
        try:
            day = parse_date(raw_date)
        except (ValueError, OverflowError):
            error(
                f"Дата рождения «{_text(raw_date)}» не распознана (нужно, например, 12.03.1985).",
                "birth_date",
            )
        else:
            if date(1930, 1, 1) <= day <= date.today():
                values["birth_date"] = day
            else:
                error(f"Дата рождения {day:%d.%m.%Y} вне допустимого диапазона.", "birth_date")

    values["email"] = text("email")
    if values["email"]:
        try:
            validate_email(values["email"])
        except ValidationError:
            error(f"Адрес почты «{values['email']}» неверен.", "email")
    values["phone"] = ""
    if text("phone"):
        try:
            values["phone"] = normalize_phone(text("phone"))
        except ValueError:
            error(f"Телефон «{text('phone')}» не распознан: нужен номер из 10 цифр после +7.", "phone")

    if kind == Person.Kind.STUDENT:
        values["school_class"] = ""
        if "school_class" in cells:
            try:
                values["school_class"] = normalize_class(text("school_class"))
            except ValueError:
                raw_class = text("school_class")
                error(
                    f"Неизвестный класс «{raw_class}» (нужно, например, 7Б)."
                    if raw_class
                    else "Не указан класс.",
                    "school_class",
                )
        values["representative"] = _parse_representative(text, error)
    else:
        values["position"] = text("position")[:200]
        values["subjects"] = text("subjects")[:300]
        values["experience_years"] = None
        if text("experience_years"):
            try:
                values["experience_years"] = parse_years(cells["experience_years"][0])
            except ValueError:
                error(
                    f"Стаж «{text('experience_years')}» не распознан: нужно число лет от 0 до 70 "
                    "(«5», «5 лет», «с 2015 г.»).",
                    "experience_years",
                )
    return row


def _parse_representative(text, error) -> dict | None:
    name = text("rep_full_name")
    if not name:
        return None
    last, first, middle = split_full_name(name)
    if not first:
        error("ФИО представителя: нужны хотя бы фамилия и имя.", "rep_full_name")
    relation = text("rep_relation").lower()
    if relation not in RELATIONS:
        error(
            f"Кем приходится представитель: «{relation}» — нужно «мать», «отец», «опекун» или «попечитель».",
            "rep_relation",
        )
    phone = ""
    if text("rep_phone"):
        try:
            phone = normalize_phone(text("rep_phone"))
        except ValueError:
            error(f"Телефон представителя «{text('rep_phone')}» не распознан.", "rep_phone")
    return {
        "last_name": last,
        "first_name": first,
        "middle_name": middle,
        "relation": RELATIONS.get(relation, ""),
        "phone": phone,
    }


# Matching the registry -------------------------------------------------------------------------

UPDATABLE = {
    Person.Kind.STAFF: [
        "last_name",
        "first_name",
        "middle_name",
        "gender",
        "birth_date",
        "position",
        "subjects",
        "experience_years",
        "email",
        "phone",
    ],
    Person.Kind.STUDENT: [
        "last_name",
        "first_name",
        "middle_name",
        "gender",
        "birth_date",
        "school_class",
        "email",
        "phone",
    ],
}
FIELD_LABELS = {**FIELDS, "experience_years": "Стаж"}


def _fold(text: str) -> str:
    return text.lower().replace("ё", "е")


def _key(values: dict) -> tuple:
    return (
        _fold(values["last_name"]),
        _fold(values["first_name"]),
        _fold(values["middle_name"]),
        values["birth_date"],
    )


def _shown(value) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, date):
        return f"{value:%d.%m.%Y}"
    return GENDER_LABELS.get(value, str(value)) if value in GENDER_LABELS else str(value)


def _mark_duplicates_and_existing(rows: list[Row], kind: str, organization: Organization) -> None:
    seen: dict[tuple, int] = {}
    seen_email: dict[str, int] = {}
    for row in rows:
        if not row.values.get("last_name"):
            continue
        key = _key(row.values)
        email = row.values["email"].lower()
        if key in seen:
            row.errors.append(RowError(f"Повтор: тот же человек уже есть в строке {seen[key]}."))
        elif email and email in seen_email:
            row.errors.append(
                RowError(f"Повтор: адрес {email} уже указан в строке {seen_email[email]}.", "", email)
            )
        else:
            seen[key] = row.number
            if email:
                seen_email[email] = row.number
    match_registry(rows, kind, organization)


def match_registry(rows: list[Row], kind: str, organization: Organization) -> None:
    """Find who is already in the registry and what the file would change for them."""
    candidates = [r for r in rows if r.values.get("last_name")]
    for row in candidates:
        row.existing, row.changes = None, []
    if not candidates:
        return
    names = {r.values["last_name"] for r in candidates}
    emails = {r.values["email"].lower() for r in candidates if r.values["email"]}
    found = Person.objects.filter(organization=organization, kind=kind, anonymized_at__isnull=True).filter(
        Q(last_name__in=names) | Q(email__in=emails)
    )
    if kind == Person.Kind.STUDENT:
        found = found.prefetch_related("representatives")
    by_key, by_email = {}, {}
    for person in found:
        by_key[_key(vars(person))] = person
        if person.email:
            by_email[person.email.lower()] = person
    for row in candidates:
        row.existing = by_key.get(_key(row.values)) or by_email.get(row.values["email"].lower() or None)
        if row.existing is not None and not row.errors:
            row.changes = _changes(row, kind)


def _changes(row: Row, kind: str) -> list[tuple[str, str, str]]:
    """Field by field what the row changes; an empty cell never erases what the registry has."""
    person = row.existing
    changes = []
    for name in UPDATABLE[kind]:
        new = row.values.get(name)
        if new in (None, ""):
            continue
        old = getattr(person, name)
        if (old or "") != new and not (name == "email" and (old or "").lower() == new.lower()):
            changes.append((FIELD_LABELS[name], _shown(old), _shown(new)))
    rep = row.values.get("representative")
    if rep:
        names = {_fold(r.full_name) for r in person.representatives.all()}
        full = " ".join(p for p in (rep["last_name"], rep["first_name"], rep["middle_name"]) if p)
        if _fold(full) not in names:
            changes.append(("Законный представитель", "—", full))
    return changes


# The file of rejected rows ---------------------------------------------------------------------


def errors_workbook(preview: Preview) -> bytes:
    """The rows with errors as they were in the file, with the reason in a comment on each bad cell
    and in a column «Ошибка»: fix them and upload the file again."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Строки с ошибками"
    ws.append([*preview.header, "Ошибка"])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    fill = PatternFill("solid", fgColor="FFF4CCCC")
    columns = {title: i for i, title in enumerate(preview.header)}
    for row in preview.error_rows:
        cells = [*row.raw, *[None] * (len(preview.header) - len(row.raw))]
        cells = [ILLEGAL_CHARACTERS_RE.sub("", v) if isinstance(v, str) else v for v in cells]
        ws.append([*cells, " ".join(row.errors)])
        line = ws.max_row
        for cell in ws[line]:
            if is_dangerous(cell.value):  # the file's text stays text, never a formula to run
                cell.data_type = "s"
        by_column: dict[int, list[str]] = {}
        for error in row.errors:
            if error.column in columns:
                by_column.setdefault(columns[error.column], []).append(str(error))
        for index, messages in by_column.items():
            cell = ws.cell(row=line, column=index + 1)
            cell.comment = Comment("\n".join(messages), "Наставничество")
            cell.fill = fill
    ws.column_dimensions["A"].width = 30
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
