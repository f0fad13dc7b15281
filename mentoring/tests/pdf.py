"""The text of a PDF as a reader sees it, for tests: one string per page, the words WeasyPrint
hyphenated at a line end joined again and the whitespace collapsed.

WeasyPrint ends a hyphenated line with U+2010 «‐» (its hyphenate-character), never with the
hyphen-minus of the text, so «настав‐\\nничество» becomes «наставничество» while a compound
written with a hyphen and broken after it, «педагог-\\nорганизатор», stays «педагог-организатор».
A soft hyphen (U+00AD) in the text is dropped the same way. A word hyphenated at the foot of a page
stays split in `pdf_text` (the next page opens with its number): assert within a page there.
"""

from __future__ import annotations

import io
import re

from pypdf import PdfReader

# A line ended by a hyphenation hyphen (or a soft hyphen) and continued in lowercase on the next.
AUTO_HYPHEN = re.compile(r"[\u2010\u00ad][ \t]*\n\s*(?=[a-zа-яё])")
# A written hyphen ending a line right after a word: the compound goes on on the next line
# («педагог-\nорганизатор», «Петровой-\nВодкиной», «2025-\n2026»).
WRITTEN_HYPHEN = re.compile(r"(?<=\w)-[ \t]*\n\s*(?=\w)")


def join_lines(text: str) -> str:
    """The extracted text of a page with hyphenated words joined and its whitespace collapsed."""
    text = AUTO_HYPHEN.sub("", text or "")
    text = WRITTEN_HYPHEN.sub("-", text).replace("\u00ad", "")
    return " ".join(text.split())


def page_texts(content: bytes) -> list[str]:
    """Each page's text, words joined across line ends, whitespace collapsed."""
    return [join_lines(page.extract_text()) for page in PdfReader(io.BytesIO(content)).pages]


def pdf_text(content: bytes) -> str:
    """The whole document's text, pages joined by a space."""
    return " ".join(page_texts(content))


def page_lines(content: bytes, page: int = 0) -> list[str]:
    """The lines of one page as laid out (words joined across line ends are not): for tests of where
    lines end."""
    text = PdfReader(io.BytesIO(content)).pages[page].extract_text()
    return [line.strip() for line in text.splitlines()]


def page_pieces(content: bytes) -> list[tuple[str, list[tuple[str, float]]]]:
    """Per page: its text (as `page_texts`) and its pieces of text with their height from the
    page's bottom, for tests of where things stand on the page."""
    pages = []
    for page in PdfReader(io.BytesIO(content)).pages:
        pieces: list[tuple[str, float]] = []

        def visit(text, cm, tm, *_, pieces=pieces):
            if text.strip():
                pieces.append((text.strip(), tm[5] * cm[3] + cm[5] if cm[3] else tm[5]))

        text = page.extract_text(visitor_text=visit)
        pages.append((join_lines(text), pieces))
    return pages
