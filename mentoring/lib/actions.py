"""The contract of a workflow ("action"): `noun_verb(obj, *, actor, …)` in `<app>/actions.py`.

    @action
    def roadmap_submit(roadmap: Roadmap, *, actor: User | None) -> Roadmap:
        if roadmap.status != Roadmap.Status.DRAFT:
            raise ActionRefused("На утверждение можно отправить только черновик.")
        ...

`@action` runs the function in one transaction and puts the actor into the audit history: every
row it writes gets a pghistory context naming the user (id and username, as the audit page shows
them) and the action. The same holds when the action is called from a view, a management command
or another action; a nested action joins the outer one's context. `actor=None` means the system
did it (the demo, a scheduled job): the history then names the system user.

A refusal is `ActionRefused` with a message for the user, in Russian; the transaction rolls back.
A view shows it in one way: `with refusals(request) as refused:` (or `refusals(request, form)`).
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TYPE_CHECKING, ParamSpec, TypeVar

import pghistory
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.exceptions import ValidationError
from django.core.management.base import CommandError
from django.db import transaction

if TYPE_CHECKING:
    from django import forms
    from django.core.management.base import CommandParser
    from django.http import HttpRequest

    from people.models import User

P = ParamSpec("P")
R = TypeVar("R")

SYSTEM_USERNAME = "system"

# The name of the outermost action running in this thread (or task); nested actions see it set.
_running: ContextVar[str | None] = ContextVar("mentoring_action", default=None)


class ActionRefused(ValidationError):
    """An action would break a rule (status, consent, deadline…); the message is for the user.

    A `ValidationError`, so code that catches those keeps working; `str()` is the message itself,
    as for any exception, so an app's own error can subclass it (`class EditConflict(ActionRefused)`).
    """

    def __str__(self) -> str:
        return " ".join(self.messages)


def system_user() -> User:
    """The account the history names for changes nobody in particular made: inactive, no password,
    no memberships, created the first time it is needed."""
    user, _ = get_user_model().objects.get_or_create(
        username=SYSTEM_USERNAME,
        defaults={"is_active": False, "password": make_password(None), "last_name": "Система"},
    )
    return user


def add_actor_argument(parser: CommandParser) -> None:
    """`--actor USERNAME` for a management command that runs actions."""
    parser.add_argument(
        "--actor",
        metavar="USERNAME",
        help=f"от чьего имени записать изменения в историю; без него — системный пользователь «{SYSTEM_USERNAME}»",
    )


def command_actor(username: str | None) -> User:
    """The user named by `--actor`, or the system user when the option is absent."""
    if not username:
        return system_user()
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        raise CommandError(f"Пользователь «{username}» не найден.")
    return user


def action(func: Callable[P, R]) -> Callable[P, R]:
    """Make `func` an action: keyword `actor` required, one transaction, the actor in the history.

    A `ValidationError` raised inside (by `full_clean()`, say) leaves as `ActionRefused`, so callers
    catch one type.
    """
    name = func.__name__
    parameter = inspect.signature(func).parameters.get("actor")
    if parameter is None or parameter.kind is not inspect.Parameter.KEYWORD_ONLY:
        raise TypeError(f"{name}: an action takes the actor as a keyword-only argument `actor`.")

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        if "actor" not in kwargs:
            raise TypeError(f"{name}() needs actor=… (the user who acts, or None for the system).")
        if _running.get() is not None:
            with transaction.atomic():
                return _refusing(func, *args, **kwargs)
        actor = kwargs["actor"] or system_user()
        token = _running.set(name)
        try:
            # Inside a request this adds to the context the audit middleware opened (keeping its
            # url); elsewhere it opens one. Either way every row written below is attributed.
            with pghistory.context(user=actor.pk, username=actor.get_username(), action=name):
                with transaction.atomic():
                    return _refusing(func, *args, **kwargs)
        finally:
            _running.reset(token)

    return wrapper


def _refusing(func: Callable[P, R], *args: P.args, **kwargs: P.kwargs) -> R:
    try:
        return func(*args, **kwargs)
    except ActionRefused:
        raise
    except ValidationError as exc:
        raise ActionRefused(exc.error_dict if hasattr(exc, "error_dict") else exc.messages) from exc


class Refusal:
    """What `refusals()` yields: true once an action inside was refused."""

    error: ActionRefused | None = None

    def __bool__(self) -> bool:
        return self.error is not None


@contextmanager
def refusals(request: HttpRequest, form: forms.BaseForm | None = None) -> Iterator[Refusal]:
    """Show an `ActionRefused` raised in the block to the user, and go on after the block.

    Without a form the message goes to `messages.error` (the view then redirects back); with a
    form it becomes the form's error (the view re-renders the form).

        with refusals(request) as refused:
            actions.roadmap_submit(roadmap, actor=request.user)
            messages.success(request, "Дорожная карта отправлена на утверждение.")
        return redirect(roadmap)
    """
    outcome = Refusal()
    try:
        yield outcome
    except ActionRefused as exc:
        outcome.error = exc
        if form is None:
            messages.error(request, str(exc))
        elif hasattr(exc, "error_dict") and set(exc.error_dict) <= set(form.fields):
            form.add_error(None, exc)
        else:
            form.add_error(None, exc.messages)


def permits(check: Callable[..., object], *args: object, **kwargs: object) -> bool:
    """Whether `check` — the guard an action runs before it changes anything — lets it through.

    A page offers a button exactly when `permits(check_…, obj)`, and the action behind the button
    calls the same `check_…`: what is shown and what the POST accepts cannot drift apart.
    """
    try:
        check(*args, **kwargs)
    except ActionRefused:
        return False
    return True
