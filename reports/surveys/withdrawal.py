"""Withdrawal of consent: a person's named survey answers are detached from them."""

from __future__ import annotations

import secrets

from reports.surveys.models import SurveyResponse, hash_edit_key


def detach_named_responses(person, names, *, actor) -> None:
    """Named answers of a withdrawn person become anonymous ones: no person and no times, and a
    random edit key nobody holds (the one form the table allows for an answer without a person).
    They still count in the results; «who answered» (`Participation`) keeps only the pseudonym."""
    for response in SurveyResponse.objects.filter(person=person):
        response.person = None
        response.submitted_at = response.updated_at = None
        response.edit_key_hash = hash_edit_key(secrets.token_urlsafe(24))
        response.save(update_fields=["person", "submitted_at", "updated_at", "edit_key_hash"])
