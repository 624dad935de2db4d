"""Writing a generated collection folder atomically, shared by the generators in tools/."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def staged_folder(output: Path, *, force: bool) -> Iterator[Path]:
    """A fresh folder next to ``output`` to write into; it becomes ``output`` on success.

    An existing ``output`` is refused unless ``force``, and replaced only once the new
    folder is complete (moved aside first, then deleted). On any failure the staging
    folder is removed and ``output`` is left as it was.
    """
    if output.exists() and not force:
        raise SystemExit(f"{output} exists; pass --force to replace it")
    output.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{output.name}-", dir=output.parent))
    try:
        (staging / "agencies").mkdir()
        yield staging
        if output.exists():
            trash = Path(tempfile.mkdtemp(prefix=f".{output.name}-old-", dir=output.parent))
            output.rename(trash / output.name)
            staging.rename(output)
            shutil.rmtree(trash, ignore_errors=True)
        else:
            staging.rename(output)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
