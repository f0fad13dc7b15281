"""`manage.py invite_participants --organization SLUG [--role mentor|mentee|representative|all]
[--dry-run] [--format json] [--actor USERNAME] [--slips-pdf FILE]`: accounts for the participants
of the banks (and the representatives of student mentees) who have none; an e-mail invitation
where there is an address, an access slip otherwise."""

from __future__ import annotations

import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import Exists, OuterRef, Q

from accounts import actions
from accounts.documents import slips_pdf as render_slips
from mentoring.lib.actions import add_actor_argument, command_actor
from people.models import ACCOUNT_NONE, Mentee, Mentor, Organization, Person


class _DryRun(Exception):
    pass


class Command(BaseCommand):
    help = "Создать учётные записи участникам банков без учётной записи и пригласить их."

    def add_arguments(self, parser):
        parser.add_argument("--organization", required=True, help="код (slug) организации")
        parser.add_argument("--role", choices=["mentor", "mentee", "representative", "all"], default="all")
        parser.add_argument("--dry-run", action="store_true", help="только посчитать, ничего не записывать")
        parser.add_argument("--format", choices=["text", "json"], default="text")
        parser.add_argument("--slips-pdf", metavar="FILE", help="куда сохранить листки доступа (PDF)")
        add_actor_argument(parser)

    def handle(self, *args, organization, role, dry_run, format, slips_pdf, actor, **options):
        org = Organization.objects.filter(slug=organization).first()
        if org is None:
            raise CommandError(f"Организация «{organization}» не найдена.")
        user = command_actor(actor)
        in_bank = Q(pk__in=[])
        if role in ("mentor", "all"):
            in_bank |= Q(Exists(Mentor.objects.filter(person=OuterRef("pk"))))
        if role in ("mentee", "all"):
            in_bank |= Q(Exists(Mentee.objects.filter(person=OuterRef("pk"))))
        people = (
            Person.objects.filter(organization=org)
            .filter(in_bank)
            .with_account_state()
            .filter(account_state=ACCOUNT_NONE)
            .select_related("organization")
            .order_by("last_name", "first_name", "pk")
        )
        result = None
        try:
            with transaction.atomic():
                result = actions.accounts_create(people, actor=user, site_url=settings.SITE_URL)
                if role in ("representative", "all"):
                    reps = actions.representatives_of_mentees(org.pk).filter(
                        Q(user__isnull=True) | Q(user__is_active=False)
                    )
                    result.merge(
                        actions.representative_accounts_create(
                            reps.order_by("last_name", "first_name", "pk"),
                            actor=user,
                            site_url=settings.SITE_URL,
                        )
                    )
                if dry_run:
                    raise _DryRun
        except _DryRun:
            pass
        except actions.ActionRefused as exc:
            raise CommandError(str(exc)) from exc
        if slips_pdf and result.slips and not dry_run:
            Path(slips_pdf).write_bytes(slips_pdf_bytes(result, org))
        summary = result.summary()
        if format == "json":
            self.stdout.write(json.dumps(summary, ensure_ascii=False))
            return
        prefix = "Проверка (ничего не записано): " if dry_run else ""
        self.stdout.write(
            f"{prefix}учётных записей создано: {summary['accounts_created']}, писем: {summary['emailed']}, "
            f"листков доступа: {summary['slips']}, пропущено: {len(summary['skipped'])}."
        )
        for item in summary["skipped"]:
            self.stdout.write(f"  {item['person']}: {item['reason']}")


def slips_pdf_bytes(result: actions.Handover, org: Organization) -> bytes:
    return render_slips(result.slips, site_url=settings.SITE_URL, organization=org)
