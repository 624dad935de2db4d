"""Messages and hints of findings in the language of ``validate --lang``.

The checks write every finding in English, with its values (ids, fields, paths, dates)
in place. Here each English form is a template (``agency id {id} differs from the file
name {name}``): a message that matches one is written with the template's translation
and the same values; a message that matches none is shown in English. A test checks that
every message the checks produce on the test data matches a template.
"""

from __future__ import annotations

import re
import string
from functools import cache

from egov_audit.render.i18n import N_, Translator

#: The forms of finding messages, most specific first.
MESSAGES: tuple[str, ...] = (
    N_("agency id {id} differs from the file name {name}"),
    N_("agency name {name} differs from the registry's {registered}"),
    N_("registered agency {agency} has no file {path}"),
    N_("agency {agency} is not in the registry of collection.yaml"),
    N_(
        "no collection.yaml found for this file, so registry, "
        "calendar and depends_on were not checked"
    ),
    N_("count {value} is written with Persian or Arabic-Indic digits"),
    N_("{field} {value} is not a date of any calendar"),
    N_("{field} {value} is not a date of the {calendar} calendar"),
    N_("depends_on {target} is a service of this agency"),
    N_("depends_on {target}: agency {agency} has not declared its services yet"),
    N_("depends_on {target}: agency {agency} declares no service {service}"),
    N_("depends_on {target}: no agency {agency} in the collection"),
    N_("launched_on {launched} is after declared_on {declared}"),
    N_("month {month} does not exist"),
    N_("agency {agency} is registered twice (first on line {line})"),
    N_("rule {rule} cannot be set to off"),
    N_("no rule {rule}"),
    N_("unknown field {field}"),
    N_("{field} {value} is not one of: {choices}"),
    N_("{field} needs at least {count} item(s)"),
    N_("{field} {value} is below {minimum}"),
    N_("{field} {value} does not have the required form"),
    N_("{name} is required in {where} when status is {status}"),
    N_("{name} is required in {where}"),
    N_("{field} must be a whole number, not {value}"),
    N_("{field} must be a list, not {value}"),
    N_("{field} must be true or false, not {value}"),
    N_("{field} must be a mapping (key: value lines), not {value}"),
    N_("{field} lists an item twice: {value}"),
    N_("service id {id} is used twice: line {first} and line {second}"),
    N_("transactions counted for {month}, after declared_on {declared}"),
    N_("anchor {anchor} is not accepted"),
    N_("a mapping key must be a plain value, not a list or a mapping"),
    N_("the key {key} appears twice in one mapping (lines {first} and {second})"),
    N_("the file holds no YAML document"),
    N_("the file contains NUL characters: it is probably UTF-16 without a byte-order mark"),
    N_("the file is UTF-32, which is not accepted"),
    N_(
        "the file is not valid UTF-8 (byte {byte} at line {line}); it was "
        "probably saved in a legacy code page such as Windows-1256"
    ),
    N_("the file starts with a UTF-16 byte-order mark but is not valid UTF-16"),
    N_("the file holds more than one YAML document"),
    N_("invalid YAML: {detail}"),
    N_("the explicit tag {tag} is not accepted"),
    N_("values are nested more than {depth} levels deep"),
)
#: The forms of hints (the rules' fixes, and hints that name values).
HINTS: tuple[str, ...] = (
    N_("Rename the file to {file}, or write id: {id}"),
    N_("Use the registered name, or update the registry."),
    N_("Ask the agency to declare: egov-audit init {agency} --collection {folder}"),
    N_("Add it to 'agencies:' in collection.yaml, or fix the id."),
    N_("Validate the collection folder, or keep agency files under <collection>/agencies/."),
    N_("Write ASCII digits: {digits}"),
    N_("Write an existing YYYY-MM-DD date in the collection's calendar."),
    N_("List only other agencies' services in depends_on."),
    N_("Keep it; it resolves once that agency declares."),
    N_("Use the id of one of its services: {ids}"),
    N_("Use <agency-id>/<service-id> of a service another agency declares."),
    N_("Correct launched_on, or declared_on."),
    N_("Write the month as YYYY-MM with MM from 01 to 12."),
    N_("Keep one entry per agency."),
    N_("Remove the setting; only rules that leave the figures intact can be lowered."),
    N_("Did you mean {names}?"),
    N_("Remove it or fix its spelling; allowed here: {fields}"),
    N_("Use one of: {choices}"),
    N_("List at least one ({description})"),
    N_("Write a number >= {minimum}"),
    N_("Write the date as YYYY-MM-DD in the collection's calendar, e.g. {example}"),
    N_("Use lower-case letters, digits and single hyphens, e.g. {example}"),
    N_("Add {name} ({description})"),
    N_("Write a whole number without quotes, separators or decimals, e.g. {example}"),
    N_("Write a list, e.g. {example}"),
    N_("Write a mapping (key: value lines)"),
    N_("Write true or false"),
    N_("Remove the repeated item"),
    N_("Give each service its own id."),
    N_("Remove the month, or correct declared_on."),
    N_("Remove the anchor and write each value out in full."),
    N_("Write the key as text, e.g. `name:`."),
    N_("Keep one of them: YAML tools disagree on which one wins."),
    N_("Write the declaration (see `egov-audit schema agency`), or remove the file."),
    N_("Save the file as UTF-8."),
    N_("Save the file as UTF-8 (in most editors: Save As, Encoding: UTF-8)."),
    N_("Keep one declaration per file and remove the extra '---' and what follows it."),
    N_(
        "Check the indentation and quoting near this place: indent with spaces, "
        "not tabs, and quote values that contain ': ' or ' #'."
    ),
    N_("Remove the control character (often pasted from another program)."),
    N_("Remove the tag; quote the value if it must stay text."),
    N_(
        "A declaration needs only a few levels (services → service → "
        "transactions); check the indentation here."
    ),
)


def _pattern(template: str) -> re.Pattern[str]:
    """A regular expression matching what ``template`` gives with any values."""
    parts = []
    for literal, field, _spec, _conversion in string.Formatter().parse(template):
        parts.append(re.escape(literal))
        if field:
            parts.append(f"(?P<{field}>.+?)")
    return re.compile("".join(parts) + r"\Z", re.DOTALL)


@cache
def _patterns(templates: tuple[str, ...]) -> list[tuple[str, re.Pattern[str]]]:
    return [(template, _pattern(template)) for template in templates]


def template_of(text: str, templates: tuple[str, ...]) -> str | None:
    """The template ``text`` was written from, if any."""
    for template, pattern in _patterns(templates):
        if pattern.match(text):
            return template
    return None


def _translate(text: str, tr: Translator, templates: tuple[str, ...]) -> str:
    for template, pattern in _patterns(templates):
        match = pattern.match(text)
        if match:
            return tr.gettext(template).format(**match.groupdict())
    return text


def message(text: str, tr: Translator) -> str:
    """A finding's message in the translator's language (English when it has no form)."""
    return text if tr.language == "en" else _translate(text, tr, MESSAGES)


def hint(text: str, tr: Translator) -> str:
    """A finding's hint in the translator's language (English when it has no form)."""
    return text if tr.language == "en" else _translate(text, tr, HINTS)
