"""The kinds of background job: each app registers the work it hands to the queue.

    @register("statistics_export", permission="monitoring.view_statistics")
    def statistics_export(job, progress):
        ...
        return filename, content        # bytes, or an open file

`progress(percent, step)` records how far the job got (written at most twice a second).
A job whose work is a change rather than a file (an import) returns an `Outcome`: a summary shown
on its card, and a file only where it has one (the rejected rows, the access slips).
`permission` is checked against the job's organization when the job is started, listed, retried
and downloaded; a kind about one record passes `allowed(user, job)` to check that record instead.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import IO, Any, Protocol

Content = bytes | IO[bytes]


@dataclass(frozen=True)
class Outcome:
    """What a job that changes data did: `summary` (Russian) for its card, maybe a file too."""

    summary: str
    filename: str = ""
    content: Content | None = None


class Progress(Protocol):
    def __call__(self, percent: float, step: str = "") -> None: ...


@dataclass(frozen=True)
class JobKind:
    name: str
    run: Callable[[Any, Progress], tuple[str, Content] | Outcome]
    permission: str
    allowed_check: Callable[[Any, Any], bool] | None = None
    queue: str = "exports"

    def allowed(self, user, job) -> bool:
        """Whether `user` may still have this job's file: the permission the export needed."""
        if not user.has_perm(self.permission, job.organization):
            return False
        return self.allowed_check is None or self.allowed_check(user, job)


class JobFailed(Exception):
    """A failure the user can act on: its message (in Russian) is shown as it is."""


_KINDS: dict[str, JobKind] = {}


def register(
    name: str,
    *,
    permission: str,
    allowed: Callable[[Any, Any], bool] | None = None,
    queue: str = "exports",
):
    def decorator(run):
        _KINDS[name] = JobKind(name, run, permission, allowed, queue)
        return run

    return decorator


def get(name: str) -> JobKind:
    return _KINDS[name]


def known(name: str) -> bool:
    return name in _KINDS
