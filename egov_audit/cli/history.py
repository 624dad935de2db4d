"""``egov-audit history``: the history entries that the declarations' git history implies."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from egov_audit.aggregate.history import Proposal, Version, propose
from egov_audit.io.files import write_new_file
from egov_audit.io.gitlog import file_versions, repository_root
from egov_audit.io.history_edit import add_history, entry_text
from egov_audit.io.layout import agency_files, display_path
from egov_audit.io.yamlload import read_file
from egov_audit.model import Declaration, HistoryEntry
from egov_audit.model.display import printable
from egov_audit.model.errors import CollectionError, Remedy, UsageError, YamlLoadError
from egov_audit.runner import Context, check_declaration, collection_context


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

    Examples:

      egov-audit history inventories/qom

      egov-audit history inventories/qom --write
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
    proposed = written = conflicts = files = 0
    for path in agency_files(collection):
        found = _proposals(path, context)
        if found is None:
            continue
        current, text, proposals = found
        added = [p for p in proposals if p.added]
        proposed += len(added)
        conflicts += len(proposals) - len(added)
        _print(path, proposals)
        if write and added:
            _write(path, current, text, added, context)
            written += len(added)
            files += 1
    verb = (
        f"wrote {written} entries to {files} file(s)" if write else f"{proposed} entries proposed"
    )
    typer.echo(
        f"{verb}; {conflicts} conflict(s) with hand-written entries"
        + ("" if write or not proposed else "; run with --write to add them")
    )


def _check(
    data: bytes | YamlLoadError, display: str, context: Context, stem: str
) -> Declaration | None:
    return check_declaration(data, display, context, stem).declaration


def _proposals(path: Path, context: Context) -> tuple[Declaration, str, list[Proposal]] | None:
    """The file's declaration and text, and what its git history proposes (None when the
    file has errors: it is named on standard error)."""
    shown = display_path(path)
    try:
        data = read_file(path)
    except YamlLoadError as error:
        typer.echo(f"{printable(shown)}: skipped: {error.message}", err=True)
        return None
    current = _check(data, shown, context, path.stem)
    if current is None:
        typer.echo(
            f"{printable(shown)}: skipped: it has errors (egov-audit validate names them)",
            err=True,
        )
        return None
    versions: list[Version] = []
    skipped = 0
    for version in file_versions(path):
        old = None
        if version.data is not None:
            old = _check(version.data, f"{version.commit[:12]}:{shown}", context, path.stem)
        if old is None:
            skipped += 1
            continue
        versions.append(Version(version.commit[:12], old))
    if skipped:
        typer.echo(
            f"{printable(shown)}: {skipped} committed version(s) with errors skipped", err=True
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = ""
    return current, text, propose(current, versions)


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
        raise UsageError(f"{shown}: only UTF-8 files are edited; save it as UTF-8 first")
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
        raise UsageError(f"{shown}: the entries could not be added safely; add them by hand")
    if read_file(path) != text.encode("utf-8"):
        raise UsageError(f"{shown} changed while it was read; run the command again")
    write_new_file(path, new_text, force=True)


def register(app: typer.Typer) -> None:
    """Add the ``history`` command to ``app``."""
    app.command("history")(history)
