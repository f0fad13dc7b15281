"""The permission matrix: every URL of the project × anonymous and each role → expected status.

Each app lists its URLs in `<app>/tests/matrix.py` as `CASES = {url_name: Case(...)}`;
`test_permission_matrix` fails when a URL of the project is in no app's list.

Two more columns need no listing: the curator of another school (`OTHER_SCHOOL`) and the
coordinator of another municipality (`OTHER_MUNICIPALITY`). A URL naming a record (a uuid or an id
in its path) must answer 404 to them, so a view that loads a record without scoping it fails the
build; any other URL, and a public one, answers them what it answers the curator (the
coordinator). A case overrides it with an `OTHER_SCHOOL` or `OTHER_MUNICIPALITY` key in `expect`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit
from uuid import UUID

from django.urls import resolve, reverse

ALL = ("anonymous", "admin", "director", "curator", "mentor", "mentee", "coordinator", "representative")
OTHER_SCHOOL = "other_curator"
OTHER_MUNICIPALITY = "other_coordinator"


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
    expect = {
        role: (ok if role in allowed else denied) for role in ALL if role not in ("anonymous", REPRESENTATIVE)
    }
    if REPRESENTATIVE in allowed:
        expect[REPRESENTATIVE] = ok
    expect["anonymous"] = anonymous
    return expect


def parent_refused(expect: dict[str, int]) -> dict[str, int]:
    """403 for the representative (issue 19): a page of the whole organization every member reads,
    or a view that checks a permission of the organization before it loads the record."""
    return {**expect, REPRESENTATIVE: 403}


def url(name: str, *args) -> Callable:
    return lambda world: reverse(name, args=[a(world) if callable(a) else a for a in args])


STAFF_READERS = ("admin", "director", "curator")
EVERYONE = ("admin", "director", "curator", "mentor", "mentee")
# Pages of any signed-in user (the account, the start page): the municipal coordinator as well.
SIGNED_IN = (*EVERYONE, "coordinator")


def names_a_record(path: str) -> bool:
    """The URL carries a record's uuid or id (the `uuid` and `int` path converters)."""
    return any(isinstance(value, (UUID, int)) for value in resolve(urlsplit(path).path).kwargs.values())


def expected_status(case: Case, role: str, path: str) -> int:
    if role == REPRESENTATIVE:
        return _representative_status(case, path)
    if role in case.expect:
        return case.expect[role]
    assert role in (OTHER_SCHOOL, OTHER_MUNICIPALITY), f"no expectation for {role}"
    if names_a_record(path) and case.expect["anonymous"] != 200:
        return 404
    return case.expect["curator" if role == OTHER_SCHOOL else "coordinator"]


# законный представитель (issue 19). The world's representative is the parent of a student who
# takes part in nothing, so they see no pair, meeting or survey. A case without a
# `representative` key expects for them what it expects for a mentee, except that a record the
# mentee reaches is 404 to the parent: it is not their child's.
# Pages of the whole organization that every member reads (the roadmap, the events) say
# `parent_refused(...)` in their case.
REPRESENTATIVE = "representative"


def _representative_status(case: Case, path: str) -> int:
    if REPRESENTATIVE in case.expect:
        return case.expect[REPRESENTATIVE]
    expected = case.expect["mentee"]
    # A record the mentee reaches (their pair, a meeting, an event they may read but not change)
    # does not exist for the parent; a view that checks a permission of the organization before
    # loading the record says 403 first, and its case says so with a `representative` key.
    if names_a_record(path) and expected != 404 and case.expect["anonymous"] != 200:
        return 404
    return expected


@dataclass
class Cases:
    items: dict[str, Case] = field(default_factory=dict)
