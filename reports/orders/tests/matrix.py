"""Every URL of the reports app × role. Orders are created lazily per test in `world.extra`."""

from __future__ import annotations

from mentoring.tests.matrix import STAFF_READERS, Case, roles, url
from reports.orders.models import Order
from reports.orders.tests.factories import launch_order, reward_order, signed

DRAFTERS = ("admin", "curator")


def _order(world, key: str, status: str) -> Order:
    if key not in world.extra:
        order = (
            reward_order(world.org, [world.staff], reward="letter")
            if key.startswith("reward")
            else launch_order(world.org, world.staff)
        )
        if status == "pending":
            from reports.orders import actions
            from reports.orders.tests.factories import curator_of

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
    "orders:order_list": Case(url("orders:order_list"), roles(allowed=(*STAFF_READERS, "coordinator"))),
    "orders:order_create": Case(url("orders:order_create", "launch"), roles(allowed=DRAFTERS)),
    # Mentors and mentees never see orders: for them an order does not exist.
    "orders:order_detail": Case(url("orders:order_detail", draft), roles(allowed=STAFF_READERS, denied=404)),
    "orders:order_edit": Case(
        url("orders:order_edit", draft), roles(allowed=DRAFTERS, denied=404) | {"director": 403}
    ),
    "orders:order_person_update": Case(
        url("orders:order_person_update", draft, entry_pk),
        roles(302, allowed=DRAFTERS, denied=404) | {"director": 403},
        method="post",
        data=lambda w: {},
    ),
    "orders:order_regenerate": Case(
        url("orders:order_regenerate", draft),
        roles(302, allowed=DRAFTERS, denied=404) | {"director": 403},
        method="post",
    ),
    "orders:order_submit": Case(
        url("orders:order_submit", draft),
        roles(302, allowed=DRAFTERS, denied=404) | {"director": 403},
        method="post",
    ),
    "orders:order_delete": Case(
        url("orders:order_delete", draft),
        roles(302, allowed=DRAFTERS, denied=404) | {"director": 403},
        method="post",
    ),
    "orders:order_return": Case(
        url("orders:order_return", pending),
        roles(302, allowed=("director",), denied=404) | {"admin": 403, "curator": 403},
        method="post",
    ),
    "orders:order_sign": Case(
        url("orders:order_sign", pending),
        roles(302, allowed=("director",), denied=404) | {"admin": 403, "curator": 403},
        method="post",
    ),
    "orders:order_cancel": Case(
        url("orders:order_cancel", signed_reward),
        roles(302, allowed=("director",), denied=404) | {"admin": 403, "curator": 403},
        method="post",
        data=lambda w: {"reason": "ошибка в составе"},
    ),
    "orders:order_draft_cancellation": Case(
        url("orders:order_draft_cancellation", signed_reward),
        roles(302, allowed=DRAFTERS, denied=404) | {"director": 403},
        method="post",
    ),
    "orders:order_pdf": Case(
        url("orders:order_pdf", signed_reward), roles(allowed=STAFF_READERS, denied=404)
    ),
    "orders:order_docx": Case(url("orders:order_docx", draft), roles(allowed=STAFF_READERS, denied=404)),
    "orders:order_letters": Case(
        url("orders:order_letters", signed_reward),
        roles(302, allowed=STAFF_READERS, denied=404),
        method="post",
    ),
    "orders:order_letter": Case(
        url("orders:order_letter", signed_reward, person_uuid), roles(allowed=STAFF_READERS, denied=404)
    ),
}

# The municipal coordinator reads the register's lines (the orders exist for it) but opens and
# changes none of them: 403 on every order; another municipality's coordinator gets 404.
for _name, _case in CASES.items():
    if _name != "orders:order_list":
        _case.expect["coordinator"] = 403
