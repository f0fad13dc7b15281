"""One way to scope records to a user: `Model.objects.visible_to(user, action)` and, in views,
`get_visible_or_404(request, Model, perm, uuid=uuid)`.

A queryset declares who reads and who acts instead of writing the policy out:

    class PairQuerySet(ScopedQuerySet):
        scope = {"view": roles.STAFF_READERS, "manage": roles.MANAGERS}

        def own(self, user):
            # mentors and mentees see their own pairs in the schools where they take part
            return Q(...)

or, for a record that is visible exactly when its parent is:

    class MeetingQuerySet(ScopedQuerySet):
        scope_through = "pair"

The role sets are those of `people.roles`, the same the predicates of the rules are built from,
so the querysets (404: "does not exist for you") and the rules (403: "you may not do that")
cannot disagree about who belongs to an organization's staff.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, ClassVar

from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.db import models
from django.db.models import Q
from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from people.access import coordinated_municipalities, has_global_admin, organizations_with_role, roles_in
from people.roles import COORDINATOR

VIEW = "view"


class ScopedQuerySet(models.QuerySet):
    """A queryset whose `visible_to(user, action)` follows the declarations of its subclass.

    - `scope`: action → the roles that may do it with every record of their organization;
    - `organization_path`: the lookup from the record to its organization;
    - `own(user)`: records the user sees as a participant, whatever their role (a mentor's own
      pair, a person's own card); they count for the actions in `own_actions` only;
    - `scope_through`: instead of all of the above, a record is visible when the record at this
      lookup is (a meeting with its pair, a consent with its person).
    """

    scope: ClassVar[Mapping[str, frozenset[str]]] = {}
    organization_path: ClassVar[str] = "organization"
    own_actions: ClassVar[frozenset[str]] = frozenset({VIEW})
    scope_through: ClassVar[str | None] = None

    def visible_to(self, user, action: str = VIEW) -> models.QuerySet:
        """The records `user` may see (or, for another `action`, act on): none for the anonymous,
        all for the global admin, else those of the organizations where the user holds a role
        the action allows (for a municipal coordinator: of its municipality), and the user's own."""
        if self.scope_through:
            parent = _related_model(self.model, self.scope_through)
            return self.filter(**{f"{self.scope_through}__in": parent.objects.visible_to(user, action)})
        if not user.is_authenticated:
            return self.none()
        if has_global_admin(user):
            return self
        if action not in self.scope:
            raise ImproperlyConfigured(f"{type(self).__name__} declares no scope for «{action}»")
        allowed = self.scope[action]
        orgs = organizations_with_role(user, *(allowed - {COORDINATOR}))
        condition = Q(**{f"{self.organization_path}__in": orgs})
        # The municipal coordinator reads the organizations of its municipalities: one condition
        # on the organization's municipality rather than a list of every school's id.
        if COORDINATOR in allowed and (municipalities := coordinated_municipalities(user)):
            condition |= Q(**{f"{self.organization_path}__municipality__in": municipalities})
        own = self.own(user) if action in self.own_actions else None
        if own is not None:
            condition |= own
        return self.filter(condition)

    def visible_in(self, user, organization, action: str = VIEW) -> models.QuerySet:
        """`visible_to(user, action)` within one organization (a list page of the current school).

        Where the user holds a role of the action's scope in that organization (a municipal
        coordinator's role counts in each school of the municipality), or is the global admin,
        every record of the organization is visible: the rows are the same, but the conditions
        for other schools and for one's own records, subqueries built and compiled on every query
        of every list page, are left out."""
        path = self.organization_path
        allowed = self.scope.get(action) if not self.scope_through else None
        organization_id = getattr(organization, "pk", organization)
        if allowed and organization_id is not None and user.is_authenticated:
            if has_global_admin(user) or roles_in(user, organization_id) & allowed:
                return self.filter(**{path: organization})
        return self.visible_to(user, action).filter(**{path: organization})

    def own(self, user) -> Q | None:
        """Records the user sees without a role over the whole organization; none by default."""
        return None


def _related_model(model: type[models.Model], path: str) -> type[models.Model]:
    for name in path.split("__"):
        model = model._meta.get_field(name).related_model
    return model


def get_visible_or_404(
    request: HttpRequest,
    queryset: type[models.Model] | models.QuerySet,
    perm: str | None,
    *,
    perm_object: Callable[[Any], Any] | None = None,
    **lookup: Any,
) -> Any:
    """The record matching `lookup` among those the user may see, else 404 (another school's
    record, or not one's own); then `perm` on it (or on `perm_object(record)`), else 403.

    Loading through the *view* scope, not the scope of `perm`, is deliberate: a director who sees
    a pair but may not change it is told so (403), while the record of another school does not
    exist for them (404).
    """
    if isinstance(queryset, type):
        queryset = queryset._default_manager.all()
    record = get_object_or_404(queryset.visible_to(request.user), **lookup)
    if perm is not None:
        target = perm_object(record) if perm_object else record
        if not request.user.has_perm(perm, target):
            raise PermissionDenied
    return record
