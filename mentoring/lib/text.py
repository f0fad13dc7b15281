"""Text that can be stored and exported anywhere: no control characters.

XML 1.0 (inside .xlsx and .docx) cannot hold \\x00–\\x1f except tab, line feed and carriage return;
Word pastes \\x0b for a line break inside a paragraph. Forms remove them on the way in
(`mentoring.lib.forms.install_text_hygiene`) and the Excel and Word writers on the way out, so text
stored before, or written by other means, cannot break an export.
"""

from __future__ import annotations

import re

CONTROL_CHARACTERS_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def strip_control_characters(text: str) -> str:
    return CONTROL_CHARACTERS_RE.sub("", text)


def strip_control_characters_deep(value):
    """The same value with every string in it (in dicts, lists and tuples) cleaned."""
    if isinstance(value, str):
        return strip_control_characters(value)
    if isinstance(value, dict):
        return {key: strip_control_characters_deep(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(strip_control_characters_deep(item) for item in value)
    return value


_SENTENCE_ENDS = (".", "!", "?", "…")


def sentence(text: str) -> str:
    """`text` ended with a full stop, unless it already ends with one: a list of names closing
    a sentence ends in initials («… Петров И. С.»), which must not get a second period."""
    text = (text or "").rstrip()
    return text if not text or text.endswith(_SENTENCE_ENDS) else text + "."
