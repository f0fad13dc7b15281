from django.apps import AppConfig


class EvidenceConfig(AppConfig):
    name = "reports.evidence"
    label = "evidence"
    verbose_name = "Подтверждение мероприятий дорожной карты тем, что сделано в приложении"

    def ready(self) -> None:
        from reports.events.signals import event_held
        from reports.evidence import kpi, offers
        from reports.orders.signals import order_signed
        from reports.publication.signals import news_published, regulation_approved
        from reports.surveys.signals import campaign_closed

        order_signed.connect(offers.order_signed, dispatch_uid="evidence-order-signed")
        event_held.connect(offers.event_held, dispatch_uid="evidence-event-held")
        campaign_closed.connect(offers.campaign_closed, dispatch_uid="evidence-campaign-closed")
        news_published.connect(offers.news_published, dispatch_uid="evidence-news-published")
        regulation_approved.connect(offers.regulation_approved, dispatch_uid="evidence-regulation-approved")
        kpi.register()
