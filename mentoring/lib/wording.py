"""Document wording kept as plain-text templates under `templates/documents/wording/`.

A methodologist edits the wording there without touching code; Python gathers the data and puts
the rendered text into the document's structure. A wording template is Django template language,
rendered without HTML escaping (the text goes into documents, not into a page), and read so:

- a line holding only tags or a comment (`{% if staff %}`, `{% endfor %}`, `{# … #}`) leaves no line
  behind, so tags may stand on lines of their own;
- `## Title` starts a section;
- a blank line ends a paragraph;
- inside a paragraph a line beginning with «— » starts a new line (an item of a list), and so does a
  field `name: value` with a Latin name, which the code takes out (as `deadline:` of an order's point);
  any other line continues the line above after a space, so long sentences may be wrapped anywhere.
"""

from __future__ import annotations

import re

from django.template import Context, Template, engines

_TAG = r"\{%(?:(?!%\}).)*%\}|\{#(?:(?!#\}).)*#\}"
_TAG_LINE = re.compile(rf"^[ \t]*(?:(?:{_TAG})[ \t]*)+\n", re.MULTILINE)
FIELD = re.compile(r"^([a-z_]+):(?: (.*))?$")


def render_wording(name: str, context: dict) -> str:
    """The template `name` rendered with `context`, its tag-only lines dropped and nothing escaped."""
    engine = engines["django"].engine
    template, origin = engine.find_template(name)
    source = _TAG_LINE.sub(lambda line: line[0].strip(), origin.loader.get_contents(origin))
    return Template(source, origin, name, engine).render(Context(context, autoescape=False))


def paragraphs(text: str) -> list[str]:
    """The paragraphs of `text`; list items and fields stay on lines of their own, joined by «\\n»."""
    result = []
    for block in re.split(r"\n[ \t]*\n", text):
        lines: list[str] = []
        for line in block.splitlines():
            line = " ".join(line.split())
            if not line:
                continue
            if lines and not line.startswith("— ") and not FIELD.match(line):
                lines[-1] += " " + line
            else:
                lines.append(line)
        if lines:
            result.append("\n".join(lines))
    return result


def sections(text: str) -> list[tuple[str, list[str]]]:
    """(title, paragraphs) for each `## Title` of `text`; text before the first title is dropped."""
    parts = re.split(r"^##[ \t]+(.*)$", text, flags=re.MULTILINE)
    return [(title.strip(), paragraphs(body)) for title, body in zip(parts[1::2], parts[2::2], strict=True)]


def take_fields(paragraph: str) -> tuple[str, dict[str, str]]:
    """The paragraph without its `name: value` lines, and those fields."""
    lines, found = [], {}
    for line in paragraph.split("\n"):
        if field := FIELD.match(line):
            found[field[1]] = field[2] or ""
        else:
            lines.append(line)
    return "\n".join(lines), found


def render_sections(name: str, context: dict) -> dict[str, list[str]]:
    """The sections of the rendered template `name`, by title, in the template's order."""
    return dict(sections(render_wording(name, context)))
