"""Every URL pattern × anonymous, each role and another school's curator gets the status the
matrix expects."""

from __future__ import annotations

from importlib import import_module
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver

from mentoring.tests.matrix import ALL, OTHER_MUNICIPALITY, OTHER_SCHOOL, Case, expected_status

APPS = [
    "mentoring",
    "people",
    "notifications",
    "jobs",
    "accounts",
    "roadmap",
    "pairs",
    "reports.orders",
    "reports.events",
    "reports.surveys",
    "reports.monitoring",
    "reports.publication",
    "reports.exportlog",
]
# Django admin is one entry (admin:index); its own views check the same admin predicate.
IGNORED_NAMESPACES = {"admin"}


def matrix_modules() -> list[str]:
    """`mentoring/tests/matrix_site.py` and every `<app>/tests/matrix*.py`."""
    names = ["mentoring.tests.matrix_site"]
    for app in APPS[1:]:
        folder = Path(settings.BASE_DIR).joinpath(*app.split(".")) / "tests"
        names += [f"{app}.tests.{path.stem}" for path in sorted(folder.glob("matrix*.py"))]
    return names


def all_cases() -> dict[str, Case]:
    cases: dict[str, Case] = {}
    for name in matrix_modules():
        module = import_module(name)
        overlap = set(cases) & set(module.CASES)
        assert not overlap, f"URL names listed twice: {overlap}"
        cases.update(module.CASES)
    return cases


def url_names(patterns=None, prefix: str = "") -> set[str]:
    names: set[str] = set()
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(pattern, URLResolver):
            ns = pattern.namespace
            if ns in IGNORED_NAMESPACES:
                continue
            names |= url_names(pattern.url_patterns, f"{prefix}{ns}:" if ns else prefix)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(prefix + pattern.name)
    return names


CASES = all_cases()


# Public pages of `reports/public_views.py` still without @login_not_required, so the login
# middleware sends the anonymous visitor to the login page. Strict: once a view is marked, its
# entry here fails until it is removed.
def test_every_url_is_in_the_matrix():
    missing = url_names() - set(CASES)
    assert not missing, f"URLs missing from the permission matrix: {sorted(missing)}"


@pytest.mark.parametrize("role", (*ALL, OTHER_SCHOOL, OTHER_MUNICIPALITY))
@pytest.mark.parametrize("name", sorted(CASES))
def test_permission_matrix(name, role, world, client, login):
    case = CASES[name]
    if role == OTHER_SCHOOL:
        login(world.other_curator)
    elif role == OTHER_MUNICIPALITY:
        login(world.other_coordinator)
    elif role != "anonymous":
        login(world.users[role])
    target = case.url(world)
    data = case.data(world) if case.data else {}
    response = client.post(target, data) if case.method == "post" else client.get(target)
    expected = expected_status(case, role, target)
    assert response.status_code == expected, f"{role} {case.method.upper()} {target}: {response.status_code}"
    if role == "anonymous" and expected == 302 and case.follow_login:
        assert "/accounts/login/?next=" in response["Location"]
