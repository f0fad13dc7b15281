"""URLs of many rows at once."""

from __future__ import annotations

import uuid
from collections.abc import Callable

from django.urls import reverse

# A version-4 UUID (what the models store) never has all bits zero, so the marker cannot clash.
_MARKER = str(uuid.UUID(int=0))


def uuid_url(viewname: str) -> Callable[[object], str]:
    """`reverse(viewname, args=[value])` for a table of rows: the URL is reversed once, with a
    marker where the record's UUID goes, and each row's UUID is put in its place (a `reverse()` per
    row was a tenth of a list page's template time). Call it once per page, not at import: the
    URL depends on the request's script prefix."""
    head, marker, tail = reverse(viewname, args=[_MARKER]).partition(_MARKER)
    if not marker:
        raise ValueError(f"{viewname}: the URL does not contain its UUID argument")
    return lambda value: f"{head}{value}{tail}"
