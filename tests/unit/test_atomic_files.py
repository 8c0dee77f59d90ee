"""Writing files whole or not at all, and telling a dead writer's leftovers from a live one's file."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from borgerservice_desk import atomic_files


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def _temp_of(target: Path, host: str, pid: int) -> Path:
    temp = target.with_name(f"{atomic_files.TEMP_PREFIX}{target.name}.{host}.{pid}")
    temp.write_bytes(b"half")
    return temp


def test_a_write_replaces_the_old_file_whole_and_only_the_owner_may_read_it(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "A.ics"
    atomic_files.write_atomically(target, b"old")
    atomic_files.write_atomically(target, b"new content")
    assert target.read_bytes() == b"new content"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert list(target.parent.iterdir()) == [target]


def test_the_temporary_file_names_its_target_host_and_process(tmp_path: Path) -> None:
    temp = atomic_files.write_temp(tmp_path / "BSD-20261127-AB12-CD34.pdf", b"%PDF")
    assert temp.name.startswith(".tmp-BSD-20261127-AB12-CD34.pdf.")
    assert temp.name.endswith(f".{os.getpid()}")
    assert atomic_files.target_name_of(temp) == "BSD-20261127-AB12-CD34.pdf"
    assert atomic_files.target_name_of(tmp_path / ".tmp-x1y2z3.pdf") is None  # an older desk's name
    assert atomic_files.target_name_of(tmp_path / "BSD-1.pdf") is None


def test_publish_without_replace_keeps_an_existing_file_and_the_temporary_one(tmp_path: Path) -> None:
    target = tmp_path / "R.pdf"
    target.write_bytes(b"first")
    temp = atomic_files.write_temp(target, b"second")
    with pytest.raises(FileExistsError):
        atomic_files.publish(temp, target, replace=False)
    assert target.read_bytes() == b"first" and temp.read_bytes() == b"second"


def test_a_leftover_of_a_dead_process_on_this_host_is_abandoned(tmp_path: Path) -> None:
    host = atomic_files.temp_path_for(tmp_path / "x").name.rsplit(".", 2)[1]
    dead = _temp_of(tmp_path / "A.pdf", host, _dead_pid())
    mine = _temp_of(tmp_path / "B.pdf", host, os.getpid())
    assert atomic_files.is_abandoned(dead)
    assert not atomic_files.is_abandoned(mine)


def test_another_hosts_file_is_judged_by_its_age(tmp_path: Path) -> None:
    young = _temp_of(tmp_path / "A.pdf", "otherhost", 1)
    old = _temp_of(tmp_path / "B.pdf", "otherhost", 1)
    long_ago = time.time() - atomic_files.STALE_AFTER_SECONDS - 5
    os.utime(old, (long_ago, long_ago))
    assert not atomic_files.is_abandoned(young)
    assert atomic_files.is_abandoned(old)
    assert not atomic_files.is_abandoned(tmp_path / "gone.pdf")


def test_the_clean_up_removes_only_abandoned_files(tmp_path: Path) -> None:
    host = atomic_files.temp_path_for(tmp_path / "x").name.rsplit(".", 2)[1]
    (tmp_path / "a").mkdir()
    dead = _temp_of(tmp_path / "a" / "A.pdf", host, _dead_pid())
    live = atomic_files.write_temp(tmp_path / "B.pdf", b"being written")
    finished = tmp_path / "C.pdf"
    finished.write_bytes(b"done")
    assert atomic_files.remove_abandoned_temp_files(tmp_path) == [dead]
    assert live.exists() and finished.exists()
