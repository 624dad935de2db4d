"""Loading what ``diff`` compares: two declaration files or two collection folders.

Both sides are checked first; a side with errors cannot be compared.
"""

from __future__ import annotations

from pathlib import Path

from egov_audit.aggregate.diff import CollectionDiff, Comparison, diff_collections
from egov_audit.io.layout import AGENCIES_DIR, COLLECTION_FILE, collection_root_of, folder_root
from egov_audit.io.yamlload import load_bytes, read_file
from egov_audit.model import Declaration, FileResult, Severity
from egov_audit.model.calendars import Calendar
from egov_audit.model.display import shown
from egov_audit.model.errors import CollectionError, Remedy, UsageError, YamlLoadError
from egov_audit.runner import Context, check_declaration, collection_context, load_collection
from egov_audit.runner.collection import has_own_errors


def _errors_error(label: str, result: FileResult) -> UsageError:
    errors = [f for f in result.findings if f.severity is Severity.ERROR]
    first = "; ".join(
        f"{shown(f.location, 160)}: [{f.rule}] {shown(f.message, 160)}" for f in errors[:3]
    )
    more = f" (and {len(errors) - 3} more)" if len(errors) > 3 else ""
    return UsageError(
        f"{label} {shown(result.path, 160)} has errors, so it cannot be compared: {first}{more}",
        remedy=Remedy.VALIDATE,
        target=result.path,
    )


def _context(root: Path) -> Context:
    try:
        return collection_context(root)
    except CollectionError as error:
        raise UsageError(str(error), remedy=Remedy.VALIDATE, target=str(root)) from None


def _read(path: Path) -> bytes | YamlLoadError:
    try:
        return read_file(path)
    except YamlLoadError as error:
        return error


def _declared_agency_id(data: bytes | YamlLoadError) -> str | None:
    """The agency id a file declares, if it can be read (errors are reported by the check)."""
    if isinstance(data, YamlLoadError):
        return None
    try:
        tree = load_bytes(data).data
    except YamlLoadError:
        return None
    agency = tree.get("agency") if isinstance(tree, dict) else None
    agency_id = agency.get("id") if isinstance(agency, dict) else None
    if isinstance(agency_id, str) and agency_id and "/" not in agency_id:
        return agency_id
    return None


def _check_loose(path: Path, context: Context) -> FileResult:
    """Check a file outside any collection, whose name need not be its agency id.

    Such a file is typically an old copy (``git show HEAD:.../abfa.yaml > old.yaml``), so it
    is checked as named after the agency it declares; findings still name the file.
    """
    data = _read(path)
    expected = _declared_agency_id(data) or path.stem
    return check_declaration(data, str(path), context, expected)


def _load_files(old: Path, new: Path, calendar: Calendar | None) -> CollectionDiff:
    roots = {label: collection_root_of(p) for label, p in (("OLD", old), ("NEW", new))}
    contexts = {label: _context(root) for label, root in roots.items() if root is not None}
    calendars = {c.calendar for c in contexts.values()}
    if len(calendars) > 1:
        raise UsageError(
            "OLD and NEW belong to collections with different calendars; months and dates "
            "cannot be compared"
        )
    borrowed = next(iter(calendars), None) or calendar
    if borrowed is None:
        raise UsageError(
            f"neither {old} nor {new} is in a collection (<collection>/{AGENCIES_DIR}/"
            "<agency-id>.yaml), so their calendar is unknown",
            remedy=Remedy.CALENDAR,
        )
    declarations: dict[str, Declaration] = {}
    for label, path in (("OLD", old), ("NEW", new)):
        if label in contexts:
            result = check_declaration(_read(path), str(path), contexts[label], path.stem)
        else:
            # Outside a collection: the other side's calendar (or --calendar), no registry.
            result = _check_loose(path, Context(borrowed, None))
        if result.declaration is None or has_own_errors(result):
            raise _errors_error(label, result)
        declarations[label] = result.declaration
    old_id, new_id = declarations["OLD"].agency.id, declarations["NEW"].agency.id
    if old_id != new_id:
        raise UsageError(
            f"{shown(old, 160)} declares agency '{shown(old_id)}' and {shown(new, 160)} agency "
            f"'{shown(new_id)}'; compare two versions of one agency's declaration, or two "
            "collection folders"
        )
    return diff_collections([declarations["OLD"]], [declarations["NEW"]])


def _load_folders(old: Path, new: Path) -> CollectionDiff:
    loaded = []
    for label, path in (("OLD", old), ("NEW", new)):
        root = folder_root(path)
        try:
            collection = load_collection(root)
        except CollectionError as error:
            raise UsageError(str(error), remedy=Remedy.VALIDATE, target=str(root)) from None
        if collection.excluded or collection.flawed:
            raise _errors_error(label, (collection.excluded or collection.flawed)[0])
        loaded.append(collection)
    if loaded[0].collection.calendar is not loaded[1].collection.calendar:
        raise UsageError("OLD and NEW use different calendars; months and dates cannot be compared")
    return diff_collections(loaded[0].declarations, loaded[1].declarations)


def _is_collection(path: Path) -> bool:
    return path.is_dir() or path.name == COLLECTION_FILE


def compare_paths(old: Path, new: Path, *, calendar: Calendar | None = None) -> Comparison:
    """Load two declaration files or two collection folders and compare them.

    Raises ``UsageError`` (never a traceback) for a missing path, a mix of a file and a
    folder, a file or collection with errors, or declarations of two different agencies.
    """
    for label, path in (("OLD", old), ("NEW", new)):
        if not path.exists():
            raise UsageError(f"{label} {path}: no such file or folder")
    kinds = (_is_collection(old), _is_collection(new))
    if kinds[0] != kinds[1]:
        raise UsageError(
            f"{old} and {new}: compare two declaration files or two collection folders, "
            "not one of each"
        )
    if kinds[0]:
        return Comparison("collections", str(old), str(new), _load_folders(old, new))
    return Comparison("declarations", str(old), str(new), _load_files(old, new, calendar))
