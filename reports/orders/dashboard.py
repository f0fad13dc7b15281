"""Dashboard panel of orders: what awaits the director's signature, the curator's drafts."""

from __future__ import annotations

from django.db.models import Count, Q

from mentoring.lib.dashboard import Panel
from reports.orders.models import Order


def panels(request) -> list[Panel]:
    org = request.organization
    # The municipal coordinator reads the register only, not the orders a panel links to.
    if org is None or not request.user.has_perm("orders.view_order", org):
        return []
    orders = Order.objects.filter(organization=org)
    counts = orders.aggregate(
        pending_count=Count("id", filter=Q(status=Order.Status.PENDING)),
        drafts_count=Count("id", filter=Q(status=Order.Status.DRAFT)),
        signed_count=Count("id", filter=Q(status=Order.Status.SIGNED)),
    )
    pending = list(orders.awaiting_signature().for_list()[:5]) if counts["pending_count"] else []
    context = {
        "pending": pending,
        **counts,
        "can_sign": request.user.has_perm("orders.sign_order", org),
    }
    return [Panel("orders/_panel_orders.html", context, order=60)]
