"""Every URL of the reports app × role. Orders are created lazily per test in `world.extra`."""

from __future__ import annotations

from mentoring.tests.matrix import STAFF_READERS, Case, roles, url
from reports.models import Order
from reports.tests.factories import launch_order, reward_order, signed

DRAFTERS = ("admin", "curator")


def _order(world, key: str, status: str) -> Order:
    if key not in world.extra:
        order = (
            reward_order(world.org, [world.staff])
            if key.startswith("reward")
            else launch_order(world.org, world.staff)
        )
        if status == "pending":
            from reports import actions
            from reports.tests.factories import curator_of

            actions.order_submit(order, actor=curator_of(world.org))
        elif status == "signed":
            signed(order)
        world.extra[key] = order
    return world.extra[key]


def draft(world):
    return _order(world, "draft", "draft").uuid


def pending(world):
    return _order(world, "pending", "pending").uuid


def signed_reward(world):
    return _order(world, "reward-signed", "signed").uuid


def entry_pk(world):
    return _order(world, "draft", "draft").people.get().pk


def person_uuid(world):
    return world.staff.uuid


CASES = {
    "reports:order_list": Case(url("reports:order_list"), roles(allowed=STAFF_READERS)),
    "reports:order_create": Case(url("reports:order_create", "launch"), roles(allowed=DRAFTERS)),
    # Mentors and mentees never see orders: for them an order does not exist.
    "reports:order_detail": Case(
        url("reports:order_detail", draft), roles(allowed=STAFF_READERS, denied=404)
    ),
    "reports:order_edit": Case(
        url("reports:order_edit", draft), roles(allowed=DRAFTERS, denied=404) | {"director": 403}
    ),
    "reports:order_person_update": Case(
        url("reports:order_person_update", draft, entry_pk),
        roles(302, allowed=DRAFTERS, denied=404) | {"director": 403},
        method="post",
        data=lambda w: {},
    ),
    "reports:order_regenerate": Case(
        url("reports:order_regenerate", draft),
        roles(302, allowed=DRAFTERS, denied=404) | {"director": 403},
        method="post",
    ),
    "reports:order_submit": Case(
        url("reports:order_submit", draft),
        roles(302, allowed=DRAFTERS, denied=404) | {"director": 403},
        method="post",
    ),
    "reports:order_delete": Case(
        url("reports:order_delete", draft),
        roles(302, allowed=DRAFTERS, denied=404) | {"director": 403},
        method="post",
    ),
    "reports:order_return": Case(
        url("reports:order_return", pending),
        roles(302, allowed=("director",), denied=404) | {"admin": 403, "curator": 403},
        method="post",
    ),
    "reports:order_sign": Case(
        url("reports:order_sign", pending),
        roles(302, allowed=("director",), denied=404) | {"admin": 403, "curator": 403},
        method="post",
    ),
    "reports:order_cancel": Case(
        url("reports:order_cancel", signed_reward),
        roles(302, allowed=("director",), denied=404) | {"admin": 403, "curator": 403},
        method="post",
        data=lambda w: {"reason": "ошибка в составе"},
    ),
    "reports:order_pdf": Case(
        url("reports:order_pdf", signed_reward), roles(allowed=STAFF_READERS, denied=404)
    ),
    "reports:order_docx": Case(url("reports:order_docx", draft), roles(allowed=STAFF_READERS, denied=404)),
    "reports:order_letters": Case(
        url("reports:order_letters", signed_reward), roles(allowed=STAFF_READERS, denied=404)
    ),
    "reports:order_letter": Case(
        url("reports:order_letter", signed_reward, person_uuid), roles(allowed=STAFF_READERS, denied=404)
    ),
}
