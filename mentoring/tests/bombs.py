"""Hostile files for upload tests, built in the test: zip bombs and malformed XML.

Each bomb is a few hundred kilobytes that inflates to hundreds of megabytes, like the files of
issue 16; they are built once per test session (about a second each).
"""

from __future__ import annotations

import io
import tracemalloc
import zipfile
from contextlib import contextmanager
from functools import cache

from openpyxl import Workbook

MB = 1024 * 1024
BOMB_BYTES = 200 * MB


def _archive(parts: dict[str, bytes], huge: str, head: bytes, tail: bytes, size: int = BOMB_BYTES) -> bytes:
    """A zip with `parts` and one entry `huge` = head + «A» × size + tail, written in chunks."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            kind = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            archive.writestr(name, data, compress_type=kind)
        with archive.open(huge, "w") as entry:
            entry.write(head)
            chunk = b"A" * MB
            for _ in range(size // MB):
                entry.write(chunk)
            entry.write(tail)
    return buffer.getvalue()


@cache
def odt_bomb() -> bytes:
    """An OpenDocument text whose content.xml is one paragraph of 200 MB."""
    return _archive(
        {"mimetype": b"application/vnd.oasis.opendocument.text", "META-INF/manifest.xml": b"<manifest/>"},
        "content.xml",
        b'<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        b'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text><text:p>',
        b"</text:p></office:text></office:body></office:document-content>",
    )


W = b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


@cache
def docx_bomb() -> bytes:
    """A Word document whose document.xml is one run of 200 MB."""
    parts = _docx_parts()
    del parts["word/document.xml"]
    return _archive(
        parts,
        "word/document.xml",
        b"<w:document " + W + b"><w:body><w:p><w:r><w:t>",
        b"</w:t></w:r></w:p></w:body></w:document>",
    )


@cache
def xlsx_bomb() -> bytes:
    """A workbook whose only sheet is one row with a 200 MB cell."""
    parts = _xlsx_parts()
    del parts["xl/worksheets/sheet1.xml"]
    return _archive(
        parts,
        "xl/worksheets/sheet1.xml",
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        b'<row r="1"><c r="A1" t="inlineStr"><is><t>',
        b"</t></is></c></row></sheetData></worksheet>",
    )


def _docx_parts() -> dict[str, bytes]:
    import docx

    buffer = io.BytesIO()
    document = docx.Document()
    document.add_paragraph("Дорожная карта")
    document.save(buffer)
    with zipfile.ZipFile(buffer) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _xlsx_parts() -> dict[str, bytes]:
    buffer = io.BytesIO()
    Workbook().save(buffer)
    with zipfile.ZipFile(buffer) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _replace(parts: dict[str, bytes], name: str, data: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for part, content in parts.items():
            archive.writestr(part, data if part == name else content)
    return buffer.getvalue()


# Malformed XML, as a document part: an undefined entity, billion laughs, a part cut short.
MALFORMED = ("undefined-entity", "billion-laughs", "broken")
LAUGHS = (
    b'<!DOCTYPE lolz [<!ENTITY lol0 "lol">'
    + b"".join(b'<!ENTITY lol%d "%s">' % (i, b"&lol%d;" % (i - 1) * 10) for i in range(1, 10))
    + b"]>"
)


def _malformed(case: str, opening: bytes, closing: bytes) -> bytes:
    prolog = b'<?xml version="1.0" encoding="UTF-8"?>'
    if case == "undefined-entity":
        return prolog + opening + b"&nope;" + closing
    if case == "billion-laughs":
        return prolog + LAUGHS + opening + b"&lol9;" + closing
    return prolog + opening + b"half"


def malformed_docx(case: str) -> bytes:
    part = _malformed(
        case, b"<w:document " + W + b"><w:body><w:p><w:r><w:t>", b"</w:t></w:r></w:p></w:body></w:document>"
    )
    return _replace(_docx_parts(), "word/document.xml", part)


def malformed_xlsx(case: str) -> bytes:
    part = _malformed(
        case,
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        b'<row r="1"><c r="A1" t="inlineStr"><is><t>',
        b"</t></is></c></row></sheetData></worksheet>",
    )
    return _replace(_xlsx_parts(), "xl/worksheets/sheet1.xml", part)


def malformed_odt(case: str) -> bytes:
    part = _malformed(
        case,
        b'<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"><office:body>',
        b"</office:body></office:document-content>",
    )
    return _replace(
        {"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b""}, "content.xml", part
    )


def truncated(content: bytes) -> bytes:
    """The first two thirds of a file: its zip directory is gone."""
    return content[: len(content) * 2 // 3]


@contextmanager
def memory_growth():
    """Yields a dict whose «peak» is, after the block, the most memory the block allocated.

    tracemalloc sees every allocation made through Python, including zlib's output and expat's
    buffers: an entry inflated by zipfile or a sheet parsed by openpyxl shows up in full.
    """
    tracemalloc.start()
    base = tracemalloc.get_traced_memory()[0]
    result: dict[str, int] = {}
    try:
        yield result
    finally:
        result["peak"] = tracemalloc.get_traced_memory()[1] - base
        tracemalloc.stop()


@cache
def xlsx_wide_row(cells: int = 500_000) -> bytes:
    """A workbook within every size and ratio limit whose one row holds half a million cells of
    random numbers: openpyxl would build the whole row in memory."""
    import random

    rng = random.Random(7)
    row = b"".join(b"<c><v>%d</v></c>" % rng.randrange(10**9) for _ in range(cells))
    sheet = (
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        b'<row r="1">' + row + b"</row></sheetData></worksheet>"
    )
    return _replace(_xlsx_parts(), "xl/worksheets/sheet1.xml", sheet)
