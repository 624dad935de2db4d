"""The ``--help`` of every command in plain words: placeholders such as ``PATH...``, ``N``
and ``[a|b]`` instead of the framework's ``{paths}...``, ``<list[Path]>`` or
``<int range>``, and no ``x>=1`` range notation."""

from __future__ import annotations

import re
from typing import Any

import typer
from typer._click.exceptions import BadParameter
from typer.core import TyperCommand

from egov_audit.model.period import ascii_digits

#: The framework's type labels, as placeholders a reader knows.
_TYPES = {
    "int": "N",
    "int range": "N",
    "float": "NUMBER",
    "float range": "NUMBER",
    "str": "TEXT",
    "path": "PATH",
    "file": "FILE",
    "directory": "FOLDER",
    "bool": "",
}
_TYPE = re.compile(r" ?<([^<>]*)>")
_RANGE = re.compile(r"(; )?(-?[0-9.]+<=)?x(<=|>=)-?[0-9.]+")


def _placeholder(match: re.Match[str]) -> str:
    label = match.group(1)
    if label in _TYPES:
        word = _TYPES[label]
        return f" {word}" if word else ""
    if label.startswith("list["):
        inner = label[5:-1]
        return f" {_TYPES.get(inner, inner.upper())}..."
    if "|" in label:
        return f" [{label}]"
    return f" {label.upper()}"


def _argument_name(param: Any) -> str:
    name = str(param.metavar or param.name.upper())
    return name if param.nargs == 1 or name.endswith("...") else f"{name}..."


def _plain(record: tuple[str, str]) -> tuple[str, str]:
    name, help_text = record
    help_text = _RANGE.sub("", help_text).replace(" []", "").replace("[]", "")
    return _TYPE.sub(_placeholder, name), help_text.rstrip()


#: Options whose values are periods or dates: typed with Persian digits, they are read as
#: ASCII ones, as every number is.
_DIGIT_OPTIONS = frozenset({"period", "compare_with", "declared_on", "as_of"})


def _takes_digits(param: Any) -> bool:
    if param.param_type_name != "option" or getattr(param, "is_flag", False):
        return False
    annotation = getattr(getattr(param, "type_descriptor", None), "annotation", None)
    return param.name in _DIGIT_OPTIONS or annotation in (int, float)


def ascii_numbers(params: list[Any], args: list[str]) -> list[str]:
    """``args`` with the values of number, period and date options in ASCII digits, so
    that ``--top ۵`` and ``--period ۱۳۹۹-H1`` are read as typed; paths, names and other
    values stay as they are."""
    names = {name for param in params if _takes_digits(param) for name in param.opts}
    out: list[str] = []
    convert_next = False
    for arg in args:
        if convert_next:
            out.append(ascii_digits(arg))
            convert_next = False
            continue
        name, equals, value = arg.partition("=")
        if name in names and equals:
            out.append(f"{name}={ascii_digits(value)}")
        else:
            out.append(arg)
            convert_next = arg in names
    return out


_WORDING = (
    (re.compile(r"^Value error, "), ""),
    (
        re.compile(r"^Input should be greater than or equal to (\S+)$"),
        r"give a number of at least \1",
    ),
    (re.compile(r"^Input should be less than or equal to (\S+)$"), r"give a number of at most \1"),
    (re.compile(r"^Input should be a valid integer.*$"), "give a whole number, such as 5"),
    (re.compile(r"^Input should be a valid number.*$"), "give a number, such as 5"),
)


def plain_error(message: str) -> str:
    """A parsing error in the command line's words, not its validation library's."""
    for pattern, replacement in _WORDING:
        message = pattern.sub(replacement, message)
    return message


class HelpCommand(TyperCommand):
    """A command whose help and usage line use plain placeholders, and whose number,
    period and date options read Persian and Arabic-Indic digits."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        try:
            return list(super().parse_args(ctx, ascii_numbers(self.params, args)))
        except BadParameter as error:
            error.message = plain_error(error.message)
            raise

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        pieces = [self.options_metavar] if self.options_metavar else []
        for param in self.get_params(ctx):
            if param.param_type_name != "argument":
                continue
            name = _argument_name(param)
            pieces.append(name if param.required else f"[{name}]")
        return pieces

    def format_options(self, ctx: Any, formatter: Any) -> None:
        arguments: list[tuple[str, str]] = []
        options: list[tuple[str, str]] = []
        for param in self.get_params(ctx):
            record = param.get_help_record(ctx)
            if record is None:
                continue
            if param.param_type_name == "argument":
                _name, help_text = _plain(record)
                arguments.append((_argument_name(param), help_text))
            else:
                options.append(_plain(record))
        if arguments:
            with formatter.section("Arguments"):
                formatter.write_dl(arguments)
        if options:
            with formatter.section("Options"):
                formatter.write_dl(options)


def use_plain_help(app: typer.Typer) -> None:
    """Give every command of ``app`` (and of its groups) registered so far the plain help."""
    for info in app.registered_commands:
        if info.cls in (None, TyperCommand):
            info.cls = HelpCommand
    for group in app.registered_groups:
        if group.typer_instance is not None:
            use_plain_help(group.typer_instance)
