"""What an uploaded or stored file is, judged by its content: the name a user gave it decides nothing.

Office and OpenDocument files are zip archives, and a zip can inflate a few hundred kilobytes into
gigabytes. `check_archive` reads only the archive's directory (never the data) and refuses one whose
declared sizes exceed `ArchiveLimits`; Python's zipfile never inflates an entry beyond its declared
size, so after the check every reader (openpyxl, python-docx) works within the limits.
"""

from __future__ import annotations

import os
import zipfile
from dataclasses import dataclass
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat

from mentoring.lib.grammar import plural

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "jpg": "image/jpeg",
    "png": "image/png",
    "mp4": "video/mp4",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "odp": "application/vnd.oasis.opendocument.presentation",
    "doc": "application/msword",
    "xls": "application/vnd.ms-excel",
    "ppt": "application/vnd.ms-powerpoint",
}
SIGNATURES = {
    b"%PDF-": "pdf",
    b"\xff\xd8\xff": "jpg",
    b"\x89PNG\r\n\x1a\n": "png",
}
ZIP_SIGNATURE = b"PK\x03\x04"
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
OLE_KINDS = ("doc", "xls", "ppt")
OOXML_PARTS = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml", "pptx": "ppt/presentation.xml"}
ODF_MIMETYPES = {
    b"application/vnd.oasis.opendocument.text": "odt",
    b"application/vnd.oasis.opendocument.spreadsheet": "ods",
    b"application/vnd.oasis.opendocument.presentation": "odp",
}


MB = 1024 * 1024


@dataclass(frozen=True)
class ArchiveLimits:
    entries: int = 2_000
    entry_bytes: int = 30 * MB  # uncompressed, one entry
    total_bytes: int = 100 * MB  # uncompressed, all entries
    ratio: int = 100  # uncompressed / compressed, for entries above `ratio_from` bytes
    ratio_from: int = 1 * MB


# Stored files (library, evidence): pictures and video inside a presentation may be large.
ARCHIVE_LIMITS = ArchiveLimits()
# Files that are parsed (people import, roadmap import): their XML becomes a tree in memory.
PARSED_ARCHIVE_LIMITS = ArchiveLimits(entries=500, entry_bytes=20 * MB, total_bytes=40 * MB)


class UploadRefused(ValidationError):
    """An upload that must not be read or stored; the message is for the user, in Russian."""


def check_archive(file, limits: ArchiveLimits = ARCHIVE_LIMITS) -> None:
    """Refuse (UploadRefused) a zip archive that would inflate beyond `limits` or is broken.

    Only the central directory is read. A file that is not a zip passes; `file` (a binary file, left
    at its start, or a path) is not changed.
    """
    if isinstance(file, str | os.PathLike):
        with open(file, "rb") as handle:
            return check_archive(handle, limits)
    file.seek(0)
    is_zip = file.read(4) == ZIP_SIGNATURE
    file.seek(0)
    if not is_zip:
        return
    try:
        with zipfile.ZipFile(file) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        raise UploadRefused("Файл повреждён: архив документа не читается. Сохраните файл заново.") from exc
    finally:
        file.seek(0)
    if len(entries) > limits.entries:
        raise UploadRefused(
            f"В файле слишком много частей ({len(entries)}, можно до {limits.entries}): "
            "такой документ не принимается."
        )
    total = 0
    for entry in entries:
        size = entry.file_size
        total += size
        too_dense = size > limits.ratio_from and size > limits.ratio * max(entry.compress_size, 1)
        if size > limits.entry_bytes or too_dense:
            raise UploadRefused(
                f"Файл после распаковки слишком велик: одна его часть занимает {filesizeformat(size)} "
                f"(можно до {filesizeformat(limits.entry_bytes)}, сжатие не более чем в {plural(limits.ratio, 'раз')}). "
                "Такой документ не принимается."
            )
    if total > limits.total_bytes:
        raise UploadRefused(
            f"Файл после распаковки слишком велик: {filesizeformat(total)} "
            f"(можно до {filesizeformat(limits.total_bytes)}). Такой документ не принимается."
        )


# A list of people has a few dozen columns; a sheet row of thousands of cells is built to exhaust
# the parser (openpyxl keeps a whole row in memory, so one row of a million tiny cells inside the
# size limits still costs hundreds of megabytes).
MAX_CELLS_PER_ROW = 500


def check_sheet_rows(file, max_cells: int = MAX_CELLS_PER_ROW) -> None:
    """Refuse (UploadRefused) an .xlsx one of whose sheet rows has more than `max_cells` cells.

    The sheets are read as a stream of XML events, each element dropped once seen, so memory stays
    small whatever the row; call it after `check_archive`. `file` is left at its start.
    """
    from xml.etree.ElementTree import ParseError, iterparse  # noqa: S405 — entities are not expanded by
    # expat's iterparse beyond the archive limits already checked; malformed XML is refused below.

    file.seek(0)
    try:
        with zipfile.ZipFile(file) as archive:
            sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/") and n.endswith(".xml")]
            for name in sheets:
                with archive.open(name) as stream:
                    cells, row = 0, 0
                    for event, element in iterparse(stream, events=("start", "end")):  # noqa: S314
                        tag = element.tag.rpartition("}")[2]
                        if event == "start" and tag == "row":
                            cells, row = 0, row + 1
                        elif event == "end" and tag == "c":
                            cells += 1
                            if cells > max_cells:
                                raise UploadRefused(
                                    f"В строке {row} таблицы больше {max_cells} ячеек: такой файл не "
                                    "принимается. Оставьте в таблице только нужные столбцы."
                                )
                            element.clear()
                        elif event == "end" and tag == "row":
                            element.clear()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, ParseError) as exc:
        raise UploadRefused("Файл повреждён или не является книгой Excel (.xlsx).") from exc
    finally:
        file.seek(0)


# Files people attach (the library, evidence of activities): every kind the sniffer recognises.
ACCEPTED_TEXT = "PDF, Word, Excel, PowerPoint (в том числе старых версий), OpenDocument, JPEG, PNG, MP4"
EXTENSION_ALIASES = {"jpeg": "jpg"}


def checked_document(upload, *, max_bytes: int, max_text: str) -> str:
    """The kind of an attached document (a key of CONTENT_TYPES), checked by content, by its
    extension and, for archives, by `check_archive`; ValidationError with a Russian message otherwise.
    """
    if upload.size > max_bytes:
        raise ValidationError(
            f"Файл слишком большой: {filesizeformat(upload.size)}. Можно загрузить до {max_text}."
        )
    extension = PurePath(upload.name).suffix.lower().lstrip(".")
    extension = EXTENSION_ALIASES.get(extension, extension)
    kind = sniff(upload, extension)
    if kind is None:
        raise ValidationError(f"Этот тип файла не принимается. Можно загрузить: {ACCEPTED_TEXT}.")
    if kind != extension:
        raise ValidationError(
            f"Содержимое файла не соответствует расширению «.{extension or '—'}»: "
            f"по содержимому это {kind.upper()}. Проверьте, тот ли файл выбран."
        )
    check_archive(upload)
    return kind


def sniff(file, extension: str = "") -> str | None:
    """The file's kind («pdf», «docx»…, a key of CONTENT_TYPES) or None when it is none of them.

    `file` is any seekable binary file; it is left at its start. Old Office files share one
    container, so for them the `extension` (without the dot) tells Word, Excel and PowerPoint apart.
    """
    file.seek(0)
    head = file.read(16)
    file.seek(0)
    for signature, kind in SIGNATURES.items():
        if head.startswith(signature):
            return kind
    if head[4:8] == b"ftyp":
        return "mp4"
    if head.startswith(OLE_SIGNATURE):
        return extension if extension in OLE_KINDS else "doc"
    if head.startswith(ZIP_SIGNATURE):
        return _sniff_zip(file)
    return None


def _sniff_zip(file) -> str | None:
    try:
        with zipfile.ZipFile(file) as archive:
            names = set(archive.namelist())
            for kind, part in OOXML_PARTS.items():
                if part in names:
                    return kind
            if "mimetype" in names:
                # Read a few bytes only: the entry may be a bomb too.
                with archive.open("mimetype") as entry:
                    return ODF_MIMETYPES.get(entry.read(100).strip())
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, KeyError, ValueError, EOFError):
        return None
    finally:
        file.seek(0)
    return None
