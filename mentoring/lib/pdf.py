"""PDF documents: HTML templates under templates/documents/ rendered by WeasyPrint.

Fonts are shipped in static/fonts and embedded; rendering never touches the network: the URL
fetcher serves only files of the project and `data:` URLs.
"""

from __future__ import annotations

import re
from functools import lru_cache
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


def render_pdf(template_name: str, context: dict) -> bytes:
    from weasyprint import HTML

    html = render_to_string(template_name, {**document_context(), **context})
    # «№» never ends a line apart from its number, whatever text (template or data) it stands in.
    html = NUMBER_SIGN.sub("№\u00a0", html)
    return HTML(
        string=html, base_url=settings.BASE_DIR.as_uri() + "/", url_fetcher=_local_only_fetcher()
    ).write_pdf()


@lru_cache(maxsize=2)
def _advances(font_file: str) -> tuple[dict[int, int], int]:
    """Advance widths by character of a shipped font, and its units per em."""
    from fontTools.ttLib import TTFont

    font = TTFont(settings.FONTS_DIR / font_file, lazy=True)
    metrics = font["hmtx"].metrics
    widths = {code: metrics[glyph][0] for code, glyph in font.getBestCmap().items()}
    return widths, font["head"].unitsPerEm


def text_width(text: str, size: float, *, font_file: str = "LiberationSerif-Regular.ttf") -> float:
    """Width in points of `text` set in the documents' serif at `size` points (kerning aside)."""
    widths, units = _advances(font_file)
    fallback = widths.get(ord("М"), units)
    return sum(widths.get(ord(ch), fallback) for ch in text) * size / units


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
            if text_width(word, size) > room:
                return None
            candidate = f"{line} {word}" if line else word
            if line and text_width(candidate, size) > room:
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
