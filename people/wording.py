"""The standard wording of a consent to the processing of personal data.

The text lives in `templates/documents/wording/consent_*.txt`, so a methodologist edits it without
touching code; it is rendered with the organization, which the text may name.
"""

from __future__ import annotations

from django.template.loader import render_to_string

CONSENT_PARTS = ("purposes", "data", "actions", "withdrawal")


def consent_wording(organization=None) -> dict[str, str]:
    """The four parts of a consent, keyed as the `Consent` fields are named."""
    text = {
        part: " ".join(
            render_to_string(f"documents/wording/consent_{part}.txt", {"organization": organization}).split()
        )
        for part in CONSENT_PARTS
    }
    return {
        "purposes": text["purposes"],
        "data_list": text["data"],
        "actions": text["actions"],
        "withdrawal_procedure": text["withdrawal"],
    }
