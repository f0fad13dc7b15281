"""Dashboard panel of orders: what awaits the director's signature, the curator's drafts."""

from __future__ import annotations

from django.db.models import Count, Q

from mentoring.lib.dashboard import Awaiting, Panel, awaiting, kept
from reports.orders.models import Order

AWAITING_ROWS = 10


def panels(request) -> list[Panel]:
    org = request.organization
    # The municipal coordinator reads the register only, not the orders a panel links to.
    if org is None or not request.user.has_perm("orders.view_order", org):
        return []
    orders = Order.objects.filter(organization=org)
    counts = kept(
        request,
        "orders.counts",
        lambda: orders.aggregate(
            pending_count=Count("id", filter=Q(status=Order.Status.PENDING)),
            drafts_count=Count("id", filter=Q(status=Order.Status.DRAFT)),
            signed_count=Count("id", filter=Q(status=Order.Status.SIGNED)),
        ),
    )
    pending = (
        list(
            orders.awaiting_signature()
            .select_related("organization")
            .order_by("submitted_at", "pk")[:AWAITING_ROWS]
        )
        if counts["pending_count"]
        else []
    )
    can_sign = request.user.has_perm("orders.sign_order", org)
    context = {"pending": pending[:5], **counts, "can_sign": can_sign}
    result = [Panel("orders/_panel_orders.html", context, order=60)]
    if can_sign and pending:
        # The director's «Ждут вашего решения».
        result.append(
            awaiting([Awaiting(f"Приказ «{o.title}»", o.get_absolute_url(), "ждёт подписи") for o in pending])
        )
    return result
