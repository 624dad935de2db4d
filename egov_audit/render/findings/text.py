"""Findings as text: one ``file:line:col: severity [rule] message`` line and a hint each.

File names, messages and hints are shown with control characters escaped (``\\x1b``,
``\\n``): a name can neither drive the terminal nor add a line. In another language
(``validate --lang``) the messages, hints, severities and the closing count are
translated; locations, rule ids and the values inside messages are not.
"""

from __future__ import annotations

from egov_audit.model import Severity, ValidationResult
from egov_audit.model.display import printable
from egov_audit.render.findings.messages import hint, message
from egov_audit.render.i18n import Translator, translator

#: ANSI colours of a terminal: severities, and the dim hint label.
_COLOURS = {Severity.ERROR: "\x1b[1;31m", Severity.WARNING: "\x1b[1;33m", "ok": "\x1b[32m"}
_DIM, _RESET = "\x1b[2m", "\x1b[0m"


def _paint(text: str, colour: str, color: bool) -> str:
    return f"{colour}{text}{_RESET}" if color else text


def summary_line(result: ValidationResult, tr: Translator) -> str:
    """``54 files checked: 0 errors, 4 warnings`` in the language, with its plurals."""
    files = len(result.checked)
    errors = result.count(Severity.ERROR)
    warnings = result.count(Severity.WARNING)
    return tr.gettext("{files}: {errors}, {warnings}").format(
        files=tr.ngettext("{count} file checked", "{count} files checked", files).format(
            count=tr.integer(files)
        ),
        errors=tr.ngettext("{count} error", "{count} errors", errors).format(
            count=tr.integer(errors)
        ),
        warnings=tr.ngettext("{count} warning", "{count} warnings", warnings).format(
            count=tr.integer(warnings)
        ),
    )


def render(
    result: ValidationResult, lang: str = "en", *, quiet: bool = False, color: bool = False
) -> str:
    """Every finding, a result line per file (not with ``quiet``), and a closing count;
    severities coloured with ``color`` (a terminal that allows colour)."""
    tr = translator(lang)
    label = tr.pgettext("finding", "hint")
    lines: list[str] = []
    by_file: dict[str, list[str]] = {}
    words = {
        Severity.ERROR: tr.pgettext("finding", "error"),
        Severity.WARNING: tr.pgettext("finding", "warning"),
    }
    for finding in result.findings:
        severity = _paint(words[finding.severity], _COLOURS[finding.severity], color)
        by_file.setdefault(finding.file, []).append(
            f"{printable(finding.location)}: {severity} [{finding.rule}] "
            f"{printable(message(finding.message, tr))}\n"
            f"    {_paint(label + ':', _DIM, color)} {printable(hint(finding.hint, tr))}"
        )
    for path in result.checked:
        entries = by_file.get(path, [])
        if entries:
            lines.extend(entries)
        elif not quiet:
            ok = _paint(tr.pgettext("finding", "ok"), _COLOURS["ok"], color)
            lines.append(f"{printable(path)}: {ok}")
    lines.append(summary_line(result, tr))
    return "\n".join(lines) + "\n"
