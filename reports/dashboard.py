"""Dashboard panel of orders: what awaits the director's signature, the curator's drafts."""

from __future__ import annotations

from mentoring.lib.dashboard import Panel
from reports.models import Order


def panels(request) -> list[Panel]:
    org = request.organization
    if org is None or not request.user.has_perm("reports.view_order_list", org):
        return []
    orders = Order.objects.filter(organization=org)
    pending = list(orders.awaiting_signature().for_list()[:5])
    context = {
        "pending": pending,
        "pending_count": orders.awaiting_signature().count(),
        "drafts_count": orders.drafts().count(),
        "signed_count": orders.filter(status=Order.Status.SIGNED).count(),
        "can_sign": request.user.has_perm("reports.sign_order", org),
    }
    return [Panel("reports/_panel_orders.html", context, order=60)]
