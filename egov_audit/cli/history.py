"""``egov-audit history``: the history entries that the declarations' git history implies."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from egov_audit.aggregate.history import Proposal, Version, propose
from egov_audit.cli.common import EXIT_FINDINGS, counted
from egov_audit.io.files import write_new_file
from egov_audit.io.gitlog import file_versions, repository_root
from egov_audit.io.history_edit import HistoryEditError, add_history, entry_text
from egov_audit.io.layout import agency_files, display_path
from egov_audit.io.yamlload import read_file
from egov_audit.model import Declaration, HistoryEntry
from egov_audit.model.display import printable
from egov_audit.model.errors import CollectionError, Remedy, UsageError, YamlLoadError
from egov_audit.render.diff.json import history_entry_json
from egov_audit.runner import Context, check_declaration, collection_context


class HistoryFormat(StrEnum):
    """What ``history --format`` prints."""

    TEXT = "text"
    JSON = "json"


HISTORY_VERSION = 1
"""The version of ``history --format json``; schemas/output/history.schema.json describes it."""


@dataclass
class _FileFound:
    """What one declaration file's git history proposes, or why the file was skipped."""

    path: Path
    proposals: list[Proposal] = field(default_factory=list)
    skipped: str | None = None
    versions_skipped: int = 0
    written: int = 0
    not_written: str | None = None
    """Why --write could not add the file's entries (the file is left as it was)."""


def history(
    collection: Annotated[
        Path, typer.Argument(help="The collection folder, in a git work tree.", show_default=False)
    ],
    write: Annotated[
        bool,
        typer.Option(
            "--write",
            help="Add the proposed entries to the declaration files (each file replaced "
            "atomically; the entries a file already has are never changed).",
        ),
    ] = False,
    output_format: Annotated[
        HistoryFormat,
        typer.Option(
            "--format",
            "-f",
            help="text for people, json for tools (schemas/output/history.schema.json, "
            "printed by `egov-audit schema history-output`).",
        ),
    ] = HistoryFormat.TEXT,
) -> None:
    """Propose the history entries that the declarations' earlier versions in git imply.

    For every declaration file of COLLECTION, the versions committed to git are read
    (git log and git cat-file, run as subprocesses) and checked; versions with errors
    are skipped. Each service of the file as it is now gets an entry for the oldest version
    that has it, and one for every later version whose status, channels or in-person steps
    differ, each dated by that version's declared_on; versions dated on or after the
    file's own declared_on are left out. Entries the service's history already has, or
    already implies, are not proposed; one that disagrees with a hand-written entry of the
    same date is listed as a conflict and never written. Without --write nothing changes.
    Files skipped (errors, not UTF-8) are named on standard error, and in the JSON; a
    file --write cannot edit (a service written in flow style) is named and left as it
    was, the others are written, and the command exits 1.

    Examples:

      egov-audit history inventories/qom

      egov-audit history inventories/qom --write

      egov-audit history inventories/qom --format json
    """
    if not collection.is_dir():
        raise UsageError(
            f"{collection}: not a folder; give the collection folder "
            "(the one holding collection.yaml)"
        )
    repository_root(collection)
    try:
        context = collection_context(collection)
    except CollectionError as error:
        raise UsageError(str(error), remedy=Remedy.VALIDATE, target=str(collection)) from None
    found: list[_FileFound] = []
    for path in agency_files(collection):
        item = _FileFound(path)
        found.append(item)
        proposed = _proposals(item, context)
        if proposed is None:
            continue
        current, text = proposed
        if output_format is HistoryFormat.TEXT:
            _print(path, item.proposals)
        added = [p for p in item.proposals if p.added]
        if write and added:
            try:
                _write(path, current, text, added, context)
            except HistoryEditError as error:  # this file only; the others are still written
                item.not_written = str(error)
                shown = printable(display_path(path))
                typer.echo(f"{shown}: entries not written: {item.not_written}", err=True)
            else:
                item.written = len(added)
    if output_format is HistoryFormat.JSON:
        typer.echo(json.dumps(_json(collection, found, write), ensure_ascii=False, indent=2))
    else:
        typer.echo(_summary(found, write))
    if any(item.not_written for item in found):
        raise typer.Exit(EXIT_FINDINGS)


def _summary(found: list[_FileFound], write: bool) -> str:
    """The last line of the text output: what was proposed or written, and the conflicts."""
    proposed = sum(1 for item in found for p in item.proposals if p.added)
    conflicts = sum(1 for item in found for p in item.proposals if not p.added)
    written = sum(item.written for item in found)
    files = sum(1 for item in found if item.written)
    if write:
        verb = f"wrote {counted(written, 'entry', 'entries')} to {counted(files, 'file', 'files')}"
    else:
        verb = f"{counted(proposed, 'entry', 'entries')} proposed"
    conflict = counted(conflicts, "conflict", "conflicts")
    return f"{verb}; {conflict} with hand-written entries" + (
        "" if write or not proposed else "; run with --write to add them"
    )


def _json(collection: Path, found: list[_FileFound], write: bool) -> dict[str, Any]:
    """``history --format json``: every file, what it proposes, and the totals."""
    files = [
        {
            "file": display_path(item.path),
            "skipped": item.skipped,
            "versions_skipped": item.versions_skipped,
            "proposals": [
                {
                    "service": p.service,
                    "version": p.source,
                    "entry": history_entry_json(p.entry),
                    "conflict": None if p.conflict is None else history_entry_json(p.conflict),
                }
                for p in item.proposals
            ],
            "written": item.written,
            "not_written": item.not_written,
        }
        for item in found
    ]
    return {
        "history_version": HISTORY_VERSION,
        "collection": str(collection),
        "write": write,
        "files": files,
        "proposed": sum(1 for item in found for p in item.proposals if p.added),
        "conflicts": sum(1 for item in found for p in item.proposals if not p.added),
        "written": sum(item.written for item in found),
    }


def _check(
    data: bytes | YamlLoadError, display: str, context: Context, stem: str
) -> Declaration | None:
    return check_declaration(data, display, context, stem).declaration


def _proposals(item: _FileFound, context: Context) -> tuple[Declaration, str] | None:
    """Fill ``item`` with what the file's git history proposes; return the file's
    declaration and text (None when the file is skipped: it is named on standard error)."""
    path = item.path
    shown = display_path(path)
    try:
        data = read_file(path)
    except YamlLoadError as error:
        item.skipped = error.message
        typer.echo(f"{printable(shown)}: skipped: {error.message}", err=True)
        return None
    current = _check(data, shown, context, path.stem)
    if current is None:
        item.skipped = "it has errors (egov-audit validate names them)"
        typer.echo(f"{printable(shown)}: skipped: {item.skipped}", err=True)
        return None
    versions: list[Version] = []
    for version in file_versions(path):
        old = None
        if version.data is not None:
            old = _check(version.data, f"{version.commit[:12]}:{shown}", context, path.stem)
        if old is None:
            item.versions_skipped += 1
            continue
        versions.append(Version(version.commit[:12], old))
    if item.versions_skipped:
        skipped = counted(item.versions_skipped, "committed version", "committed versions")
        typer.echo(f"{printable(shown)}: {skipped} with errors skipped", err=True)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = ""
    item.proposals = propose(current, versions)
    return current, text


def _print(path: Path, proposals: list[Proposal]) -> None:
    if not proposals:
        return
    typer.echo(printable(display_path(path)))
    for item in proposals:
        line = f"  {item.service}: "
        if item.conflict is None:
            line += f"+ {entry_text(item.entry)}  (version {item.source})"
        else:
            line += (
                f"conflict: version {item.source} says {entry_text(item.entry)}; "
                f"kept {entry_text(item.conflict)}"
            )
        typer.echo(printable(line))


def _write(
    path: Path, current: Declaration, text: str, added: list[Proposal], context: Context
) -> None:
    """Add the entries to the file, atomically, if it has not changed since it was read."""
    shown = display_path(path)
    if not text:
        raise HistoryEditError("only UTF-8 files are edited; save it as UTF-8 first")
    if not os.stat(path).st_mode & 0o222 or not os.access(path, os.W_OK):
        # replacing it by a rename would succeed where writing it could not
        raise HistoryEditError("the file is read-only; make it writable to add the entries")
    index = {service.id: i for i, service in enumerate(current.services)}
    additions: dict[int, tuple[str, list[HistoryEntry]]] = {}
    for item in added:
        additions.setdefault(index[item.service], (item.service, []))[1].append(item.entry)
    new_text = add_history(text, additions)
    checked = _check(new_text.encode("utf-8"), shown, context, path.stem)
    expected = {s.id: len(s.history) for s in current.services}
    for item in added:
        expected[item.service] += 1
    if checked is None or {s.id: len(s.history) for s in checked.services} != expected:
        raise HistoryEditError("the entries could not be added safely; add them by hand")
    if read_file(path) != text.encode("utf-8"):
        raise HistoryEditError("the file changed while it was read; run the command again")
    write_new_file(path, new_text, force=True)


def register(app: typer.Typer) -> None:
    """Add the ``history`` command to ``app``."""
    app.command("history")(history)
