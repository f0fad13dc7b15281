"""Stored files reach the user only after the view's access check, from whichever storage holds
them (the local disk, or an S3-compatible store when S3_BUCKET is set): streamed through the
application, or — with FILE_DOWNLOADS=redirect and an S3 store — by a redirect to a link the
store signs for FILE_URL_EXPIRE seconds, so that big files do not pass through the web server."""

from __future__ import annotations

from django.conf import settings
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.utils.http import content_disposition_header


def redirects(file: FieldFile) -> bool:
    """Whether `file` is served by a signed link rather than streamed."""
    if settings.FILE_DOWNLOADS != "redirect":
        return False
    from storages.backends.s3 import S3Storage

    return isinstance(file.storage, S3Storage)


def open_stored(file: FieldFile):
    """The stored file open for reading; 404 when the storage has lost it."""
    try:
        return file.open("rb")
    except FileNotFoundError as exc:
        raise Http404("Файл не найден") from exc


def stored_file_response(
    file: FieldFile, *, filename: str, content_type: str, as_attachment: bool = True, handle=None
) -> HttpResponse:
    """The stored `file` as `filename` of `content_type`; the caller has checked the access.
    `handle` is the file already opened by the caller (to look at its first bytes)."""
    if handle is None and redirects(file):
        disposition = content_disposition_header(as_attachment, filename)
        url = file.storage.url(
            file.name,
            parameters={
                "ResponseContentType": content_type,
                "ResponseContentDisposition": disposition,
                "ResponseCacheControl": "private, no-store",
            },
            expire=settings.FILE_URL_EXPIRE,
        )
        response: HttpResponse = HttpResponseRedirect(url)
        response["Cache-Control"] = "private, no-store"
        return response
    response = FileResponse(
        handle or open_stored(file), as_attachment=as_attachment, filename=filename, content_type=content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
