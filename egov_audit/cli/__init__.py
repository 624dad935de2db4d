"""The command line: one module per command; the only code that knows typer and exit codes.

:func:`main` (the ``egov-audit`` entry point and ``python -m egov_audit``) first asks the
output cache (:mod:`~egov_audit.cli.replay`), so that a command whose output is cached
is answered before typer, rich or any check is imported. ``egov_audit.cli.app`` is the
typer application, imported on first use.
"""

from __future__ import annotations

import sys
import types
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from egov_audit.cli.app import app

__all__ = ["app", "main"]


def main() -> None:
    """Entry point: answer from the output cache, else run the command line."""
    from egov_audit.cli import replay

    replay.run(_run_app)


def _run_app() -> None:
    from egov_audit.cli.app import main as run

    run()


class _Package(types.ModuleType):
    """This package, whose ``app`` is the typer application even once its module
    ``egov_audit.cli.app`` has been imported (importing a module binds its name in the
    package; here that name stays the application, as an eager import would leave it)."""

    @property
    def app(self) -> Any:
        from egov_audit.cli.app import app as application

        return application

    @app.setter
    def app(self, _module: Any) -> None:
        pass  # the import system binding the module: the name keeps the application


sys.modules[__name__].__class__ = _Package
