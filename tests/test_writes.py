"""Writing outputs respects the file system: devices, FIFOs, symbolic links, modes, owners,
and collection folders whose agencies/ leads elsewhere."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from typer.testing import CliRunner

from egov_audit.cli.app import app


def _cli(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code != 3, result.stderr
    return result.exit_code, result.stdout, result.stderr


def _report_to(mini: Path, target: Path, *extra: str) -> tuple[int, str, str]:
    return _cli("report", str(mini), "-f", "json", "-p", "1399", "-o", str(target), *extra)


def _device(path: Path, major: int, minor: int) -> Path:
    try:
        os.mknod(path, 0o666 | stat.S_IFCHR, os.makedev(major, minor))
    except (PermissionError, OSError) as error:
        pytest.skip(f"cannot make a device node here: {error}")
    return path


def _usable(path: Path) -> bool:
    try:
        os.close(os.open(path, os.O_WRONLY))
    except OSError:
        return False
    return True


def test_a_character_device_is_written_in_place(mini: Path, tmp_path: Path) -> None:
    null = _device(tmp_path / "null", 1, 3)
    code, _out, err = _report_to(mini, null)
    assert code == 2 and "--force" in err  # it exists: never written unasked
    code, _out, err = _report_to(mini, null, "--force")
    assert stat.S_ISCHR(os.lstat(null).st_mode), "the device was replaced"
    assert code == (0 if _usable(null) else 2), err
    assert [p.name for p in tmp_path.iterdir()] == ["null"]  # no temporary file left


def test_a_full_device_is_a_clear_error(mini: Path, tmp_path: Path) -> None:
    full = _device(tmp_path / "full", 1, 7)
    if not _usable(full):
        pytest.skip("device nodes cannot be opened on this file system")
    code, _out, err = _report_to(mini, full, "--force")
    assert code == 2
    assert "no space left" in err.lower()
    assert stat.S_ISCHR(os.lstat(full).st_mode)


def test_a_fifo_is_written_in_place(mini: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []

    def read() -> None:
        with open(fifo, "rb") as handle:
            received.append(handle.read())

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    code, _out, err = _report_to(mini, fifo, "--force")
    reader.join(timeout=30)
    assert code == 0, err
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert received and received[0].startswith(b"{")


def test_a_symbolic_link_is_followed_to_its_file(mini: Path, tmp_path: Path) -> None:
    real = tmp_path / "real.json"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.json"
    link.symlink_to(real.name)
    code, _out, err = _report_to(mini, link)
    assert code == 2 and "exists" in err
    code, _out, err = _report_to(mini, link, "--force")
    assert code == 0, err
    assert link.is_symlink()
    assert real.read_text(encoding="utf-8").startswith("{")


def test_a_dangling_symbolic_link_is_refused(mini: Path, tmp_path: Path) -> None:
    link = tmp_path / "link.json"
    link.symlink_to(tmp_path / "missing" / "x.json")
    for extra in ((), ("--force",)):
        code, _out, err = _report_to(mini, link, *extra)
        assert code == 2
        assert "link" in err
    assert link.is_symlink() and not (tmp_path / "missing").exists()


def test_a_replaced_file_keeps_its_mode_and_owner(mini: Path, tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o600)
    owner = (os.getuid(), os.getgid())
    if os.geteuid() == 0:
        owner = (1234, 5678)
        os.chown(target, *owner)
    code, _out, err = _report_to(mini, target, "--force")
    assert code == 0, err
    info = os.stat(target)
    assert stat.S_IMODE(info.st_mode) == 0o600
    assert (info.st_uid, info.st_gid) == owner
    assert target.read_text(encoding="utf-8").startswith("{")


def test_a_new_file_gets_the_usual_permissions(mini: Path, tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    assert _report_to(mini, target)[0] == 0
    mask = os.umask(0)
    os.umask(mask)
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o666 & ~mask


def test_folders_and_sockets_are_refused(mini: Path, tmp_path: Path) -> None:
    import socket

    folder = tmp_path / "folder"
    folder.mkdir()
    assert _report_to(mini, folder, "--force")[0] == 2
    short = Path("/tmp") / f"egov-sock-{os.getpid()}"
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(short))
        try:
            code, _out, err = _report_to(mini, short, "--force")
            assert code == 2 and "socket" in err
            assert stat.S_ISSOCK(os.lstat(short).st_mode)
        finally:
            short.unlink()


def _collection_with_linked_agencies(tmp_path: Path, mini: Path) -> tuple[Path, Path]:
    root = tmp_path / "collection"
    root.mkdir()
    shutil.copy(mini / "collection.yaml", root / "collection.yaml")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (root / "agencies").symlink_to(elsewhere)
    return root, elsewhere


def test_init_refuses_an_agencies_folder_leading_out(mini: Path, tmp_path: Path) -> None:
    root, elsewhere = _collection_with_linked_agencies(tmp_path, mini)
    code, _out, err = _cli("init", "delta", "-c", str(root), "--declared-on", "1399-07-01")
    assert code == 2
    assert "agencies" in err and "outside" in err
    assert list(elsewhere.iterdir()) == []


def test_import_refuses_an_agencies_folder_leading_out(mini: Path, tmp_path: Path) -> None:
    root, elsewhere = _collection_with_linked_agencies(tmp_path, mini)
    sheet = Path(__file__).parent / "data" / "sheets" / "delta-fa.csv"
    code, _out, err = _cli(
        "import", str(sheet), "-a", "delta", "-c", str(root), "--declared-on", "1399-07-01"
    )
    assert code == 2
    assert "outside" in err
    assert list(elsewhere.iterdir()) == []


def test_init_refuses_a_declaration_linked_out(mini: Path, tmp_path: Path) -> None:
    root = tmp_path / "collection"
    shutil.copytree(mini, root)
    outside = tmp_path / "outside.yaml"
    outside.write_text("keep: me\n", encoding="utf-8")
    (root / "agencies" / "delta.yaml").symlink_to(outside)
    code, _out, err = _cli(
        "init", "delta", "-c", str(root), "--declared-on", "1399-07-01", "--force"
    )
    assert code == 2 and "outside" in err
    assert outside.read_text(encoding="utf-8") == "keep: me\n"


def test_init_inside_a_linked_agencies_folder_within_the_collection(
    mini: Path, tmp_path: Path
) -> None:
    root = tmp_path / "collection"
    root.mkdir()
    shutil.copy(mini / "collection.yaml", root / "collection.yaml")
    (root / "declarations").mkdir()
    (root / "agencies").symlink_to("declarations")
    code, _out, err = _cli("init", "delta", "-c", str(root), "--declared-on", "1399-07-01")
    assert code == 0, err
    assert (root / "declarations" / "delta.yaml").is_file()


def test_stdout_on_a_full_disk(mini: Path) -> None:
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full")
    for args in (["validate", str(mini)], ["report", str(mini), "-f", "json"], ["rules"]):
        with open("/dev/full", "w") as full:
            done = subprocess.run(
                [sys.executable, "-m", "egov_audit", *args],
                stdout=full,
                stderr=subprocess.PIPE,
                text=True,
                timeout=120,
                check=False,
            )
        assert done.returncode == 2, (args, done.stderr)
        assert "standard output" in done.stderr
        assert "Traceback" not in done.stderr
        assert "Exception ignored" not in done.stderr
