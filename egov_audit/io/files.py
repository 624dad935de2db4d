"""Writing files the way every egov-audit command does: atomically, never overwriting unasked,
and respecting what is already there.

``write_new_file(path, text, force=...)``:

* a path that does not exist is created atomically (a temporary file in the same folder,
  hard-linked into place, so a file appearing meanwhile is never overwritten either);
* an existing path is only written with ``force``, and then according to what it is:

  - a regular file is replaced atomically (a reader sees the old or the new content,
    never half of it), keeping its permissions and, where allowed, its owner and group;
  - a character device or a FIFO (``/dev/null``, ``/dev/stdout``, a named pipe) is
    written into in place, as a shell redirection would: it is never replaced;
  - a symbolic link is followed: what it points to is written as above, the link stays;
    a link to nothing is refused (it is unclear what was meant);
  - a folder, a block device or a socket is refused.

Every failure is a :class:`~egov_audit.model.errors.UsageError` naming the path and the
reason (no space left, permission denied), never an ``OSError``.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

from egov_audit.model.errors import OutputExistsError, UsageError


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _reason(error: OSError) -> str:
    return (error.strerror or str(error)).lower()


def write_new_file(path: Path, text: str | bytes, *, force: bool) -> None:
    """Write ``text`` (or bytes: a PDF) to ``path``; an existing path only with ``force``
    (see the module)."""
    try:
        existing = os.lstat(path)
    except FileNotFoundError:
        existing = None
    except OSError as error:
        raise UsageError(f"{path}: cannot write here: {_reason(error)}") from None
    if existing is None:
        _write_new(path, text)
        return
    if stat.S_ISDIR(existing.st_mode):
        raise UsageError(f"{path} is a folder")
    if not force:
        raise OutputExistsError(str(path))
    target = path
    if stat.S_ISLNK(existing.st_mode):
        try:
            existing = os.stat(path)
        except OSError as error:
            raise UsageError(
                f"{path} is a symbolic link to nothing that exists ({_reason(error)}); "
                "give the path to write itself, or remove the link"
            ) from None
        target = Path(os.path.realpath(path))
    mode = existing.st_mode
    if stat.S_ISREG(mode):
        _replace(target, text, existing)
    elif stat.S_ISCHR(mode) or stat.S_ISFIFO(mode):
        _write_in_place(path, text)
    elif stat.S_ISDIR(mode):
        raise UsageError(f"{path} is a folder")
    else:
        if stat.S_ISBLK(mode):
            kind = "a block device"
        elif stat.S_ISSOCK(mode):
            kind = "a socket"
        else:
            kind = "not a regular file"
        raise UsageError(f"{path} is {kind}; give the path of a file to write")


def _folder_of(path: Path) -> Path:
    folder = path.parent
    if not folder.is_dir():
        raise UsageError(f"{folder}: no such folder")
    return folder


def _temporary(path: Path, text: str | bytes) -> str:
    """A temporary file next to ``path`` holding ``text``."""
    folder = _folder_of(path)
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as error:
        raise UsageError(f"{folder}: cannot write here: {_reason(error)}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(_encoded(text))
    except OSError as error:
        Path(tmp).unlink(missing_ok=True)
        raise UsageError(f"cannot write {path}: {_reason(error)}") from None
    return tmp


def _write_new(path: Path, text: str | bytes) -> None:
    tmp = _temporary(path, text)
    try:
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; keep the usual permissions
        try:
            os.link(tmp, path)
        except FileExistsError:
            raise OutputExistsError(str(path)) from None
        except OSError:  # no hard links here (some network or FAT file systems)
            if os.path.lexists(path):
                raise OutputExistsError(str(path)) from None
            os.replace(tmp, path)
    except OSError as error:
        raise UsageError(f"cannot write {path}: {_reason(error)}") from None
    finally:
        Path(tmp).unlink(missing_ok=True)


def _replace(path: Path, text: str | bytes, existing: os.stat_result) -> None:
    """Replace a regular file atomically, keeping its owner, group and permissions."""
    tmp = _temporary(path, text)
    try:
        if (existing.st_uid, existing.st_gid) != (os.geteuid(), os.getegid()):
            try:
                os.chown(tmp, existing.st_uid, existing.st_gid)
            except OSError:  # not root: keep at least the group, if we belong to it
                with contextlib.suppress(OSError):
                    os.chown(tmp, -1, existing.st_gid)
        os.chmod(tmp, stat.S_IMODE(existing.st_mode))  # after chown, which clears set-id bits
        os.replace(tmp, path)
    except OSError as error:
        raise UsageError(f"cannot write {path}: {_reason(error)}") from None
    finally:
        Path(tmp).unlink(missing_ok=True)


def _encoded(text: str | bytes) -> bytes:
    """Text as UTF-8 (a lone surrogate escaped), bytes as they are."""
    return text if isinstance(text, bytes) else text.encode("utf-8", "backslashreplace")


def _write_in_place(path: Path, text: str | bytes) -> None:
    """Write into a device or FIFO (opening a FIFO waits for a reader, as a shell would)."""
    data = _encoded(text)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_NOCTTY | getattr(os, "O_CLOEXEC", 0))
    except OSError as error:
        raise UsageError(f"cannot write {path}: {_reason(error)}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
    except OSError as error:
        raise UsageError(f"cannot write {path}: {_reason(error)}") from None


def make_folder(folder: Path) -> None:
    """Create ``folder`` (its parent must exist) unless it is there."""
    if folder.is_dir():
        return
    try:
        folder.mkdir()
    except OSError as error:
        raise UsageError(f"cannot create the folder {folder}: {_reason(error)}") from None


def append_to_file(path: Path, text: str, *, what: str) -> None:
    """Append ``text`` to ``path`` (created if missing), e.g. a CI step summary; ``what``
    names the path in the error when it cannot be written."""
    try:
        with open(path, "a", encoding="utf-8", errors="backslashreplace") as handle:
            handle.write(text)
    except OSError as error:
        raise UsageError(f"{what}={path}: cannot write to it: {_reason(error)}") from None
