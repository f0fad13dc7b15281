"""PDF documents: HTML templates under templates/documents/ rendered by WeasyPrint.

Fonts are shipped in static/fonts and embedded; rendering never touches the network: the URL
fetcher serves only files of the project and `data:` URLs.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.http import content_disposition_header

PDF_CONTENT_TYPE = "application/pdf"


def _local_only_fetcher():
    """A WeasyPrint fetcher that reads only the project's own files and data: URLs."""
    from urllib.parse import unquote, urlparse

    from weasyprint.urls import URLFetcher

    class LocalOnlyFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            if url.startswith("file:"):
                path = Path(unquote(urlparse(url).path)).resolve()
                if settings.BASE_DIR.resolve() not in path.parents:
                    raise ValueError(f"file outside the project refused: {path}")
            return super().fetch(url, headers)

    return LocalOnlyFetcher(allowed_protocols={"file", "data"}, allow_redirects=False)


def document_context() -> dict:
    return {"fonts_dir": settings.FONTS_DIR.as_uri()}


NUMBER_SIGN = re.compile(r"№[ \t]+(?=\S)")


def _names_stay_whole() -> None:
    """WeasyPrint hyphenates every word of a `hyphens: auto` paragraph, names included, and a name
    split over two lines («Петро‐ва») reads as a misprint in a document someone signs. Its line
    breaker asks pyphen, through its own module's reference, where a word may be split: that
    reference is given a dictionary that never splits a word written with a capital (a name, an
    abbreviation, the first word of a sentence). Checked by mentoring/tests/test_pdf_typography.py
    against the pinned WeasyPrint."""
    from types import SimpleNamespace

    import pyphen
    from weasyprint.text import line_break

    if getattr(line_break.pyphen, "names_stay_whole", False):
        return

    class LowercaseWordsOnly(pyphen.Pyphen):
        def iterate(self, word):
            return iter(()) if word[:1].isupper() else super().iterate(word)

    line_break.pyphen = SimpleNamespace(
        Pyphen=LowercaseWordsOnly, language_fallback=pyphen.language_fallback, names_stay_whole=True
    )


def render_pdf(template_name: str, context: dict) -> bytes:
    return render_document(template_name, context).write_pdf()


def render_document(template_name: str, context: dict):
    """The laid-out WeasyPrint document, for a document that adjusts itself to its page breaks
    (see `first_rows_of_pages`) before it is written with `.write_pdf()`."""
    from weasyprint import HTML

    html = render_to_string(template_name, {**document_context(), **context})
    # «№» never ends a line apart from its number, whatever text (template or data) it stands in.
    html = NUMBER_SIGN.sub("№\u00a0", html)
    _names_stay_whole()
    return HTML(
        string=html, base_url=settings.BASE_DIR.as_uri() + "/", url_fetcher=_local_only_fetcher()
    ).render()


def first_rows_of_pages(document, attribute: str) -> list[str]:
    """The `attribute` of the first table row (`<tr attribute="…">`) laid out on each page that
    has one: which row a page break put at the top of a page."""
    found = []
    for page in document.pages:
        for box in page._page_box.descendants():
            element = getattr(box, "element", None)
            if getattr(box, "element_tag", None) == "tr" and element is not None and element.get(attribute):
                found.append(element.get(attribute))
                break
    return found


@functools.cache
def _font(bold: bool):
    from fontTools.ttLib import TTFont

    font = TTFont(settings.FONTS_DIR / f"LiberationSerif-{'Bold' if bold else 'Regular'}.ttf", lazy=True)
    return font.getBestCmap(), font["hmtx"], font["head"].unitsPerEm


def text_width_pt(text: str, size_pt: float, *, bold: bool = False) -> float:
    """The width of `text` set in one line in the documents' serif, in points: for laying out
    tables whose column widths must be chosen before WeasyPrint sets them."""
    cmap, metrics, units = _font(bold)
    advance = sum(metrics[cmap.get(ord(char), ".notdef")][0] for char in text)
    return advance * size_pt / units


def wrap_lines(text: str, width: float, size: float) -> list[str] | None:
    """`text` broken at spaces into lines no wider than `width` points, as the renderer would
    break it; None when a word alone is wider (the renderer must break it itself). Breaking here
    and setting the lines unbreakable spares WeasyPrint its search for break points, which is
    most of the cost of a long table. One per cent is kept spare for kerning."""
    room = width * 0.99
    lines = []
    for part in text.split("\n"):
        line = ""
        for word in part.split():
            if text_width_pt(word, size) > room:
                return None
            candidate = f"{line} {word}" if line else word
            if line and text_width_pt(candidate, size) > room:
                lines.append(line)
                line = word
            else:
                line = candidate
        lines.append(line)
    return lines


def download_name(filename: str) -> str:
    """The name as offered for download: a name ending in an initial («Ю.К.») takes the extension
    without a second dot («Ю.К.pdf», not «Ю.К..pdf»)."""
    stem, dot, extension = filename.rpartition(".")
    return f"{stem.rstrip('.')}.{extension}" if dot else filename


def pdf_response(content: bytes, filename: str, *, inline: bool = True) -> HttpResponse:
    response = HttpResponse(content, content_type=PDF_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition_header(not inline, download_name(filename))
    return response
