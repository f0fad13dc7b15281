"""The permission matrix: every URL of the project × anonymous and each role → expected status.

Each app lists its URLs in `<app>/tests/matrix.py` as `CASES = {url_name: Case(...)}`;
`test_permission_matrix` fails when a URL of the project is in no app's list.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.urls import reverse

ALL = ("anonymous", "admin", "director", "curator", "mentor", "mentee")


@dataclass
class Case:
    url: Callable  # (world) -> str
    expect: dict[str, int]
    method: str = "get"
    data: Callable | None = None  # (world) -> dict, for POST
    follow_login: bool = True  # anonymous is redirected to the login page


def roles(
    ok: int = 200, *, allowed: tuple[str, ...], denied: int = 403, anonymous: int = 302
) -> dict[str, int]:
    """Expected statuses: `ok` for the allowed roles, `denied` for the others."""
    expect = {role: (ok if role in allowed else denied) for role in ALL if role != "anonymous"}
    expect["anonymous"] = anonymous
    return expect


def url(name: str, *args) -> Callable:
    return lambda world: reverse(name, args=[a(world) if callable(a) else a for a in args])


STAFF_READERS = ("admin", "director", "curator")
EVERYONE = ("admin", "director", "curator", "mentor", "mentee")


@dataclass
class Cases:
    items: dict[str, Case] = field(default_factory=dict)
