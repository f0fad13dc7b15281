"""Keeping names off public pages: who may be named, and masking everyone else in free text.

A person may be named on a public page only with a valid consent to dissemination of personal
data (152-ФЗ ст. 10.1). Structured places (a best practice's mentor, a material's author, the list
of mentors) ask `disseminable_ids`. Free text the curator writes (news, descriptions) goes through
`NameGuard`, which finds the names of the organization's people and legal representatives who
have no such consent and masks them: as the guard is built at rendering time, a withdrawn consent
hides the name at once, even in a text written while the consent was valid.

Russian names decline, so words are compared by a rough stem (endings stripped); a name is a
surname with a first name or initials, a first name with a patronymic or a surname, or a
capitalised word that is the surname of someone without consent. The guard prefers masking too
much: a namesake with consent is shown only when the full combination is unambiguous.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.utils import timezone

from people.models import Consent, LegalRepresentative, Organization, Person

MASK = "(имя скрыто)"
ENDINGS = sorted(
    "ого его ому ему ыми ими ой ей ий ый ая яя ую юю ом ем ым им ою ею ах ях а я у ю е ы и о й ь".split(),
    key=len,
    reverse=True,
)
WORD = re.compile(r"[A-Za-zА-Яа-яЁё]+(?:-[A-Za-zА-Яа-яЁё]+)*")
# What may stand between the parts of one name: spaces, or the dot after an initial.
GAP = re.compile(r"\.?[ \t\u00a0]{0,3}")


def disseminable_ids(organization: Organization | int) -> set[int]:
    """People of the organization with a consent to dissemination in force today."""
    org_id = organization.pk if isinstance(organization, Organization) else organization
    return set(
        Consent.objects.filter(
            kind=Consent.Kind.DISSEMINATION,
            person__organization_id=org_id,
            person__anonymized_at__isnull=True,
        )
        .valid(timezone.localdate())
        .values_list("person_id", flat=True)
    )


def stem(word: str) -> str:
    word = word.lower().replace("ё", "е")
    changed = True
    while changed and len(word) > 3:
        changed = False
        for ending in ENDINGS:
            if word.endswith(ending) and len(word) - len(ending) >= 3:
                word = word[: -len(ending)]
                changed = True
                break
    return word


def _keys(word: str) -> set[str]:
    """The stem, and the stem without a fleeting vowel (Павел → Павла, Лев → Льва)."""
    base = stem(word)
    keys = {base}
    if len(base) >= 4 and base[-2] in "еоё" and base[-1] not in "аеёиоуыэюяйь":
        keys.add(base[:-2] + base[-1])
    return keys


@dataclass
class _Token:
    text: str
    start: int
    end: int
    key: str
    initial: str | None  # the letter, when the token is an initial followed by a dot


@dataclass
class NameGuard:
    hidden: set[int] = field(default_factory=set)
    surname: dict[str, set[int]] = field(default_factory=dict)
    first: dict[str, set[int]] = field(default_factory=dict)
    middle: dict[str, set[int]] = field(default_factory=dict)
    first_initial: dict[str, set[int]] = field(default_factory=dict)
    middle_initial: dict[str, set[int]] = field(default_factory=dict)

    @classmethod
    def for_organization(cls, organization: Organization, allowed: set[int] | None = None) -> NameGuard:
        """The organization's people and representatives; those not in `allowed` are hidden."""
        allowed = disseminable_ids(organization) if allowed is None else allowed
        guard = cls()
        people = (
            Person.objects.not_anonymized()
            .filter(organization=organization)
            .values_list("pk", "last_name", "first_name", "middle_name")
        )
        for pk, last, first, middle in people:
            guard._add(pk, last, first, middle, hidden=pk not in allowed)
        representatives = LegalRepresentative.objects.filter(student__organization=organization).values_list(
            "pk", "last_name", "first_name", "middle_name"
        )
        for pk, last, first, middle in representatives:
            # Negative ids keep representatives apart from people; they never consent to publication.
            guard._add(-pk, last, first, middle, hidden=True)
        return guard

    def _add(self, pk: int, last: str, first: str, middle: str, *, hidden: bool) -> None:
        if not last or not first:
            return
        if hidden:
            self.hidden.add(pk)
        for part in last.split("-"):
            for key in _keys(part):
                self.surname.setdefault(key, set()).add(pk)
        for key in _keys(first):
            self.first.setdefault(key, set()).add(pk)
        self.first_initial.setdefault(first[0].upper(), set()).add(pk)
        if middle:
            for key in _keys(middle):
                self.middle.setdefault(key, set()).add(pk)
            self.middle_initial.setdefault(middle[0].upper(), set()).add(pk)

    # Matching ---------------------------------------------------------------------------------

    def _tokens(self, text: str) -> list[_Token]:
        tokens = []
        for match in WORD.finditer(text):
            word = match.group()
            end = match.end()
            initial = None
            if len(word) == 1 and word.isupper() and text[end : end + 1] == ".":
                initial = word
                end += 1
            tokens.append(_Token(word, match.start(), end, stem(word), initial))
        return tokens

    def _ids(self, token: _Token, part: str) -> set[int]:
        if part == "I":
            return self.first_initial.get(token.initial, set()) if token.initial else set()
        if part == "J":
            return self.middle_initial.get(token.initial, set()) if token.initial else set()
        if token.initial or not token.text[:1].isupper():
            return set()
        table = {"S": self.surname, "F": self.first, "M": self.middle}[part]
        found: set[int] = set()
        for key in {token.key, *(_keys(token.text))}:
            found |= table.get(key, set())
        if part == "S" and "-" in token.text:
            for piece in token.text.split("-"):
                for key in _keys(piece):
                    found |= table.get(key, set())
        return found

    # Longest first: «Иванова Мария Петровна» before «Иванова Мария».
    PATTERNS = ("SFM", "FMS", "IJS", "SIJ", "SF", "FS", "FM", "IS", "SI")

    def _adjacent(self, text: str, tokens: list[_Token]) -> bool:
        return all(GAP.fullmatch(text[a.end : b.start]) for a, b in zip(tokens, tokens[1:], strict=False))

    def spans(self, text: str) -> list[tuple[int, int, bool]]:
        """(start, end, hidden) of every name found in `text`."""
        tokens = self._tokens(text or "")
        found = []
        i = 0
        while i < len(tokens):
            for pattern in self.PATTERNS:
                window = tokens[i : i + len(pattern)]
                if len(window) < len(pattern) or not self._adjacent(text, window):
                    continue
                candidates = None
                for token, part in zip(window, pattern, strict=True):
                    ids = self._ids(token, part)
                    candidates = ids if candidates is None else candidates & ids
                    if not candidates:
                        break
                if candidates:
                    found.append((window[0].start, window[-1].end, bool(candidates & self.hidden)))
                    i += len(pattern)
                    break
            else:
                surname_ids = self._ids(tokens[i], "S")
                if surname_ids & self.hidden:
                    found.append((tokens[i].start, tokens[i].end, True))
                i += 1
        return found

    def mask(self, text: str) -> str:
        """`text` with the names of people without consent replaced by «(имя скрыто)»."""
        if not text:
            return text or ""
        result, last = [], 0
        for start, end, hidden in self.spans(text):
            if hidden:
                result.append(text[last:start])
                result.append(MASK)
                last = end
        result.append(text[last:])
        return "".join(result)

    def hidden_names(self, text: str) -> list[str]:
        """The names that would be masked, as written, for a warning to the curator."""
        names = []
        for start, end, hidden in self.spans(text or ""):
            if hidden and text[start:end] not in names:
                names.append(text[start:end])
        return names


def scrub_anonymized_person(sender, person: Person, **kwargs) -> None:
    """Before a withdrawn person's name is erased, mask it in everything the public pages show
    from free text: afterwards nothing would recognise it. The approved Положение stays as it
    was approved; its public copy (`public_sections`) gets the masked text."""
    from reports.publication.models import BestPractice, Material, NewsItem, PublicPage, Regulation

    guard = NameGuard()
    guard._add(person.pk, person.last_name, person.first_name, person.middle_name, hidden=True)
    org = person.organization_id

    def scrub(obj, *fields: str) -> None:
        changed = []
        for name in fields:
            value = getattr(obj, name)
            masked = guard.mask(value)
            if masked != value:
                setattr(obj, name, masked)
                changed.append(name)
        if changed:
            obj.save(update_fields=changed + (["updated_at"] if hasattr(obj, "updated_at") else []))

    for page in PublicPage.objects.filter(organization_id=org):
        scrub(page, "description", "contacts")
    for item in NewsItem.objects.filter(organization_id=org):
        scrub(item, "title", "body")
    for material in Material.objects.filter(organization_id=org):
        scrub(material, "title", "description")
    for practice in BestPractice.objects.filter(organization_id=org):
        details = {k: guard.mask(v) if isinstance(v, str) else v for k, v in practice.details.items()}
        if details != practice.details:
            practice.details = details
            practice.save(update_fields=["details", "updated_at"])
        scrub(practice, "title", "summary")
    for regulation in Regulation.objects.filter(organization_id=org):
        field = "sections" if regulation.status in ("draft", "review") else "public_sections"
        current = getattr(regulation, field) or regulation.sections
        masked = [
            {**s, "title": guard.mask(s.get("title", "")), "text": guard.mask(s.get("text", ""))}
            for s in current
        ]
        if masked != current:
            setattr(regulation, field, masked)
            regulation.save(update_fields=[field, "updated_at"])
