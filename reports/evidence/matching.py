"""Which roadmap activities expect what the application produced.

An activity's text (its title, planned measures and expected result, as the school wrote them)
is matched against the rules of the produced thing: «Приказ(ы) о закреплении наставнических
пар/групп» or an expected result «Приказ о закреплении пар/групп» expect a signed order of the
pairs kind; «Протокол педагогического совета» expects a held педсовет. Every pattern of a rule must
occur; a rule with a stage pattern also needs the activity to be in such a stage. A match is only
ever an offer: the curator decides.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Rule:
    text: tuple[str, ...]
    stage: str = ""

    def matches(self, text: str, stage: str) -> bool:
        if self.stage and not re.search(self.stage, stage):
            return False
        return all(re.search(pattern, text) for pattern in self.text)


def _rules(*rules: tuple[str, ...] | Rule) -> tuple[Rule, ...]:
    return tuple(rule if isinstance(rule, Rule) else Rule(rule) for rule in rules)


# A bank being formed or its data collected, not analysed («Анализ банка наставников» picks mentors).
BANK_FORMED = r"формировани\w* (банк|баз)|сбор\w* (данных|информаци)"

# Keys: "order:<kind>", "event:<kind>", "survey:<questionnaire kind>", "news", "regulation",
# "export:<job kind>[:<variant>]".
RULES: dict[str, tuple[Rule, ...]] = {
    "order:launch": _rules((r"приказ", r"положени"), (r"локальн\w* (нормативн\w* )?(правов\w* )?акт",)),
    "order:pairs": _rules((r"приказ", r"закреплени", r"пар|групп")),
    "order:programs": _rules(
        (r"приказ", r"программ|иом"), (r"программ\w* утвержден",), (r"утверждени\w* программ",)
    ),
    "order:completion": _rules((r"приказ", r"завершени")),
    "order:reward": _rules((r"поощрени",), (r"благодарствен",)),
    "event:teachers_council": _rules((r"педагогическ\w* совет",), (r"педсовет",)),
    "event:methodical_council": _rules((r"методическ\w* совет",), (r"методсовет",)),
    "event:parents_meeting": _rules((r"родительск\w* собрани",)),
    "event:class_hour": _rules((r"классн\w* час",)),
    "event:mentor_training": _rules(
        (r"обучени\w* наставник",), (r"занят", r"наставник"), Rule((r"обучени|занят",), stage=r"обучени")
    ),
    "event:kickoff": _rules((r"установочн",)),
    "event:round_table": _rules((r"кругл\w* стол",)),
    "event:conference": _rules((r"конференци",), (r"семинар",)),
    "event:contest": _rules((r"конкурс",)),
    "event:general_meeting": _rules((r"общ\w* (встреч|собрани)",)),
    "survey:mentor_candidate": _rules((r"анкет", r"наставников|наставника")),
    "survey:mentee_requests": _rules((r"запрос", r"анкет|сбор")),
    "survey:diagnostic": _rules((r"диагности",)),
    "survey:satisfaction_start": _rules((r"удовлетворенност",)),
    "survey:satisfaction_end": _rules((r"удовлетворенност",)),
    "survey:quality": _rules((r"мониторинг",)),
    "news": _rules((r"публикаци",), (r"освещени",), (r"на сайте|сайт\w* (школ|организаци|оо)",)),
    "regulation": _rules((r"положени",)),
    # Exports taken (reports.exportlog): a report, a monitoring note, the statistical form, a bank.
    "export:statistics_export:form": _rules(
        (r"статистическ",), (r"мониторинг", r"справк|отчет|показател"), (r"отчет", r"реализаци|мониторинг")
    ),
    "export:analytical_note": _rules(
        (r"аналитическ\w* справк",),
        (r"мониторинг", r"справк|отчет"),
        (r"мониторинг\w* качеств",),
        (r"отчет", r"реализаци"),
    ),
    "export:statistics_export:registry": _rules((r"реестр",), (r"персонифицированн\w* учет",)),
    "export:statistics_export:meetings": _rules((r"журнал\w* встреч",)),
    "export:statistics_export:survey_summary": _rules(
        (r"анкетир|анкет", r"результат|итог|мониторинг|анализ")
    ),
    "export:statistics_export:survey_answers": _rules((r"анкетир|анкет", r"результат|итог|анализ")),
    "export:campaign_export": _rules((r"анкетир|анкет", r"результат|итог|мониторинг|анализ")),
    "export:bank_export:mentor": _rules((r"(банк|баз)\w* (данных )?наставников", BANK_FORMED)),
    "export:bank_export:mentee": _rules((r"(банк|баз)\w* (данных )?наставляемых", BANK_FORMED)),
    "export:roadmap_document": _rules(
        (r"итог\w* реализаци\w* дорожн",), (r"дорожн\w* карт", r"отчет|выполнени"), (r"отчет", r"реализаци")
    ),
}


def normalize(text: str) -> str:
    return re.sub(r"\s+", " ", (text or "").lower().replace("ё", "е"))


def activity_text(activity) -> str:
    return normalize(" ".join((activity.title, activity.content, activity.expected_result)))


def expects(activity, key: str) -> bool:
    """Whether `activity` seems to expect the thing `key` names (see RULES)."""
    text, stage = activity_text(activity), normalize(activity.stage.title)
    return any(rule.matches(text, stage) for rule in RULES.get(key, ()))
