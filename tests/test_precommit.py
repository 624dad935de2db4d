"""The pre-commit hook, done when: a commit that breaks a declaration is rejected with a
``file:line:col`` message, and accepted once fixed.

The hook's entry, args, files pattern and pass_filenames are read from the repository's
real ``.pre-commit-hooks.yaml``. With the ``pre-commit`` tool installed, it runs them as a
``repo: local`` hook; without it (no network installs at test time), a git ``pre-commit``
hook script does what pre-commit would: run the entry with the args when a staged file
matches ``files``. ``egov-audit`` is run as ``python -m egov_audit`` so PATH does not matter.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
HOOK_ID = "egov-audit-validate"

EMULATED_HOOK = """\
#!{python}
# What pre-commit does for one hook: run it when a staged file matches `files`.
import json, re, subprocess, sys

hook = json.loads({hook!r})
staged = subprocess.run(
    ["git", "diff", "--cached", "--name-only", "--diff-filter=ACMRTUXB", "-z"],
    capture_output=True, text=True, check=True,
).stdout.split("\\0")
matching = [name for name in staged if name and re.search(hook["files"], name)]
if not matching:
    sys.exit(0)
command = hook["command"] + hook.get("args", [])
if hook.get("pass_filenames", True):
    command += matching
sys.exit(subprocess.run(command).returncode)
"""


def _hook() -> dict[str, Any]:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    (hook,) = [h for h in hooks if h["id"] == HOOK_ID]
    assert hook["language"] == "python"
    assert hook["files"] == r"\.ya?ml$"
    entry = shlex.split(hook["entry"])
    assert entry[0] == "egov-audit"
    hook["command"] = [sys.executable, "-m", "egov_audit", *entry[1:]]
    return dict(hook)


def _git(repo: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["git", *args],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def _install(repo: Path, env: dict[str, str], hook: dict[str, Any]) -> None:
    if importlib.util.find_spec("pre_commit") is not None:
        config = {
            "repos": [
                {
                    "repo": "local",
                    "hooks": [
                        {
                            "id": hook["id"],
                            "name": hook["name"],
                            "entry": shlex.join(hook["command"]),
                            "language": "system",
                            "files": hook["files"],
                            "pass_filenames": hook.get("pass_filenames", True),
                            "args": hook.get("args", []),
                        }
                    ],
                }
            ]
        }
        (repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
        installed = subprocess.run(
            [sys.executable, "-m", "pre_commit", "install"],
            cwd=repo,
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert installed.returncode == 0, installed.stdout + installed.stderr
        return
    script = repo / ".git" / "hooks" / "pre-commit"
    emulated = {k: hook[k] for k in ("files", "command", "args", "pass_filenames") if k in hook}
    script.write_text(
        EMULATED_HOOK.format(python=sys.executable, hook=json.dumps(emulated)), encoding="utf-8"
    )
    script.chmod(0o755)


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_a_commit_breaking_a_declaration_is_rejected_until_fixed(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    # A collection repository: collection.yaml at the root, as the hook's default args expect.
    shutil.copytree(ROOT / "inventories" / "qom", repo)
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("GITHUB_", "GIT_", "PRE_COMMIT"))
    }
    env.update(
        GIT_CONFIG_GLOBAL=os.devnull,
        GIT_CONFIG_NOSYSTEM="1",
        GIT_AUTHOR_NAME="Test",
        GIT_AUTHOR_EMAIL="test@example.org",
        GIT_COMMITTER_NAME="Test",
        GIT_COMMITTER_EMAIL="test@example.org",
        HOME=str(tmp_path),
        NO_COLOR="1",
        COLUMNS="200",
    )
    assert _git(repo, env, "init", "--quiet").returncode == 0
    _install(repo, env, _hook())

    def commit(message: str) -> subprocess.CompletedProcess[str]:
        assert _git(repo, env, "add", "--all").returncode == 0
        return _git(repo, env, "commit", "--quiet", "-m", message)

    def commits() -> int:
        return int(_git(repo, env, "rev-list", "--count", "HEAD").stdout)

    first = commit("Qom inventory")
    assert first.returncode == 0, first.stdout + first.stderr
    assert commits() == 1

    declaration = repo / "agencies" / "abfa.yaml"
    lines = declaration.read_text(encoding="utf-8").splitlines(keepends=True)
    index = next(i for i, line in enumerate(lines) if line.strip() == "status: full")
    column = lines[index].index("full") + 1
    lines[index] = lines[index].replace("full", "fully")
    name = next(i for i, line in enumerate(lines) if line.startswith("    name: "))
    lines[name] = lines[name].rstrip("\n") + " (renamed)\n"
    declaration.write_text("".join(lines), encoding="utf-8")

    broken = commit("Break abfa")
    output = broken.stdout + broken.stderr
    assert broken.returncode != 0, output
    assert re.search(
        rf"^agencies/abfa\.yaml:{index + 1}:{column}: error \[schema/enum\]", output, re.M
    ), output
    assert commits() == 1

    lines[index] = lines[index].replace("fully", "full")
    declaration.write_text("".join(lines), encoding="utf-8")
    fixed = commit("Rename an abfa service")
    assert fixed.returncode == 0, fixed.stdout + fixed.stderr
    assert commits() == 2
