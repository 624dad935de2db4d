"""Hatchling build hook: compile the optional YAML accelerator, never require it.

``egov_audit/io/_fastyaml.c`` is compiled with the C compiler Python was built with (from
``sysconfig``; ``CC``, ``CFLAGS`` and ``LDFLAGS`` in the environment are honoured) and
linked with the system libyaml (``-lyaml``, header ``yaml.h``). On any failure (no
compiler, no ``yaml.h``, no libyaml, a module that does not import) the build prints a
warning and goes on: the package then uses its pure-Python loader, with the same results.

- a wheel (``pip install .``) gets the module and a platform tag only when it was built;
- an editable install (``pip install -e .``) compiles it in place, into
  ``egov_audit/io/`` (git-ignored), where the source tree imports it;
- ``EGOV_AUDIT_NO_BUILD_EXT=1`` skips the build.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import sysconfig
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

SOURCE = Path("egov_audit") / "io" / "_fastyaml.c"
MODULE = "egov_audit/io/_fastyaml"


class FastYamlBuildHook(BuildHookInterface):
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        self._temporary: str | None = None
        if self.target_name != "wheel":
            return
        if os.environ.get("EGOV_AUDIT_NO_BUILD_EXT", "") not in ("", "0"):
            _warn("EGOV_AUDIT_NO_BUILD_EXT is set: the compiled YAML loader is not built")
            return
        root = Path(self.root)
        suffix = sysconfig.get_config_var("EXT_SUFFIX") or ".so"
        if version == "editable":
            target = root / (MODULE + suffix)
        else:
            self._temporary = tempfile.mkdtemp(prefix="egov-audit-build-")
            target = Path(self._temporary) / ("_fastyaml" + suffix)
        try:
            _compile(root / SOURCE, target)
        except Exception as error:  # any failure means: the pure-Python loader
            _warn(
                f"the compiled YAML loader was not built ({error}); egov-audit will use "
                "its pure-Python loader, with the same results, a little slower. To build "
                "it, install a C compiler and libyaml's headers (e.g. apt-get install gcc "
                "libyaml-dev) and reinstall."
            )
            if version == "editable":
                target.unlink(missing_ok=True)
            return
        print("egov-audit build: built the compiled YAML loader", file=sys.stderr, flush=True)
        build_data["pure_python"] = False
        build_data["infer_tag"] = True
        if version != "editable":
            build_data["force_include"][str(target)] = MODULE + suffix

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        temporary = getattr(self, "_temporary", None)
        if temporary:
            shutil.rmtree(temporary, ignore_errors=True)


def _warn(message: str) -> None:
    print(f"egov-audit build: WARNING: {message}", file=sys.stderr, flush=True)


def _config(name: str) -> list[str]:
    return shlex.split(os.environ.get(name) or sysconfig.get_config_var(name) or "")


def _compile(source: Path, target: Path) -> None:
    compiler = _config("CC")
    if not compiler:
        raise RuntimeError("no C compiler is configured")
    if "CC" not in os.environ and shutil.which(compiler[0]) is None and shutil.which("cc"):
        compiler = ["cc", *compiler[1:]]
    linker = _config("LDSHARED") if "CC" not in os.environ else [*compiler, "-shared"]
    if not linker or shutil.which(linker[0]) is None:
        linker = [*compiler, "-shared"]
    include = sysconfig.get_paths()["include"]
    cflags = [
        *shlex.split(sysconfig.get_config_var("CFLAGS") or ""),
        *shlex.split(sysconfig.get_config_var("CCSHARED") or ""),
        *shlex.split(os.environ.get("CFLAGS", "")),
    ]
    with tempfile.TemporaryDirectory(prefix="egov-audit-cc-") as scratch:
        obj = Path(scratch) / "_fastyaml.o"
        _run([*compiler, *cflags, "-O2", f"-I{include}", "-c", str(source), "-o", str(obj)])
        ldflags = shlex.split(os.environ.get("LDFLAGS", ""))
        built = Path(scratch) / target.name
        _run([*linker, str(obj), *ldflags, "-lyaml", "-o", str(built)])
        _check_import(built)
        # a rename, never a rewrite in place: a running process may have the old one mapped
        shutil.copy2(built, target.with_name(target.name + ".new"))
        os.replace(target.with_name(target.name + ".new"), target)


def _run(command: list[str]) -> None:
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=300)
    except (OSError, subprocess.SubprocessError) as error:
        raise RuntimeError(f"{command[0]}: {error}") from None
    if result.returncode != 0:
        output = (result.stderr or result.stdout).strip().splitlines()
        said = " ".join(output[-3:])[:400] or f"exit status {result.returncode}"
        raise RuntimeError(f"{command[0]} failed: {said}")


def _check_import(target: Path) -> None:
    """Load the module in a fresh interpreter: it links and reads a document."""
    probe = (
        "import importlib.util, sys\n"
        f"spec = importlib.util.spec_from_file_location('_fastyaml', {str(target)!r})\n"
        "module = importlib.util.module_from_spec(spec)\n"
        "spec.loader.exec_module(module)\n"
        "assert module.load('a: [1, x]\\n', 32, 100) == {'a': [1, 'x']}\n"
    )
    _run([sys.executable, "-c", probe])
