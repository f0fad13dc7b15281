"""Invitations: how a participant's account is handed over — an e-mail link or a printed slip.

An invitation holds two secrets, both stored only as SHA-256 digests: a long token (the link in
the e-mail and the QR code on the slip) and a short code printed on the slip for typing in by
hand. Either sets the password once; the invitation is then used and refuses a second time.
"""

from __future__ import annotations

import hashlib
import uuid
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from mentoring.lib.scoping import ScopedQuerySet
from people import roles
from people.models import LegalRepresentative, Organization, Person

VALID_FOR = timedelta(days=14)


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


class InvitationQuerySet(ScopedQuerySet):
    scope = {"view": roles.STAFF_READERS, "manage": roles.MANAGERS}

    def open(self) -> InvitationQuerySet:
        """Not used, not replaced by a newer one, not expired."""
        return self.filter(used_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now())


class Invitation(models.Model):
    class Channel(models.TextChoices):
        EMAIL = "email", "по электронной почте"
        SLIP = "slip", "листок доступа"

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="invitations")
    # Whom the account is for: a person of the registry or a representative of a student.
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="invitations"
    )
    representative = models.ForeignKey(
        LegalRepresentative, on_delete=models.PROTECT, null=True, blank=True, related_name="invitations"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="invitations")
    channel = models.CharField("способ", max_length=5, choices=Channel.choices)
    token_digest = models.CharField(max_length=64, unique=True)
    code_digest = models.CharField(max_length=64)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField("создано", default=timezone.now)
    expires_at = models.DateTimeField("действует до")
    used_at = models.DateTimeField("использовано", null=True, blank=True)
    revoked_at = models.DateTimeField("заменено новым", null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = "приглашение"
        verbose_name_plural = "приглашения"
        ordering = ["-created_at"]
        constraints = [
            # A new invitation replaces the open one: at most one may be pending per person.
            models.UniqueConstraint(
                fields=["person"],
                condition=Q(used_at__isnull=True, revoked_at__isnull=True),
                name="invitation_one_pending_per_person",
            ),
            models.UniqueConstraint(
                fields=["representative"],
                condition=Q(used_at__isnull=True, revoked_at__isnull=True),
                name="invitation_one_pending_per_representative",
            ),
            models.CheckConstraint(
                condition=Q(person__isnull=False, representative__isnull=True)
                | Q(person__isnull=True, representative__isnull=False),
                name="invitation_for_person_or_representative",
            ),
        ]

    def __str__(self) -> str:
        return f"Приглашение {self.invitee} ({self.get_channel_display()})"

    @property
    def invitee(self) -> Person | LegalRepresentative:
        return self.person if self.person_id else self.representative

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()
