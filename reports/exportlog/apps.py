from django.apps import AppConfig


class ExportLogConfig(AppConfig):
    name = "reports.exportlog"
    label = "exportlog"
    verbose_name = "Сформированные выгрузки"

    def ready(self) -> None:
        from jobs.signals import job_done
        from people.signals import person_anonymizing
        from reports.exportlog import receivers
        from roadmap.signals import evidence_accepted

        # The jobs app and the roadmap know nothing of this one: a finished export is recorded
        # (and offered as evidence) when the job says it is done; an accepted one keeps its file.
        job_done.connect(receivers.job_done, dispatch_uid="exportlog-job-done")
        evidence_accepted.connect(receivers.evidence_accepted, dispatch_uid="exportlog-evidence-accepted")
        # A withdrawn participant's name must not outlive the job in a kept copy of a list.
        person_anonymizing.connect(receivers.person_anonymizing, dispatch_uid="exportlog-person-anonymizing")
