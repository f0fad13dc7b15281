"""The standard text of the «Положение о системе наставничества», filled with the organization's data.

`standard_sections(organization, audience)` returns the sections of a new Положение: general
provisions and legal basis, terms, aims and principles, forms, the rights and duties of the
curator, mentor and mentee, how pairs are formed and ended, monitoring, motivation and information
support. Each section is `{"title": …, "text": …}`, one paragraph per line, numbered «N.M.» as real
Положения are; the curator edits the text before it goes to the pedagogical council. The wording
lives in `templates/documents/wording/regulation.txt` (edited there, without touching code) and
follows the target model of mentoring (распоряжение Минпросвещения России от 25.12.2019 № Р-145)
and the methodical recommendations for teachers (письмо Минпросвещения России от 21.12.2021
№ АЗ-1128/08).
"""

from __future__ import annotations

from mentoring.lib.wording import render_wording, sections
from people.models import MentoringForm, MentoringType, Organization, Person
from reports.publication.models import Regulation

STAFF = Regulation.Audience.STAFF
TEMPLATE = "documents/wording/regulation.txt"


def title_for(organization: Organization, audience: str) -> str:
    return (
        f"Положение о системе наставничества {Regulation.Audience(audience).label} {organization.short_name}"
    )


def _forms(audience: str) -> list[MentoringForm]:
    mentee_kinds = [Person.Kind.STAFF] if audience == STAFF else [Person.Kind.STUDENT]
    return list(MentoringForm.objects.filter(is_active=True, mentee_kind__in=mentee_kinds))


def standard_sections(organization: Organization, audience: str) -> list[dict]:
    """The sections of a new Положение for `organization` about mentoring of `audience`."""
    text = render_wording(
        TEMPLATE,
        {
            "organization": organization,
            "audience": audience,
            "staff": audience == STAFF,
            "forms": _forms(audience),
            "types": list(MentoringType.objects.all()),
        },
    )
    return [
        {"title": title, "text": "\n".join(f"{number}.{i}. {p}" for i, p in enumerate(paras, start=1))}
        for number, (title, paras) in enumerate(sections(text), start=1)
    ]


def paragraphs(section: dict) -> list[str]:
    """The section's text as paragraphs, for the PDF and the pages."""
    return [line.strip() for line in (section.get("text") or "").splitlines() if line.strip()]
