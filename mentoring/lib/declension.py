"""Russian names in the grammatical case a sentence needs.

pytrovich does the work for ordinary names; around it we keep the rules it gets wrong or that
documents must never get wrong: surnames that do not decline (Шевченко, Черных, Дюма, and
consonant-final surnames of women: Ким, Мельник), double-barrelled surnames declined part by part
(Петрова-Водкина → Петровой-Водкиной), and any input pytrovich cannot handle is returned as written
rather than mangled. The curator may still correct a form by hand before an order is signed.
"""

from __future__ import annotations

import enum

VOWELS = "аеёиоуыэюя"


class Case(enum.Enum):
    NOMINATIVE = "nominative"  # кто? — Иванова Мария Петровна
    GENITIVE = "genitive"  # кого? — Ивановой Марии Петровны
    DATIVE = "dative"  # кому? — Ивановой Марии Петровне
    ACCUSATIVE = "accusative"  # кого? — Иванову Марию Петровну
    INSTRUMENTAL = "instrumental"  # кем? — Ивановой Марией Петровной
    PREPOSITIONAL = "prepositional"  # о ком? — об Ивановой Марии Петровне


def _maker():
    global _MAKER
    if _MAKER is None:
        from pytrovich.maker import PetrovichDeclinationMaker

        _MAKER = PetrovichDeclinationMaker()
    return _MAKER


_MAKER = None


def _pytrovich(part: str, gender: str, case: Case, word: str) -> str:
    from pytrovich.enums import Case as PCase
    from pytrovich.enums import Gender as PGender
    from pytrovich.enums import NamePart

    try:
        result = _maker().make(
            getattr(NamePart, part),
            PGender.FEMALE if gender == "f" else PGender.MALE,
            getattr(PCase, case.name),
            word,
        )
    except Exception:  # noqa: BLE001 — an unknown word stays as written rather than breaking a document
        return word
    return result or word


def _match_case(template: str, word: str) -> str:
    """Keep the capitalisation of the original («ИВАНОВА» stays upper case)."""
    if template.isupper() and len(template) > 1:
        return word.upper()
    if template[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def surname_is_indeclinable(surname: str, gender: str) -> bool:
    """Surnames that keep one form in every case, by the rules of Russian grammar."""
    word = surname.lower().replace("ё", "е")
    if len(word) < 2:
        return True
    if word.endswith(("ых", "их")) and len(word) > 3:
        return True  # Черных, Седых, Долгих
    if word[-1] in "оеиуюэы":
        return True  # Шевченко, Дурново, Гёте, Шоу, Ру
    if word[-1] == "а" and word[-2] in VOWELS and not word.endswith("ия"):
        return True  # Моруа, Гамсахурдиа
    if word.endswith("я") and word[-2] in "аоуеэ":
        return False
    if gender == "f" and word[-1] not in VOWELS and not word.endswith(("ова", "ева", "ина")):
        return True  # Ким, Мельник, Шмидт (женщина)
    return False


# Foreign surnames in -а that stay unchanged (stressed final vowel); pytrovich knows few of them.
INDECLINABLE_SURNAMES = {"дюма", "дега", "тома", "фра", "petipa", "петипа", "золя"}


def decline_surname(surname: str, gender: str, case: Case) -> str:
    if case is Case.NOMINATIVE or not surname:
        return surname
    parts = surname.split("-")
    if len(parts) > 1:
        return "-".join(decline_surname(part, gender, case) for part in parts)
    if surname.lower() in INDECLINABLE_SURNAMES or surname_is_indeclinable(surname, gender):
        return surname
    return _match_case(surname, _pytrovich("LASTNAME", gender, case, surname.lower()))


def decline_first_name(name: str, gender: str, case: Case) -> str:
    if case is Case.NOMINATIVE or not name:
        return name
    if "-" in name:
        return "-".join(decline_first_name(part, gender, case) for part in name.split("-"))
    return _match_case(name, _pytrovich("FIRSTNAME", gender, case, name.lower()))


def decline_middle_name(name: str, gender: str, case: Case) -> str:
    if case is Case.NOMINATIVE or not name:
        return name
    lower = name.lower()
    # Only Russian patronymics decline; «оглы», «кызы» and foreign middle names do not.
    if not lower.endswith(("вич", "вна", "ична", "ьич", "ич")) or lower.endswith(("оглы", "кызы")):
        return name
    return _match_case(name, _pytrovich("MIDDLENAME", gender, case, lower))


def decline_full_name(last: str, first: str, middle: str, gender: str, case: Case) -> str:
    """«Иванова Мария Петровна» in `case`: surname first, as orders write it."""
    parts = (
        decline_surname(last, gender, case),
        decline_first_name(first, gender, case),
        decline_middle_name(middle, gender, case),
    )
    return " ".join(p for p in parts if p)


def decline_person(person, case: Case) -> str:
    """A people.Person (or anything with last/first/middle name and gender) in `case`."""
    return decline_full_name(person.last_name, person.first_name, person.middle_name, person.gender, case)


def first_and_middle(person) -> str:
    """«Мария Петровна», the form for «Уважаемая …!»."""
    return " ".join(p for p in (person.first_name, person.middle_name) if p)


def decline_position(position: str, case: Case) -> str:
    """A job title in `case` («педагогу-организатору», «заместителя директора по УВР»): the
    morphology library finds the head noun and its agreeing words (`mentoring.lib.grammar`)."""
    from mentoring.lib.grammar import inflect_phrase

    return inflect_phrase(position, case)
