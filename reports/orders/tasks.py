"""The orders' background jobs: a draft order's PDF (the pairs order with its appendix grows with
the pairs), the .docx of an order with a large appendix of pairs, and the pack of letters of
thanks."""

from __future__ import annotations

from jobs.registry import JobFailed, register
from mentoring.lib.pdf import download_name
from reports.orders import documents
from reports.orders.models import Order


def order_allowed(user, job) -> bool:
    order = Order.objects.visible_to(user).filter(pk=job.parameters["order"]).first()
    return order is not None and user.has_perm("orders.view_order", order)


@register("order_document", permission="orders.view_order_list", allowed=order_allowed)
def order_document(job, progress):
    order = Order.objects.select_related("organization").get(pk=job.parameters["order"])
    progress(10, "Сбор данных приказа")
    if job.parameters["document"] == "pdf":
        # Whatever the order became meanwhile, the file is what the user would download now.
        return documents.filename(order, "pdf"), documents.order_pdf(order)
    if job.parameters["document"] == "docx":
        progress(30, "Сборка документа Word")
        return download_name(documents.filename(order, "docx")), documents.order_docx(order)
    if order.status == Order.Status.CANCELLED:
        raise JobFailed("Приказ отменён: благодарственные письма по нему не выдаются.")
    entries = documents.letter_entries(order)
    if not entries:
        raise JobFailed("Приказ не вручает благодарственных писем.")
    progress(30, "Вёрстка писем")
    name = "Образец благодарственного письма.pdf" if not order.number else "Благодарственные письма.pdf"
    return name, documents.render_letters_pdf(order, entries)
