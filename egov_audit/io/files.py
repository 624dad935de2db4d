"""Writing files the way every egov-audit command does: atomically, never overwriting unasked."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from egov_audit.model.errors import OutputExistsError, UsageError


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_new_file(path: Path, text: str, *, force: bool) -> None:
    """Write ``text`` to ``path`` atomically; refuse an existing file unless ``force``.

    Without ``force`` the temporary file is hard-linked into place, which fails if the
    file appeared meanwhile, so nothing is ever overwritten by a race either.
    """
    if path.exists() and not force:
        raise OutputExistsError(str(path))
    if path.is_dir():
        raise UsageError(f"{path} is a folder")
    folder = path.parent
    if not folder.is_dir():
        raise UsageError(f"{folder}: no such folder")
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as error:
        raise UsageError(f"{folder}: cannot write here: {error.strerror or error}") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; keep the usual permissions
        if force:
            os.replace(tmp, path)
        else:
            try:
                os.link(tmp, path)
            except FileExistsError:
                raise OutputExistsError(str(path)) from None
            except OSError:  # no hard links here (some network or FAT file systems)
                if path.exists():
                    raise OutputExistsError(str(path)) from None
                os.replace(tmp, path)
    finally:
        Path(tmp).unlink(missing_ok=True)
