"""Who holds which role where. Loaded once per request and cached on the user object."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.db.models import QuerySet

from people.roles import ADMIN, ROLE_ORDER


def _memberships(user) -> list[tuple[int | None, str]]:
    """(organization id, role) pairs; a coordinator's membership of a municipality counts as the
    coordinator role in each organization of that municipality (one query, a join)."""
    cache = getattr(user, "_membership_cache", None)
    if cache is None:
        municipalities: set[int] = set()
        if not user.is_authenticated or not user.is_active:
            cache = []
        else:
            rows = user.memberships.values_list(
                "organization_id", "role", "municipality_id", "municipality__organizations__id"
            )
            cache = []
            for org, role, municipality, municipal_org in rows:
                if municipality is not None:
                    municipalities.add(municipality)
                    org = municipal_org
                    if org is None:  # a municipality without organizations yet
                        continue
                cache.append((org, role))
        user._membership_cache = cache
        user._municipality_cache = municipalities
    return cache


def forget(user) -> None:
    """Drop the cache after memberships changed within the same request (tests, seeding)."""
    user.__dict__.pop("_membership_cache", None)
    user.__dict__.pop("_municipality_cache", None)


def coordinated_municipalities(user) -> set[int]:
    """The municipalities whose organizations the user reads as муниципальный координатор."""
    _memberships(user)
    return getattr(user, "_municipality_cache", set())


def has_global_admin(user) -> bool:
    return any(org is None and role == ADMIN for org, role in _memberships(user))


def roles_in(user, organization_id: int | None) -> set[str]:
    """Roles the user holds in one organization; the global admin counts as admin everywhere."""
    roles = {role for org, role in _memberships(user) if org is not None and org == organization_id}
    if has_global_admin(user):
        roles.add(ADMIN)
    return roles


def organization_ids(user) -> set[int]:
    return {org for org, _ in _memberships(user) if org is not None}


def organizations_with_role(user, *roles: str) -> Iterable[int]:
    return {org for org, role in _memberships(user) if org is not None and role in roles}


def visible_organizations(user) -> QuerySet:
    from people.models import Organization

    if has_global_admin(user):
        return Organization.objects.all()
    return Organization.objects.filter(id__in=organization_ids(user))


def organization_of(obj) -> int | None:
    """The organization id an object belongs to: an Organization itself or anything with one."""
    from people.models import Organization

    if obj is None:
        return None
    if isinstance(obj, Organization):
        return obj.pk
    if isinstance(obj, int):
        return obj
    org_id = getattr(obj, "organization_id", None)
    if org_id is None and hasattr(obj, "get_organization_id"):
        org_id = obj.get_organization_id()
    return org_id


def primary_role(roles: set[str]) -> str | None:
    for role in ROLE_ORDER:
        if role in roles:
            return role
    return None


# Extra people a user may see beyond their own card and their organization's registry: the pairs
# app registers a function returning the mentees of the user's pairs. Each hook takes the user
# and returns a Person queryset (or None); the people app never imports the apps that fill it.
PersonVisibilityHook = Callable[[object], "QuerySet | None"]
_person_visibility_hooks: list[PersonVisibilityHook] = []


def register_person_visibility(hook: PersonVisibilityHook) -> PersonVisibilityHook:
    """Register `hook(user) -> Person queryset`: people the user may open as a mentor."""
    if hook not in _person_visibility_hooks:
        _person_visibility_hooks.append(hook)
    return hook


def unregister_person_visibility(hook: PersonVisibilityHook) -> None:
    if hook in _person_visibility_hooks:
        _person_visibility_hooks.remove(hook)


def extra_visible_people(user) -> list[QuerySet]:
    """Querysets of people shown to `user` through the registered hooks (mentors' own mentees)."""
    result = []
    for hook in _person_visibility_hooks:
        queryset = hook(user)
        if queryset is not None:
            result.append(queryset)
    return result


# How far back a mentor reads the records of a mentee they may open: the pairs app registers a
# function returning the (first day, last day) of the user's active pairs with that person.
HistoryWindowHook = Callable[[object, object], "tuple | None"]
_history_window_hooks: list[HistoryWindowHook] = []


def register_history_window(hook: HistoryWindowHook) -> HistoryWindowHook:
    """Register `hook(user, person) -> (start, end) | None`: the dates of the relation that lets
    `user` open `person`'s card; the card shows that person's records of those dates only."""
    if hook not in _history_window_hooks:
        _history_window_hooks.append(hook)
    return hook


def history_window(user, person) -> tuple | None:
    """The widest window a registered relation gives, or None when none applies."""
    windows = [w for hook in _history_window_hooks if (w := hook(user, person)) is not None]
    if not windows:
        return None
    return min(start for start, _ in windows), max(end for _, end in windows)
