"""Russian grammar of phrases other than personal names, by the morphology library pymorphy3.

- `inflect_phrase` puts a job title or an organization's name into a case: the head noun (the
  first noun in the nominative) and the adjectives and participles that agree with it before it
  change; what follows the head — a dependent genitive group («директора по УВР», «начальных
  классов») or a quoted name («"Средняя общеобразовательная школа № 7"») — stays as written.
- `agree` puts an adjective or a participle into the gender and case of a person
  («несовершеннолетней», «обучающейся»).
- `plural` is the one way a count meets its noun: «1 пара», «2 пары», «5 пар», «4 записи».

Personal names go through pytrovich (`mentoring.lib.declension`); a word the dictionary does not
know is left as written rather than guessed.
"""

from __future__ import annotations

import functools
import re

from mentoring.lib.declension import Case

_GRAMMEME = {
    Case.NOMINATIVE: "nomn",
    Case.GENITIVE: "gent",
    Case.DATIVE: "datv",
    Case.ACCUSATIVE: "accs",
    Case.INSTRUMENTAL: "ablt",
    Case.PREPOSITIONAL: "loct",
}
_AGREEING = {"ADJF", "PRTF"}
# Words, and everything else (spaces, punctuation, quotes) kept between them as written.
_TOKEN = re.compile(r"[А-Яа-яЁё]+(?:-[А-Яа-яЁё]+)*|[^А-Яа-яЁё]+")
_QUOTES = "«\"'“„"


@functools.cache
def morph():
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


def _match_case(template: str, word: str) -> str:
    if template.isupper() and len(template) > 1:
        return word.upper()
    if template[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def _nominative(word: str, pos: set[str]):
    """The reading of `word` as a nominative of one of the parts of speech `pos`, or None."""
    for parse in morph().parse(word):
        if parse.tag.POS in pos and parse.tag.case == "nomn":
            return parse
    return None


def _inflect(parse, grammemes: set[str], original: str) -> str:
    form = parse.inflect(grammemes)
    return _match_case(original, form.word) if form else original


def _inflect_noun(word: str, case: Case) -> str | None:
    """A noun (hyphenated parts each: «педагог-организатор» → «педагога-организатора»)."""
    parts = word.split("-")
    out = []
    for part in parts:
        parse = _nominative(part, {"NOUN"})
        if parse is None:
            return None if part is parts[0] else "-".join([*out, *parts[len(out) :]])
        out.append(_inflect(parse, {_GRAMMEME[case]}, part))
    return "-".join(out)


def _head(words: list[str]):
    """(index, parse) of the head noun: the first nominative noun after agreeing words only.

    A word that reads both ways («старший», «вожатая») is taken as an adjective when a noun
    follows it: «старший воспитатель», «старшая вожатая».
    """
    for index, word in enumerate(words):
        first = word.split("-")[0]
        noun = _nominative(first, {"NOUN"})
        adjective = _nominative(first, _AGREEING)
        followed_by_noun = index + 1 < len(words) and _nominative(words[index + 1].split("-")[0], {"NOUN"})
        if noun is not None and not (adjective is not None and followed_by_noun):
            return index, noun
        if adjective is None:
            return None
    return None


def inflect_phrase(phrase: str, case: Case, *, lower_first: bool = False) -> str:
    """`phrase` (a job title, an organization's name) in `case`; unknown heads stay as written.

    `lower_first` writes the first word with a small letter, as a generic name («муниципальное
    бюджетное … учреждение») stands inside a sentence; abbreviations keep their capitals.
    """
    if case is Case.NOMINATIVE or not phrase.strip():
        return _lower_first(phrase) if lower_first else phrase
    tokens = _TOKEN.findall(phrase)
    word_positions = []
    for position, token in enumerate(tokens):
        if any(quote in token for quote in _QUOTES):
            break  # a quoted name is a name: it stays as written
        if token[0].isalpha():
            word_positions.append(position)
    words = [tokens[p] for p in word_positions]
    found = _head(words)
    if found is None:
        return _lower_first(phrase) if lower_first else phrase
    index, head = found
    declined_head = _inflect_noun(words[index], case)
    if declined_head is None:
        return phrase
    tokens[word_positions[index]] = declined_head
    grammemes = {_GRAMMEME[case], head.tag.number or "sing"}
    if head.tag.number != "plur" and head.tag.gender:
        grammemes.add(head.tag.gender)
    if case is Case.ACCUSATIVE and head.tag.animacy and head.tag.gender != "femn":
        grammemes.add(head.tag.animacy)  # «старшего учителя», «молодые специалисты»
    for i in range(index):
        word = words[i]
        parse = _agreeing_reading(word, head)
        if parse is not None:
            tokens[word_positions[i]] = _inflect(parse, grammemes, word)
    result = "".join(tokens)
    return _lower_first(result) if lower_first else result


def _agreeing_reading(word: str, head):
    parses = [p for p in morph().parse(word) if p.tag.POS in _AGREEING and p.tag.case == "nomn"]
    for parse in parses:
        if head.tag.number == "plur" and parse.tag.number == "plur":
            return parse
        if parse.tag.gender == head.tag.gender:
            return parse
    return parses[0] if parses else None


def _lower_first(text: str) -> str:
    match = re.match(r"[А-Яа-яЁё]+", text)
    if not match or match[0].isupper() and len(match[0]) > 1:
        return text  # «МБОУ …» keeps its capitals
    parse = morph().parse(match[0])[0]
    if {"Name", "Surn", "Patr", "Geox", "Orgn"} & set(str(parse.tag).replace(" ", ",").split(",")):
        return text
    return text[:1].lower() + text[1:]


def agree(word: str, gender: str, case: Case) -> str:
    """An adjective or participle agreeing with a person: `gender` is "m" or "f"."""
    parse = _nominative(word, _AGREEING)
    if parse is None:
        return word
    grammemes = {_GRAMMEME[case], "sing", "femn" if gender == "f" else "masc"}
    if case is Case.ACCUSATIVE and gender != "f":
        grammemes.add("anim")
    return _inflect(parse, grammemes, word)


# After a number the genitive plural of a few nouns is the counting form: «5 человек», «5 лет»
# (not «людей», «годов»).
_COUNTING_GENITIVE = {"человек": "человек", "год": "лет"}


def singular_count(count: int) -> bool:
    """Whether words after `count` take the singular: 1, 21, 31… but not 11."""
    return count % 10 == 1 and count % 100 != 11


def _counted(parse, count: int, case: Case) -> str | None:
    singular = singular_count(count)
    if case is Case.ACCUSATIVE and singular:
        # «загрузить 1 (21) верную строку»: after 1 the accusative singular, not the nominative.
        form = parse.inflect({"accs", "sing"})
    elif case in (Case.NOMINATIVE, Case.ACCUSATIVE) and not (
        case is Case.ACCUSATIVE and parse.tag.animacy == "anim"
    ):
        form = parse.make_agree_with_number(count)
    else:
        # «из 1 пары», «из 5 пар», «по 21 отзыву»: the case itself, singular after 1, 21, 31…
        form = parse.inflect({_GRAMMEME[case], "sing" if singular else "plur"})
    if form is None:
        return _plural_of_verbal_noun(parse, count, case)
    if {"gent", "plur"} <= set(form.tag.grammemes) and parse.normal_form in _COUNTING_GENITIVE:
        return _COUNTING_GENITIVE[parse.normal_form]
    return form.word


# The dictionary knows verbal nouns in -ие («анкетирование») in the singular only; their plural
# is regular: «2 анкетирования», «5 анкетирований», «по 5 анкетированиям».
_VERBAL_NOUN_PLURAL = {"nomn": "ия", "gent": "ий", "datv": "иям", "accs": "ия", "ablt": "иями", "loct": "иях"}


def _plural_of_verbal_noun(parse, count: int, case: Case) -> str | None:
    word = parse.word
    if parse.tag.POS != "NOUN" or "Sgtm" not in parse.tag or not word.endswith("ие"):
        return None
    few = count % 10 in (2, 3, 4) and count % 100 not in (12, 13, 14)
    if case in (Case.NOMINATIVE, Case.ACCUSATIVE):
        grammeme = "gent"
        if few:
            form = parse.inflect({"gent", "sing"})
            return form.word if form else None
    else:
        grammeme = _GRAMMEME[case]
    return word[:-2] + _VERBAL_NOUN_PLURAL[grammeme]


def plural_form(count: int, phrase: str, case: Case = Case.NOMINATIVE) -> str:
    """`phrase` (nominative singular: «пара», «наставническая пара (группа)») as it goes after
    `count` in a sentence in `case`: пара, пары, пар; «из 1 пары», «из 5 пар»."""
    count = abs(int(count))
    out = []
    for token in _TOKEN.findall(phrase):
        parse = _nominative(token, {"NOUN", *_AGREEING}) if token[0].isalpha() else None
        word = _counted(parse, count, case) if parse is not None else None
        out.append(_match_case(token, word) if word else token)
    return "".join(out)


def plural(count: int, phrase: str, case: Case = Case.NOMINATIVE) -> str:
    """«1 пара», «2 пары», «5 пар», «21 запись», «4 записи»; in `case`: «(из) 5 пар»."""
    return f"{count} {plural_form(count, phrase, case)}"


_PREDICATES = {"VERB", "PRTS", "ADJS"}


def predicate(count: int, words: str, noun: str, *, plural_after_many: bool = False) -> str:
    """The verb or short participle in `words` (any form of it, with its words around: «не
    выполнены в срок») agreeing with «`count` `noun`» as its subject: «проведена 1 встреча»,
    «проведены 2 встречи», «проведено 5 встреч»; «участвует 1 педагог», «участвуют 5 педагогов».
    After 1 (21, 31…) the singular in the noun's gender; after 2–4 the plural; after other numbers
    the neuter singular of official texts («реализовано 5 программ»), but the plural for people
    and in the present («ответили 5 адресатов», «действуют 5 пар»). `plural_after_many` takes
    the plural of plain speech instead («5 пар завершили программы» on a public page)."""
    count = abs(int(count))
    head = _nominative(noun.split()[0], {"NOUN", *_AGREEING})
    tokens = _TOKEN.findall(words)
    for index, token in enumerate(tokens):
        parse = morph().parse(token)[0] if token[0].isalpha() else None
        if parse is not None and parse.tag.POS in _PREDICATES and head is not None:
            grammemes = _predicate_grammemes(parse, count, head, plural_after_many)
            tokens[index] = _inflect(parse, grammemes, token)
            break
    return "".join(tokens)


def _predicate_grammemes(parse, count: int, head, plural_after_many: bool = False) -> set[str]:
    present = parse.tag.POS == "VERB" and parse.tag.tense != "past"
    if singular_count(count):
        return {"sing", "3per"} if present else {"sing", head.tag.gender or "masc"}
    few = count % 10 in (2, 3, 4) and count % 100 not in (12, 13, 14)
    if few or present or plural_after_many or head.tag.animacy == "anim":
        return {"plur", "3per"} if present else {"plur"}
    return {"sing", "neut"}
